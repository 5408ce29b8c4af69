"""ml.optim: AdamW, gradient clipping, learning-rate schedule."""
from .adamw import AdamW, clip_grad_norm_, cosine_lr
