"""The layers of a GPT, with PyTorch's parameter names and shapes."""
import math
from .. import tensor as nd
from ..autograd.tensor import Tensor
from . import functional as F
from .module import Module


def _uniform(shape, bound, gen, backend):
    return Tensor(gen.rand(shape, backend) * (2 * bound) - bound, requires_grad=True)


class Linear(Module):
    def __init__(self, n_in, n_out, bias=True, generator=None, backend=None):
        gen = generator or nd.default_generator
        bound = 1.0 / math.sqrt(n_in)  # torch.nn.Linear's default range
        self.weight = _uniform((n_out, n_in), bound, gen, backend)
        self.bias = _uniform((n_out,), bound, gen, backend) if bias else None

    def forward(self, x):
        return F.linear(x, self.weight, self.bias)


class Embedding(Module):
    def __init__(self, n, dim, generator=None, backend=None):
        gen = generator or nd.default_generator
        self.weight = Tensor(gen.randn((n, dim), backend), requires_grad=True)

    def forward(self, idx):
        return F.embedding(idx, self.weight)


class LayerNorm(Module):
    def __init__(self, dim, eps=1e-5, backend=None):
        self.eps = eps
        self.weight = Tensor(nd.ones((dim,), backend=backend), requires_grad=True)
        self.bias = Tensor(nd.zeros((dim,), backend=backend), requires_grad=True)

    def forward(self, x):
        return F.layer_norm(x, self.weight, self.bias, self.eps)


class GELU(Module):
    def forward(self, x):
        return F.gelu(x)


class Dropout(Module):
    def __init__(self, p=0.0, generator=None):
        self.p, self.generator = p, generator

    def forward(self, x):
        return F.dropout(x, self.p, self.training, self.generator)


class CausalSelfAttention(Module):
    """Multi-head self-attention where position t sees positions <= t; one
    fused projection makes q, k and v (GPT-2's c_attn), another mixes heads."""

    def __init__(self, dim, n_head, dropout=0.0, generator=None, backend=None):
        if dim % n_head:
            raise ValueError('width %d is not divisible by %d heads' % (dim, n_head))
        self.n_head = n_head
        self.c_attn = Linear(dim, 3 * dim, generator=generator, backend=backend)
        self.c_proj = Linear(dim, dim, generator=generator, backend=backend)
        self.resid_dropout = Dropout(dropout, generator)
        self.masks = {}

    def mask(self, t, backend):
        if t not in self.masks:
            self.masks[t] = nd.tri_mask(t, t, 0, backend).eq(0)
        return self.masks[t]

    def forward(self, x):
        y = F.causal_self_attention(self.c_attn(x), self.n_head, self.mask(x.shape[1], x.data.backend))
        return self.resid_dropout(self.c_proj(y))
