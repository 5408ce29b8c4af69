"""numpy backend: the same primitive kernels as backend_python, at host speed.
Buffers are flat numpy arrays; a view becomes a numpy view (reshape when it is
contiguous, as_strided otherwise) so no kernel copies its inputs."""
import numpy as np
from numpy.lib.stride_tricks import as_strided

name = 'numpy'
DTYPE = {'float32': np.float32, 'int32': np.int32}


def alloc(n, dtype):
    return np.zeros(n, DTYPE[dtype])


def empty(n, dtype):
    return np.empty(n, DTYPE[dtype])


def from_list(values, dtype):
    return np.array(values, DTYPE[dtype]).reshape(-1)


def from_bytes(data, dtype):
    return np.frombuffer(data, np.dtype(DTYPE[dtype]).newbyteorder('<')).astype(DTYPE[dtype])


def np_view(v):
    buf = v.buf
    if v.is_contiguous and v.size == buf.size:
        return buf.reshape(v.shape)
    base = buf[v.offset:] if v.offset else buf
    return as_strided(base, v.shape, [s * 4 for s in v.strides])


def to_list(v):
    return np_view(v).reshape(-1).tolist()


def to_bytes(v):
    return np.ascontiguousarray(np_view(v)).astype(np.dtype(v.buf.dtype).newbyteorder('<')).tobytes()


def copy(dst, src):
    np.copyto(np_view(dst), np_view(src), casting='unsafe')


def _relu(x, out):
    return np.maximum(x, 0, out=out)


GELU_C = np.float32(0.7978845608028654)  # sqrt(2 / pi)


def _gelu_tanh(x, out):
    """tanh(C (x + 0.044715 x^3)) into out, in place."""
    np.multiply(x, x, out=out)
    out *= np.float32(0.044715)
    out += np.float32(1)
    out *= x
    out *= GELU_C
    return np.tanh(out, out=out)


def _gelu(x, out):
    t = _gelu_tanh(x, out)
    t += np.float32(1)
    t *= x
    t *= np.float32(0.5)


def _gelu_grad(x, out):
    t = _gelu_tanh(x, np.empty_like(out))
    np.multiply(x, x, out=out)
    out *= np.float32(3 * 0.044715)
    out += np.float32(1)
    out *= GELU_C
    out *= x
    out *= np.float32(0.5)
    out *= (np.float32(1) - t * t)
    t += np.float32(1)
    t *= np.float32(0.5)
    out += t


UNARY = {'neg': np.negative, 'exp': np.exp, 'log': np.log, 'sqrt': np.sqrt, 'tanh': np.tanh,
         'relu': _relu, 'cos': np.cos, 'gelu': _gelu, 'gelu_grad': _gelu_grad}
BINARY = {'add': np.add, 'sub': np.subtract, 'mul': np.multiply, 'div': np.divide,
          'pow': np.power, 'max': np.maximum, 'lt': np.less, 'eq': np.equal}


def unary(op, dst, src):
    UNARY[op](np_view(src), out=np_view(dst))


def binary(op, dst, a, b):
    BINARY[op](np_view(a), np_view(b), out=np_view(dst), casting='unsafe')


def where(dst, cond, a, b):
    np.copyto(np_view(dst), np.where(np_view(cond) != 0, np_view(a), np_view(b)), casting='unsafe')


def reduce(op, dst, src, axes):
    x, out = np_view(src), np_view(dst)
    if op == 'sum':
        np.sum(x, axis=axes, keepdims=True, out=out)
    elif op == 'max':
        np.max(x, axis=axes, keepdims=True, out=out)
    elif op == 'argmax':
        np.copyto(out, np.argmax(x, axis=axes[0], keepdims=True), casting='unsafe')
    else:
        raise ValueError('unknown reduction %r' % op)


def matmul(dst, a, b):
    np.matmul(np_view(a), np_view(b), out=np_view(dst))


def gather(dst, src, idx, axis):
    np.take(np_view(src), np_view(idx), axis=axis, out=np_view(dst))


def scatter_add(dst, idx, src, axis):
    np.add.at(np_view(dst), (slice(None),) * axis + (np_view(idx),), np_view(src))


M64 = np.uint64((1 << 64) - 1)


def _splitmix(z):
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def random(dst, seed, counter):
    """Uniform [0, 1) float32, bit-identical to backend_python.random."""
    with np.errstate(all='ignore'):
        key = _splitmix(np.uint64(seed & ((1 << 64) - 1)))
        i = np.arange(dst.size, dtype=np.uint64) + np.uint64(counter)
        z = _splitmix(key + i * np.uint64(0x9E3779B97F4A7C15))
        np_view(dst)[...] = ((z >> np.uint64(40)).astype(np.float32) * np.float32(1.0 / (1 << 24))).reshape(dst.shape)
