"""Backend registry. A backend is a module implementing only the primitive
kernels of docs/tensor-ops.md over flat buffers; `python` runs anywhere,
`numpy` is host speed, `accel` runs them on the accelerator. The default
comes from $ML_BACKEND, else numpy when it can be imported, else python."""
import os

_loaded = {}
_default = [None]


def get_backend(name=None):
    if name is None:
        if _default[0] is None:
            set_backend(os.environ.get('ML_BACKEND') or _first_available())
        return _default[0]
    if not isinstance(name, str):
        return name
    if name not in _loaded:
        if name == 'python':
            from . import backend_python as mod
        elif name == 'numpy':
            from . import backend_numpy as mod
        elif name == 'accel':
            from . import backend_accel as mod
        else:
            raise ValueError('unknown backend %r (use python, numpy or accel)' % (name,))
        _loaded[name] = mod
    return _loaded[name]


def set_backend(name):
    _default[0] = get_backend(name)
    return _default[0]


def _first_available():
    try:
        get_backend('numpy')
        return 'numpy'
    except ImportError:
        return 'python'
