"""ml.autograd: Tensor with requires_grad, backward and grad accumulation."""
from .tensor import Tensor, no_grad, cat, stack, tensor, zeros, ones, randn, unbroadcast
