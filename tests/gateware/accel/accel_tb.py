"""cocotb tests of gateware/accel: the FMA against numpy, the DMA, every kernel
against numpy, and each command stream against the C model (bit-exact memory,
equal cycle counts, checked inside Bench.run)."""
import cocotb
import numpy as np
from cocotb.triggers import RisingEdge, Timer

import fpref
from harness import Bench
from toolchain.accel import kernels
from toolchain.accel.program import Program

SPECIALS = np.array([0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x7F800000, 0xFF800000,
                     0x7FC00000, 0x7F800001, 0x00000001, 0x807FFFFF, 0x00800000, 0x80800000,
                     0x7F7FFFFF, 0xFF7FFFFF, 0x34000000, 0x3F800001, 0x1F800000, 0x5F800000],
                    dtype=np.uint32)


def random_floats(rng, count):
    """Mostly moderate exponents so products and addends interact, plus raw bit patterns."""
    raw = rng.integers(0, 1 << 32, count, dtype=np.uint64).astype(np.uint32)
    exponent = rng.integers(90, 165, count).astype(np.uint32)
    moderate = (raw & 0x807FFFFF) | (exponent << 23)
    return np.where(rng.random(count) < 0.8, moderate, raw).astype(np.uint32)


def fma_vectors(seed=1):
    rng = np.random.default_rng(seed)
    sx, sy, sz = np.meshgrid(SPECIALS, SPECIALS, SPECIALS[::3], indexing="ij")
    x, y, z = [np.concatenate([s.ravel()]) for s in (sx, sy, sz)]
    rx, ry, rz = (random_floats(rng, 2500) for _ in range(3))
    # Near-cancellation: z close to -(x*y), where rounding and normalisation are hardest.
    cx, cy = random_floats(rng, 1000), random_floats(rng, 1000)
    with np.errstate(all="ignore"):
        prod = (fpref.floats(cx).astype(np.float64) * fpref.floats(cy)).astype(np.float32)
    cz = fpref.bits(-prod) ^ rng.integers(0, 4, 1000).astype(np.uint32)
    # Near the flush-to-zero and overflow boundaries.
    bx = (rng.integers(0, 1 << 23, 500) | (rng.integers(60, 68, 500) << 23)).astype(np.uint32)
    by = (rng.integers(0, 1 << 23, 500) | (rng.integers(60, 68, 500) << 23)).astype(np.uint32)
    bz = (rng.integers(0, 1 << 23, 500) | (rng.integers(0, 3, 500) << 23) | (rng.integers(0, 2, 500) << 31)).astype(np.uint32)
    ox, oy = (rng.integers(0, 1 << 23, 500) | (rng.integers(190, 192, 500) << 23)).astype(np.uint32), \
             (rng.integers(0, 1 << 23, 500) | (rng.integers(190, 192, 500) << 23)).astype(np.uint32)
    oz = random_floats(rng, 500)
    return (np.concatenate([x, rx, cx, bx, ox]), np.concatenate([y, ry, cy, by, oy]),
            np.concatenate([z, rz, cz, bz, oz]))


@cocotb.test()
async def fma_against_numpy(dut):
    x, y, z = fma_vectors()
    want = fpref.fma_bits(x, y, z)
    bad = []
    # One vector per clock; the result of vector i appears 4 clocks later.
    for i in range(x.size + 4):
        await RisingEdge(dut.clk)
        await Timer(1, "ns")
        if i >= 4:
            got, j = int(dut.fout.value), i - 4
            if got != want[j]:
                bad.append(f"{x[j]:08x}*{y[j]:08x}+{z[j]:08x}: {got:08x} want {want[j]:08x}")
        if i < x.size:
            dut.fx.value, dut.fy.value, dut.fz.value = int(x[i]), int(y[i]), int(z[i])
    dut._log.info("%d FMA vectors checked", x.size)
    assert not bad, f"{len(bad)} wrong, first: {bad[:5]}"


@cocotb.test()
async def dma_strided(dut):
    b = Bench(dut)
    await b.reset()
    rng = np.random.default_rng(2)
    m = rng.standard_normal((12, 20)).astype(np.float32)
    src, dst_t, dst_s = b.place(m), b.place(np.zeros((20, 12), np.float32)), b.place(np.zeros((4, 5), np.float32))
    p = Program()
    p.load(0, src, 12, rows=20, elem_stride=20 * 4, row_stride=4)     # transpose on the way in
    p.store(0, dst_t, 12, rows=20)
    p.load(512, src + 4 * (2 * 20 + 1), 5, rows=4, elem_stride=8, row_stride=3 * 80, spad_row_stride=7)
    p.store(512, dst_s, 5, rows=4, spad_row_stride=7)
    p.end()
    await b.run(p)
    assert (b.floats_at(dst_t, (20, 12)) == m.T).all()
    assert (b.floats_at(dst_s, (4, 5)) == m[2::3, 1:10:2]).all()


BINARY = {"add": np.add, "sub": np.subtract, "mul": np.multiply}


def lane_reference(op, a, c):
    """numpy semantics of the lane ops, with the hardware's canonical NaN and
    subnormal inputs read as zeros."""
    af = fpref.floats(fpref.flush(fpref.bits(a)))
    with np.errstate(all="ignore"):
        if op == "max":
            out = np.where(np.isnan(a) | np.isnan(c), np.float32(np.nan), np.where(a > c, a, c))
        elif op == "lt":
            out = (a < c).astype(np.float32)
        elif op == "eq":
            out = (a == c).astype(np.float32)
        elif op == "relu":
            out = np.where(np.isnan(a), np.float32(np.nan), np.where(a > 0, a, np.float32(0)))
        elif op == "neg":
            return fpref.bits(-a)
        elif op in ("keep", "drop"):
            return np.where((a != 0) == (op == "keep"), fpref.bits(c), 0).astype(np.uint32)
        elif op == "or":
            return fpref.bits(a) | fpref.bits(c)
        elif op == "floor":
            out = np.floor(af)
        elif op == "exp2i":
            out = np.ldexp(np.float32(1), np.clip(np.trunc(np.nan_to_num(a, posinf=999, neginf=-999)), -999, 999).astype(np.int32))
            out = np.where(np.abs(out) < fpref.TINY, 0, out).astype(np.float32)
            out = np.where(np.isnan(a), np.float32(np.nan), out)
        elif op == "mant":
            m, _ = np.frexp(af)
            out = np.where((af == 0) | np.isinf(af), np.float32(1), 2 * m)
            out = np.where(af < 0, np.float32(np.nan), out)
        elif op == "expo":
            _, e = np.frexp(af)
            out = np.where(af == 0, -np.inf, np.where(np.isinf(af), np.inf, e - 1.0)).astype(np.float32)
            out = np.where(np.isnan(af), np.float32(np.nan), out)
        else:
            return fpref.bits(a)
    bits = fpref.bits(out.astype(np.float32))
    return np.where(np.isnan(out), fpref.QNAN, bits).astype(np.uint32)


@cocotb.test()
async def elementwise_ops(dut):
    b = Bench(dut)
    await b.reset()
    rng = np.random.default_rng(3)
    rows, n = 6, 13                                   # n not a multiple of the lanes
    x = rng.standard_normal((rows, n)).astype(np.float32) * 8
    y = rng.standard_normal((rows, n)).astype(np.float32) * 8
    y[0, :4] = x[0, :4]                               # equal pairs for eq/max
    x[1, 0], y[1, 1], x[2, 2], y[2, 2] = np.nan, np.inf, 0.0, -0.0
    x[3, :6] = [np.inf, -np.inf, -0.0, 1e-40, -1e-40, 2.0 ** 23 + 1]
    x[4, :6] = [200.0, -200.0, 126.5, -126.5, 127.0, -127.0]
    ax, ay = b.place(x), b.place(y)
    ops = ["add", "sub", "mul", "max", "lt", "eq", "relu", "neg", "copy", "keep", "drop", "or",
           "floor", "exp2i", "mant", "expo"]
    outs = {op: b.place(np.zeros((rows, n), np.float32)) for op in ops}
    p = Program()
    p.load(0, ax, n, rows=rows, spad_row_stride=16)
    p.load(128, ay, n, rows=rows, spad_row_stride=16)
    for i, op in enumerate(ops):
        d = 256 + 128 * i
        p.vop(op, d, 0, 128, n=n, rows=rows, d_stride=16, a_stride=16, b_stride=16)
        p.store(d, outs[op], n, rows=rows, spad_row_stride=16)
    p.end()
    await b.run(p)
    for op in ops:
        got = b.words_at(outs[op], rows * n).reshape(rows, n)
        if op in BINARY:
            yy = fpref.bits(y) ^ np.uint32(0x80000000) if op == "sub" else fpref.bits(y)
            want = (fpref.fma_bits(fpref.bits(x), fpref.bits(np.ones_like(x)), yy) if op != "mul"
                    else fpref.fma_bits(fpref.bits(x), fpref.bits(y), np.full(x.shape, 0x80000000, np.uint32)))
            with np.errstate(all="ignore"):
                plain = fpref.bits(BINARY[op](x, y))
            plain = np.where(np.isnan(BINARY[op](x, y)), fpref.QNAN, plain)
            normal = ((fpref.flush(fpref.bits(x)) == fpref.bits(x)) & (fpref.flush(fpref.bits(y)) == fpref.bits(y))
                      & (fpref.flush(plain) == plain))
            assert (want == plain)[normal].all()          # without subnormals: FMA form == numpy
        else:
            want = lane_reference(op, x, y)
        assert (got == want).all(), (op, got, want)


@cocotb.test()
async def scalar_broadcast(dut):
    """A per-row scalar against a vector: bias add and scaling (stride-0 operands)."""
    b = Bench(dut)
    await b.reset()
    rng = np.random.default_rng(4)
    x = rng.standard_normal((5, 8)).astype(np.float32)
    s = rng.standard_normal(5).astype(np.float32)
    ax, as_, ad = b.place(x), b.place(s), b.place(np.zeros((5, 8), np.float32))
    p = Program()
    p.load(0, ax, 40)
    p.load(64, as_, 5)
    p.vop("mul", 128, 64, 0, n=8, rows=5, a_scalar=True, a_stride=1, b_stride=8, d_stride=8)
    p.store(128, ad, 40)
    p.end()
    await b.run(p)
    assert (b.floats_at(ad, (5, 8)) == s[:, None] * x).all()


@cocotb.test()
async def where_by_keep_drop_or(dut):
    """where(cond, x, y) = or(keep(cond, x), drop(cond, y)), exact for inf and NaN too."""
    b = Bench(dut)
    await b.reset()
    rng = np.random.default_rng(7)
    n = 30
    cond = (rng.random(n) < 0.5).astype(np.float32)
    cond[:3] = [np.nan, -0.0, 0.0]
    x = rng.standard_normal(n).astype(np.float32)
    y = rng.standard_normal(n).astype(np.float32)
    x[3], y[4] = np.inf, np.nan
    ac, ax, ay, ad = b.place(cond), b.place(x), b.place(y), b.place(np.zeros(n, np.float32))
    p = Program()
    p.load(0, ac, n)
    p.load(32, ax, n)
    p.load(64, ay, n)
    p.vop("keep", 96, 0, 32, n=n)
    p.vop("drop", 128, 0, 64, n=n)
    p.vop("or", 160, 96, 128, n=n)
    p.store(160, ad, n)
    p.end()
    await b.run(p)
    with np.errstate(invalid="ignore"):
        want = np.where(cond != 0, x, y)
    assert (b.words_at(ad, n) == fpref.bits(want)).all()


def matmul_reference(a, bm, init=None):
    """Sequential k-order fused accumulation, as the lanes do it."""
    acc = np.zeros((a.shape[0], bm.shape[1]), np.uint32) if init is None else fpref.bits(init)
    for k in range(a.shape[1]):
        acc = fpref.fma_bits(np.repeat(fpref.bits(a[:, k:k + 1]), bm.shape[1], 1),
                             np.repeat(fpref.bits(bm[k:k + 1, :]), a.shape[0], 0), acc)
    return acc


@cocotb.test()
async def matmul_and_reductions(dut):
    b = Bench(dut)
    await b.reset()
    rng = np.random.default_rng(5)
    m, k, n = 5, 7, 9
    a = rng.standard_normal((2, m, k)).astype(np.float32)        # batch of two
    bm = rng.standard_normal((2, k, n)).astype(np.float32)
    c0 = rng.standard_normal((m, n)).astype(np.float32)
    aa, ab, ac0 = b.place(a), b.place(bm), b.place(c0)
    ad = b.place(np.zeros((2, m, n), np.float32))
    acc_out, sums, maxes, row_max = (b.place(np.zeros(s, np.float32)) for s in ((m, n), (n,), (n,), (k,)))
    ones = b.place(np.ones(k, np.float32))
    p = Program()
    for batch in range(2):
        kernels.matmul(p, ad + 4 * batch * m * n, aa + 4 * batch * m * k, ab + 4 * batch * k * n, m, k, n)
    # accumulate into an existing C
    p.load(0, aa, k, rows=m)
    p.load(64, ab, n, rows=k, spad_row_stride=12)
    p.load(256, ac0, n, rows=m, spad_row_stride=12)
    p.mm(256, 0, 64, m, n, k, ldb=12, ldd=12, accumulate=True)
    p.store(256, acc_out, n, rows=m, spad_row_stride=12)
    # reduce over axis 0 of b[0] (k x n): sum = ones @ b, max by the max-reduce mode
    p.load(512, ones, k)
    p.mm(1024, 512, 64, 1, n, k, ldb=12)
    p.store(1024, sums, n)
    p.mm(1040, 512, 64, 1, n, k, ldb=12, max_reduce=True)
    p.store(1040, maxes, n)
    # reduce over the last axis: load transposed, then reduce over rows
    p.load(2048, ab, k, rows=n, elem_stride=4 * n, row_stride=4, spad_row_stride=8)
    p.mm(2200, 512, 2048, 1, k, n, ldb=8, max_reduce=True)
    p.store(2200, row_max, k)
    p.end()
    cycles = await b.run(p)
    dut._log.info("matmul program: %d cycles", cycles)
    for batch in range(2):
        got = b.words_at(ad + 4 * batch * m * n, m * n).reshape(m, n)
        assert (got == matmul_reference(a[batch], bm[batch])).all()
        assert np.allclose(got.view(np.float32), a[batch] @ bm[batch], rtol=1e-5, atol=1e-5)
    assert (b.words_at(acc_out, m * n).reshape(m, n) == matmul_reference(a[0], bm[0], c0)).all()
    assert (b.words_at(sums, n) == matmul_reference(np.ones((1, k), np.float32), bm[0])[0]).all()
    assert (b.floats_at(maxes, (n,)) == bm[0].max(axis=0)).all()
    assert (b.floats_at(row_max, (k,)) == bm[0].max(axis=1)).all()


@cocotb.test()
async def bad_command_and_bus_error(dut):
    """An unknown opcode and a DMA outside memory stop with the error bit and the interrupt."""
    b = Bench(dut)
    await b.reset()
    p = Program()
    p.words += [0xF, 0, 0, 0, 0, 0, 0, 0]
    assert await b.run(p, expect_status=4) > 0
    p = Program()
    p.load(0, 0x20000000, 4)
    p.end()
    assert await b.run(p, expect_status=4) > 0


@cocotb.test()
async def dense_relu_from_docs(dut):
    """The worked example of docs/accel.md: y = relu(x @ w + bias)."""
    b = Bench(dut)
    await b.reset()
    rng = np.random.default_rng(6)
    M, K, N = 6, 10, 7
    x = rng.standard_normal((M, K)).astype(np.float32)
    w = rng.standard_normal((K, N)).astype(np.float32)
    bias = rng.standard_normal(N).astype(np.float32)
    x_addr, w_addr, b_addr, y_addr = b.place(x), b.place(w), b.place(bias), b.place(np.zeros((M, N), np.float32))
    p = Program()
    ldn = -(-N // 4) * 4
    p.load(0, x_addr, K, rows=M)
    p.load(4096, w_addr, N, rows=K, spad_row_stride=ldn)
    p.load(8192, b_addr, N, rows=M, row_stride=0, spad_row_stride=ldn)
    p.mm(8192, 0, 4096, M, N, K, ldb=ldn, ldd=ldn, accumulate=True)
    p.vop("relu", 8192, 8192, n=N, rows=M, d_stride=ldn, a_stride=ldn)
    p.store(8192, y_addr, N, rows=M, spad_row_stride=ldn)
    p.end()
    await b.run(p)
    want = matmul_reference(x, w, np.repeat(bias[None, :], M, 0)).view(np.float32)
    assert (b.floats_at(y_addr, (M, N)) == np.maximum(want, 0)).all()


@cocotb.test()
async def functions_exp_recip_tanh_divide(dut):
    """The composed functions of toolchain/accel/mathfn.py on the RTL (the C model
    check in Bench.run makes them bit-identical to test_mathfn.py's runs)."""
    from toolchain.accel import mathfn
    b = Bench(dut)
    await b.reset()
    rng = np.random.default_rng(8)
    x = np.concatenate([rng.uniform(-20, 20, 21), [np.nan, np.inf, 0.0]]).astype(np.float32)
    y = rng.uniform(0.5, 4, 24).astype(np.float32)
    consts = b.place(np.frombuffer(mathfn.constant_table(), np.float32))
    ax, ay = b.place(x), b.place(y)
    outs = [b.place(np.zeros(24, np.float32)) for _ in range(4)]
    p = Program()
    mathfn.load_constants(p, consts)
    for fn, out in zip((mathfn.exp, mathfn.recip, mathfn.tanh), outs):
        mathfn.unary(p, fn, out, ax, 24)
    mathfn.divide(p, outs[3], ax, ay, 24)
    p.end()
    cycles = await b.run(p)
    dut._log.info("exp, recip, tanh, divide of 24 elements: %d cycles", cycles)
    x64 = x.astype(np.float64)
    with np.errstate(all="ignore"):
        for out, want, tol in ((outs[0], np.exp(x64), 2e-7), (outs[1], 1 / x64, 3e-7),
                               (outs[2], np.tanh(x64), 4e-7), (outs[3], x64 / y, 4e-7)):
            got = b.floats_at(out, (24,)).astype(np.float64)
            finite = np.isfinite(want) & (want != 0)
            assert (np.abs(got - want)[finite] <= tol * np.maximum(np.abs(want[finite]), 1)).all()
            assert np.array_equal(got[~finite], want[~finite], equal_nan=True)


INT_EDGES = np.array([0, 1, -1, 2**31 - 1, -2**31, 2**24 + 1, 2**24 + 3, -(2**25 + 6), 2**30 + 64, 2**30 + 192,
                      123456789, -987654321, 16777217, 255], dtype=np.int64).astype(np.int32)


@cocotb.test()
async def int32_ops_and_casts(dut):
    """The int32 page: add sub max lt eq wrap like C int32; itof rounds to
    nearest even like numpy's astype; ftoi truncates (INT_MIN when out of range)."""
    b = Bench(dut)
    await b.reset()
    rng = np.random.default_rng(9)
    n = 40
    x = np.concatenate([INT_EDGES, rng.integers(-2**31, 2**31, n - INT_EDGES.size)]).astype(np.int32)
    y = np.concatenate([INT_EDGES[::-1], rng.integers(-2**31, 2**31, n - INT_EDGES.size)]).astype(np.int32)
    y[:3] = x[:3]                                     # equal pairs
    f = np.concatenate([rng.uniform(-3e9, 3e9, 20), rng.uniform(-100, 100, 12),
                        [np.nan, np.inf, -np.inf, -0.0, 0.99, -0.99, 2.0 ** 31, -2.0 ** 31]]).astype(np.float32)
    ax, ay, af = b.place(x), b.place(y), b.place(f)
    ops = ["iadd", "isub", "imax", "ilt", "ieq", "itof", "ftoi"]
    outs = {op: b.place(np.zeros(n, np.int32)) for op in ops}
    p = Program()
    p.load(0, ax, n)
    p.load(64, ay, n)
    p.load(128, af, n)
    for i, op in enumerate(ops):
        d = 256 + 64 * i
        p.vop(op, d, 128 if op == "ftoi" else 0, 64, n=n)
        p.store(d, outs[op], n)
    p.end()
    await b.run(p)
    with np.errstate(all="ignore"):
        fits = np.isfinite(f) & (np.abs(f) < 2.0 ** 31)
        to_int = np.where(fits, np.trunc(np.where(fits, f, 0)), 0).astype(np.int64)
    want = {"iadd": x.astype(np.int64) + y, "isub": x.astype(np.int64) - y, "imax": np.maximum(x, y),
            "ilt": x < y, "ieq": x == y, "itof": fpref.bits(x.astype(np.float32)).view(np.int32),
            "ftoi": np.where(fits, to_int, -2**31)}
    for op in ops:
        got = b.words_at(outs[op], n).view(np.int32)
        assert (got == np.asarray(want[op]).astype(np.int64).astype(np.uint32).view(np.int32)).all(), (op, got)


@cocotb.test()
async def argmax_first_maximal(dut):
    """Argmax over the last axis: first maximal index, the first NaN wins, +0 ties -0."""
    b = Bench(dut)
    await b.reset()
    rng = np.random.default_rng(10)
    rows, cols = 9, 23
    a = rng.integers(-3, 4, (rows, cols)).astype(np.float32)      # many ties
    a[1, :] = -np.inf
    a[2, [4, 9]] = np.nan
    a[3, :] = 0.0
    a[3, 2], a[3, 5] = -0.0, 0.0
    a[4, :] = -0.0
    a[4, 7] = 0.0
    a[5, 20] = np.inf
    src, dst = b.place(a), b.place(np.zeros(rows, np.int32))
    p = Program()
    kernels.argmax(p, dst, src, rows, cols)
    p.end()
    await b.run(p)
    assert (b.words_at(dst, rows).view(np.int32) == np.argmax(a, axis=1)).all()


@cocotb.test()
async def gather_and_scatter_add(dut):
    """Embedding forward and backward: rows picked by int32 indices (negative
    counts from the end); repeated indices accumulate in order like np.add.at."""
    b = Bench(dut)
    await b.reset()
    rng = np.random.default_rng(11)
    vocab, width, count = 10, 7, 12
    table = rng.standard_normal((vocab, width)).astype(np.float32)
    idx = np.array([3, 0, 9, 3, -1, 5, 3, 0, -10, 2, 9, 9], dtype=np.int32)
    grad = rng.standard_normal((count, width)).astype(np.float32)
    at, ai, ag = b.place(table), b.place(idx), b.place(grad)
    out, acc = b.place(np.zeros((count, width), np.float32)), b.place(table)
    p = Program()
    kernels.gather_rows(p, out, at, ai, count, width, vocab)
    kernels.scatter_add_rows(p, acc, ai, ag, count, width, vocab)
    p.end()
    await b.run(p)
    assert (b.floats_at(out, (count, width)) == table[idx]).all()
    want = table.copy()
    np.add.at(want, idx, grad)
    assert (b.floats_at(acc, (vocab, width)) == want).all()


@cocotb.test()
async def index_out_of_range(dut):
    """An index outside [-bound, bound) stops the run with error and index_error
    (STATUS = 12) before anything of that row moves."""
    b = Bench(dut)
    await b.reset()
    table = np.arange(20, dtype=np.float32).reshape(5, 4)
    for bad in (5, -6):
        idx = np.array([1, bad], dtype=np.int32)
        at, ai, out = b.place(table), b.place(idx), b.place(np.full((2, 4), 7, np.float32))
        p = Program()
        kernels.gather_rows(p, out, at, ai, 2, 4, 5)
        p.end()
        assert await b.run(p, expect_status=12) > 0
        assert (b.floats_at(out, (2, 4)) == 7).all()


async def checked_matmul(b, rng, m, k, n):
    a = rng.standard_normal((m, k)).astype(np.float32)
    bm = rng.standard_normal((k, n)).astype(np.float32)
    aa, ab, ad = b.place(a), b.place(bm), b.place(np.zeros((m, n), np.float32))
    p = Program()
    kernels.matmul(p, ad, aa, ab, m, k, n)
    p.end()
    cycles = await b.run(p)
    b.dut._log.info("matmul %dx%dx%d: %d cycles, %.1f%% of the lanes' peak", m, k, n, cycles,
                    100 * m * k * n / cycles / 4)
    assert (b.words_at(ad, m * n).reshape(m, n) == matmul_reference(a, bm)).all()


@cocotb.test()
async def matmul_64_on_rtl(dut):
    """The bench's 64x64x64 matmul on the RTL: its cycle count is the model's
    (run by test_accel_rtl_long only: about 100k simulated cycles)."""
    b = Bench(dut)
    await b.reset()
    await checked_matmul(b, np.random.default_rng(13), 64, 64, 64)


@cocotb.test()
async def prefetch_beside_mm(dut):
    """Prefetched LOADs run beside the next MM (kernels.matmul double-buffers):
    same results, and the RTL's cycle count equals the model's max(MM, DMA)
    rule, also in the waiting cases:
    three prefetches in a row, a prefetch before a STORE, an MM with K = 1, END."""
    b = Bench(dut)
    await b.reset()
    rng = np.random.default_rng(12)
    await checked_matmul(b, rng, 12, 70, 20)
    x = rng.standard_normal(64).astype(np.float32)
    ax, outs = b.place(x), [b.place(np.zeros(64, np.float32)) for _ in range(3)]
    p = Program()
    for i in range(3):                                   # the third waits for the first two
        p.load(64 * i, ax, 64, prefetch=True)
    p.mm(512, 0, 64, 1, 8, 2, ldb=8)                     # a[0:2] @ rows 0-1 of (x as 8x8)
    p.load(1024, ax, 16, prefetch=True)
    p.store(128, outs[0], 64)                            # waits for the prefetch
    p.load(2048, ax, 8, prefetch=True)
    p.mm(520, 0, 2048, 1, 8, 1, ldb=8)                   # K = 1: runs after the load
    p.store(512, outs[1], 16)
    p.load(3072, ax, 4, prefetch=True)
    p.end()                                              # END waits too
    await b.run(p)
    assert (b.floats_at(outs[0], (64,)) == x).all()
    xm = x.reshape(8, 8)
    assert (b.words_at(outs[1], 8) == matmul_reference(x[None, 0:2], xm[0:2])[0]).all()
    assert (b.words_at(outs[1] + 32, 8) == matmul_reference(x[None, 0:1], xm[0:1])[0]).all()
