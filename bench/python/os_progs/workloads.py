# Small workloads for our runtime on our OS (bench/python/os_bench.py): each
# is timed with time.perf_counter, whose clock on the OS in the emulator
# counts retired instructions, and prints "name seconds checksum".
import os
import sys
import time


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


class Record:
    def __init__(self, value, link=None):
        self.value = value
        self.link = link

    def bump(self, k):
        self.value = (self.value + k) % 1000
        return self.value


def records():
    head = None
    for i in range(300):
        head = Record(i, head)
    total = 0
    for step in range(10):
        r = head
        while r is not None:
            total += r.bump(step)
            r = r.link
    return total


def dict_strings():
    counts = {}
    words = ["alpha", "beta", "gamma", "delta"]
    for i in range(3000):
        w = words[i % 4] + str(i % 37)
        counts[w] = counts.get(w, 0) + 1
    text = ",".join(sorted(counts))
    return len(text) + sum(counts.values()) + len(text.upper().split(","))


def bigints():
    f = 1
    for i in range(2, 120):
        f *= i
    return len(str(f)) + f % 1000003


def floats():
    x, s = 0.5, 0.0
    for i in range(2000):
        x = x * 1.0001 + 0.25 / (i + 1)
        s += x * x - x / 3.0
    return round(s, 6)


def gpt2_mini():
    """A 1-layer GPT-2 of 1,176 weights on ml's pure-Python backend; only its
    forward pass is timed (the weight init is not)."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
    from ml import tensor as nd
    nd.set_backend("python")
    from ml.gpt2 import GPT, GPTConfig
    config = GPTConfig(vocab_size=32, block_size=4, n_layer=1, n_head=2, n_embd=8)
    model = GPT(config, seed=0, backend="python")
    x = nd.array([[1, 5, 9, 2]], dtype=nd.INT32)
    start = time.perf_counter()
    logits, _ = model.forward(x)
    seconds = time.perf_counter() - start
    return seconds, repr(logits.data.tolist()[0][-1][0])


WORKLOADS = [("fib(16)", lambda: fib(16)), ("records", records), ("dict_strings", dict_strings),
             ("bigints", bigints), ("floats", floats)]

only = sys.argv[1:]
for name, fn in WORKLOADS:
    if only and name not in only:
        continue
    start = time.perf_counter()
    result = fn()
    print(name, time.perf_counter() - start, result)
if not only or "gpt2_mini_forward" in only:
    seconds, first_logit = gpt2_mini()
    print("gpt2_mini_forward", seconds, first_logit)
