# GPT-2 forward pass (tiny preset, 32 tokens) on ml's pure-Python backend.
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
from ml import tensor as nd
nd.set_backend("python")
from ml.gpt2 import GPT, GPTConfig

model = GPT(GPTConfig.preset("tiny"), seed=0, backend="python")
idx = nd.array([[(7 * i + 3) % 65 for i in range(32)]], dtype=nd.INT32)
logits, loss = model.forward(idx, idx)
print(logits.shape, repr(loss.data.tolist()))
