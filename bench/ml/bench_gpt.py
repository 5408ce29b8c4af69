"""Bench: the char-level GPT (vocab 65, 4 layers, 4 heads, width 128, context
64, batch 16, AdamW, fp32, 2 threads) trained by ours (numpy backend) and by
PyTorch in the same run, steps interleaved so both see the same machine load.
Prints tokens/s for a training step and a forward pass, as ratios; the
pure-Python backend's tokens/s on a tiny config; and validation loss on
Shakespeare after a fixed budget of steps.

    .venv/bin/python bench/ml/bench_gpt.py [--steps 10] [--val-steps 200]
"""
import argparse
import os
import sys
import time

os.environ.setdefault('OMP_NUM_THREADS', '2')
os.environ.setdefault('OPENBLAS_NUM_THREADS', '2')
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch_gpt import TorchGPT  # noqa: E402
from ml import tensor as nd  # noqa: E402
from ml.autograd import no_grad  # noqa: E402
from ml.data import CharTokenizer, TokenDataset, shakespeare_text  # noqa: E402
from ml.gpt2 import GPT, GPTConfig  # noqa: E402
from ml.optim import AdamW  # noqa: E402

B, T = 16, 64
torch.set_num_threads(2)


def ours_model(vocab=65, backend='numpy', preset='char', **kw):
    m = GPT(GPTConfig.preset(preset, vocab_size=vocab, **kw), seed=0, backend=backend)
    return m, AdamW(m.parameters(), lr=1e-3, betas=(0.9, 0.95), weight_decay=0.1)


def torch_model(vocab=65):
    torch.manual_seed(0)
    m = TorchGPT(vocab, T, 4, 4, 128)
    return m, torch.optim.AdamW(m.parameters(), lr=1e-3, betas=(0.9, 0.95), weight_decay=0.1)


def ours_step(m, opt, x, y):
    _, loss = m.forward(x, y)
    loss.backward()
    opt.step()
    opt.zero_grad()
    return loss.item()


def torch_step(m, opt, x, y):
    _, loss = m(x, y)
    loss.backward()
    opt.step()
    opt.zero_grad()
    return loss.item()


def timed(f, *a):
    t0 = time.perf_counter()
    f(*a)
    return time.perf_counter() - t0


def speed(steps):
    rng = np.random.RandomState(0)
    xs = rng.randint(0, 65, (steps + 2, B, T + 1))
    m, opt = ours_model()
    tm, topt = torch_model()
    ours_t = torch_t = ours_f = torch_f = 0.0
    for i in range(steps + 2):
        x = nd.array(xs[i, :, :-1].tolist(), 'int32', 'numpy')
        y = nd.array(xs[i, :, 1:].tolist(), 'int32', 'numpy')
        tx, ty = torch.tensor(xs[i, :, :-1]), torch.tensor(xs[i, :, 1:])
        a = timed(ours_step, m, opt, x, y)
        b = timed(torch_step, tm, topt, tx, ty)
        with no_grad():
            c = timed(m.forward, x)
        with torch.no_grad():
            d = timed(tm, tx)
        if i >= 2:  # the first steps warm caches up
            ours_t, torch_t, ours_f, torch_f = ours_t + a, torch_t + b, ours_f + c, torch_f + d
    n = steps * B * T
    print('training step: ours %8.0f tok/s   pytorch %8.0f tok/s   ratio ours/pytorch %.2f'
          % (n / ours_t, n / torch_t, torch_t / ours_t))
    print('forward pass:  ours %8.0f tok/s   pytorch %8.0f tok/s   ratio ours/pytorch %.2f'
          % (n / ours_f, n / torch_f, torch_f / ours_f))


def python_backend_speed():
    m, opt = ours_model(backend='python', preset='tiny', block_size=16)
    g = nd.Generator(0)
    x = nd.array([g.randint(0, 65, 16) for _ in range(2)], 'int32', 'python')
    ours_step(m, opt, x, x)
    dt = timed(ours_step, m, opt, x, x)
    with no_grad():
        df = timed(m.forward, x)
    print('pure-Python backend (tiny: 2 layers, width 32, context 16, batch 2): training %.0f tok/s, forward %.0f tok/s'
          % (32 / dt, 32 / df))


def val_loss(steps):
    text = shakespeare_text()
    tok = CharTokenizer.from_text(text)
    data = TokenDataset(np.array(tok.encode(text), np.int32), T)
    m, opt = ours_model(tok.vocab_size)
    tm, topt = torch_model(tok.vocab_size)
    g = nd.Generator(1)
    t0 = time.perf_counter()
    for _ in range(steps):
        x, y = data.train_batch(B, g, 'numpy')
        ours_step(m, opt, x, y)
        torch_step(tm, topt, torch.tensor(x.tolist()), torch.tensor(y.tolist()))
    ours_l, torch_l = [], []
    with no_grad(), torch.no_grad():
        for x, y in data.val_batches(B, 16, 'numpy'):
            ours_l.append(m.forward(x, y)[1].item())
            torch_l.append(tm(torch.tensor(x.tolist()), torch.tensor(y.tolist()))[1].item())
    print('val loss after %d steps (vocab %d, lr 1e-3 constant): ours %.4f   pytorch %.4f   (%.0f s)'
          % (steps, tok.vocab_size, sum(ours_l) / len(ours_l), sum(torch_l) / len(torch_l), time.perf_counter() - t0))


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--steps', type=int, default=10)
    p.add_argument('--val-steps', type=int, default=200)
    args = p.parse_args()
    speed(args.steps)
    python_backend_speed()
    if args.val_steps:
        val_loss(args.val_steps)


if __name__ == '__main__':
    main()
