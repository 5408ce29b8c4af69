"""Bench: a tiny GPT-2 forward pass on the accelerator against the CPU alone.

Accelerator: the model runs on the `accel` backend (the emulator's
accelerator model, cycle counts as the RTL's BUSY_CYCLES on a bus with 2
cycles per word); we sum BUSY_CYCLES over every command stream of the pass.

CPU alone: the same pass's primitive kernels (recorded with their sizes while
the model runs) replayed by a C program - plain loops, float arithmetic in
libgcc's soft-float (the core is RV32IM), exp/log/tanh/... from picolibc's
libm - built with riscv64-unknown-elf-gcc -O2 -march=rv32im and run on our
emulator, which counts retired instructions. On the RTL core CPI >= 1, so the
ratio below is a lower bound on the kernels' speed-up.

Not counted on either side: building the command streams (Python on the host
here; on the SoC our Python runtime would spend CPU time on it) and the
Python-level model code around the kernels.

    .venv/bin/python bench/ml/bench_accel.py [--preset tiny] [--tokens 32]
"""
import argparse
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)
from ml import tensor as nd  # noqa: E402
from ml.autograd import no_grad  # noqa: E402
from ml.gpt2 import GPT, GPTConfig  # noqa: E402
from ml.tensor import backend_accel  # noqa: E402

OUT = os.path.join(ROOT, 'build', 'bench_accel')
PROGRAMS = os.path.join(ROOT, 'tests', 'programs')
PICOLIBC = '/usr/lib/picolibc/riscv64-unknown-elf'
PICOLIBC_LIB = PICOLIBC + '/lib/release/rv32im/ilp32'     # built -O2
KINDS = ['copy', 'unary', 'binary', 'where', 'reduce', 'matmul', 'gather']
OPS = ['none', 'neg', 'exp', 'log', 'sqrt', 'tanh', 'relu', 'cos', 'gelu', 'gelu_grad',
       'add', 'sub', 'mul', 'div', 'pow', 'max', 'lt', 'eq', 'sum', 'argmax']


def record(calls, cycles):
    """Wraps the backend's kernels to log (kind, op, sizes) for the replay and
    the accelerator cycles per kind."""
    be, dev = backend_accel, backend_accel.device()

    def wrap(kind, sizes):
        inner = getattr(be, kind)

        def kernel(*args):
            op = args[0] if isinstance(args[0], str) else 'none'
            views = [a for a in args if hasattr(a, 'shape')]
            calls.append((kind, op, sizes(*views)))
            before = dev.busy_cycles
            out = inner(*args)
            cycles[kind] = cycles.get(kind, 0) + dev.busy_cycles - before
            return out
        setattr(be, kind, kernel)

    def mm(d, a, b):
        return [d.size // (a.shape[-2] * b.shape[-1]), a.shape[-2], a.shape[-1], b.shape[-1]]
    for kind, sizes in [('copy', lambda d, s: [d.size]), ('unary', lambda d, s: [d.size]),
                        ('binary', lambda d, a, b: [d.size]), ('where', lambda d, c, a, b: [d.size]),
                        ('reduce', lambda d, s: [s.size, d.size]), ('matmul', mm), ('gather', lambda d, s, i: [d.size])]:
        wrap(kind, sizes)


def replay_source(calls):
    """C that runs the recorded kernels on buffers of the right sizes."""
    need, rows = 16, []
    for kind, op, s in calls:
        if kind == 'matmul':                # batch, m, k, n: the sizes of a, b and the result
            s = [s[0] * s[1] * s[2], s[0] * s[2] * s[3], s[0] * s[1] * s[3]] + s
        need = max([need] + s)
        sizes = s[3:] if kind == 'matmul' else s
        fields = ', '.join(str(v) for v in sizes + [0] * (4 - len(sizes)))
        rows.append('    {%d, %d, {%s}}' % (KINDS.index(kind), OPS.index(op), fields))
    rows = ',\n'.join(rows)
    template = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'replay.c')).read()
    return template.replace('@MAXN@', str(need)).replace('@CALLS@', rows).replace('@COUNT@', str(len(calls)))


def cpu_instructions(calls):
    os.makedirs(OUT, exist_ok=True)
    src, elf = os.path.join(OUT, 'replay.c'), os.path.join(OUT, 'replay.elf')
    open(src, 'w').write(replay_source(calls))
    user = os.path.join(PROGRAMS, 'user')
    subprocess.run(['riscv64-unknown-elf-gcc', '-march=rv32im', '-mabi=ilp32', '-O2', '-ffreestanding', '-nostdlib',
                    '-nostartfiles', '-isystem', PICOLIBC + '/include', '-I', user,
                    '-T', os.path.join(PROGRAMS, 'common', 'link.ld'), '-Wl,--no-warn-rwx-segments', '-o', elf,
                    os.path.join(user, 'crt.S'), src, PICOLIBC_LIB + '/libm.a', PICOLIBC_LIB + '/libc.a', '-lgcc'],
                   check=True)
    subprocess.run(['make', '-s', 'emu'], cwd=ROOT, check=True)
    done = subprocess.run([os.path.join(ROOT, 'build', 'emu', 'emu'), '--stats', elf], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit('replay failed on the emulator: %s' % done.stderr)
    return int(re.search(r'emu: (\d+) instructions', done.stderr).group(1))


def matmul_rate(size):
    """FMA per busy cycle of the backend's x @ w.T (the Linear layer's form) at size^3."""
    x = nd.ones((size, size), backend='accel')
    dev = backend_accel.device()
    before = dev.busy_cycles
    x @ x.T
    return size ** 3 / (dev.busy_cycles - before)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--preset', default='tiny')
    ap.add_argument('--tokens', type=int, default=32)
    args = ap.parse_args()
    model = GPT(GPTConfig.preset(args.preset), seed=0, backend='accel').eval()
    idx = nd.array([[i * 7 % model.config.vocab_size for i in range(args.tokens)]], 'int32', 'accel')
    dev = backend_accel.device()
    calls, cycles = [], {}
    record(calls, cycles)
    with no_grad():
        before, runs, t0 = dev.busy_cycles, dev.runs, time.perf_counter()
        model.forward(idx)
        accel, runs, wall = dev.busy_cycles - before, dev.runs - runs, time.perf_counter() - t0
    fmas = sum(s[0] * s[1] * s[2] * s[3] for k, _, s in calls if k == 'matmul')
    cpu = cpu_instructions(calls)
    cfg = model.config
    print('GPT-2 %s (%d layers, width %d, vocab %d), one forward pass of %d tokens: '
          '%d kernel calls, %.2f M matmul FMAs'
          % (args.preset, cfg.n_layer, cfg.n_embd, cfg.vocab_size, args.tokens, len(calls), fmas / 1e6))
    print('accelerator (4 lanes, emulator model): %12d busy cycles in %d command streams  (%.2f FMA/cycle overall)'
          % (accel, runs, fmas / accel))
    print('  by kernel: ' + ', '.join('%s %.0f%%' % (k, 100 * c / accel) for k, c in
                                      sorted(cycles.items(), key=lambda kc: -kc[1])))
    print('CPU alone (RV32IM, gcc -O2 soft-float): %11d instructions on the emulator' % cpu)
    print('speed-up, CPU instructions / accelerator cycles: %.1fx '
          '(a lower bound: the CPU needs >= 1 cycle per instruction)' % (cpu / accel))
    print('backend matmul x @ w.T, FMA/cycle (peak 4): ' + ', '.join(
        '%d^3 %.2f' % (size, matmul_rate(size)) for size in (64, 128, 256)))
    print('host wall time of the accel-backend pass (model emulation + stream building): %.2f s' % wall)


if __name__ == '__main__':
    main()
