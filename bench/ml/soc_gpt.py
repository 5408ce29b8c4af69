# Runs on our OS (and on the host under CPython, for the expected logits):
# GPT-2 forward passes with weights from weights-SIZE.safetensors (saved on
# the host by bench_soc.py: on rv32 the init's 64-bit RNG would take longer
# than the bench). Prints the last position's logits exactly, and per pass
# the seconds (on our OS the clock counts instructions at 100 MHz) and the
# accelerator's busy cycles.   python soc_gpt.py SIZE BACKEND PASSES
import os
import sys
import time
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, "/")                  # ml/ on the OS image; on the host: PYTHONPATH
from ml import tensor as nd
size, backend, passes = sys.argv[1], sys.argv[2], int(sys.argv[3])
nd.set_backend(backend)
from ml.autograd import no_grad
from ml.gpt2 import GPT, GPTConfig

SIZES = {"mini": (dict(vocab_size=32, block_size=4, n_layer=1, n_head=2, n_embd=8), 4),
         "tiny": (dict(vocab_size=65, block_size=32, n_layer=2, n_head=2, n_embd=32), 32)}
config, tokens = SIZES[size]
nd.Generator.rand = nd.Generator.randn = lambda self, shape, backend=None: nd.zeros(shape, backend=backend)
model = GPT(GPTConfig(**config), backend=backend).eval()
weights, _ = nd.load(os.path.join(HERE, "weights-%s.safetensors" % size), backend)
model.load_state_dict(weights)
x = nd.array([[i * 7 % config["vocab_size"] for i in range(tokens)]], dtype=nd.INT32, backend=backend)
dev = None
if backend == "accel":
    from ml.tensor import backend_accel
    dev = backend_accel.device()
for i in range(passes):
    busy = dev.busy_cycles if dev else 0
    start = time.perf_counter()
    with no_grad():
        logits, _ = model.forward(x)
    seconds = time.perf_counter() - start
    print("@pass", size, backend, i, seconds, (dev.busy_cycles - busy) if dev else 0)
print("@logits", size, backend, " ".join(repr(v) for v in logits.data.tolist()[0][-1]))
