"""The same GPT in plain PyTorch (nanoGPT-style), the bench's peer."""
import torch
import torch.nn as tnn
import torch.nn.functional as TF


class Block(tnn.Module):
    def __init__(self, c, h):
        super().__init__()
        self.h = h
        self.ln_1, self.ln_2 = tnn.LayerNorm(c), tnn.LayerNorm(c)
        self.c_attn, self.attn_proj = tnn.Linear(c, 3 * c), tnn.Linear(c, c)
        self.c_fc, self.mlp_proj = tnn.Linear(c, 4 * c), tnn.Linear(4 * c, c)

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.c_attn(self.ln_1(x)).split(c, dim=2)
        q, k, v = (z.view(b, t, self.h, c // self.h).transpose(1, 2) for z in (q, k, v))
        y = TF.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + self.attn_proj(y.transpose(1, 2).contiguous().view(b, t, c))
        return x + self.mlp_proj(TF.gelu(self.c_fc(self.ln_2(x)), approximate='tanh'))


class TorchGPT(tnn.Module):
    def __init__(self, vocab, block, n_layer, n_head, n_embd):
        super().__init__()
        self.wte, self.wpe = tnn.Embedding(vocab, n_embd), tnn.Embedding(block, n_embd)
        self.h = tnn.ModuleList(Block(n_embd, n_head) for _ in range(n_layer))
        self.ln_f = tnn.LayerNorm(n_embd)
        for p in self.parameters():
            if p.dim() == 2:
                tnn.init.normal_(p, std=0.02)

    def forward(self, idx, targets=None):
        x = self.wte(idx) + self.wpe(torch.arange(idx.shape[1]))
        for blk in self.h:
            x = blk(x)
        logits = self.ln_f(x) @ self.wte.weight.T
        loss = None if targets is None else TF.cross_entropy(logits.view(-1, logits.shape[-1]), targets.view(-1))
        return logits, loss
