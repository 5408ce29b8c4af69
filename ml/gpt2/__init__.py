"""ml.gpt2: the GPT-2 model, its configs, HF checkpoint I/O and the CLIs."""
from .config import GPTConfig, PRESETS
from .model import GPT
