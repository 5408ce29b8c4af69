# ml's accel backend: a matmul, elementwise ops and a softmax on the
# accelerator, every value printed exactly. Under CPython it runs on the
# emulator's model (HostDevice), on our OS through the accel_run system call
# (SoCDevice); the two must print the same bytes.
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
from ml import tensor as nd
nd.set_backend("accel")
from ml.tensor import backend_accel


def show(label, t):
    print(label, t.shape, " ".join(repr(v) for v in t.reshape(-1).tolist()))


a = nd.array([[0.5 * i - 1.25 * j + 0.1 for j in range(5)] for i in range(6)])
b = nd.array([[1.0 / (1 + i + 2 * j) - 0.3 for j in range(3)] for i in range(5)])
show("matmul", nd.matmul(a, b))
show("mul_add", a * 1.5 + a.transpose(0, 1).transpose(0, 1) * a)
show("exp", (a * 0.25).exp())
show("tanh", a.tanh() if hasattr(a, "tanh") else a.unary("tanh"))
row_max = a.reduce("max", axis=-1, keepdims=True)
e = (a - row_max).exp()
show("softmax", e / e.reduce("sum", axis=-1, keepdims=True))
show("sum", a.reduce("sum", axis=0))
dev = backend_accel.device()
print("device:", dev.name, "runs:", dev.runs, file=sys.stderr)
