# A small GPT-2 forward pass on ml's pure-Python backend (or the one named by
# the second argument, e.g. accel): every logit of the last position printed
# exactly, so the runs under CPython and under our runtime on our OS can be
# compared byte for byte.
import os
import sys
import time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
from ml import tensor as nd
backend = sys.argv[2] if len(sys.argv) > 2 else "python"
nd.set_backend(backend)
from ml.gpt2 import GPT, GPTConfig

# "tiny" is the preset the host tests use; "mini" has ~1,500 weights, because
# on rv32 the weight init (64-bit splitmix on 16-bit-digit bigints) costs
# millions of instructions per weight
size = sys.argv[1] if len(sys.argv) > 1 else "mini"
if size == "tiny":
    config = GPTConfig.preset("tiny")
    tokens = [1, 5, 9, 2, 7, 3, 0, 4]
else:
    config = GPTConfig(vocab_size=32, block_size=4, n_layer=1, n_head=2, n_embd=8)
    tokens = [1, 5, 9, 2]
model = GPT(config, seed=0, backend=backend)
x = nd.array([tokens], dtype=nd.INT32)
start = time.perf_counter()
logits, _ = model.forward(x)
seconds = time.perf_counter() - start
print(logits.shape, model.num_params())
print(" ".join(repr(v) for v in logits.data.tolist()[0][-1]))
# on our OS in the emulator the clock counts retired instructions (cpu_hz)
print("forward seconds:", seconds, file=sys.stderr)
if backend == "accel":
    from ml.tensor import backend_accel
    dev = backend_accel.device()
    print("accelerator:", dev.name, "runs:", dev.runs, "busy cycles:", dev.busy_cycles, file=sys.stderr)
