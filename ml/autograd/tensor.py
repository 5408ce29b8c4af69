"""Tensor: an NDArray plus reverse-mode autograd. Each differentiable op
computes its result with NDArray ops and, when an input requires grad, records
its parents and a closure mapping the output gradient to input gradients."""
from .. import tensor as nd
from ..tensor.ndarray import NDArray, prod, _axes

_grad_enabled = [True]


class no_grad:
    """Context manager: ops inside record no graph (inference, optimizer steps)."""

    def __enter__(self):
        self.prev = _grad_enabled[0]
        _grad_enabled[0] = False

    def __exit__(self, *exc):
        _grad_enabled[0] = self.prev


def unbroadcast(g, shape):
    """Sum a gradient over the axes that broadcasting added or stretched."""
    if g.shape == tuple(shape):
        return g
    lead = g.ndim - len(shape)
    axes = tuple(range(lead)) + tuple(lead + i for i, n in enumerate(shape) if n == 1 and g.shape[lead + i] != 1)
    return g.sum(axes, keepdims=True).reshape(shape) if axes else g.reshape(shape)


def kept_shape(shape, axis):
    """The shape of a reduction over `axis` with keepdims=True."""
    axes = _axes(axis, len(shape))
    return tuple(1 if i in axes else n for i, n in enumerate(shape))


def _data(x, like):
    if isinstance(x, Tensor):
        return x.data
    return like._coerce(x)


class Tensor:
    __slots__ = ('data', 'grad', 'requires_grad', '_parents', '_backward')

    def __init__(self, data, requires_grad=False, dtype=None, backend=None):
        if not isinstance(data, NDArray):
            data = nd.array(data, dtype, backend)
        elif dtype and data.dtype != dtype:
            data = data.astype(dtype)
        self.data, self.grad, self.requires_grad = data, None, requires_grad
        self._parents, self._backward = (), None

    shape = property(lambda self: self.data.shape)
    ndim = property(lambda self: self.data.ndim)
    dtype = property(lambda self: self.data.dtype)
    size = property(lambda self: self.data.size)

    def __repr__(self):
        return 'Tensor(%r%s)' % (self.data.tolist(), ', requires_grad=True' if self.requires_grad else '')

    def tolist(self):
        return self.data.tolist()

    def item(self):
        return self.data.item()

    def detach(self):
        return Tensor(self.data)

    def _make(self, data, parents, backward):
        out = Tensor(data)
        if _grad_enabled[0] and any(p.requires_grad for p in parents):
            out.requires_grad, out._parents, out._backward = True, parents, backward
        return out

    def _lift(self, x):
        return x if isinstance(x, Tensor) else Tensor(self.data._coerce(x))

    # ---- backward ------------------------------------------------------------
    def backward(self, grad=None):
        if not self.requires_grad:
            raise RuntimeError('backward() on a tensor that does not require grad')
        if grad is None:
            if self.size != 1:
                raise RuntimeError('backward() without a gradient needs a single-element tensor')
            grad = nd.ones(self.shape, backend=self.data.backend)
        elif isinstance(grad, Tensor):
            grad = grad.data
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            t, done = stack.pop()
            if done:
                order.append(t)
            elif id(t) not in seen:
                seen.add(id(t))
                stack.append((t, True))
                stack.extend((p, False) for p in t._parents if p.requires_grad)
        grads = {id(self): grad}
        for t in reversed(order):
            g = grads.pop(id(t), None)
            if g is None:
                continue
            if t._backward is None:
                g = g.contiguous()
                t.grad = Tensor(g) if t.grad is None else Tensor(t.grad.data + g)
                continue
            for p, pg in zip(t._parents, t._backward(g)):
                if pg is not None and p.requires_grad:
                    grads[id(p)] = pg if id(p) not in grads else grads[id(p)] + pg
            t._parents, t._backward = (), None

    # ---- elementwise ---------------------------------------------------------
    def __add__(self, o):
        o = self._lift(o)
        return self._make(self.data + o.data, (self, o),
                          lambda g: (unbroadcast(g, self.shape), unbroadcast(g, o.shape)))

    def __sub__(self, o):
        o = self._lift(o)
        return self._make(self.data - o.data, (self, o),
                          lambda g: (unbroadcast(g, self.shape), unbroadcast(-g, o.shape)))

    def __mul__(self, o):
        o = self._lift(o)
        return self._make(self.data * o.data, (self, o),
                          lambda g: (unbroadcast(g * o.data, self.shape) if self.requires_grad else None,
                                     unbroadcast(g * self.data, o.shape) if o.requires_grad else None))

    def __truediv__(self, o):
        o = self._lift(o)
        return self._make(self.data / o.data, (self, o),
                          lambda g: (unbroadcast(g / o.data, self.shape) if self.requires_grad else None,
                                     unbroadcast(-g * self.data / (o.data * o.data), o.shape)
                                     if o.requires_grad else None))

    __radd__ = lambda self, o: self._lift(o) + self
    __rsub__ = lambda self, o: self._lift(o) - self
    __rmul__ = lambda self, o: self._lift(o) * self
    __rtruediv__ = lambda self, o: self._lift(o) / self

    def __pow__(self, o):
        o = self._lift(o)
        out = self.data ** o.data

        def backward(g):
            ga = gb = None
            if self.requires_grad:
                ga = unbroadcast(g * o.data * self.data ** (o.data - 1), self.shape)
            if o.requires_grad:
                gb = unbroadcast(g * out * self.data.log(), o.shape)
            return ga, gb
        return self._make(out, (self, o), backward)

    def __neg__(self):
        return self._make(-self.data, (self,), lambda g: (-g,))

    def exp(self):
        out = self.data.exp()
        return self._make(out, (self,), lambda g: (g * out,))

    def log(self):
        return self._make(self.data.log(), (self,), lambda g: (g / self.data,))

    def sqrt(self):
        out = self.data.sqrt()
        return self._make(out, (self,), lambda g: (g * 0.5 / out,))

    def tanh(self):
        out = self.data.tanh()
        return self._make(out, (self,), lambda g: (g * (1 - out * out),))

    def relu(self):
        return self._make(self.data.relu(), (self,), lambda g: (g * (self.data > 0),))

    def maximum(self, o):
        o = self._lift(o)
        a, b = self.data, o.data
        # Ties share the gradient equally, as torch.maximum does.
        share = (a > b) + a.eq(b) * 0.5
        return self._make(a.maximum(b), (self, o),
                          lambda g: (unbroadcast(g * share, self.shape), unbroadcast(g * (1 - share), o.shape)))

    def where(self, cond, other):
        """cond ? self : other (cond is a constant mask)."""
        o = self._lift(other)
        c = cond.data if isinstance(cond, Tensor) else cond
        return self._make(c.where(self.data, o.data), (self, o),
                          lambda g: (unbroadcast(c.where(g, 0), self.shape), unbroadcast(c.where(0, g), o.shape)))

    def masked_fill(self, mask, value):
        m = mask.data if isinstance(mask, Tensor) else mask
        return self._make(m.where(value, self.data), (self,), lambda g: (m.where(0, g),))

    # comparisons give constant masks
    __lt__ = lambda self, o: Tensor(self.data < _data(o, self.data))
    __gt__ = lambda self, o: Tensor(self.data > _data(o, self.data))
    __le__ = lambda self, o: Tensor(self.data <= _data(o, self.data))
    __ge__ = lambda self, o: Tensor(self.data >= _data(o, self.data))
    eq = lambda self, o: Tensor(self.data.eq(_data(o, self.data)))

    # ---- reductions ----------------------------------------------------------
    def sum(self, axis=None, keepdims=False):
        out = self.data.sum(axis, keepdims)
        kept = kept_shape(self.shape, axis)
        return self._make(out, (self,), lambda g: (g.reshape(kept).expand(self.shape),))

    def mean(self, axis=None, keepdims=False):
        n = self.size // max(prod(kept_shape(self.shape, axis)), 1)
        return self.sum(axis, keepdims) * (1.0 / n)

    def var(self, axis=None, keepdims=False, correction=0):
        n = self.size // max(prod(kept_shape(self.shape, axis)), 1)
        d = self - self.mean(axis, keepdims=True)
        return (d * d).sum(axis, keepdims) * (1.0 / max(n - correction, 0))

    def max(self, axis=None, keepdims=False):
        m = self.data.max(axis, keepdims=True)
        hit = self.data.eq(m)
        share = hit / hit.sum(axis, keepdims=True)  # ties share, like torch.amax
        axes = _axes(axis, self.ndim)
        out = m if keepdims else m.reshape([n for i, n in enumerate(self.shape) if i not in axes])
        return self._make(out, (self,), lambda g: (share * g.reshape(m.shape),))

    def min(self, axis=None, keepdims=False):
        return -((-self).max(axis, keepdims))

    def argmax(self, axis=None, keepdims=False):
        return Tensor(self.data.argmax(axis, keepdims))

    # ---- shape ---------------------------------------------------------------
    def reshape(self, *shape):
        return self._make(self.data.reshape(*shape), (self,), lambda g: (g.reshape(self.shape),))

    view = reshape

    def permute(self, *axes):
        if len(axes) == 1 and isinstance(axes[0], (tuple, list)):
            axes = tuple(axes[0])
        axes = tuple(a % self.ndim for a in axes)
        inverse = tuple(axes.index(i) for i in range(len(axes)))
        return self._make(self.data.permute(axes), (self,), lambda g: (g.permute(inverse),))

    def transpose(self, a=-2, b=-1):
        axes = list(range(self.ndim))
        axes[a], axes[b] = axes[b], axes[a]
        return self.permute(axes)

    T = property(lambda self: self.permute(tuple(reversed(range(self.ndim)))))

    def expand(self, *shape):
        out = self.data.expand(*shape)
        return self._make(out, (self,), lambda g: (unbroadcast(g, self.shape),))

    def unsqueeze(self, axis):
        return self._make(self.data.unsqueeze(axis), (self,), lambda g: (g.reshape(self.shape),))

    def squeeze(self, axis=None):
        return self._make(self.data.squeeze(axis), (self,), lambda g: (g.reshape(self.shape),))

    def contiguous(self):
        return self._make(self.data.contiguous(), (self,), lambda g: (g,))

    def __getitem__(self, key):
        def backward(g):
            full = nd.zeros(self.shape, self.dtype, self.data.backend)
            full[key] = g
            return (full,)
        return self._make(self.data[key], (self,), backward)

    def take(self, indices, axis=0):
        """Rows of self picked by integer indices (embedding lookup)."""
        idx = indices.data if isinstance(indices, Tensor) else indices
        axis = axis % self.ndim

        def backward(g):
            full = nd.zeros(self.shape, self.dtype, self.data.backend)
            flat = g.reshape(self.shape[:axis] + (idx.size,) + self.shape[axis + 1:])
            return (full.scatter_add(idx, flat, axis),)
        return self._make(self.data.take(idx, axis), (self,), backward)

    def __matmul__(self, o):
        a, b = self.data, o.data

        def backward(g):
            ga = unbroadcast(nd.matmul(g, b.transpose()), self.shape) if self.requires_grad else None
            gb = unbroadcast(nd.matmul(a.transpose(), g), o.shape) if o.requires_grad else None
            return ga, gb
        return self._make(nd.matmul(a, b), (self, o), backward)

    matmul = __matmul__


def cat(tensors, axis=0):
    out = nd.concatenate([t.data for t in tensors], axis)
    axis = axis % out.ndim
    bounds, start = [], 0
    for t in tensors:
        bounds.append((start, start + t.shape[axis]))
        start += t.shape[axis]

    def backward(g):
        return tuple(g[(slice(None),) * axis + (slice(s, e),)] for s, e in bounds)
    return tensors[0]._make(out, tuple(tensors), backward)


def stack(tensors, axis=0):
    return cat([t.unsqueeze(axis) for t in tensors], axis)


def tensor(data, requires_grad=False, dtype=None, backend=None):
    return Tensor(data, requires_grad, dtype, backend)


def zeros(shape, requires_grad=False, backend=None):
    return Tensor(nd.zeros(shape, backend=backend), requires_grad)


def ones(shape, requires_grad=False, backend=None):
    return Tensor(nd.ones(shape, backend=backend), requires_grad)


def randn(shape, requires_grad=False, generator=None, backend=None):
    return Tensor((generator or nd.default_generator).randn(shape, backend), requires_grad)


def numel(shape):
    return prod(shape)
