"""GPT configurations from tiny to GPT-2 124M; unknown keys are errors."""
import json

DEFAULTS = {'vocab_size': 50257, 'block_size': 1024, 'n_layer': 12, 'n_head': 12, 'n_embd': 768,
            'dropout': 0.0, 'layer_norm_epsilon': 1e-5}

PRESETS = {
    'tiny': {'vocab_size': 65, 'block_size': 32, 'n_layer': 2, 'n_head': 2, 'n_embd': 32},
    'char': {'vocab_size': 65, 'block_size': 64, 'n_layer': 4, 'n_head': 4, 'n_embd': 128},
    'small': {'vocab_size': 50257, 'block_size': 256, 'n_layer': 6, 'n_head': 6, 'n_embd': 384},
    '124M': {},
}


class GPTConfig:
    def __init__(self, **kw):
        unknown = sorted(k for k in kw if k not in DEFAULTS)
        if unknown:
            raise ValueError('unknown config key(s): %s (known: %s)' % (', '.join(unknown), ', '.join(sorted(DEFAULTS))))
        values = dict(DEFAULTS)
        values.update(kw)
        for k, v in values.items():
            setattr(self, k, v)
        if self.n_embd % self.n_head:
            raise ValueError('n_embd=%d is not divisible by n_head=%d' % (self.n_embd, self.n_head))

    @classmethod
    def preset(cls, name, **overrides):
        if name not in PRESETS:
            raise ValueError('unknown config %r (choose from %s)' % (name, ', '.join(PRESETS)))
        kw = dict(PRESETS[name])
        kw.update(overrides)
        return cls(**kw)

    def to_dict(self):
        return dict((k, getattr(self, k)) for k in DEFAULTS)

    def to_json(self):
        return json.dumps(self.to_dict(), sort_keys=True)
