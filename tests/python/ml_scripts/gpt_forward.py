# GPT-2 (tiny preset) forward pass and loss on ml's pure-Python backend.
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
from ml import tensor as nd
nd.set_backend("python")
from ml.gpt2 import GPT, GPTConfig

model = GPT(GPTConfig.preset("tiny"), seed=0, backend="python")
idx = nd.array([[1, 5, 9, 2, 7, 3, 0, 4]], dtype=nd.INT32)
logits, loss = model.forward(idx, idx)
print(logits.shape, model.num_params())
print(repr(loss.data.tolist()))
print([repr(v) for v in logits.data.tolist()[0][-1][:8]])
