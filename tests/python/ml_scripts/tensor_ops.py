# A sample of ml.tensor operations on the pure-Python backend.
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
from ml import tensor as nd
nd.set_backend("python")
a = nd.arange(12).reshape(3, 4)
b = nd.ones((4, 2))
print(a, a.shape, a.dtype)
print(nd.matmul(a.astype(nd.FLOAT32), b))
print(nd.manual_seed(3) if hasattr(nd, "manual_seed") else None)
r = nd.randn((2, 3))
print(r)
print((r * 2.0 + 1.0).exp().sum() if hasattr(r, "sum") else r)
print(nd.concatenate([a, a], 0).shape if hasattr(nd, "concatenate") else None)
