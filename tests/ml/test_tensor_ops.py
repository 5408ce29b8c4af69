"""ml.tensor on every backend against numpy. The accel backend's documented
accuracies (docs/accel.md: a few ulp, at most 4e-6 absolute for tanh/gelu on
these ranges) fit the default tolerance of 1e-5."""
import numpy as np
import pytest
from ml import tensor as nd

BACKENDS = ['python', 'numpy', 'accel']
rng = np.random.RandomState(0)


def mk(x, be):
    x = np.asarray(x)
    dtype = 'int32' if x.dtype.kind in 'iu' else 'float32'
    return nd.frombytes(x.astype(dtype).tobytes(), x.shape, dtype, be)


def npy(a):
    return np.frombuffer(a.tobytes(), a.dtype).reshape(a.shape)


def close(a, ref, tol=1e-5):
    assert a.shape == np.shape(ref), (a.shape, np.shape(ref))
    np.testing.assert_allclose(npy(a), ref, rtol=tol, atol=tol)


@pytest.mark.parametrize('be', BACKENDS)
def test_creation(be):
    close(nd.zeros((2, 3), backend=be), np.zeros((2, 3)))
    close(nd.ones((4,), backend=be), np.ones(4))
    close(nd.full((2, 2), 7.5, backend=be), np.full((2, 2), 7.5))
    close(nd.arange(2, 11, 3, backend=be), np.arange(2, 11, 3))
    close(nd.eye(4, backend=be), np.eye(4))
    assert nd.array([[1, 2], [3, 4]], backend=be).tolist() == [[1, 2], [3, 4]]
    assert nd.array([1.5, 2], backend=be).dtype == 'float32'


@pytest.mark.parametrize('be', BACKENDS)
def test_views(be):
    x = rng.randn(2, 3, 4).astype(np.float32)
    a = mk(x, be)
    close(a.reshape(6, 4), x.reshape(6, 4))
    close(a.reshape(-1), x.reshape(-1))
    close(a.permute(2, 0, 1), x.transpose(2, 0, 1))
    close(a.transpose(0, 2), x.swapaxes(0, 2))
    close(a.permute(2, 0, 1).reshape(4, 6), x.transpose(2, 0, 1).reshape(4, 6))
    close(a[1, ::-2, 1:], x[1, ::-2, 1:])
    close(a[:, -1], x[:, -1])
    close(a[..., 3:0:-1], x[..., 3:0:-1])
    close(a[None, 0, :, None], x[None, 0, :, None])
    close(a[:, :1].expand(2, 5, 4), np.broadcast_to(x[:, :1], (2, 5, 4)))
    close(a[:, :1].squeeze(1), x[:, 0])
    close(a.unsqueeze(-1), x[..., None])
    close(a.T, x.T)
    c = a.transpose(0, 2).copy()
    assert c.is_contiguous and a.transpose(0, 2).contiguous().is_contiguous and npy(c).tolist() == x.swapaxes(0, 2).tolist()


@pytest.mark.parametrize('be', BACKENDS)
def test_setitem_concat_stack(be):
    x = rng.randn(3, 4).astype(np.float32)
    y = rng.randn(3, 2).astype(np.float32)
    close(nd.concatenate([mk(x, be), mk(y, be)], 1), np.concatenate([x, y], 1))
    close(nd.stack([mk(x, be), mk(x * 2, be)], 1), np.stack([x, x * 2], 1))
    a = mk(x, be)
    a[1:, ::2] = 5.0
    x2 = x.copy()
    x2[1:, ::2] = 5.0
    close(a, x2)


@pytest.mark.parametrize('be', BACKENDS)
@pytest.mark.parametrize('op', ['neg', 'exp', 'log', 'sqrt', 'tanh', 'relu', 'cos'])
def test_unary(be, op):
    x = rng.randn(3, 5).astype(np.float32)
    if op in ('log', 'sqrt'):
        x = np.abs(x) + 0.1
    ref = {'neg': np.negative, 'exp': np.exp, 'log': np.log, 'sqrt': np.sqrt, 'tanh': np.tanh,
           'relu': lambda v: np.maximum(v, 0), 'cos': np.cos}[op](x)
    close(getattr(mk(x, be).T, op)(), ref.T)


@pytest.mark.parametrize('be', BACKENDS)
def test_binary_broadcast(be):
    x = rng.randn(2, 1, 4).astype(np.float32)
    y = rng.randn(3, 1).astype(np.float32) + 3
    a, b = mk(x, be), mk(y, be)
    close(a + b, x + y)
    close(a - b, x - y)
    close(a * b, x * y)
    close(a / b, x / y)
    close(b ** a, y ** x, 1e-4)
    close(a.maximum(b), np.maximum(x, y))
    close(a.minimum(b), np.minimum(x, y))
    close(a < b, (x < y).astype(np.float32))
    close(a >= b, (x >= y).astype(np.float32))
    close(a.eq(a), np.ones_like(x))
    close(2 - a, 2 - x)
    close(1 / b, 1 / y)
    close((a < 0).where(a, b), np.where(x < 0, x, y))
    close(nd.arange(6, backend=be) * 2, np.arange(6) * 2)
    with pytest.raises(ValueError, match='shape mismatch'):
        a + mk(np.ones((5,)), be)


@pytest.mark.parametrize('be', BACKENDS)
def test_reductions(be):
    x = rng.randn(3, 4, 5).astype(np.float32)
    a = mk(x, be).permute(1, 0, 2)
    xt = x.transpose(1, 0, 2)
    close(a.sum(), xt.sum(), 1e-4)
    close(a.sum(1), xt.sum(1))
    close(a.sum((0, 2), keepdims=True), xt.sum((0, 2), keepdims=True), 1e-4)
    close(a.mean(-1), xt.mean(-1))
    close(a.max(0), xt.max(0))
    close(a.min(2, keepdims=True), xt.min(2, keepdims=True))
    close(a.var(1), xt.var(1), 1e-4)
    close(a.argmax(2), xt.argmax(2))
    assert a.argmax().item() == xt.argmax()


@pytest.mark.parametrize('be', BACKENDS)
def test_matmul_take_tri(be):
    x = rng.randn(2, 1, 3, 4).astype(np.float32)
    y = rng.randn(5, 4, 2).astype(np.float32)
    close(nd.matmul(mk(x, be), mk(y, be)), x @ y, 1e-4)
    w = rng.randn(4, 3).astype(np.float32)
    close(mk(w, be).T @ mk(w, be), w.T @ w, 1e-4)
    idx = np.array([[3, 0], [1, 1]])
    close(mk(w, be).take(mk(idx, be)), w[idx])
    close(mk(w, be).take([2, 0], axis=1), w[:, [2, 0]])
    close(mk(w, be).tril(), np.tril(w))
    close(mk(w, be).triu(1), np.triu(w, 1))
    with pytest.raises(ValueError, match='matmul'):
        mk(w, be) @ mk(w, be)
    with pytest.raises(IndexError):
        mk(w, be).take(mk(np.array([9]), be))


def test_random_same_bits_on_both_backends():
    a = nd.Generator(42).rand((1000,), 'python')
    b = nd.Generator(42).rand((1000,), 'numpy')
    assert a.tobytes() == b.tobytes()
    u = npy(b)
    assert 0 <= u.min() and u.max() < 1 and abs(u.mean() - 0.5) < 0.05
    z = npy(nd.Generator(1).randn((20000,), 'numpy'))
    assert abs(z.mean()) < 0.03 and abs(z.std() - 1) < 0.03


@pytest.mark.parametrize('be', BACKENDS)
def test_save_load(tmp_path, be):
    x = rng.randn(3, 4).astype(np.float32)
    path = str(tmp_path / 't.safetensors')
    nd.save(path, {'x': mk(x, be).T, 'i': nd.arange(5, backend=be)}, {'note': 'hi'})
    tensors, meta = nd.load(path, be)
    close(tensors['x'], x.T)
    assert tensors['i'].tolist() == [0, 1, 2, 3, 4] and meta == {'note': 'hi'}
    raw = open(path, 'rb').read()
    open(path, 'wb').write(raw[:-8])
    with pytest.raises(ValueError, match='truncated'):
        nd.load(path, be)
    open(path, 'wb').write(raw[:5])
    with pytest.raises(ValueError, match='truncated'):
        nd.load(path, be)
    head = b'{"x":{"dtype":"F32"}}'
    open(path, 'wb').write(len(head).to_bytes(8, 'little') + head)
    with pytest.raises(ValueError, match='malformed header entry for tensor x'):
        nd.load(path, be)


def test_backends_agree_on_a_chain():
    x = rng.randn(4, 6).astype(np.float32)
    outs = []
    for be in BACKENDS:
        a = mk(x, be)
        outs.append(npy(((a @ a.T).exp().sum(0, keepdims=True) / 3 - a[:, :4].max(1)).abs().sqrt()))
    for out in outs[1:]:
        np.testing.assert_allclose(out, outs[0], rtol=1e-5)
