"""exp, reciprocal, division and tanh composed from the lane ops (docs/accel.md,
"Functions"). Each routine works on scratchpad regions of n words (addresses
multiples of LANES) and needs the constant table at CONST_SPAD; `unary` and
`divide` wrap them with LOAD/STORE over main-memory arrays, the stream
splittable after each piece (Program.cut).

exp(x): clamp x to [-104, 89]; k = floor(x log2(e) + 1/2); r = x - k ln2 in two
parts (Cody-Waite: k * LN2_HI is exact); e^r by its Taylor polynomial of degree
7 (|r| <= 0.35, truncation < 6e-9); times 2^(k//2) * 2^(k - k//2) so that the
scaling cannot overflow before the product does.
recip(x): m = mantissa of |x| in [1, 2), e its exponent; y0 = 24/17 - 8/17 m
(relative error <= 1/17), three Newton steps y = y (2 - m y) (error < 1e-9
before rounding); 1/x = sign(x) * y * 2^-e. divide(a, b) = a * recip(b).
tanh(x) = 1 - 2 / (exp(2x) + 1) with x clamped to [-10, 10] (tanh is +-1 there
in float32). log(x): m = mant(x), e = expo(x), halved/incremented when m > sqrt 2;
ln x = e ln2 + 2 atanh(z), z = (m-1)/(m+1), by the odd series to z^9 (|z| <= 0.172,
truncation < 3e-9). sqrt(x): x = m 4^h (h = floor(expo/2)), m in [1, 4); 1/sqrt m
from y0 = 1.1 - 0.15 m and four Newton steps; sqrt x = m y 2^h, zeros, inf and
negative numbers fixed up with selects. cos(x): r = x - 2 pi k (2 pi in three
parts), cos(r/4) by the even Taylor series to r^10, then cos 2a = 2 cos^2 a - 1
twice. gelu and gelu_grad follow docs/tensor-ops.md's tanh formula."""
import math
import struct

CONST_SPAD = 16384 - 64
CHUNK = 1024                   # words per piece: 15 regions of CHUNK + constants fit
REGIONS = 15
_CONSTANTS = [
    ("log2e", 1 / math.log(2)), ("half", 0.5), ("one", 1.0), ("two", 2.0), ("zero", 0.0),
    ("ln2_hi", 0.693145751953125), ("ln2_lo", 1.4286068203094173e-06),
    ("exp_min", -104.0), ("neg_exp_max", -89.0), ("neg_two", -2.0),
    ("seed_a", 24 / 17), ("seed_b", 8 / 17),
    ("tanh_min", -10.0), ("neg_tanh_max", -10.0),
    ("inf", math.inf), ("nan", math.nan), ("one_half", 1.5), ("rsqrt_a", 1.1), ("rsqrt_b", 0.15),
    ("inv_two_pi", 1 / (2 * math.pi)), ("two_pi_hi", 6.283203125), ("two_pi_mid", -1.781781975296326e-05),
    ("two_pi_lo", -6.608047442568932e-13), ("quarter", 0.25), ("neg_one", -1.0),
    ("neg_half", -0.5), ("sqrt2", math.sqrt(2)), ("inv3", 1 / 3), ("inv5", 1 / 5), ("inv7", 1 / 7), ("inv9", 1 / 9),
    ("gelu_c", 0.044715), ("gelu_3c", 3 * 0.044715), ("sqrt_2_over_pi", math.sqrt(2 / math.pi)),
] + [(f"inv_fact{i}", 1 / math.factorial(i)) for i in range(8)] + [
    (f"cos_c{i}", (-1) ** i / math.factorial(2 * i)) for i in range(6)]
SLOT = {name: CONST_SPAD + i for i, (name, _) in enumerate(_CONSTANTS)}
assert len(SLOT) == len(_CONSTANTS) <= 64


def constant_table():
    """The bytes to place in RAM and LOAD with load_constants."""
    return struct.pack(f"<{len(_CONSTANTS)}f", *(v for _, v in _CONSTANTS))


def load_constants(p, addr):
    p.load(CONST_SPAD, addr, len(_CONSTANTS))
    p.persist()


def _with(p, op, d, a, const, n):
    """d = op(a, constant)."""
    p.vop(op, d, a, SLOT[const], n=n, b_scalar=True)


def _from(p, op, d, const, b, n):
    """d = op(constant, b)."""
    p.vop(op, d, SLOT[const], b, n=n, a_scalar=True)


def clamp(p, d, x, n, lo, neg_hi):
    """d = min(max(x, lo), hi), NaN kept; min(a, h) = -max(-a, -h)."""
    _with(p, "max", d, x, lo, n)
    p.vop("neg", d, d, n=n)
    _with(p, "max", d, d, neg_hi, n)
    p.vop("neg", d, d, n=n)


def exp(p, d, x, n, tmp):
    """d = e^x; tmp: 4 free regions (d may be x)."""
    xc, t, k, u = tmp[:4]
    clamp(p, xc, x, n, "exp_min", "neg_exp_max")
    _with(p, "mul", t, xc, "log2e", n)
    _with(p, "add", t, t, "half", n)
    p.vop("floor", k, t, n=n)
    _with(p, "mul", u, k, "ln2_hi", n)
    p.vop("sub", xc, xc, u, n=n)
    _with(p, "mul", u, k, "ln2_lo", n)
    p.vop("sub", xc, xc, u, n=n)                 # xc = r
    _with(p, "mul", t, xc, "inv_fact7", n)       # Horner from the top coefficient
    for i in range(6, -1, -1):
        _with(p, "add", t, t, f"inv_fact{i}", n)
        if i:
            p.vop("mul", t, t, xc, n=n)
    _with(p, "mul", u, k, "half", n)
    p.vop("floor", u, u, n=n)                    # u = k // 2
    p.vop("sub", k, k, u, n=n)
    p.vop("exp2i", u, u, n=n)
    p.vop("exp2i", k, k, n=n)
    p.vop("mul", t, t, u, n=n)
    p.vop("mul", d, t, k, n=n)


def recip(p, d, x, n, tmp):
    """d = 1 / x; tmp: 4 free regions."""
    m, e, y, t = tmp[:4]
    p.vop("neg", t, x, n=n)
    p.vop("max", m, x, t, n=n)                   # |x|
    p.vop("expo", e, m, n=n)
    p.vop("mant", m, m, n=n)
    _with(p, "mul", y, m, "seed_b", n)
    _from(p, "sub", y, "seed_a", y, n)           # y0 = 24/17 - 8/17 m
    for _ in range(3):
        p.vop("mul", t, m, y, n=n)
        _from(p, "sub", t, "two", t, n)
        p.vop("mul", y, y, t, n=n)
    p.vop("neg", e, e, n=n)
    p.vop("exp2i", e, e, n=n)
    p.vop("mul", y, y, e, n=n)
    _with(p, "lt", t, x, "zero", n)              # sign: y * (1 - 2 [x < 0])
    _with(p, "mul", t, t, "neg_two", n)
    _with(p, "add", t, t, "one", n)
    p.vop("mul", d, y, t, n=n)


def tanh(p, d, x, n, tmp):
    """d = tanh(x); tmp: 6 free regions."""
    xc, e = tmp[0], tmp[1]
    clamp(p, xc, x, n, "tanh_min", "neg_tanh_max")
    _with(p, "mul", xc, xc, "two", n)
    exp(p, e, xc, n, tmp[2:6])
    _with(p, "add", e, e, "one", n)
    recip(p, xc, e, n, tmp[2:6])
    _with(p, "mul", xc, xc, "neg_two", n)
    _with(p, "add", d, xc, "one", n)


def log(p, d, x, n, tmp):
    """d = ln x; tmp: 9 free regions."""
    m, e, c, z, w = tmp[:5]
    p.vop("mant", m, x, n=n)
    p.vop("expo", e, x, n=n)
    _from(p, "lt", c, "sqrt2", m, n)             # m > sqrt 2: halve m, count it in e
    p.vop("add", e, e, c, n=n)
    _with(p, "mul", c, c, "neg_half", n)
    _with(p, "add", c, c, "one", n)
    p.vop("mul", m, m, c, n=n)                   # m in [0.71, 1.41]
    _with(p, "add", w, m, "one", n)
    recip(p, z, w, n, tmp[5:9])
    _with(p, "sub", w, m, "one", n)
    p.vop("mul", z, w, z, n=n)                   # z = (m - 1) / (m + 1), |z| <= 0.172
    p.vop("mul", w, z, z, n=n)
    _with(p, "mul", c, w, "inv9", n)             # 2 atanh z = 2 z (1 + z^2/3 + ... + z^8/9)
    for inv in ("inv7", "inv5", "inv3", "one"):
        _with(p, "add", c, c, inv, n)
        if inv != "one":
            p.vop("mul", c, c, w, n=n)
    p.vop("mul", c, c, z, n=n)
    _with(p, "mul", c, c, "two", n)
    _with(p, "mul", w, e, "ln2_lo", n)
    p.vop("add", c, c, w, n=n)
    _with(p, "mul", w, e, "ln2_hi", n)
    p.vop("add", d, w, c, n=n)


def select(p, d, cond, a, b, n, tmp):
    """d = cond != 0 ? a : b, exact for every value (d may be b)."""
    p.vop("keep", tmp, cond, a, n=n)
    p.vop("drop", d, cond, b, n=n)
    p.vop("or", d, tmp, d, n=n)


def sqrt(p, d, x, n, tmp):
    """d = sqrt(x); tmp: 5 free regions."""
    m, h, y, t, c = tmp[:5]
    p.vop("expo", h, x, n=n)
    _with(p, "mul", h, h, "half", n)
    p.vop("floor", h, h, n=n)                    # x = m 4^h with m in [1, 4)
    p.vop("neg", t, h, n=n)
    p.vop("exp2i", t, t, n=n)
    p.vop("mul", m, x, t, n=n)
    p.vop("mul", m, m, t, n=n)
    _with(p, "mul", y, m, "rsqrt_b", n)
    _from(p, "sub", y, "rsqrt_a", y, n)          # y0 = 1.1 - 0.15 m ~ 1/sqrt(m), error < 14 %
    for _ in range(4):                           # y = y (1.5 - 0.5 m y^2)
        p.vop("mul", t, y, y, n=n)
        p.vop("mul", t, t, m, n=n)
        _with(p, "mul", t, t, "neg_half", n)
        _with(p, "add", t, t, "one_half", n)
        p.vop("mul", y, y, t, n=n)
    p.vop("mul", y, y, m, n=n)                   # sqrt(m)
    p.vop("exp2i", h, h, n=n)
    p.vop("mul", y, y, h, n=n)
    _with(p, "eq", c, x, "zero", n)              # sqrt(+-0) = +-0, sqrt(inf) = inf
    select(p, y, c, x, y, n, t)
    _with(p, "eq", c, x, "inf", n)
    select(p, y, c, x, y, n, t)
    _with(p, "lt", c, x, "zero", n)              # negative: NaN
    p.vop("keep", t, c, SLOT["nan"], n=n, b_scalar=True)
    p.vop("drop", d, c, y, n=n)
    p.vop("or", d, t, d, n=n)


def cos(p, d, x, n, tmp):
    """d = cos(x); tmp: 4 free regions."""
    r, k, u, t = tmp[:4]
    _with(p, "mul", k, x, "inv_two_pi", n)
    _with(p, "add", k, k, "half", n)
    p.vop("floor", k, k, n=n)                    # r = x - 2 pi k in [-pi, pi], 2 pi in three parts
    _with(p, "mul", u, k, "two_pi_hi", n)
    p.vop("sub", r, x, u, n=n)
    _with(p, "mul", u, k, "two_pi_mid", n)
    p.vop("sub", r, r, u, n=n)
    _with(p, "mul", u, k, "two_pi_lo", n)
    p.vop("sub", r, r, u, n=n)
    _with(p, "mul", r, r, "quarter", n)          # cos(r/4) by its even series to r^10
    p.vop("mul", u, r, r, n=n)
    _with(p, "mul", t, u, "cos_c5", n)
    for i in range(4, -1, -1):
        _with(p, "add", t, t, f"cos_c{i}", n)
        if i:
            p.vop("mul", t, t, u, n=n)
    for _ in range(2):                           # cos 2a = 2 cos^2 a - 1, twice
        p.vop("mul", t, t, t, n=n)
        _with(p, "mul", t, t, "two", n)
        _with(p, "add", t, t, "neg_one", n)
    p.vop("copy", d, t, n=n)


def power(p, d, a, b, n, tmp):
    """d = a ** b = exp(b ln|a|), negative a only with integer b (sign from its
    parity), a ** 0 = 1 ** b = 1; tmp: 11 free regions."""
    r, t, c, f = tmp[:4]
    p.vop("neg", t, a, n=n)
    p.vop("max", t, a, t, n=n)                   # |a|
    log(p, r, t, n, tmp[2:11])
    p.vop("mul", r, r, b, n=n)
    exp(p, r, r, n, tmp[2:6])
    p.vop("floor", f, b, n=n)                    # integer b?
    p.vop("eq", f, f, b, n=n)
    _with(p, "mul", t, b, "half", n)             # odd b: floor(b/2) != b/2
    p.vop("floor", c, t, n=n)
    p.vop("eq", c, c, t, n=n)
    _with(p, "mul", c, c, "two", n)              # sign factor 2[even] - 1
    _with(p, "add", c, c, "neg_one", n)
    p.vop("mul", t, r, c, n=n)
    p.vop("keep", t, f, t, n=n)                  # non-integer b: NaN
    p.vop("drop", c, f, SLOT["nan"], n=n, b_scalar=True)
    p.vop("or", t, t, c, n=n)
    _with(p, "lt", c, a, "zero", n)              # use it for negative a only
    select(p, r, c, t, r, n, f)
    _with(p, "eq", c, b, "zero", n)
    _with(p, "eq", t, a, "one", n)
    p.vop("max", c, c, t, n=n)
    p.vop("keep", t, c, SLOT["one"], n=n, b_scalar=True)
    p.vop("drop", d, c, r, n=n)
    p.vop("or", d, t, d, n=n)


def binary_fn(p, fn, d, a, b, count):
    """d[i] = fn(a[i], b[i]) over count float32 words in RAM (fn: power)."""
    regions = [i * CHUNK for i in range(REGIONS)]
    for start in range(0, count, CHUNK):
        n = min(CHUNK, count - start)
        p.load(regions[0], a + 4 * start, n)
        p.load(regions[1], b + 4 * start, n)
        fn(p, regions[2], regions[0], regions[1], n, regions[3:])
        p.store(regions[2], d + 4 * start, n)
        p.cut()


def _gelu_tanh(p, t, x, n, tmp):
    """t = tanh(sqrt(2/pi) (x + 0.044715 x^3)); tmp: 7 free regions."""
    u = tmp[0]
    p.vop("mul", u, x, x, n=n)
    _with(p, "mul", u, u, "gelu_c", n)
    _with(p, "add", u, u, "one", n)
    p.vop("mul", u, u, x, n=n)
    _with(p, "mul", u, u, "sqrt_2_over_pi", n)
    tanh(p, t, u, n, tmp[1:7])


def gelu(p, d, x, n, tmp):
    """d = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))); tmp: 8 free regions."""
    t = tmp[0]
    _gelu_tanh(p, t, x, n, tmp[1:8])
    _with(p, "add", t, t, "one", n)
    p.vop("mul", t, t, x, n=n)
    _with(p, "mul", d, t, "half", n)


def gelu_grad(p, d, x, n, tmp):
    """d = 0.5 (1 + t) + 0.5 x (1 - t^2) sqrt(2/pi) (1 + 3 0.044715 x^2); tmp: 10 free regions."""
    t, s, v = tmp[0], tmp[1], tmp[2]
    _gelu_tanh(p, t, x, n, tmp[3:10])
    p.vop("mul", s, t, t, n=n)
    _from(p, "sub", s, "one", s, n)              # s = 1 - t^2
    p.vop("mul", v, x, x, n=n)
    _with(p, "mul", v, v, "gelu_3c", n)
    _with(p, "add", v, v, "one", n)
    _with(p, "mul", v, v, "sqrt_2_over_pi", n)
    p.vop("mul", v, v, s, n=n)
    p.vop("mul", v, v, x, n=n)                   # x (1 - t^2) sqrt(2/pi) (1 + 3c x^2)
    _with(p, "add", t, t, "one", n)
    p.vop("add", t, t, v, n=n)
    _with(p, "mul", d, t, "half", n)


def unary(p, fn, d, a, count):
    """d[i] = fn(a[i]) over count float32 words in RAM (fn: exp, recip, tanh, gelu, gelu_grad)."""
    regions = [i * CHUNK for i in range(REGIONS)]
    for start in range(0, count, CHUNK):
        n = min(CHUNK, count - start)
        p.load(regions[0], a + 4 * start, n)
        fn(p, regions[1], regions[0], n, regions[2:])
        p.store(regions[1], d + 4 * start, n)
        p.cut()


def divide(p, d, a, b, count):
    """d[i] = a[i] / b[i] = a[i] * recip(b[i])."""
    regions = [i * CHUNK for i in range(REGIONS)]
    for start in range(0, count, CHUNK):
        n = min(CHUNK, count - start)
        p.load(regions[0], a + 4 * start, n)
        p.load(regions[1], b + 4 * start, n)
        recip(p, regions[2], regions[1], n, regions[3:])
        p.vop("mul", regions[2], regions[0], regions[2], n=n)
        p.store(regions[2], d + 4 * start, n)
        p.cut()
