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
from accel_tb import fma_vectors, random_floats  # noqa: E402
from toolchain.accel.program import AccelError, Program  # noqa: E402


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    lib = tmp_path_factory.mktemp("accel") / "libaccel.so"
    subprocess.run(["cc", "-std=c11", "-O2", "-DACCEL_LIB", "-shared", "-fPIC", "-o", lib,
                    os.path.join(ROOT, "sim/emu/accel.c")], check=True)
    m = ctypes.CDLL(str(lib))
    m.accel_fma.restype = ctypes.c_uint32
    m.accel_fma.argtypes = [ctypes.c_uint32] * 3
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
