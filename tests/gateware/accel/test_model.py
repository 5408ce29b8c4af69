"""The C model's arithmetic (sim/emu/accel.c) against the numpy reference on
many more vectors than the RTL sees, and the command builder's checks."""
import ctypes
import os
import subprocess
import sys

import numpy as np
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, HERE)
import fpref  # noqa: E402
from accel_tb import fma_vectors, matmul_reference, random_floats  # noqa: E402
from toolchain.accel import kernels  # noqa: E402
from toolchain.accel.program import AccelError, Program  # noqa: E402


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    lib = tmp_path_factory.mktemp("accel") / "libaccel.so"
    subprocess.run(["cc", "-std=c11", "-O2", "-DACCEL_LIB", "-shared", "-fPIC", "-o", lib,
                    os.path.join(ROOT, "sim/emu/accel.c")], check=True)
    m = ctypes.CDLL(str(lib))
    m.accel_fma.restype = ctypes.c_uint32
    m.accel_fma.argtypes = [ctypes.c_uint32] * 3
    m.accel_lane.restype = ctypes.c_uint32
    m.accel_lane.argtypes = [ctypes.c_int] + [ctypes.c_uint32] * 3
    m.accel_new.restype = ctypes.c_void_p
    m.accel_new.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_uint32]
    m.accel_csr_read.restype = ctypes.c_uint32
    m.accel_csr_read.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
    m.accel_csr_write.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_uint32]
    m.accel_free.argtypes = [ctypes.c_void_p]
    return m


def test_model_fma_matches_numpy(model):
    rng = np.random.default_rng(11)
    vectors = [np.concatenate(parts) for parts in zip(fma_vectors(12), fma_vectors(13),
                                                      [random_floats(rng, 30000) for _ in range(3)])]
    want = fpref.fma_bits(*vectors)
    got = np.array([model.accel_fma(int(a), int(b), int(c)) for a, b, c in zip(*vectors)], dtype=np.uint32)
    assert (got == want).all(), np.nonzero(got != want)[0][:5]


def test_reference_agrees_with_numpy_where_no_fma_is_needed():
    rng = np.random.default_rng(12)
    a, b = (rng.standard_normal(10000).astype(np.float32) for _ in range(2))
    assert (fpref.fma_bits(fpref.bits(a), fpref.bits(np.ones_like(a)), fpref.bits(b)) == fpref.bits(a + b)).all()
    assert (fpref.fma_bits(fpref.bits(a), fpref.bits(b), np.full(a.size, 0x80000000, np.uint32)) == fpref.bits(a * b)).all()


@pytest.mark.parametrize("build", [
    lambda p: p.vop("add", 2, 0, 4, n=4),                      # misaligned destination
    lambda p: p.vop("pow", 0, 0, 4, n=4),                      # unknown op
    lambda p: p.load(16380, 0x40000000, 8),                    # past the scratchpad
    lambda p: p.mm(0, 0, 64, 0, 4, 4),                         # empty
    lambda p: p.mm(0, 0, 64, 2, 4, 4, ldb=6),                  # misaligned leading dimension
    lambda p: p.mm(0, 0, 64, 2, 4, 4, argmax=True, accumulate=True),
    lambda p: p.load(0, 0x40000000, 4, index=64),              # indexed without a bound
    lambda p: p.load(0, 0x40000000, 4, index=64, bound=9, prefetch=True),
    lambda p: p.store(0, 0x40000000, 4, rows=2, index=16383, bound=9),   # indices past the scratchpad
])
def test_program_rejects_bad_commands(build):
    with pytest.raises(AccelError):
        build(Program())


def test_program_layout():
    p = Program()
    p.mm(8, 1, 16, 3, 5, 7, accumulate=True)
    p.end()
    words = np.frombuffer(p.to_bytes(), dtype=np.uint32)
    assert list(words[:8]) == [4 | 1 << 8, 8, 1, 16, 5, 3, 7 | 8 << 16, 7 | 8 << 16]
    assert list(words[8:]) == [0] * 8


def test_model_int_casts_match_numpy(model):
    """itof rounds like numpy's int32 -> float32; ftoi truncates like astype(int32)
    where that is defined and gives INT_MIN elsewhere (NaN, inf, |x| >= 2^31)."""
    rng = np.random.default_rng(14)
    ints = np.concatenate([rng.integers(-2**31, 2**31, 20000),
                           rng.integers(-2**26, 2**26, 20000), [0, -1, 2**31 - 1, -2**31]]).astype(np.int32)
    itof = np.array([model.accel_lane(24, int(v), 0, 0) for v in ints.view(np.uint32)], dtype=np.uint32)
    assert (itof == fpref.bits(ints.astype(np.float32))).all()
    floats = fpref.floats(random_floats(rng, 20000))
    ftoi = np.array([model.accel_lane(25, int(v), 0, 0) for v in fpref.bits(floats)], dtype=np.uint32)
    with np.errstate(all="ignore"):
        fits = np.isfinite(floats) & (np.abs(floats) < 2.0 ** 31)
        want = np.where(fits, np.trunc(np.where(fits, floats, 0)), -2.0 ** 31).astype(np.int64)
    assert (ftoi.view(np.int32) == want).all()


class Memory:
    """A flat RAM at 0x4000_0000 for the model: arrays in, a program run, arrays out."""
    BASE = 0x40000000

    def __init__(self, words=1 << 20):
        self.mem = np.zeros(words, np.uint32)
        self.free = 0x10000                  # the program goes below

    def place(self, array):
        words = np.ascontiguousarray(array).reshape(-1).view(np.uint32)
        start = self.free // 4
        self.mem[start:start + words.size] = words
        self.free += (words.size * 4 + 63) // 64 * 64
        return self.BASE + start * 4

    def read(self, addr, shape, dtype=np.float32):
        start = (addr - self.BASE) // 4
        return self.mem[start:start + int(np.prod(shape))].view(dtype).reshape(shape)

    def run(self, model, p):
        p.end()
        code = np.frombuffer(p.to_bytes(), np.uint32)
        assert code.size * 4 <= 0x10000
        self.mem[:code.size] = code
        x = model.accel_new(self.mem.ctypes.data, self.BASE, self.mem.nbytes)
        model.accel_csr_write(x, 2, self.BASE)
        model.accel_csr_write(x, 0, 1)
        status = model.accel_csr_read(x, 1)
        model.accel_free(x)
        return status


def test_model_primitives_match_numpy(model):
    """The new primitives on the model alone, on more data than the RTL sees:
    argmax with ties and NaNs, gather and scatter_add with repeated and
    negative indices, casts, and the prefetching matmul."""
    rng = np.random.default_rng(15)
    ram = Memory()
    a = rng.integers(-5, 6, (37, 301)).astype(np.float32)
    a[rng.random(a.shape) < 0.01] = np.nan
    table = rng.standard_normal((50, 33)).astype(np.float32)
    idx = rng.integers(-50, 50, 200).astype(np.int32)
    grad = rng.standard_normal((200, 33)).astype(np.float32)
    f = rng.uniform(-2.1e9, 2.1e9, 1000).astype(np.float32)          # inside int32
    x, y = rng.standard_normal((70, 50)).astype(np.float32), rng.standard_normal((50, 90)).astype(np.float32)
    aa, at, ai, ag, af, ax, ay = (ram.place(v) for v in (a, table, idx, grad, f, x, y))
    am, gathered, acc = ram.place(np.zeros(37, np.int32)), ram.place(np.zeros((200, 33), np.float32)), ram.place(table)
    ints, back, prod = ram.place(np.zeros(1000, np.int32)), ram.place(np.zeros(1000, np.float32)), \
        ram.place(np.zeros((70, 90), np.float32))
    p = Program()
    kernels.argmax(p, am, aa, 37, 301)
    kernels.gather_rows(p, gathered, at, ai, 200, 33, 50)
    kernels.scatter_add_rows(p, acc, ai, ag, 200, 33, 50)
    kernels.cast(p, ints, af, 1000, "int32")
    kernels.cast(p, back, ints, 1000, "float32")
    kernels.matmul(p, prod, ax, ay, 70, 50, 90)
    assert ram.run(model, p) == 2
    assert (ram.read(am, 37, np.int32) == np.argmax(a, axis=1)).all()
    assert (ram.read(gathered, (200, 33)) == table[idx]).all()
    want = table.copy()
    np.add.at(want, idx, grad)
    assert (ram.read(acc, (50, 33)) == want).all()
    assert (ram.read(ints, 1000, np.int32) == np.trunc(f).astype(np.int64)).all()
    assert (ram.read(back, 1000) == np.trunc(f).astype(np.int32).astype(np.float32)).all()
    assert (ram.read(prod, (70, 90)).view(np.uint32) == matmul_reference(x, y)).all()


def test_model_stops_at_a_bad_index(model):
    ram = Memory()
    at = ram.place(np.ones((5, 4), np.float32))
    ai, out = ram.place(np.array([0, 4, -5, 5], np.int32)), ram.place(np.zeros((4, 4), np.float32))
    p = Program()
    kernels.gather_rows(p, out, at, ai, 4, 4, 5)
    assert ram.run(model, p) == 0b1100
    assert (ram.read(out, (4, 4)) == 0).all()
