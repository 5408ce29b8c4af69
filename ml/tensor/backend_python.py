"""Pure-Python backend: the readable reference for every primitive kernel.
Buffers are array.array ('f' float32, 'i' int32); a view is any object with
buf, shape, strides (in elements) and offset. Results are computed in double
and rounded to float32 on store."""
import math
import struct
from array import array

name = 'python'
TYPECODE = {'float32': 'f', 'int32': 'i'}
M64 = (1 << 64) - 1
BIG_ENDIAN = struct.pack('=i', 1) != struct.pack('<i', 1)  # files are little-endian


def alloc(n, dtype):
    return array(TYPECODE[dtype], bytes(4 * n))


empty = alloc  # an output buffer; every kernel writes all of it


def from_list(values, dtype):
    if dtype == 'int32':
        values = [int(v) for v in values]
    return array(TYPECODE[dtype], values)


def from_bytes(data, dtype):
    buf = array(TYPECODE[dtype])
    buf.frombytes(data)
    if BIG_ENDIAN:
        buf.byteswap()
    return buf


def to_list(v):
    return [v.buf[o] for o in offsets(v.shape, v.strides, v.offset)]


def to_bytes(v):
    buf = array(v.buf.typecode, to_list(v))
    if BIG_ENDIAN:
        buf.byteswap()
    return buf.tobytes()


def offsets(shape, strides, offset):
    """Buffer offsets of every element of a view, in row-major order."""
    offs = [offset]
    for n, s in zip(shape, strides):
        offs = [o + i * s for o in offs for i in range(n)]
    return offs


def _all(v):
    return offsets(v.shape, v.strides, v.offset)


def _store(dst, values):
    buf = dst.buf
    if dst.dtype == 'int32':
        values = [int(x) for x in values]
    for o, x in zip(_all(dst), values):
        buf[o] = x


def copy(dst, src):
    _store(dst, to_list(src))


def _exp(x):
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf


def _log(x):
    return math.log(x) if x > 0 else (-math.inf if x == 0 else math.nan)


def _sqrt(x):
    return math.sqrt(x) if x >= 0 else math.nan


def _div(a, b):
    if b == 0:
        return math.nan if a == 0 or a != a else math.copysign(math.inf, a) * math.copysign(1, b)
    return a / b


def _pow(a, b):
    try:
        r = a ** b
    except (OverflowError, ZeroDivisionError):
        return math.inf
    return math.nan if isinstance(r, complex) else r


GELU_C = math.sqrt(2 / math.pi)


def _gelu(x):
    return 0.5 * x * (1 + math.tanh(GELU_C * (x + 0.044715 * x ** 3)))


def _gelu_grad(x):
    t = math.tanh(GELU_C * (x + 0.044715 * x ** 3))
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * 0.044715 * x * x)


UNARY = {'neg': lambda x: -x, 'exp': _exp, 'log': _log, 'sqrt': _sqrt, 'tanh': math.tanh,
         'relu': lambda x: x if x > 0 else 0 * x, 'cos': math.cos, 'gelu': _gelu, 'gelu_grad': _gelu_grad}
BINARY = {'add': lambda a, b: a + b, 'sub': lambda a, b: a - b, 'mul': lambda a, b: a * b,
          'div': _div, 'pow': _pow, 'max': lambda a, b: a if a > b or a != a else b,
          'lt': lambda a, b: 1 if a < b else 0, 'eq': lambda a, b: 1 if a == b else 0}


def _map(f, dst, *srcs):
    _store(dst, [f(*xs) for xs in zip(*[to_list(s) for s in srcs])])


def unary(op, dst, src):
    _map(UNARY[op], dst, src)


def binary(op, dst, a, b):
    _map(BINARY[op], dst, a, b)


def where(dst, cond, a, b):
    _map(lambda c, x, y: x if c else y, dst, cond, a, b)


def _split(v, axes):
    """Offsets of the kept positions (outer) and of the reduced ones (inner)."""
    outer = offsets([1 if i in axes else n for i, n in enumerate(v.shape)], v.strides, v.offset)
    inner = offsets([n if i in axes else 1 for i, n in enumerate(v.shape)], v.strides, 0)
    return outer, inner


def _argmax(vals):
    best = 0
    for i, x in enumerate(vals):
        if x > vals[best] or (x != x and vals[best] == vals[best]):
            best = i
    return best


def reduce(op, dst, src, axes):
    outer, inner = _split(src, axes)
    buf = src.buf
    if op == 'sum':
        out = [math.fsum(buf[o + i] for i in inner) if src.dtype == 'float32' else
               sum(buf[o + i] for i in inner) for o in outer]
    elif op == 'max':
        out = [_max([buf[o + i] for i in inner]) for o in outer]
    elif op == 'argmax':
        out = [_argmax([buf[o + i] for i in inner]) for o in outer]
    else:
        raise ValueError('unknown reduction %r' % op)
    _store(dst, out)


def _max(vals):
    return vals[_argmax(vals)]


def matmul(dst, a, b):
    nb = len(a.shape) - 2
    m, k, n = a.shape[-2], a.shape[-1], b.shape[-1]
    sam, sak = a.strides[-2:]
    sbk, sbn = b.strides[-2:]
    outs = []
    for oa, ob in zip(offsets(a.shape[:nb], a.strides[:nb], a.offset),
                      offsets(b.shape[:nb], b.strides[:nb], b.offset)):
        for i in range(m):
            row = [a.buf[oa + i * sam + p * sak] for p in range(k)]
            for j in range(n):
                col = ob + j * sbn
                outs.append(math.fsum(row[p] * b.buf[col + p * sbk] for p in range(k)))
    _store(dst, outs)


def _index_loops(v, axis):
    pre = offsets(v.shape[:axis], v.strides[:axis], v.offset)
    post = offsets(v.shape[axis + 1:], v.strides[axis + 1:], 0)
    return pre, post, v.strides[axis]


def _check(i, n):
    if not -n <= i < n:
        raise IndexError('index %d is out of bounds for axis of size %d' % (i, n))
    return i % n


def gather(dst, src, idx, axis):
    pre, post, step = _index_loops(src, axis)
    n = src.shape[axis]
    ids = [_check(i, n) for i in to_list(idx)]
    _store(dst, [src.buf[p + i * step + q] for p in pre for i in ids for q in post])


def scatter_add(dst, idx, src, axis):
    pre, post, step = _index_loops(dst, axis)
    n = dst.shape[axis]
    ids = [_check(i, n) for i in to_list(idx)]
    vals = iter(to_list(src))
    for p in pre:
        for i in ids:
            for q in post:
                o = p + i * step + q
                dst.buf[o] = dst.buf[o] + next(vals)


def _splitmix(z):
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9 & M64
    z = (z ^ (z >> 27)) * 0x94D049BB133111EB & M64
    return z ^ (z >> 31)


def random(dst, seed, counter):
    """Uniform [0, 1) float32: the top 24 bits of splitmix64(seed, counter + i)."""
    key = _splitmix(seed & M64)
    _store(dst, [(_splitmix((key + (counter + i) * 0x9E3779B97F4A7C15) & M64) >> 40) * (1.0 / (1 << 24))
                 for i in range(dst.size)])
