"""ml.nn layers against torch.nn, ml.optim against torch.optim."""
import numpy as np
import pytest
import torch
from ml import tensor as nd
from ml import nn
from ml.autograd import Tensor
from ml.optim import AdamW, clip_grad_norm_, cosine_lr

torch.set_num_threads(1)
rng = np.random.RandomState(2)


@pytest.fixture(params=['numpy', 'accel'])
def be(request):
    """Runs a test on each backend: modules and mk() use the default backend.
    accel's documented accuracies (docs/accel.md) fit the tolerances below."""
    before = nd.get_backend()
    nd.set_backend(request.param)
    yield request.param
    nd.set_backend(before)


def mk(x, grad=True):
    x = np.asarray(x, np.float32)
    return Tensor(nd.frombytes(x.tobytes(), x.shape, 'float32'), requires_grad=grad)


def npy(a):
    a = a.data if isinstance(a, Tensor) else a
    return np.frombuffer(a.tobytes(), a.dtype).reshape(a.shape)


def copy_params(ours, theirs):
    """Our parameters take the torch module's values, by matching names."""
    for name, p in theirs.named_parameters():
        dict(ours.named_parameters())[name].data = mk(p.detach().numpy()).data


def check_layer(ours, theirs, x):
    copy_params(ours, theirs)
    tx = torch.tensor(x, requires_grad=True)
    ref = theirs(tx)
    proj = rng.randn(*ref.shape).astype(np.float32)
    (ref * torch.tensor(proj)).sum().backward()
    mx = mk(x)
    out = ours(mx)
    (out * mk(proj, False)).sum().backward()
    np.testing.assert_allclose(npy(out), ref.detach().numpy(), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(npy(mx.grad), tx.grad.numpy(), rtol=1e-4, atol=1e-5)
    for name, p in theirs.named_parameters():
        np.testing.assert_allclose(npy(dict(ours.named_parameters())[name].grad), p.grad.numpy(),
                                   rtol=1e-4, atol=1e-5)


def test_linear_layernorm_gelu(be):
    x = rng.randn(2, 3, 8).astype(np.float32)
    check_layer(nn.Linear(8, 5), torch.nn.Linear(8, 5), x)
    tln = torch.nn.LayerNorm(8)
    with torch.no_grad():
        tln.weight.normal_()
        tln.bias.normal_()
    check_layer(nn.LayerNorm(8), tln, x)
    check_layer(nn.GELU(), torch.nn.GELU(approximate='tanh'), x)


def test_embedding(be):
    te = torch.nn.Embedding(10, 4)
    me = nn.Embedding(10, 4)
    copy_params(me, te)
    idx = rng.randint(0, 10, (3, 5))
    ref = te(torch.tensor(idx))
    out = me(nd.array(idx.tolist(), 'int32'))
    np.testing.assert_allclose(npy(out), ref.detach().numpy())
    ref.sum().backward()
    out.sum().backward()
    np.testing.assert_allclose(npy(me.weight.grad), te.weight.grad.numpy())


def test_causal_self_attention_matches_sdpa(be):
    b, t, c, h = 2, 5, 12, 3
    attn = nn.CausalSelfAttention(c, h)
    wa, ba = rng.randn(3 * c, c).astype(np.float32) * 0.3, rng.randn(3 * c).astype(np.float32)
    wp, bp = rng.randn(c, c).astype(np.float32) * 0.3, rng.randn(c).astype(np.float32)
    attn.c_attn.weight.data, attn.c_attn.bias.data = mk(wa).data, mk(ba).data
    attn.c_proj.weight.data, attn.c_proj.bias.data = mk(wp).data, mk(bp).data
    x = rng.randn(b, t, c).astype(np.float32)
    tx = torch.tensor(x, requires_grad=True)
    q, k, v = (torch.nn.functional.linear(tx, torch.tensor(wa), torch.tensor(ba))).split(c, 2)
    q, k, v = (z.view(b, t, h, c // h).transpose(1, 2) for z in (q, k, v))
    y = torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)
    ref = torch.nn.functional.linear(y.transpose(1, 2).reshape(b, t, c), torch.tensor(wp), torch.tensor(bp))
    ref.sum().backward()
    mx = mk(x)
    out = attn(mx)
    out.sum().backward()
    np.testing.assert_allclose(npy(out), ref.detach().numpy(), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(npy(mx.grad), tx.grad.numpy(), rtol=1e-4, atol=1e-4)


def test_dropout_scales_and_masks(be):
    x = mk(np.ones((200, 50)))
    drop = nn.Dropout(0.3, nd.Generator(5))
    y = drop(x)
    vals = npy(y)
    kept = vals != 0
    assert abs(kept.mean() - 0.7) < 0.02
    np.testing.assert_allclose(vals[kept], 1 / 0.7, rtol=1e-6)
    y.sum().backward()
    np.testing.assert_array_equal(npy(x.grad), vals)
    drop.eval()
    assert drop(x) is x


def test_adamw_clip_and_schedule_match_torch(be):
    shapes = [(4, 3), (3,)]
    init = [rng.randn(*s).astype(np.float32) for s in shapes]
    tps = [torch.tensor(x, requires_grad=True) for x in init]
    mps = [mk(x) for x in init]
    topt = torch.optim.AdamW([{'params': [tps[0]], 'weight_decay': 0.1}, {'params': [tps[1]], 'weight_decay': 0.0}],
                             lr=0.01, betas=(0.9, 0.95), eps=1e-8)
    mopt = AdamW([{'params': [mps[0]], 'weight_decay': 0.1}, {'params': [mps[1]], 'weight_decay': 0.0}],
                 lr=0.01, betas=(0.9, 0.95), eps=1e-8)
    sched = torch.optim.lr_scheduler.SequentialLR(topt, [
        torch.optim.lr_scheduler.LinearLR(topt, start_factor=0.25, total_iters=3),
        torch.optim.lr_scheduler.CosineAnnealingLR(topt, T_max=7, eta_min=0.001)], milestones=[3])
    for step in range(10):
        target = rng.randn(4).astype(np.float32)
        tl = ((tps[0] @ tps[1] - torch.tensor(target)) ** 2).sum() * 5
        tl.backward()
        tnorm = torch.nn.utils.clip_grad_norm_(tps, 1.0)
        ml_ = ((mps[0] @ mps[1].reshape(3, 1)).reshape(4) - mk(target, False)) ** 2
        (ml_.sum() * 5).backward()
        mnorm = clip_grad_norm_(mps, 1.0)
        assert abs(mnorm - tnorm.item()) < 1e-4 * max(1, tnorm.item())
        lr = cosine_lr(step, 0.01, 3, 10, 0.001, start_factor=0.25)
        assert abs(lr - topt.param_groups[0]['lr']) < 1e-9
        mopt.set_lr(lr)
        topt.step()
        mopt.step()
        topt.zero_grad()
        mopt.zero_grad()
        sched.step()
    for m, t in zip(mps, tps):
        np.testing.assert_allclose(npy(m), t.detach().numpy(), rtol=1e-5, atol=1e-6)


def test_cosine_schedule_shape():
    lrs = [cosine_lr(s, 1.0, 10, 100, 0.1) for s in range(120)]
    assert lrs[0] == pytest.approx(0.1) and lrs[9] == pytest.approx(0.91)
    assert lrs[10] == pytest.approx(1.0) and lrs[55] == pytest.approx(0.55)
    assert lrs[100] == pytest.approx(0.1) and lrs[119] == pytest.approx(0.1)
    assert all(a >= b for a, b in zip(lrs[10:], lrs[11:]))


def test_module_state_dict_errors():
    m = nn.Linear(3, 2)
    state = m.state_dict()
    m2 = nn.Linear(3, 2)
    m2.load_state_dict(state)
    np.testing.assert_array_equal(npy(m2.weight), npy(m.weight))
    with pytest.raises(ValueError, match='shape mismatch for weight'):
        nn.Linear(4, 2).load_state_dict(state)
    with pytest.raises(ValueError, match='missing'):
        m2.load_state_dict({'weight': state['weight']})
