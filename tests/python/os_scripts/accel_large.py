# ml's accel backend past one accelerator run: streams longer than the
# driver's 1,024 commands (split by the backend), and a loop whose tensors
# add up to far more memory than the OS has (freed as they die). Under
# CPython it runs on the emulator's model, on our OS through accel_run; the
# two must print the same bytes.
import os
import sys
from array import array
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
from ml import tensor as nd
nd.set_backend("accel")
from ml.tensor import backend_accel


def show(label, t):
    flat = t.reshape(-1)
    print(label, t.shape, repr(flat.sum().item()), " ".join(repr(flat[i].item()) for i in sorted({0, flat.size // 2, flat.size - 1})))


dev = backend_accel.device()
a = nd.frombytes(array("f", [((i * 7) % 13 - 6) * 0.1 for i in range(160 * 132)]).tobytes(), (160, 132))
sq = a * a
runs = dev.runs
mm = a.reshape(40, 4, 132) @ a[:132].T              # 360 tile steps: 1,200 commands
th = a.tanh()                                       # 21 pieces of 1,024 words: 1,160 commands
total = sq.reshape(-1, 1).sum(0)                    # 660 row tiles: 1,330 commands
print("runs of 3 large kernels:", dev.runs - runs, file=sys.stderr)
show("matmul", mm)
show("tanh", th)
show("sum", total)

# 300 ops, each making a 256 KiB tensor: 75 MiB in all, more than the OS's 60
x = nd.full((256, 256), 1.0)
for i in range(150):
    y = x * 1.0001
    x = y + 0.0001
show("loop", x)
