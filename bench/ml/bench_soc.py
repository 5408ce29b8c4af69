"""Bench: GPT-2 forward passes on the SoC (our OS in the emulator), the accel
backend against the CPU alone (ml's pure-Python backend, the same runtime).

Both run bench/ml/soc_gpt.py under our Python runtime on our OS, with the
weights GPT-2's init gives on the host (saved as safetensors: on rv32 the
init's 64-bit RNG would take longer than the passes). Cost of a pass:
instructions the CPU retired (the OS clock counts them at 100 MHz) plus,
for accel, the accelerator's busy cycles (the CPU sleeps through runs, so
the sum is an upper bound on its cycles). The first pass builds the
command streams; later passes reuse them (backend_accel's templates). A
pass may include a garbage collection of the runtime (a full one costs
hundreds of millions of instructions once the heap is large), so passes of
the same size can differ.
Every pass's logits must be CPython's on the host, bit for bit.

    .venv/bin/python bench/ml/bench_soc.py [--sizes mini,tiny] [--passes 2]
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)
from ml import tensor as nd  # noqa: E402
from ml.gpt2 import GPT, GPTConfig  # noqa: E402
from software.python import os_build  # noqa: E402

OUT = os.path.join(ROOT, 'build', 'bench_soc')
SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'soc_gpt.py')
CONFIGS = {'mini': dict(vocab_size=32, block_size=4, n_layer=1, n_head=2, n_embd=8),
           'tiny': GPTConfig.preset('tiny').to_dict()}


def stage(sizes):
    """The script and each size's weights (GPT's seed-0 init on the host)."""
    tree = os.path.join(OUT, 'tree')
    shutil.rmtree(tree, ignore_errors=True)
    os.makedirs(tree)
    shutil.copy(SCRIPT, tree)
    for size in sizes:
        cfg = dict((k, v) for k, v in CONFIGS[size].items() if k in ('vocab_size', 'block_size', 'n_layer',
                                                                       'n_head', 'n_embd'))
        model = GPT(GPTConfig(**cfg), seed=0, backend='numpy')
        nd.save(os.path.join(tree, 'weights-%s.safetensors' % size), model.state_dict())
    return tree


def on_os(tree, runs):
    subprocess.run(['make', '-s', 'emu'], cwd=ROOT, check=True)
    image = os_build.build(os.path.join(OUT, 'rt'), trees=[('b', tree)], os_out=os.path.join(OUT, 'os'))
    keys = 'cd /b\n' + ''.join('python soc_gpt.py %s\n' % r for r in runs) + 'exit 0\n'
    with tempfile.TemporaryDirectory() as tmp:
        card = os.path.join(tmp, 'sd.img')
        shutil.copyfile(os.path.join(os.path.dirname(image), 'sd.img'), card)
        r = subprocess.run([os.path.join(ROOT, 'build', 'emu', 'emu'), '--sd', card, '--max-insns', str(400 * 10 ** 9),
                            os.path.join(os.path.dirname(image), 'kernel.elf')],
                           input=keys.encode(), capture_output=True, timeout=7200)
    return r.stdout.decode('utf-8', 'replace')


def on_host(tree, run):
    r = subprocess.run([sys.executable, os.path.join(tree, 'soc_gpt.py')] + run.split(), capture_output=True,
                       text=True, check=True, env={**os.environ, 'PYTHONPATH': ROOT})
    return r.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--sizes', default='mini,tiny')
    ap.add_argument('--passes', type=int, default=3)
    args = ap.parse_args()
    sizes = args.sizes.split(',')
    tree = stage(sizes)
    runs = ['%s %s %d' % (size, backend, args.passes) for size in sizes for backend in ('accel', 'python')]
    console = on_os(tree, runs)
    passes = {}
    for size, backend, i, seconds, busy in re.findall(r'@pass (\S+) (\S+) (\d+) (\S+) (\d+)', console):
        passes.setdefault((size, backend), []).append((float(seconds) * 100e6, int(busy)))
    for run in runs:
        size, backend, _ = run.split()
        expected = re.search(r'@logits %s %s .*' % (size, backend), on_host(tree, run)).group(0)
        if expected not in console:
            raise SystemExit('%s: the logits on the OS differ from CPython\'s on the host\n%s' % (run, console[-3000:]))
    print('GPT-2 forward passes on the SoC (our OS in the emulator), logits identical to CPython on the host')
    print('%-5s %-5s %16s %16s %12s %10s' % ('size', 'pass', 'CPU alone', 'accel: CPU', '+ accel', 'ratio'))
    for size in sizes:
        cpu, accel = passes[(size, 'python')], passes[(size, 'accel')]
        for i in range(args.passes):
            insns, busy = accel[i]
            print('%-5s %-5s %14.1fM %14.1fM %10.2fM %9.2fx' % (size, 'first' if i == 0 else str(i + 1), cpu[i][0] / 1e6,
                                                                insns / 1e6, busy / 1e6, cpu[i][0] / (insns + busy)))


if __name__ == '__main__':
    main()
