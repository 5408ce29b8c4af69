# Two AdamW training steps of GPT-2 (tiny) on the pure-Python backend:
# exercises autograd backward through every layer and the optimizer.
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
from ml import tensor as nd
nd.set_backend("python")
from ml.gpt2 import GPT, GPTConfig
from ml.optim.adamw import AdamW

model = GPT(GPTConfig.preset("tiny", n_layer=1), seed=1, backend="python")
opt = AdamW(model.parameters(), lr=1e-2)
idx = nd.array([[3, 1, 4, 1, 5, 9]], dtype=nd.INT32)
tgt = nd.array([[1, 4, 1, 5, 9, 2]], dtype=nd.INT32)
for step in range(2):
    logits, loss = model.forward(idx, tgt)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(step, repr(loss.data.tolist()))
