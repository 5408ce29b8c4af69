"""AdamW (decoupled weight decay), gradient-norm clipping and the cosine
learning-rate schedule with linear warm-up, with torch.optim's arithmetic."""
import math
from ..autograd.tensor import no_grad


class AdamW:
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2):
        params = list(params)
        if params and not isinstance(params[0], dict):
            params = [{'params': params}]
        self.groups = []
        for g in params:
            group = {'lr': lr, 'betas': betas, 'eps': eps, 'weight_decay': weight_decay}
            group.update(g)
            group['params'] = list(g['params'])
            self.groups.append(group)
        self.step_count = 0
        self.m, self.v = {}, {}

    def all_params(self):
        return [p for g in self.groups for p in g['params']]

    def set_lr(self, lr):
        for g in self.groups:
            g['lr'] = lr

    def zero_grad(self):
        for p in self.all_params():
            p.grad = None

    def step(self):
        self.step_count += 1
        t = self.step_count
        with no_grad():
            for g in self.groups:
                b1, b2 = g['betas']
                step_size = g['lr'] / (1 - b1 ** t)
                root_bc2 = math.sqrt(1 - b2 ** t)
                for p in g['params']:
                    if p.grad is None:
                        continue
                    i = id(p)
                    grad = p.grad.data
                    m = self.m[i] * b1 + grad * (1 - b1) if i in self.m else grad * (1 - b1)
                    v = self.v[i] * b2 + grad * grad * (1 - b2) if i in self.v else grad * grad * (1 - b2)
                    self.m[i], self.v[i] = m, v
                    data = p.data * (1 - g['lr'] * g['weight_decay']) if g['weight_decay'] else p.data
                    p.data = data - m / (v.sqrt() / root_bc2 + g['eps']) * step_size

    def state_dict(self):
        """Moments by parameter position, for checkpoints."""
        out = {}
        for k, p in enumerate(self.all_params()):
            if id(p) in self.m:
                out['m.%d' % k], out['v.%d' % k] = self.m[id(p)], self.v[id(p)]
        return out

    def load_state_dict(self, state, step_count):
        self.step_count = step_count
        for k, p in enumerate(self.all_params()):
            if 'm.%d' % k in state:
                self.m[id(p)], self.v[id(p)] = state['m.%d' % k], state['v.%d' % k]


def clip_grad_norm_(params, max_norm):
    """Scales all gradients so their global L2 norm is at most max_norm;
    returns the norm before clipping (torch.nn.utils.clip_grad_norm_)."""
    grads = [p.grad.data for p in params if p.grad is not None]
    total = math.sqrt(sum((g * g).sum().item() for g in grads))
    coef = min(max_norm / (total + 1e-6), 1.0)
    for p in params:
        if p.grad is not None:
            p.grad.data = p.grad.data * coef
    return total


def cosine_lr(step, max_lr, warmup, total, min_lr=0.0, start_factor=None):
    """Linear warm-up from max_lr*start_factor over `warmup` steps, then a
    cosine from max_lr down to min_lr at `total`, flat after that. Equals
    SequentialLR(LinearLR, CosineAnnealingLR) of torch.optim.lr_scheduler."""
    if step < warmup:
        sf = 1.0 / warmup if start_factor is None else start_factor
        return max_lr * (sf + (1 - sf) * step / warmup)
    span = max(total - warmup, 1)
    c = min(step - warmup, span)
    return min_lr + (max_lr - min_lr) * (1 + math.cos(math.pi * c / span)) / 2
