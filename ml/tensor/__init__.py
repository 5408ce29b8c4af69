"""ml.tensor: a numpy-like strided NDArray over pluggable backends."""
from .backends import get_backend, set_backend
from .ndarray import (NDArray, FLOAT32, INT32, array, frombytes, full, zeros, ones, arange, eye,
                      matmul, concatenate, stack, tri_mask, broadcast_shapes, Generator,
                      default_generator, manual_seed, rand, randn, prod)
from .safetensors import save, load
