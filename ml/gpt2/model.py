"""GPT-2: token + position embeddings, n_layer pre-norm transformer blocks
(attention and a 4x GELU MLP, each added to the residual stream), a final
LayerNorm and an output head tied to the token embedding."""
import math
from .. import tensor as nd
from ..autograd.tensor import Tensor, no_grad
from .. import nn
from ..nn import functional as F


class MLP(nn.Module):
    def __init__(self, cfg, gen, backend):
        self.c_fc = nn.Linear(cfg.n_embd, 4 * cfg.n_embd, generator=gen, backend=backend)
        self.c_proj = nn.Linear(4 * cfg.n_embd, cfg.n_embd, generator=gen, backend=backend)
        self.dropout = nn.Dropout(cfg.dropout, gen)

    def forward(self, x):
        return self.dropout(self.c_proj(F.gelu(self.c_fc(x))))


class Block(nn.Module):
    def __init__(self, cfg, gen, backend):
        self.ln_1 = nn.LayerNorm(cfg.n_embd, cfg.layer_norm_epsilon, backend)
        self.attn = nn.CausalSelfAttention(cfg.n_embd, cfg.n_head, cfg.dropout, gen, backend)
        self.ln_2 = nn.LayerNorm(cfg.n_embd, cfg.layer_norm_epsilon, backend)
        self.mlp = MLP(cfg, gen, backend)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class GPT(nn.Module):
    def __init__(self, cfg, seed=0, backend=None):
        self.config = cfg
        self.gen = gen = nd.Generator(seed)  # init, then dropout masks
        self.wte = nn.Embedding(cfg.vocab_size, cfg.n_embd, gen, backend)
        self.wpe = nn.Embedding(cfg.block_size, cfg.n_embd, gen, backend)
        self.drop = nn.Dropout(cfg.dropout, gen)
        self.h = [Block(cfg, gen, backend) for _ in range(cfg.n_layer)]
        self.ln_f = nn.LayerNorm(cfg.n_embd, cfg.layer_norm_epsilon, backend)
        self._init_weights(gen, backend)

    def _init_weights(self, gen, backend):
        """GPT-2's init: N(0, 0.02), residual projections scaled by 1/sqrt(2 n_layer)."""
        for name, p in self.named_parameters():
            if name.endswith('.bias'):
                p.data = nd.zeros(p.shape, backend=backend)
            elif name.endswith('weight') and 'ln_' not in name:
                std = 0.02 / (2 * self.config.n_layer) ** 0.5 if name.endswith('c_proj.weight') else 0.02
                p.data = gen.randn(p.shape, backend) * std

    def forward(self, idx, targets=None):
        """idx: int32 NDArray/Tensor [B, T]; returns (logits [B, T, V], loss or None)."""
        idx = idx.data if isinstance(idx, Tensor) else idx
        b, t = idx.shape
        if t > self.config.block_size:
            raise ValueError('sequence of %d tokens is longer than block_size %d' % (t, self.config.block_size))
        pos = nd.arange(t, backend=idx.backend)
        x = self.drop(self.wte(idx) + self.wpe(pos))
        for block in self.h:
            x = block(x)
        x = self.ln_f(x)
        logits = F.linear(x, self.wte.weight)
        loss = None if targets is None else F.cross_entropy(logits, targets)
        return logits, loss

    def num_params(self):
        return sum(p.size for p in self.parameters())

    def generate(self, idx, n_new, temperature=1.0, top_k=None, generator=None):
        """Appends n_new sampled tokens to the int list idx."""
        gen = generator or nd.default_generator
        idx = list(idx)
        with no_grad():
            for _ in range(n_new):
                ctx = nd.array([idx[-self.config.block_size:]], 'int32', self.wte.weight.data.backend)
                logits = self.forward(ctx)[0].data[0, -1]
                idx.append(sample_logits(logits.tolist(), temperature, top_k, gen))
        return idx


def sample_logits(logits, temperature, top_k, gen):
    """One token id from a list of logits; temperature 0 means argmax."""
    if temperature <= 0:
        return max(range(len(logits)), key=lambda i: logits[i])
    order = sorted(range(len(logits)), key=lambda i: -logits[i])
    if top_k:
        order = order[:top_k]
    top = logits[order[0]]
    weights = [math.exp((logits[i] - top) / temperature) for i in order]
    r = gen.rand((1,), 'python').item() * sum(weights)
    for i, w in zip(order, weights):
        r -= w
        if r < 0:
            return i
    return order[-1]
