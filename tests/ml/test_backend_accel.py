"""The accel backend (ml/tensor/backend_accel.py) on the emulator's accelerator
model, against numpy: sizes past the scratchpad, strided and broadcast views,
and the numerics docs/accel.md promises (one rounding per op, flushed
subnormals, the documented accuracy of each function)."""
import numpy as np
import pytest
from ml import tensor as nd
from ml.tensor import backend_accel

rng = np.random.RandomState(5)
ULP = 2.0 ** -23           # float32 spacing at 1, relative


def mk(x):
    x = np.asarray(x)
    dtype = 'int32' if x.dtype.kind in 'iu' else 'float32'
    return nd.frombytes(x.astype(dtype).tobytes(), x.shape, dtype, 'accel')


def npy(a):
    return np.frombuffer(a.tobytes(), a.dtype).reshape(a.shape)


def test_strided_copies_past_the_scratchpad():
    x = rng.randn(40, 30, 25).astype(np.float32)          # 30,000 words > 16,320
    a = mk(x)
    for view, ref in ((a.permute(2, 0, 1), x.transpose(2, 0, 1)), (a[::-3, 1::2, ::-1], x[::-3, 1::2, ::-1]),
                      (a[:, :1].expand(40, 30, 25), np.broadcast_to(x[:, :1], x.shape))):
        assert np.array_equal(npy(view.contiguous()), ref)
    b = nd.zeros((40, 30, 25), backend='accel')
    b[1::2, :, ::-2] = a[1::2, :, :13]
    ref = np.zeros_like(x)
    ref[1::2, :, ::-2] = x[1::2, :, :13]
    assert np.array_equal(npy(b), ref)
    b[1:] = b[:-1]                                         # overlapping views of one buffer
    ref[1:] = ref[:-1].copy()
    assert np.array_equal(npy(b), ref)


@pytest.mark.parametrize('op', ['add', 'sub', 'mul', 'max', 'lt', 'eq'])
def test_lane_ops_round_once_like_numpy(op):
    """One FMA rounding per op is IEEE's correctly rounded result: bit-exact
    with numpy for normal numbers, broadcasting included."""
    x = rng.randn(150, 1, 160).astype(np.float32)
    y = rng.randn(3, 160).astype(np.float32)
    y[0, :5] = x[0, 0, :5]                                 # some equal pairs for eq/max
    f = {'add': np.add, 'sub': np.subtract, 'mul': np.multiply, 'max': np.maximum,
         'lt': lambda a, b: (a < b).astype(np.float32), 'eq': lambda a, b: (a == b).astype(np.float32)}[op]
    assert np.array_equal(npy(mk(x).binary(op, mk(y))), f(x, y))
    row = x[:, :, 7:8]                                     # constant along rows: A_SCALAR / B_SCALAR
    assert np.array_equal(npy(mk(x).binary(op, mk(row))), f(x, row))
    assert np.array_equal(npy(mk(row).binary(op, mk(y))), f(row, y))


def test_subnormals_flush_to_zero():
    x = mk(np.array([1e-40, -1e-40, 2e-38, 3e-38], np.float32))   # 2^-126 is 1.18e-38
    assert npy(x + 0.0).tolist() == [0.0, 0.0, np.float32(2e-38), np.float32(3e-38)]
    assert np.signbit(npy(x * 1.0)[1])                     # read as -0, and -0 * 1 = -0
    assert npy(x * 0.25).tolist() == [0.0, 0.0, 0.0, 0.0]  # 5e-39 and 7.5e-39: flushed


def _ulps(got, ref):
    """Distance in float32 steps between got and the reference rounded to float32
    (the measure of docs/accel.md's bounds)."""
    def ordered(v):
        i = v.astype(np.float32).view(np.int32).astype(np.int64)
        return np.where(i < 0, -(i & 0x7FFFFFFF), i)
    return np.abs(ordered(got) - ordered(ref))


# (op, inputs, reference in float64, bound kind, bound) - bounds from docs/accel.md "Functions"
UNARY = [
    ('exp', rng.uniform(-80, 80, 5000), np.exp, 'ulp', 1),
    ('log', np.exp(rng.uniform(-80, 80, 5000)), np.log, 'ulp', 3),
    ('sqrt', np.exp(rng.uniform(-80, 80, 5000)), np.sqrt, 'ulp', 2),
    ('tanh', rng.uniform(-12, 12, 5000), np.tanh, 'abs', 4e-7),
    ('cos', rng.uniform(-1000, 1000, 5000), np.cos, 'abs', 1e-6),
    ('gelu', rng.uniform(-8, 8, 5000), lambda x: 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3))),
     'abs', 1e-6),
]


@pytest.mark.parametrize('op,x,ref,kind,bound', UNARY, ids=[u[0] for u in UNARY])
def test_functions_within_documented_accuracy(op, x, ref, kind, bound):
    x = x.astype(np.float32)
    got = npy(mk(x).unary(op))
    want = ref(x.astype(np.float64))
    err = _ulps(got, want) if kind == 'ulp' else np.abs(got - want)
    assert err.max() <= bound, (op, err.max())


def test_divide_and_power_within_documented_accuracy():
    a = rng.uniform(-100, 100, 4000).astype(np.float32)
    b = (rng.uniform(0.01, 100, 4000) * rng.choice([-1, 1], 4000)).astype(np.float32)
    assert _ulps(npy(mk(a) / mk(b)), a.astype(np.float64) / b).max() <= 3
    base, e = np.abs(a) + 0.5, rng.uniform(-4, 4, 4000).astype(np.float32)
    want = base.astype(np.float64) ** e
    assert (np.abs(npy(mk(base) ** mk(e)) - want) / want).max() <= 2e-6
    assert npy(mk(np.float32([-2, -2, -8, 0])) ** mk(np.float32([3, 2, 1 / 3, 0]))).tolist()[:2] == [-8, 4]


def _sequential_bound(a, b):
    """|error| of a float32 dot product summed in order: k * 2^-24 * sum |a b| (plus slack)."""
    return (a.shape[-1] + 2) * 2.0 ** -24 * (np.abs(a).astype(np.float64) @ np.abs(b))


def test_matmul_tiles_strides_and_batches():
    a = rng.randn(2, 130, 70).astype(np.float32)           # tiles of 64 x 128 x 32, ragged edges
    w = rng.randn(150, 70).astype(np.float32)
    got = npy(mk(a) @ mk(w).T)                             # b read transposed straight from its view
    want = a.astype(np.float64) @ w.T.astype(np.float64)
    assert np.all(np.abs(got - want) <= _sequential_bound(a, w.T))
    b = rng.randn(3, 1, 70, 5).astype(np.float32)          # batch broadcast on both sides
    got = npy(mk(a[:, ::-1]) @ mk(b))
    want = a[:, ::-1].astype(np.float64) @ b
    assert np.all(np.abs(got - want) <= _sequential_bound(a[:, ::-1], b))


def test_reductions_sum_down_columns():
    x = rng.randn(50, 40, 30).astype(np.float32)
    a = mk(x)
    for axes in [(0, 2), (1,), (2,), (0, 1, 2)]:
        want = x.astype(np.float64).sum(axes, keepdims=True)
        bound = (x.size + 2) * 2.0 ** -24 * np.abs(x).astype(np.float64).sum(axes, keepdims=True)
        assert np.all(np.abs(npy(a.sum(axes, keepdims=True)) - want) <= bound), axes
        assert np.array_equal(npy(a.max(axes, keepdims=True)), x.max(axes, keepdims=True))
    x[3, 4, 5] = np.nan
    assert np.isnan(npy(mk(x).max(2))[3, 4]) and not np.isnan(npy(mk(x).max(2))[3, 5])


def test_gather_by_indexed_dma_and_scatter_add():
    w = rng.randn(30, 4, 6).astype(np.float32)
    idx = np.array([5, 0, 29, 5, -1])
    assert np.array_equal(npy(mk(w).take(mk(idx), 0)), w[idx])
    assert np.array_equal(npy(mk(w).take([2, 0, 2], axis=2)), w[:, :, [2, 0, 2]])
    dst = mk(np.zeros((30, 4, 6), np.float32))
    src = rng.randn(30, 3, 6).astype(np.float32)
    dst.scatter_add(mk(np.array([1, 3, 1])), mk(src), axis=1)
    want = np.zeros((30, 4, 6), np.float32)
    np.add.at(want, (slice(None), [1, 3, 1]), src)
    np.testing.assert_allclose(npy(dst), want, rtol=0, atol=4 * ULP * np.abs(src).max())
    t = w.transpose(2, 0, 1)[:, ::-1]                      # rows whose elements are strided
    assert np.array_equal(npy(mk(w).permute(2, 0, 1)[:, ::-1].take([3, -2, 3], axis=1)), t[:, [3, -2, 3]])
    for bad in (30, -31):                                  # checked by the indexed DMA in hardware
        with pytest.raises(IndexError, match='out of bounds for axis 0 of size 30'):
            mk(w).take([0, bad])


def test_int32_lanes_casts_argmax_and_where():
    x = (rng.randn(70, 90) * 1000).astype(np.float32)
    x[3, 4], x[5, 6] = 2.5e9, -3.7                        # out of int32 range; truncation toward 0
    i = rng.randint(-2 ** 31, 2 ** 31 - 1, (70, 90)).astype(np.int64)
    i[0, :3] = [-2 ** 31, 0, 5]
    a, n = mk(x), mk(i.astype(np.int32))
    with np.errstate(invalid='ignore'):
        assert np.array_equal(npy(a.astype('int32')), x.astype(np.int32))
    assert np.array_equal(npy(n.astype('float32')), i.astype(np.float32))     # rounded to nearest even
    wrap = lambda v: ((v + 2 ** 31) % 2 ** 32 - 2 ** 31).astype(np.int32)
    assert np.array_equal(npy(n + n[:, :1]), wrap(i + i[:, :1]))
    assert np.array_equal(npy(n - n.T.T[::-1]), wrap(i - i[::-1]))
    assert np.array_equal(npy(n.maximum(n[::-1])), np.maximum(i, i[::-1]))
    assert np.array_equal(npy(n < n[:, ::-1]), (i < i[:, ::-1]).astype(np.int32))
    assert np.array_equal(npy(n.eq(n[:, :1])), (i == i[:, :1]).astype(np.int32))
    assert np.array_equal(npy(n.where(a, -a)), np.where(i != 0, x, -x))     # -2**31 is true
    assert np.array_equal(npy(mk(x).eq(0.0).where(n, 7)), np.where(x == 0, i, 7))
    y = rng.randn(6, 50, 7).astype(np.float32)
    y[1, :, 2] = 4.0                                       # ties: the first index
    y[2, 9, 3] = np.nan                                    # NaN is the maximum
    for axis in (0, 1, 2):
        assert np.array_equal(npy(mk(y).argmax(axis)), y.argmax(axis)), axis


def test_cpu_fallbacks_agree_with_the_python_backend():
    """int32 mul and sums and random have no lanes: backend_python's code runs them."""
    i = rng.randint(-50, 50, (7, 9))
    n = mk(i)
    assert np.array_equal(npy(n * n), i * i)
    assert np.array_equal(npy(n.sum(1)), i.sum(1))
    assert np.array_equal(npy(n.max(0)), i.max(0))
    long = rng.randn(2, 4000).astype(np.float32)           # argmax along an axis the scratchpad cannot hold
    assert np.array_equal(npy(mk(long).argmax(1)), long.argmax(1))
    assert nd.Generator(7).rand((300,), 'accel').tobytes() == nd.Generator(7).rand((300,), 'python').tobytes()


def test_device_reports_errors_and_cycles():
    dev = backend_accel.device()
    before = dev.busy_cycles
    mk(rng.randn(64, 64).astype(np.float32)) @ mk(rng.randn(64, 64).astype(np.float32))
    assert dev.busy_cycles - before >= 64 * 64 * 64 // 4      # at least the MM at 4 lanes' peak
    with pytest.raises(RuntimeError, match='error at command 0'):
        dev.run(bytes([15]) + bytes(31))
    with pytest.raises(MemoryError, match='accelerator memory full'):
        type(dev)(1 << 16).alloc(1 << 20)


def test_streams_split_at_safe_points_give_the_same_bits(monkeypatch):
    """A stream longer than one run may hold (1,024 commands for the SoC's
    driver; here 100) runs as pieces cut where the scratchpad holds nothing
    later commands need but the constant table, a row of ones or prefetched
    tiles, which a piece loads again: the same bits as one run, in more runs."""
    x, w = rng.randn(130, 70).astype(np.float32), rng.randn(150, 70).astype(np.float32)
    col = rng.randn(6000, 3).astype(np.float32)
    dev = backend_accel.device()

    def ops():
        a, b, c = mk(x), mk(w), mk(col)
        y = a @ b.T                                         # 3 x 3 tiles, prefetched k steps
        return [y, (y * 0.01).tanh(), c.sum(0), c.max(0), c[:, 1:].T.exp(), a.argmax(1)]
    runs = dev.runs
    whole = ops()
    runs = dev.runs - runs
    monkeypatch.setattr('toolchain.accel.program.MAX_COMMANDS', 100)
    monkeypatch.setattr(backend_accel, '_templates', {})
    before = dev.runs
    split = ops()
    assert dev.runs - before > runs + 10
    for a, b in zip(whole, split):
        assert a.tobytes() == b.tobytes()
    with pytest.raises(backend_accel.program.AccelError, match='no split point'):
        monkeypatch.setattr('toolchain.accel.program.MAX_COMMANDS', 8)
        monkeypatch.setattr(backend_accel, '_templates', {})
        mk(x).tanh()
