"""Every differentiable op: forward and gradient against PyTorch and against
central finite differences, with broadcasting and non-contiguous inputs."""
import numpy as np
import pytest
import torch
from ml import tensor as nd
from ml.autograd import Tensor, cat, stack
from ml.nn import functional as F

torch.set_num_threads(1)
rng = np.random.RandomState(1)


def mk(x, be='numpy', grad=True):
    x = np.asarray(x, np.float32)
    return Tensor(nd.frombytes(x.tobytes(), x.shape, 'float32', be), requires_grad=grad)


def npy(a):
    a = a.data if isinstance(a, Tensor) else a
    return np.frombuffer(a.tobytes(), a.dtype).reshape(a.shape)


def noncontig(shape):
    """A transposed view: same values as rng data of `shape`, strided memory."""
    x = rng.randn(*reversed(shape)).astype(np.float32)
    return x.T.copy(), (lambda be: Tensor(mk(x, be).data.T, requires_grad=True))


# name -> (our op on Tensors, torch op on tensors, input shapes, positive?)
CASES = {
    'add_broadcast': (lambda a, b: a + b, lambda a, b: a + b, [(3, 1, 4), (2, 1)], False),
    'sub': (lambda a, b: a - b, lambda a, b: a - b, [(3, 4), (4,)], False),
    'mul': (lambda a, b: a * b, lambda a, b: a * b, [(2, 3), (2, 1)], False),
    'div': (lambda a, b: a / b, lambda a, b: a / b, [(2, 3), (3,)], True),
    'pow_scalar': (lambda a: a ** 3, lambda a: a ** 3, [(5,)], False),
    'pow_tensor': (lambda a, b: a ** b, lambda a, b: a ** b, [(3,), (2, 3)], True),
    'neg': (lambda a: -a, lambda a: -a, [(4,)], False),
    'exp': (lambda a: a.exp(), torch.exp, [(2, 3)], False),
    'log': (lambda a: a.log(), torch.log, [(2, 3)], True),
    'sqrt': (lambda a: a.sqrt(), torch.sqrt, [(2, 3)], True),
    'tanh': (lambda a: a.tanh(), torch.tanh, [(2, 3)], False),
    'relu': (lambda a: a.relu(), torch.relu, [(3, 4)], False),
    'maximum': (lambda a, b: a.maximum(b), torch.maximum, [(3, 4), (4,)], False),
    'sum_axis': (lambda a: a.sum(1), lambda a: a.sum(1), [(2, 3, 4)], False),
    'sum_keep': (lambda a: a.sum((0, 2), keepdims=True), lambda a: a.sum((0, 2), keepdim=True), [(2, 3, 4)], False),
    'mean': (lambda a: a.mean(-1), lambda a: a.mean(-1), [(3, 5)], False),
    'var': (lambda a: a.var(0), lambda a: a.var(0, unbiased=False), [(4, 3)], False),
    'max_axis': (lambda a: a.max(1), lambda a: a.amax(1), [(3, 5)], False),
    'min_all': (lambda a: a.min(), lambda a: a.amin(), [(3, 5)], False),
    'matmul_batched': (lambda a, b: a @ b, lambda a, b: a @ b, [(2, 3, 4), (4, 5)], False),
    'matmul_bcast': (lambda a, b: a @ b, lambda a, b: a @ b, [(2, 1, 3, 4), (3, 4, 2)], False),
    'reshape_permute': (lambda a: a.reshape(4, 6).permute(1, 0) * 2, lambda a: a.reshape(4, 6).permute(1, 0) * 2,
                        [(2, 3, 4)], False),
    'transpose': (lambda a: a.transpose(0, 2), lambda a: a.transpose(0, 2), [(2, 3, 4)], False),
    'getitem': (lambda a: a[1:, ::-2] * 3, lambda a: a[1:].flip(1)[:, ::2] * 3, [(3, 5)], False),
    'expand': (lambda a: a.expand(2, 3, 4) * 1.5, lambda a: a.expand(2, 3, 4) * 1.5, [(3, 1)], False),
    'unsqueeze_squeeze': (lambda a: a.unsqueeze(1).squeeze(), lambda a: a.unsqueeze(1).squeeze(), [(3, 4)], False),
    'cat': (lambda a, b: cat([a, b], 1), lambda a, b: torch.cat([a, b], 1), [(2, 3), (2, 2)], False),
    'stack': (lambda a, b: stack([a, b], 0), lambda a, b: torch.stack([a, b], 0), [(2, 3), (2, 3)], False),
    'where': (lambda a, b: a.where(a > 0, b), lambda a, b: torch.where(a > 0, a, b), [(3, 4), (4,)], False),
    'masked_fill': (lambda a: a.masked_fill(nd.tri_mask(3, 3).eq(0), -5.0),
                    lambda a: a.masked_fill(torch.ones(3, 3).triu(1).bool(), -5.0), [(3, 3)], False),
    'softmax': (lambda a: F.softmax(a, -1), lambda a: torch.softmax(a, -1), [(3, 5)], False),
    'softmax_axis0': (lambda a: F.softmax(a, 0), lambda a: torch.softmax(a, 0), [(3, 5)], False),
    'log_softmax': (lambda a: F.log_softmax(a, -1), lambda a: torch.log_softmax(a, -1), [(2, 3, 5)], False),
    'gelu': (F.gelu, lambda a: torch.nn.functional.gelu(a, approximate='tanh'), [(4, 6)], False),
    'layer_norm': (lambda a, w, b: F.layer_norm(a, w, b), lambda a, w, b: torch.nn.functional.layer_norm(a, (6,), w, b),
                   [(2, 3, 6), (6,), (6,)], False),
    'linear': (F.linear, torch.nn.functional.linear, [(2, 3, 4), (5, 4), (5,)], False),
}


def _inputs(shapes, positive, noncontiguous):
    xs, builders = [], []
    for i, s in enumerate(shapes):
        if noncontiguous and i == 0 and len(s) >= 2:
            x, build = noncontig(s)
        else:
            x = rng.randn(*s).astype(np.float32)
            build = (lambda x: lambda be: mk(x, be))(x)
        if positive:
            x = np.abs(x) + 0.5
            build = (lambda x: lambda be: mk(x, be))(x)
        xs.append(x)
        builders.append(build)
    return xs, builders


@pytest.fixture()
def default_backend():
    """Sets the default backend for a test (ops like tri_mask use it) and restores it."""
    before = nd.get_backend()
    yield nd.set_backend
    nd.set_backend(before)


# accel: the accelerator's documented accuracies (docs/accel.md, at most a few
# ulp and 4e-6 absolute) sit well inside these tolerances
@pytest.mark.parametrize('be', ['numpy', 'accel'])
@pytest.mark.parametrize('noncontiguous', [False, True])
@pytest.mark.parametrize('name', sorted(CASES))
def test_op_against_torch(name, noncontiguous, be, default_backend):
    default_backend(be)
    ours, theirs, shapes, positive = CASES[name]
    xs, builders = _inputs(shapes, positive, noncontiguous)
    ts = [torch.tensor(x, requires_grad=True) for x in xs]
    ref = theirs(*ts)
    seed = np.asarray(rng.randn(*ref.shape), np.float32)
    (ref * torch.tensor(seed)).sum().backward()
    mine_in = [b(be) for b in builders]
    out = ours(*mine_in)
    np.testing.assert_allclose(npy(out), ref.detach().numpy(), rtol=1e-4, atol=1e-5)
    (out * mk(seed, be, grad=False)).sum().backward()
    for m, t in zip(mine_in, ts):
        assert m.grad is not None and m.grad.shape == tuple(t.shape)
        np.testing.assert_allclose(npy(m.grad), t.grad.numpy(), rtol=1e-4, atol=1e-5)


SMOOTH = ['add_broadcast', 'div', 'pow_tensor', 'exp', 'log', 'tanh', 'var', 'matmul_bcast', 'softmax',
          'log_softmax', 'gelu', 'layer_norm', 'getitem', 'cat', 'linear', 'mean']


@pytest.mark.parametrize('name', SMOOTH)
def test_op_against_finite_differences(name):
    """Python backend, checked by central differences of a random projection."""
    ours, _, shapes, positive = CASES[name]
    xs, _ = _inputs(shapes, positive, False)
    proj = None
    ins = [mk(x, 'python') for x in xs]
    out = ours(*ins)
    proj = np.asarray(rng.randn(*out.shape), np.float32)
    (out * mk(proj, 'python', False)).sum().backward()

    def f(vals):
        return float((npy(ours(*[mk(v, 'python', False) for v in vals])).astype(np.float64) * proj).sum())
    eps = 1e-2
    for k, x in enumerate(xs):
        num = np.zeros(x.size)
        for i in range(x.size):
            hi = [v.copy() for v in xs]
            lo = [v.copy() for v in xs]
            hi[k].reshape(-1)[i] += eps
            lo[k].reshape(-1)[i] -= eps
            num[i] = (f(hi) - f(lo)) / (2 * eps)
        np.testing.assert_allclose(npy(ins[k].grad).reshape(-1), num, rtol=2e-2, atol=2e-2)


@pytest.mark.parametrize('be', ['numpy', 'accel'])
def test_cross_entropy_and_embedding(be, default_backend):
    default_backend(be)
    logits = rng.randn(2, 3, 7).astype(np.float32)
    targets = rng.randint(0, 7, (2, 3))
    w = rng.randn(7, 4).astype(np.float32)
    tl, tw = torch.tensor(logits, requires_grad=True), torch.tensor(w, requires_grad=True)
    idx = torch.tensor(targets)
    ref = torch.nn.functional.cross_entropy(tl.reshape(-1, 7), idx.reshape(-1)) + \
        torch.nn.functional.embedding(idx, tw).pow(2).sum()
    ref.backward()
    ml_, mw = mk(logits, be), mk(w, be)
    mi = nd.array(targets.tolist(), 'int32', be)
    out = F.cross_entropy(ml_, mi) + (F.embedding(mi, mw) ** 2).sum()
    out.backward()
    assert abs(out.item() - ref.item()) < 1e-4
    np.testing.assert_allclose(npy(ml_.grad), tl.grad.numpy(), atol=1e-6)
    np.testing.assert_allclose(npy(mw.grad), tw.grad.numpy(), atol=1e-5)


@pytest.mark.parametrize('be', ['numpy', 'accel'])
def test_cross_entropy_ignore_index(be, default_backend):
    default_backend(be)
    logits = rng.randn(5, 4).astype(np.float32)
    targets = np.array([1, -1, 3, 0, -1])
    tl = torch.tensor(logits, requires_grad=True)
    ref = torch.nn.functional.cross_entropy(tl, torch.tensor(targets), ignore_index=-1)
    ref.backward()
    m = mk(logits, be)
    out = F.cross_entropy(m, nd.array(targets.tolist(), 'int32', be), ignore_index=-1)
    out.backward()
    assert abs(out.item() - ref.item()) < 1e-5
    np.testing.assert_allclose(npy(m.grad), tl.grad.numpy(), atol=1e-6)


def test_grad_accumulates_and_reused_nodes():
    x = mk([1.0, 2.0, 3.0])
    y = x * x + x.exp()  # x used three times
    y.sum().backward()
    y2 = (x * 2).sum()
    y2.backward()
    np.testing.assert_allclose(npy(x.grad), 2 * np.array([1, 2, 3]) + np.exp([1, 2, 3]) + 2, rtol=1e-6)


def test_errors():
    with pytest.raises(RuntimeError, match='does not require grad'):
        mk([1.0], grad=False).backward()
    with pytest.raises(ValueError, match='shape mismatch'):
        mk(np.ones((2, 3))) @ mk(np.ones((2, 3)))
    with pytest.raises(ValueError, match='shape mismatch'):
        mk(np.ones((2, 3))) + mk(np.ones((4,)))
