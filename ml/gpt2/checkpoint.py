"""Training checkpoints: one safetensors file with the model ('model.*'),
AdamW moments ('opt.*') and, in its metadata, everything else a resume needs
(config, tokenizer, step, random-generator states, loss history)."""
import json
from .. import tensor as nd
from .config import GPTConfig
from .model import GPT


def save_checkpoint(path, model, opt, state):
    tensors = dict(('model.' + k, v) for k, v in model.state_dict().items())
    if opt is not None:
        tensors.update(('opt.' + k, v) for k, v in opt.state_dict().items())
    meta = {'config': model.config.to_json(), 'state': json.dumps(state)}
    nd.save(path, tensors, meta)


def load_checkpoint(path, backend=None):
    """Returns (model, optimizer tensors, state dict); errors name the defect."""
    try:
        tensors, meta = nd.load(path, backend)
    except OSError as e:
        raise ValueError('cannot read checkpoint %s: %s' % (path, e.strerror))
    if 'config' not in meta or 'state' not in meta:
        raise ValueError('%s is not a training checkpoint (no config in its metadata)' % path)
    model = GPT(GPTConfig(**json.loads(meta['config'])), backend=backend)
    model.load_state_dict(dict((k[6:], v) for k, v in tensors.items() if k.startswith('model.')))
    opt_state = dict((k[4:], v) for k, v in tensors.items() if k.startswith('opt.'))
    return model, opt_state, json.loads(meta['state'])
