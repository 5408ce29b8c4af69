"""Composite layers with hand-written gradients: one graph node each instead of
a chain of elementwise nodes, which keeps the graph small and the host fast."""
import math
from .. import tensor as nd
from ..autograd.tensor import Tensor, unbroadcast



def softmax(x, axis=-1):
    e = (x.data - x.data.max(axis, keepdims=True)).exp()
    y = e / e.sum(axis, keepdims=True)
    return x._make(y, (x,), lambda g: (y * (g - (g * y).sum(axis, keepdims=True)),))


def log_softmax(x, axis=-1):
    z = x.data - x.data.max(axis, keepdims=True)
    y = z - z.exp().sum(axis, keepdims=True).log()
    return x._make(y, (x,), lambda g: (g - y.exp() * g.sum(axis, keepdims=True),))


def gelu(x):
    """GELU, tanh approximation (GPT-2's gelu_new): one fused kernel each way."""
    return x._make(x.data.unary('gelu'), (x,), lambda g: (g * x.data.unary('gelu_grad'),))


def relu(x):
    return x.relu()


def layer_norm(x, weight, bias, eps=1e-5):
    a = x.data
    xc = a - a.mean(-1, keepdims=True)
    rstd = 1.0 / ((xc * xc).mean(-1, keepdims=True) + eps).sqrt()
    xhat = xc * rstd
    y = xhat * weight.data + bias.data

    def backward(g):
        gw = unbroadcast(g * xhat, weight.shape) if weight.requires_grad else None
        gb = unbroadcast(g, bias.shape) if bias.requires_grad else None
        gx = None
        if x.requires_grad:
            gh = g * weight.data
            gx = rstd * (gh - gh.mean(-1, keepdims=True) - xhat * (gh * xhat).mean(-1, keepdims=True))
        return gx, gw, gb
    return x._make(y, (x, weight, bias), backward)


def linear(x, weight, bias=None):
    """x @ weight.T + bias, with weight [out, in] like torch.nn.Linear."""
    if x.shape[-1] != weight.shape[1]:
        raise ValueError('shape mismatch in linear: input %s, weight %s' % (x.shape, weight.shape))
    lead = x.shape[:-1]
    y = x.reshape(-1, x.shape[-1]) @ weight.T
    if bias is not None:
        y = y + bias
    return y.reshape(lead + (weight.shape[0],))


def embedding(idx, weight):
    return weight.take(idx, 0)


def cross_entropy(logits, targets, ignore_index=None):
    """Mean negative log-likelihood of integer targets; logits [..., C]."""
    t = targets.data if isinstance(targets, Tensor) else targets
    c = logits.shape[-1]
    if logits.shape[:-1] != t.shape:
        raise ValueError('shape mismatch in cross_entropy: logits %s, targets %s' % (logits.shape, t.shape))
    z = logits.data.reshape(-1, c)
    z = z - z.max(-1, keepdims=True)
    lsm = z - z.exp().sum(-1, keepdims=True).log()
    n = z.shape[0]
    flat = nd.arange(n, backend=z.backend) * c + t.reshape(-1)
    keep = None if ignore_index is None else 1 - t.reshape(-1).eq(ignore_index)
    if keep is not None:
        flat = keep.where(flat, 0)
    picked = lsm.reshape(-1).take(flat)
    count = n if keep is None else max(keep.sum().item(), 1)
    loss = -(picked if keep is None else picked * keep).sum() * (1.0 / count)

    def backward(g):
        gz = lsm.exp().reshape(-1)
        gz.scatter_add(flat, -1.0 * (nd.ones((n,), backend=z.backend) if keep is None else keep.astype('float32')))
        gz = gz.reshape(z.shape)
        if keep is not None:
            gz = gz * keep.reshape(n, 1)
        return ((gz * (g * (1.0 / count))).reshape(logits.shape),)
    return logits._make(loss, (logits,), backward)


def dropout(x, p, training=True, generator=None):
    if not training or p == 0:
        return x
    gen = generator or nd.default_generator
    keep = gen.rand(x.shape, x.data.backend) >= p
    scale = keep * (1.0 / (1.0 - p))
    return x._make(x.data * scale, (x,), lambda g: (g * scale,))


def causal_self_attention(qkv, n_head, mask):
    """softmax(q k^T / sqrt(d), causal) v for each head, from the fused
    projection qkv [B, T, 3C] to [B, T, C]; one graph node with the
    gradients written out, so q, k and v never need separate buffers."""
    b, t, c3 = qkv.shape
    c = c3 // 3
    heads = qkv.data.reshape(b, t, 3, n_head, c // n_head).permute(2, 0, 3, 1, 4)
    q, k, v = heads[0], heads[1], heads[2]
    scale = 1.0 / math.sqrt(c // n_head)
    att = mask.where(-math.inf, nd.matmul(q, k.transpose()) * scale)
    e = (att - att.max(-1, keepdims=True)).exp()
    p = e / e.sum(-1, keepdims=True)
    y = nd.matmul(p, v).permute(0, 2, 1, 3).reshape(b, t, c)

    def backward(g):
        g4 = g.reshape(b, t, n_head, c // n_head).permute(0, 2, 1, 3)
        gp = nd.matmul(g4, v.transpose())
        gatt = p * (gp - (gp * p).sum(-1, keepdims=True)) * scale
        out = nd.zeros((b, t, 3, n_head, c // n_head), qkv.dtype, qkv.data.backend)
        grads = out.permute(2, 0, 3, 1, 4)
        grads[0] = nd.matmul(gatt, k)
        grads[1] = nd.matmul(gatt.transpose(), q)
        grads[2] = nd.matmul(p.transpose(), g4)
        return (out.reshape(b, t, c3),)
    return qkv._make(y, (qkv,), backward)
