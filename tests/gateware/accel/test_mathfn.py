"""Accuracy of the composed functions (toolchain/accel/mathfn.py) on the C
model against float64 numpy; the RTL runs the same streams in accel_tb.py."""
import ctypes
import os
import subprocess
import sys

import numpy as np
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, ROOT)
from toolchain.accel import mathfn  # noqa: E402
from toolchain.accel.program import Program  # noqa: E402

RAM = 0x40000000
TINY = 2.0 ** -126


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    lib = tmp_path_factory.mktemp("accel") / "libaccel.so"
    subprocess.run(["cc", "-std=c11", "-O2", "-DACCEL_LIB", "-shared", "-fPIC", "-o", lib,
                    os.path.join(ROOT, "sim/emu/accel.c")], check=True)
    m = ctypes.CDLL(str(lib))
    m.accel_new.restype = ctypes.c_void_p
    m.accel_new.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_uint32]
    m.accel_csr_read.restype = ctypes.c_uint32
    m.accel_csr_read.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
    m.accel_csr_write.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_uint32]
    m.accel_free.argtypes = [ctypes.c_void_p]
    return m


def run(model, fn, x, y=None):
    """fn over x (or x / y when fn is None) on the model; returns the float32 results."""
    n = x.size
    mem = np.zeros(0x40000, np.uint8)
    consts, xa, ya, da = 0x10000, 0x11000, 0x20000, 0x30000
    table = np.frombuffer(mathfn.constant_table(), np.uint8)
    mem[consts:consts + table.size] = table
    mem[xa:xa + 4 * n] = x.view(np.uint8)
    p = Program()
    mathfn.load_constants(p, RAM + consts)
    if fn is None:
        mem[ya:ya + 4 * n] = y.view(np.uint8)
        mathfn.divide(p, RAM + da, RAM + xa, RAM + ya, n)
    else:
        mathfn.unary(p, fn, RAM + da, RAM + xa, n)
    p.end()
    code = np.frombuffer(p.to_bytes(), np.uint8)
    mem[:code.size] = code
    accel = model.accel_new(mem.ctypes.data, RAM, mem.size)
    model.accel_csr_write(accel, 2, RAM)
    model.accel_csr_write(accel, 0, 1)
    assert model.accel_csr_read(accel, 1) == 2
    model.accel_free(accel)
    return mem[da:da + 4 * n].view(np.float32).copy()


def ulps(got, want):
    """Distance in float32 steps between got and want rounded to float32."""
    def ordered(v):
        i = v.astype(np.float32).view(np.int32).astype(np.int64)
        return np.where(i < 0, -(i & 0x7FFFFFFF), i)
    return np.abs(ordered(got) - ordered(want))


def test_exp(model):
    rng = np.random.default_rng(1)
    x = np.concatenate([rng.uniform(-87, 88.7, 3000), rng.uniform(-2, 2, 1000)]).astype(np.float32)
    got, want = run(model, mathfn.exp, x), np.exp(x.astype(np.float64))
    assert ulps(got, want).max() <= 1
    special = np.array([np.inf, -np.inf, np.nan, 0, -0.0, 89, 100, -104, -200], np.float32)
    got = run(model, mathfn.exp, special)
    assert np.array_equal(got, np.array([np.inf, 0, np.nan, 1, 1, np.inf, np.inf, 0, 0], np.float32), equal_nan=True)


def test_recip_and_divide(model):
    rng = np.random.default_rng(2)
    b = (rng.standard_normal(4000) * np.exp(rng.uniform(-30, 30, 4000))).astype(np.float32)
    a = rng.standard_normal(4000).astype(np.float32)
    want = 1 / b.astype(np.float64)
    normal = np.abs(want) >= TINY
    assert ulps(run(model, mathfn.recip, b)[normal], want[normal]).max() <= 2
    want = a.astype(np.float64) / b
    normal = np.abs(want) >= TINY
    assert ulps(run(model, None, a, b)[normal], want[normal]).max() <= 3
    special = np.array([0, np.inf, -np.inf, np.nan, 1, -4], np.float32)
    assert np.array_equal(run(model, mathfn.recip, special),
                          np.array([np.inf, 0, -0.0, np.nan, 1, -0.25], np.float32), equal_nan=True)


def test_tanh(model):
    rng = np.random.default_rng(3)
    x = np.concatenate([rng.uniform(-12, 12, 3000), rng.uniform(-0.5, 0.5, 1000)]).astype(np.float32)
    got, want = run(model, mathfn.tanh, x), np.tanh(x.astype(np.float64))
    assert np.abs(got - want).max() <= 4e-7
    assert np.isnan(run(model, mathfn.tanh, np.array([np.nan], np.float32))).all()


def test_gelu_and_gradient(model):
    rng = np.random.default_rng(4)
    x = np.concatenate([rng.uniform(-8, 8, 3000), rng.standard_normal(1000)]).astype(np.float32)
    x64 = x.astype(np.float64)
    c = np.sqrt(2 / np.pi)
    t = np.tanh(c * (x64 + 0.044715 * x64 ** 3))
    gelu = 0.5 * x64 * (1 + t)
    grad = 0.5 * (1 + t) + 0.5 * x64 * (1 - t * t) * c * (1 + 3 * 0.044715 * x64 ** 2)
    assert np.abs(run(model, mathfn.gelu, x) - gelu).max() <= 1e-6
    assert np.abs(run(model, mathfn.gelu_grad, x) - grad).max() <= 4e-6


def test_log(model):
    rng = np.random.default_rng(5)
    x = np.concatenate([np.exp(rng.uniform(-87, 88, 3000)), rng.uniform(0.5, 2, 1000)]).astype(np.float32)
    got, want = run(model, mathfn.log, x), np.log(x.astype(np.float64))
    assert ulps(got, want).max() <= 3
    special = np.array([0, -0.0, np.inf, -1, np.nan, 1], np.float32)
    assert np.array_equal(run(model, mathfn.log, special),
                          np.array([-np.inf, -np.inf, np.inf, np.nan, np.nan, 0], np.float32), equal_nan=True)


def test_sqrt(model):
    rng = np.random.default_rng(6)
    x = np.concatenate([np.exp(rng.uniform(-87, 88, 3000)), rng.uniform(0, 4, 1000)]).astype(np.float32)
    assert ulps(run(model, mathfn.sqrt, x), np.sqrt(x.astype(np.float64))).max() <= 2
    special = np.array([0, -0.0, np.inf, -1, -np.inf, np.nan, 1, 4], np.float32)
    assert np.array_equal(fpref_bits(run(model, mathfn.sqrt, special)),
                          fpref_bits(np.array([0, -0.0, np.inf, np.nan, np.nan, np.nan, 1, 2], np.float32)))


def fpref_bits(v):
    """Bit patterns, with every NaN made the canonical one."""
    return np.where(np.isnan(v), 0x7FC00000, v.view(np.uint32))


def test_cos(model):
    rng = np.random.default_rng(7)
    x = np.concatenate([rng.uniform(-1000, 1000, 3000), rng.uniform(-4, 4, 1000)]).astype(np.float32)
    assert np.abs(run(model, mathfn.cos, x) - np.cos(x.astype(np.float64))).max() <= 1e-6
    assert np.isnan(run(model, mathfn.cos, np.array([np.nan, np.inf], np.float32))).all()


def test_power(model):
    rng = np.random.default_rng(8)
    a = np.concatenate([rng.uniform(0, 10, 2000), rng.uniform(-5, 5, 1000)]).astype(np.float32)
    b = np.concatenate([rng.uniform(-6, 6, 2000), rng.integers(-5, 6, 1000)]).astype(np.float32)
    a[:6], b[:6] = [0, 0, 0, 1, np.nan, -2], [0, 2, -1, np.nan, 0, 0.5]
    got = run_binary(model, mathfn.power, a, b)
    with np.errstate(all="ignore"):
        want = np.power(a.astype(np.float64), b.astype(np.float64))
    finite = np.isfinite(want) & (np.abs(want) >= TINY) & (np.abs(want) < 3e38)
    assert (np.abs(got - want)[finite] <= 2e-6 * np.abs(want[finite])).all()
    assert np.array_equal(got[:6], np.array([1, 0, np.inf, 1, 1, np.nan], np.float32), equal_nan=True)


def run_binary(model, fn, a, b):
    n = a.size
    mem = np.zeros(0x40000, np.uint8)
    consts, xa, ya, da = 0x10000, 0x11000, 0x20000, 0x30000
    table = np.frombuffer(mathfn.constant_table(), np.uint8)
    mem[consts:consts + table.size] = table
    mem[xa:xa + 4 * n] = a.view(np.uint8)
    mem[ya:ya + 4 * n] = b.view(np.uint8)
    p = Program()
    mathfn.load_constants(p, RAM + consts)
    mathfn.binary_fn(p, fn, RAM + da, RAM + xa, RAM + ya, n)
    p.end()
    code = np.frombuffer(p.to_bytes(), np.uint8)
    mem[:code.size] = code
    accel = model.accel_new(mem.ctypes.data, RAM, mem.size)
    model.accel_csr_write(accel, 2, RAM)
    model.accel_csr_write(accel, 0, 1)
    assert model.accel_csr_read(accel, 1) == 2
    model.accel_free(accel)
    return mem[da:da + 4 * n].view(np.float32).copy()
