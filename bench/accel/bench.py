"""Sustained fused multiply-adds per cycle of the accelerator on square matmuls,
against the lanes' peak (LANES per cycle), with kernels.matmul's prefetching
and, as the peer, the same stream with every load run in sequence. Cycle counts come from the C model
(sim/emu/accel.c), whose counts the RTL tests check cycle-for-cycle.
Run: .venv/bin/python bench/accel/bench.py"""
import ctypes
import os
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)
from toolchain.accel import kernels  # noqa: E402
from toolchain.accel.program import Program  # noqa: E402

RAM_BASE, LANES = 0x40000000, 4


def build_model(tmp):
    lib = os.path.join(tmp, "libaccel.so")
    subprocess.run(["cc", "-std=c11", "-O2", "-DACCEL_LIB", "-shared", "-fPIC", "-o", lib,
                    os.path.join(ROOT, "sim/emu/accel.c")], check=True)
    model = ctypes.CDLL(lib)
    model.accel_new.restype = ctypes.c_void_p
    model.accel_new.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_uint32]
    model.accel_csr_read.restype = ctypes.c_uint32
    model.accel_csr_read.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
    model.accel_csr_write.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_uint32]
    return model


class Sequential(Program):
    """The same commands with PREFETCH dropped: every load runs before the MM."""

    def load(self, *args, prefetch=False, **kwargs):
        super().load(*args, **kwargs)


def run_matmul(model, size, tiles, program=Program):
    rng = np.random.default_rng(size)
    a = rng.standard_normal((size, size)).astype(np.float32)
    b = rng.standard_normal((size, size)).astype(np.float32)
    words = size * size
    data = 0x10000
    addr_a, addr_b, addr_d = data, data + 4 * words, data + 8 * words
    p = program()
    kernels.matmul(p, RAM_BASE + addr_d, RAM_BASE + addr_a, RAM_BASE + addr_b, size, size, size, tiles)
    p.end()
    code = np.frombuffer(p.to_bytes(), dtype=np.uint8)
    assert code.size <= data
    mem = np.zeros(data + 12 * words, dtype=np.uint8)
    mem[:code.size] = code
    mem[addr_a:addr_a + 4 * words] = a.view(np.uint8).ravel()
    mem[addr_b:addr_b + 4 * words] = b.view(np.uint8).ravel()
    x = model.accel_new(mem.ctypes.data, RAM_BASE, mem.size)
    model.accel_csr_write(x, 2, RAM_BASE)
    model.accel_csr_write(x, 0, 1)
    assert model.accel_csr_read(x, 1) == 2
    cycles = model.accel_csr_read(x, 6)
    d = mem[addr_d:addr_d + 4 * words].view(np.float32).reshape(size, size)
    assert np.allclose(d, a @ b, rtol=1e-4, atol=1e-3)
    return cycles


def main():
    with tempfile.TemporaryDirectory() as tmp:
        model = build_model(tmp)
        print(f"accelerator matmul, {LANES} lanes, bus 2 cycles/word (LiteX SRAM-style Wishbone)")
        print(f"{'size':>6} {'tiles m,n,k':>12} {'cycles':>10} {'FMA/cycle':>10} {'of peak':>8}"
              f" {'sequential':>11} {'of peak':>8} {'speed-up':>9}")
        for size in (64, 128, 256):
            for tiles in ((64, 64, 44), (64, 96, 24)):
                cycles = run_matmul(model, size, tiles)
                plain = run_matmul(model, size, tiles, Sequential)
                rate = size ** 3 / cycles
                print(f"{size:>6} {','.join(map(str, tiles)):>12} {cycles:>10} {rate:>10.2f} {rate / LANES:>8.1%}"
                      f" {plain:>11} {size ** 3 / plain / LANES:>8.1%} {plain / cycles:>8.2f}x")


if __name__ == "__main__":
    main()
