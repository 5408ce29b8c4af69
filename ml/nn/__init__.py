"""ml.nn: Module and the layers of a GPT; ml.nn.functional holds the math."""
from . import functional
from .module import Module
from .layers import Linear, Embedding, LayerNorm, GELU, Dropout, CausalSelfAttention
