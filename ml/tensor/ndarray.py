"""NDArray: a strided n-dimensional array (shape, strides, offset over a flat
backend buffer). Views only change the metadata; every computation is one of
the backend primitives listed in docs/tensor-ops.md."""
import math
from .backends import get_backend

FLOAT32 = 'float32'
INT32 = 'int32'
DTYPES = (FLOAT32, INT32)
FLOAT_UNARY = ('exp', 'log', 'sqrt', 'tanh', 'cos', 'gelu', 'gelu_grad')


def prod(xs):
    n = 1
    for x in xs:
        n *= x
    return n


def contiguous_strides(shape):
    strides, step = [], 1
    for n in reversed(shape):
        strides.append(step)
        step *= n
    return tuple(reversed(strides))


def broadcast_shapes(*shapes):
    ndim = max(len(s) for s in shapes)
    out = []
    for i in range(ndim):
        sizes = set()
        for s in shapes:
            j = i - ndim + len(s)
            if j >= 0 and s[j] != 1:
                sizes.add(s[j])
        if len(sizes) > 1:
            raise ValueError('shape mismatch: %s cannot be broadcast together' %
                             ' and '.join(str(tuple(s)) for s in shapes))
        out.append(sizes.pop() if sizes else 1)
    return tuple(out)


def result_dtype(a, b):
    return FLOAT32 if FLOAT32 in (a, b) else INT32


def _cast(x, dtype):
    return x if x.dtype == dtype else x.astype(dtype)


def _shape_args(args):
    """f(2, 3) and f((2, 3)) both mean the shape (2, 3)."""
    return tuple(args[0]) if len(args) == 1 and isinstance(args[0], (tuple, list)) else tuple(args)


def _axis(axis, ndim):
    if not -ndim <= axis < max(ndim, 1):
        raise ValueError('axis %d out of range for %d dimensions' % (axis, ndim))
    return axis % ndim if ndim else 0


def _axes(axis, ndim):
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, int):
        axis = (axis,)
    return tuple(sorted(set(_axis(a, ndim) for a in axis)))


class NDArray:
    __slots__ = ('buf', 'shape', 'strides', 'offset', 'dtype', 'backend', 'size', 'is_contiguous')

    def __init__(self, buf, shape, dtype, backend, strides=None, offset=0):
        self.buf, self.shape, self.dtype, self.backend = buf, tuple(shape), dtype, backend
        natural = contiguous_strides(self.shape)
        self.strides = natural if strides is None else tuple(strides)
        self.offset, self.size = offset, prod(self.shape)
        self.is_contiguous = strides is None or self.strides == natural

    ndim = property(lambda self: len(self.shape))

    def _new(self, shape, dtype=None):
        dtype = dtype or self.dtype
        return NDArray(self.backend.empty(prod(shape), dtype), shape, dtype, self.backend)

    def _view(self, shape, strides, offset=None):
        return NDArray(self.buf, shape, self.dtype, self.backend, strides,
                       self.offset if offset is None else offset)

    def _coerce(self, other):
        if isinstance(other, NDArray):
            return other
        dtype = FLOAT32 if isinstance(other, float) or self.dtype == FLOAT32 else INT32
        return full((), other, dtype, self.backend)

    # ---- conversion ----------------------------------------------------------
    def tolist(self):
        flat = self.backend.to_list(self)
        if not self.shape:
            return flat[0]
        for n in reversed(self.shape[1:]):
            flat = [flat[i:i + n] for i in range(0, len(flat), n)]
        return flat

    def item(self):
        if self.size != 1:
            raise ValueError('item() needs a single element, got shape %s' % (self.shape,))
        return self.backend.to_list(self)[0]

    def tobytes(self):
        return self.backend.to_bytes(self)

    def astype(self, dtype):
        out = self._new(self.shape, dtype)
        self.backend.copy(out, self)
        return out

    def copy(self):
        return self.astype(self.dtype)

    def contiguous(self):
        return self if self.is_contiguous else self.copy()

    def to(self, backend):
        return frombytes(self.tobytes(), self.shape, self.dtype, backend)

    def __repr__(self):
        return 'NDArray(%r, dtype=%s)' % (self.tolist(), self.dtype)

    def __len__(self):
        return self.shape[0]

    # ---- views ---------------------------------------------------------------
    def reshape(self, *shape):
        shape = _shape_args(shape)
        if -1 in shape:
            known = prod(n for n in shape if n != -1)
            shape = tuple(self.size // known if n == -1 and known else n for n in shape)
        if prod(shape) != self.size:
            raise ValueError('cannot reshape %s into %s' % (self.shape, tuple(shape)))
        src = self.contiguous()
        return NDArray(src.buf, shape, src.dtype, src.backend, None, src.offset)

    def permute(self, *axes):
        axes = _shape_args(axes)
        axes = tuple(_axis(a, self.ndim) for a in axes)
        if sorted(axes) != list(range(self.ndim)):
            raise ValueError('permute needs each of %d axes once, got %s' % (self.ndim, axes))
        return self._view([self.shape[a] for a in axes], [self.strides[a] for a in axes])

    def transpose(self, a=-2, b=-1):
        axes = list(range(self.ndim))
        a, b = _axis(a, self.ndim), _axis(b, self.ndim)
        axes[a], axes[b] = axes[b], axes[a]
        return self.permute(axes)

    T = property(lambda self: self.permute(tuple(reversed(range(self.ndim)))))

    def expand(self, *shape):
        shape = _shape_args(shape)
        if tuple(shape) == self.shape:
            return self
        if broadcast_shapes(self.shape, shape) != tuple(shape):
            raise ValueError('cannot broadcast %s to %s' % (self.shape, tuple(shape)))
        lead = len(shape) - self.ndim
        strides = [0] * lead + [0 if n == 1 else s for n, s in zip(self.shape, self.strides)]
        return self._view(shape, strides)

    broadcast_to = expand

    def unsqueeze(self, axis):
        axis = _axis(axis, self.ndim + 1)
        return self._view(self.shape[:axis] + (1,) + self.shape[axis:],
                          self.strides[:axis] + (1,) + self.strides[axis:])

    def squeeze(self, axis=None):
        axes = [i for i, n in enumerate(self.shape) if n == 1] if axis is None else _axes(axis, self.ndim)
        for a in axes:
            if self.shape[a] != 1:
                raise ValueError('cannot squeeze axis %d of size %d' % (a, self.shape[a]))
        keep = [i for i in range(self.ndim) if i not in axes]
        return self._view([self.shape[i] for i in keep], [self.strides[i] for i in keep])

    def __getitem__(self, key):
        if not isinstance(key, tuple):
            key = (key,)
        if Ellipsis in key:
            i = key.index(Ellipsis)
            fill = self.ndim - (len(key) - 1 - key.count(None))
            key = key[:i] + (slice(None),) * fill + key[i + 1:]
        shape, strides, offset, dim = [], [], self.offset, 0
        for k in key:
            if k is None:
                shape.append(1)
                strides.append(0)
                continue
            if dim >= self.ndim:
                raise IndexError('too many indices for shape %s' % (self.shape,))
            n, s = self.shape[dim], self.strides[dim]
            if isinstance(k, slice):
                start, stop, step = k.indices(n)
                shape.append(max(0, (stop - start + (step - (1 if step > 0 else -1))) // step))
                strides.append(s * step)
                offset += start * s
            else:
                if not -n <= k < n:
                    raise IndexError('index %d out of range for axis %d of size %d' % (k, dim, n))
                offset += (k % n) * s
            dim += 1
        return self._view(tuple(shape) + self.shape[dim:], tuple(strides) + self.strides[dim:], offset)

    def __setitem__(self, key, value):
        dst = self[key]
        self.backend.copy(dst, self._coerce(value).expand(dst.shape))

    # ---- elementwise ---------------------------------------------------------
    def unary(self, op):
        src = _cast(self, FLOAT32) if op in FLOAT_UNARY else self
        out = self._new(self.shape, src.dtype)
        self.backend.unary(op, out, src)
        return out

    def binary(self, op, other, reverse=False):
        a, b = self, self._coerce(other)
        if reverse:
            a, b = b, a
        dtype = FLOAT32 if op == 'div' else result_dtype(a.dtype, b.dtype)
        a, b = _cast(a, dtype), _cast(b, dtype)
        shape = a.shape if a.shape == b.shape else broadcast_shapes(a.shape, b.shape)
        out = self._new(shape, dtype)
        self.backend.binary(op, out, a.expand(shape), b.expand(shape))
        return out

    def where(self, a, b):
        """self != 0 picks a, else b (numpy.where(self, a, b))."""
        a, b = self._coerce(a), self._coerce(b)
        dtype = result_dtype(a.dtype, b.dtype)
        a, b = _cast(a, dtype), _cast(b, dtype)
        shape = broadcast_shapes(self.shape, a.shape, b.shape)
        out = self._new(shape, dtype)
        self.backend.where(out, self.expand(shape), a.expand(shape), b.expand(shape))
        return out

    neg = lambda self: self.unary('neg')
    exp = lambda self: self.unary('exp')
    log = lambda self: self.unary('log')
    sqrt = lambda self: self.unary('sqrt')
    tanh = lambda self: self.unary('tanh')
    relu = lambda self: self.unary('relu')
    cos = lambda self: self.unary('cos')
    __neg__ = neg
    __add__ = lambda self, o: self.binary('add', o)
    __radd__ = lambda self, o: self.binary('add', o, True)
    __sub__ = lambda self, o: self.binary('sub', o)
    __rsub__ = lambda self, o: self.binary('sub', o, True)
    __mul__ = lambda self, o: self.binary('mul', o)
    __rmul__ = lambda self, o: self.binary('mul', o, True)
    __truediv__ = lambda self, o: self.binary('div', o)
    __rtruediv__ = lambda self, o: self.binary('div', o, True)
    __pow__ = lambda self, o: self.binary('pow', o)
    __rpow__ = lambda self, o: self.binary('pow', o, True)
    __lt__ = lambda self, o: self.binary('lt', o)
    __gt__ = lambda self, o: self.binary('lt', o, True)
    __le__ = lambda self, o: 1 - self.binary('lt', o, True)
    __ge__ = lambda self, o: 1 - self.binary('lt', o)
    __matmul__ = lambda self, o: matmul(self, o)
    maximum = lambda self, o: self.binary('max', o)
    minimum = lambda self, o: -((-self).binary('max', -self._coerce(o)))
    eq = lambda self, o: self.binary('eq', o)
    abs = lambda self: self.maximum(-self)

    # ---- reductions ----------------------------------------------------------
    def reduce(self, op, axis=None, keepdims=False):
        axes = _axes(axis, self.ndim)
        kept = tuple(1 if i in axes else n for i, n in enumerate(self.shape))
        out = self._new(kept, INT32 if op == 'argmax' else self.dtype)
        if self.size == 0 and op != 'sum':
            raise ValueError('%s of an empty array' % op)
        self.backend.reduce(op, out, self, axes)
        if keepdims:
            return out
        return out.reshape([n for i, n in enumerate(self.shape) if i not in axes])

    sum = lambda self, axis=None, keepdims=False: self.reduce('sum', axis, keepdims)
    max = lambda self, axis=None, keepdims=False: self.reduce('max', axis, keepdims)
    min = lambda self, axis=None, keepdims=False: -(-self).reduce('max', axis, keepdims)

    def mean(self, axis=None, keepdims=False):
        n = prod(self.shape[a] for a in _axes(axis, self.ndim))
        return self.astype(FLOAT32).sum(axis, keepdims) * (1.0 / n)

    def var(self, axis=None, keepdims=False, ddof=0):
        n = prod(self.shape[a] for a in _axes(axis, self.ndim))
        d = self - self.mean(axis, keepdims=True)
        return (d * d).sum(axis, keepdims) * (1.0 / max(n - ddof, 0))

    def argmax(self, axis=None, keepdims=False):
        if axis is None:
            return self.reshape(-1).reduce('argmax', 0, keepdims)
        return self.reduce('argmax', axis, keepdims)

    # ---- indexing ------------------------------------------------------------
    def take(self, indices, axis=0):
        """numpy.take: out[..., i..., ...] = self[..., indices[i...], ...]."""
        axis = _axis(axis, self.ndim)
        idx = _cast(indices if isinstance(indices, NDArray) else array(indices, INT32, self.backend), INT32)
        out = self._new(self.shape[:axis] + (idx.size,) + self.shape[axis + 1:])
        self.backend.gather(out, self, idx.reshape(-1), axis)
        return out.reshape(self.shape[:axis] + idx.shape + self.shape[axis + 1:])

    def scatter_add(self, indices, src, axis=0):
        """In place: self[..., indices[i], ...] += src[..., i, ...]; indices 1-D."""
        self.backend.scatter_add(self, indices.reshape(-1), src, _axis(axis, self.ndim))
        return self

    def tril(self, k=0):
        return tri_mask(self.shape[-2], self.shape[-1], k, self.backend).where(self, 0)

    def triu(self, k=0):
        return tri_mask(self.shape[-2], self.shape[-1], k - 1, self.backend).where(0, self)


# ---- free functions ----------------------------------------------------------
def matmul(a, b):
    if a.ndim < 2 or b.ndim < 2:
        raise ValueError('matmul needs 2 or more dimensions, got %s @ %s' % (a.shape, b.shape))
    if a.shape[-1] != b.shape[-2]:
        raise ValueError('shape mismatch in matmul: %s @ %s' % (a.shape, b.shape))
    batch = broadcast_shapes(a.shape[:-2], b.shape[:-2])
    dtype = result_dtype(a.dtype, b.dtype)
    a, b = _cast(a, dtype), _cast(b, dtype)
    out = a._new(batch + (a.shape[-2], b.shape[-1]), dtype)
    a.backend.matmul(out, a.expand(batch + a.shape[-2:]), b.expand(batch + b.shape[-2:]))
    return out


def _flatten(data):
    """(flat values, shape) of a nested list."""
    if not isinstance(data, (list, tuple)):
        return [data], ()
    parts = [_flatten(d) for d in data]
    shapes = set(shape for _, shape in parts)
    if len(shapes) > 1:
        raise ValueError('ragged nested list: cannot make an array')
    return [x for flat, _ in parts for x in flat], (len(data),) + (shapes.pop() if parts else ())


def array(data, dtype=None, backend=None):
    if isinstance(data, NDArray):
        return data.astype(dtype or data.dtype)
    if hasattr(data, 'tolist'):
        data = data.tolist()
    flat, shape = _flatten(data)
    if dtype is None:
        dtype = FLOAT32 if any(isinstance(x, float) for x in flat) else INT32
    if dtype not in DTYPES:
        raise ValueError('unknown dtype %r (use float32 or int32)' % (dtype,))
    be = get_backend(backend)
    return NDArray(be.from_list(flat, dtype), shape, dtype, be)


def frombytes(data, shape, dtype=FLOAT32, backend=None):
    size = 4 * prod(shape)
    if len(data) != size:
        raise ValueError('expected %d bytes for shape %s, got %d' % (size, tuple(shape), len(data)))
    be = get_backend(backend)
    return NDArray(be.from_bytes(data, dtype), shape, dtype, be)


def full(shape, value, dtype=FLOAT32, backend=None):
    be = get_backend(backend)
    out = NDArray(be.alloc(prod(shape), dtype), shape, dtype, be)
    if value != 0:
        be.copy(out, NDArray(be.from_list([value], dtype), (), dtype, be).expand(out.shape))
    return out


def zeros(shape, dtype=FLOAT32, backend=None):
    return full(shape, 0, dtype, backend)


def ones(shape, dtype=FLOAT32, backend=None):
    return full(shape, 1, dtype, backend)


def arange(start, stop=None, step=1, dtype=INT32, backend=None):
    if stop is None:
        start, stop = 0, start
    return array(list(range(start, stop, step)), dtype, backend)


def eye(n, dtype=FLOAT32, backend=None):
    out = zeros((n, n), dtype, backend)
    out._view((n,), (n + 1,))[...] = 1
    return out


def tri_mask(rows, cols, k=0, backend=None):
    """1 where column - row <= k (the lower triangle of numpy.tril)."""
    r = arange(rows, backend=backend).reshape(rows, 1)
    c = arange(cols, backend=backend).reshape(1, cols)
    return (c - r).binary('lt', k + 1)


def concatenate(arrays, axis=0):
    first = arrays[0]
    axis = _axis(axis, first.ndim)
    for a in arrays:
        if a.ndim != first.ndim or a.shape[:axis] + a.shape[axis + 1:] != first.shape[:axis] + first.shape[axis + 1:]:
            raise ValueError('shape mismatch in concatenate: %s and %s on axis %d' % (first.shape, a.shape, axis))
    shape = list(first.shape)
    shape[axis] = sum(a.shape[axis] for a in arrays)
    out = first._new(shape, first.dtype)
    start = 0
    for a in arrays:
        key = (slice(None),) * axis + (slice(start, start + a.shape[axis]),)
        out[key] = a
        start += a.shape[axis]
    return out


def stack(arrays, axis=0):
    return concatenate([a.unsqueeze(axis) for a in arrays], axis)


class Generator:
    """Counter-based random numbers: value i of stream `seed` is a pure function
    of (seed, i), so every backend produces the same bits."""

    def __init__(self, seed=0):
        self.seed, self.counter = seed, 0

    def rand(self, shape, backend=None):
        be = get_backend(backend)
        out = NDArray(be.alloc(prod(shape), FLOAT32), shape, FLOAT32, be)
        be.random(out, self.seed, self.counter)
        self.counter += out.size
        return out

    def randn(self, shape, backend=None):
        u1, u2 = self.rand(shape, backend), self.rand(shape, backend)
        return ((1.0 - u1).log() * -2.0).sqrt() * (u2 * (2 * math.pi)).cos()

    def randint(self, low, high, count):
        """A list of `count` ints in [low, high); scaled in double precision."""
        u = self.rand((count,), 'python').tolist()
        return [low + int(x * (high - low)) for x in u]

    def state(self):
        return [self.seed, self.counter]

    def set_state(self, state):
        self.seed, self.counter = state


default_generator = Generator(0)


def manual_seed(seed):
    default_generator.set_state([seed, 0])


def rand(shape, backend=None):
    return default_generator.rand(shape, backend)


def randn(shape, backend=None):
    return default_generator.randn(shape, backend)
