"""Module: a tree of parameters (Tensors with requires_grad) and sub-modules,
found by walking attributes in definition order, so names match PyTorch."""
from ..autograd.tensor import Tensor


class Module:
    training = True

    def __call__(self, *args):
        return self.forward(*args)

    def children(self):
        out = []
        for name, v in self.__dict__.items():
            if isinstance(v, Module):
                out.append((name, v))
            elif isinstance(v, (list, tuple)):
                out.extend((name + '.' + str(i), m) for i, m in enumerate(v) if isinstance(m, Module))
        return out

    def named_parameters(self, prefix=''):
        out = [(prefix + n, v) for n, v in self.__dict__.items() if isinstance(v, Tensor) and v.requires_grad]
        for name, child in self.children():
            out.extend(child.named_parameters(prefix + name + '.'))
        return out

    def parameters(self):
        return [p for _, p in self.named_parameters()]

    def train(self, mode=True):
        self.training = mode
        for _, child in self.children():
            child.train(mode)
        return self

    def eval(self):
        return self.train(False)

    def zero_grad(self):
        for p in self.parameters():
            p.grad = None

    def state_dict(self):
        return dict((n, p.data) for n, p in self.named_parameters())

    def load_state_dict(self, state, strict=True):
        """Copies arrays into the parameters; names and shapes must match."""
        params = dict(self.named_parameters())
        missing = [n for n in params if n not in state]
        unexpected = [n for n in state if n not in params]
        if strict and (missing or unexpected):
            raise ValueError('state dict mismatch: missing %s, unexpected %s' % (missing, unexpected))
        for name, p in params.items():
            if name not in state:
                continue
            src = state[name]
            if tuple(src.shape) != p.shape:
                raise ValueError('shape mismatch for %s: checkpoint has %s, model has %s'
                                 % (name, tuple(src.shape), p.shape))
            p.data = src.astype(p.dtype).to(p.data.backend) if src.backend is not p.data.backend \
                else src.astype(p.dtype)
