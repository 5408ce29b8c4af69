"""Hugging Face GPT-2 checkpoints (model.safetensors) to and from our GPT.
HF stores Conv1D weights as [in, out] (ours are [out, in] like nn.Linear),
names them transformer.h.N... or h.N..., and ties lm_head to wte."""
import json
import os
from .. import tensor as nd
from .config import GPTConfig
from .model import GPT

CONV1D = ('attn.c_attn.weight', 'attn.c_proj.weight', 'mlp.c_fc.weight', 'mlp.c_proj.weight')
SKIP = ('.attn.bias', '.attn.masked_bias', 'lm_head.weight')
HF_CONFIG_KEYS = {'vocab_size': 'vocab_size', 'n_positions': 'block_size', 'n_layer': 'n_layer',
                  'n_head': 'n_head', 'n_embd': 'n_embd', 'layer_norm_epsilon': 'layer_norm_epsilon'}


def _ours_from_hf(tensors):
    out = {}
    for name, t in tensors.items():
        if name.startswith('transformer.'):
            name = name[len('transformer.'):]
        if name.endswith(SKIP):
            continue
        out[name] = t.T.copy() if name.endswith(CONV1D) else t
    return out


def load_hf(path, backend=None):
    """A GPT from a directory holding HF's config.json and model.safetensors."""
    with open(os.path.join(path, 'config.json')) as f:
        hf_cfg = json.load(f)
    act = hf_cfg.get('activation_function', 'gelu_new')
    if act != 'gelu_new':
        raise ValueError('%s: activation %r is not GPT-2\'s gelu_new' % (path, act))
    cfg = GPTConfig(**dict((ours, hf_cfg[k]) for k, ours in HF_CONFIG_KEYS.items() if k in hf_cfg))
    model = GPT(cfg, backend=backend)
    tensors, _ = nd.load(os.path.join(path, 'model.safetensors'), backend)
    model.load_state_dict(_ours_from_hf(tensors))
    return model


def save_hf(model, path):
    """Writes config.json and model.safetensors that transformers can load."""
    os.makedirs(path, exist_ok=True)
    c = model.config
    hf_cfg = {'architectures': ['GPT2LMHeadModel'], 'model_type': 'gpt2', 'activation_function': 'gelu_new',
              'n_ctx': c.block_size, 'tie_word_embeddings': True}
    for k, ours in HF_CONFIG_KEYS.items():
        hf_cfg[k] = getattr(c, ours)
    with open(os.path.join(path, 'config.json'), 'w') as f:
        json.dump(hf_cfg, f, indent=2)
    tensors = {}
    for name, t in model.state_dict().items():
        tensors['transformer.' + name] = t.T.copy() if name.endswith(CONV1D) else t
    nd.save(os.path.join(path, 'model.safetensors'), tensors, {'format': 'pt'})
