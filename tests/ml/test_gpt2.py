"""Our GPT-2 against transformers' GPT2LMHeadModel (random weights, offline)."""
import os
import numpy as np
import pytest
import torch

os.environ['HF_HUB_OFFLINE'] = '1'
from transformers import GPT2Config, GPT2LMHeadModel  # noqa: E402
from transformers.utils import logging  # noqa: E402
from ml import tensor as nd  # noqa: E402
from ml.gpt2 import GPT, GPTConfig  # noqa: E402
from ml.gpt2.hf import load_hf, save_hf  # noqa: E402

torch.set_num_threads(1)
logging.set_verbosity_error()


def npy(a):
    a = getattr(a, 'data', a)
    return np.frombuffer(a.tobytes(), a.dtype).reshape(a.shape)


@pytest.fixture(scope='module')
def hf_dir(tmp_path_factory):
    torch.manual_seed(0)
    cfg = GPT2Config(vocab_size=101, n_positions=32, n_embd=48, n_layer=2, n_head=4,
                     bos_token_id=0, eos_token_id=0)
    model = GPT2LMHeadModel(cfg).eval()
    path = str(tmp_path_factory.mktemp('hf'))
    model.save_pretrained(path, safe_serialization=True)
    return path, model


@pytest.mark.parametrize('be', ['numpy', 'python', 'accel'])
def test_logits_and_loss_match_transformers(hf_dir, be):
    """accel: on the emulator's accelerator model; its exp/tanh/rsqrt-style
    approximations (docs/accel.md, <= 4e-6 absolute) stay inside 1e-4."""
    path, ref = hf_dir
    ours = load_hf(path, be).eval()
    idx = np.random.RandomState(0).randint(0, 101, (1, 6) if be == 'python' else (2, 12))
    with torch.no_grad():
        out = ref(torch.tensor(idx), labels=torch.tensor(idx))
    logits, _ = ours.forward(nd.array(idx.tolist(), 'int32', be))
    np.testing.assert_allclose(npy(logits), out.logits.numpy(), atol=1e-4, rtol=0)
    # transformers shifts the labels inside: position t predicts token t+1
    _, loss = ours.forward(nd.array(idx[:, :-1].tolist(), 'int32', be), nd.array(idx[:, 1:].tolist(), 'int32', be))
    assert abs(loss.item() - out.loss.item()) < 1e-4


def test_save_hf_loads_in_transformers(tmp_path):
    ours = GPT(GPTConfig.preset('tiny', vocab_size=50), seed=3).eval()
    save_hf(ours, str(tmp_path))
    ref = GPT2LMHeadModel.from_pretrained(str(tmp_path)).eval()
    idx = np.random.RandomState(1).randint(0, 50, (2, 10))
    with torch.no_grad():
        want = ref(torch.tensor(idx)).logits.numpy()
    np.testing.assert_allclose(npy(ours.forward(nd.array(idx.tolist(), 'int32'))[0]), want, atol=1e-4)


@pytest.mark.parametrize('be', ['numpy', 'accel'])
def test_training_step_gradients_match_torch(hf_dir, be):
    path, _ = hf_dir
    torch.manual_seed(0)
    ref = GPT2LMHeadModel.from_pretrained(path).eval()  # no dropout; grads still flow
    ours = load_hf(path, be)
    idx = np.random.RandomState(2).randint(0, 101, (2, 9))
    out = ref(torch.tensor(idx), labels=torch.tensor(idx))
    out.loss.backward()
    _, loss = ours.forward(nd.array(idx[:, :-1].tolist(), 'int32', be), nd.array(idx[:, 1:].tolist(), 'int32', be))
    loss.backward()
    params = dict(ours.named_parameters())
    for name, p in ref.transformer.named_parameters():
        g = p.grad.numpy()
        if name.endswith(('c_attn.weight', 'c_proj.weight', 'c_fc.weight')):
            g = g.T
        np.testing.assert_allclose(npy(params[name].grad), g, atol=2e-5, err_msg=name)


def test_bad_config_key():
    with pytest.raises(ValueError, match='unknown config key.*n_layers'):
        GPTConfig(n_layers=3)
    with pytest.raises(ValueError, match='unknown config'):
        GPTConfig.preset('huge')


def test_wrong_shape_and_truncated_checkpoint(hf_dir, tmp_path):
    path, _ = hf_dir
    small = GPT(GPTConfig.preset('tiny', vocab_size=101, block_size=32, n_embd=32))
    tensors, _ = nd.load(os.path.join(path, 'model.safetensors'))
    from ml.gpt2.hf import _ours_from_hf
    with pytest.raises(ValueError, match='shape mismatch for .*checkpoint has'):
        small.load_state_dict(_ours_from_hf(tensors))
    raw = open(os.path.join(path, 'model.safetensors'), 'rb').read()
    bad = tmp_path / 'bad'
    bad.mkdir()
    (bad / 'config.json').write_bytes(open(os.path.join(path, 'config.json'), 'rb').read())
    (bad / 'model.safetensors').write_bytes(raw[:len(raw) // 2])
    with pytest.raises(ValueError, match='truncated'):
        load_hf(str(bad))


def test_sequence_longer_than_context():
    m = GPT(GPTConfig.preset('tiny', vocab_size=10, block_size=4))
    with pytest.raises(ValueError, match='longer than block_size'):
        m.forward(nd.zeros((1, 5), 'int32'))


def test_124m_config_has_124m_parameters():
    cfg = GPTConfig.preset('124M')
    c, v, t, n = cfg.n_embd, cfg.vocab_size, cfg.block_size, cfg.n_layer
    per_block = 4 * c + (3 * c * c + 3 * c) + (c * c + c) + (4 * c * c + 4 * c) + (4 * c * c + c)
    assert v * c + t * c + n * per_block + 2 * c == 124439808
