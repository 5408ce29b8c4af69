"""software/rt (built by our compiler) against IEEE-754 results computed on the host by numpy/CPython.

The test program is compiled by GCC, whose soft-float calls (__adddf3, __fixsfsi, ...)
are resolved by our runtime: libgcc is not linked.
"""
import random
import struct
import numpy as np
import pytest
from cc_harness import LEVELS, gcc_obj, link, run, runtime_objs, LIBGCC

D_OPS = ["dadd", "dsub", "dmul", "ddiv", "dlt", "dle", "deq", "dgt", "dge", "dne"]
F_OPS = ["fadd", "fsub", "fmul", "fdiv", "flt", "fle", "feq", "fgt", "fge", "fne"]
CONV_OPS = ["d2i", "d2u", "d2ll", "d2ull", "i2d", "u2d", "ll2d", "ull2d", "d2f", "f2d",
            "f2i", "f2u", "f2ll", "i2f", "u2f", "ll2f", "ull2f"]
OPS = D_OPS + F_OPS + CONV_OPS
C_EXPR = {"add": "x + y", "sub": "x - y", "mul": "x * y", "div": "x / y", "lt": "x < y", "le": "x <= y",
          "eq": "x == y", "gt": "x > y", "ge": "x >= y", "ne": "x != y"}
CONV_C = {"d2i": ("D", "int"), "d2u": ("D", "unsigned"), "d2ll": ("D", "long long"),
          "d2ull": ("D", "unsigned long long"), "i2d": ("int", "D"), "u2d": ("unsigned", "D"),
          "ll2d": ("long long", "D"), "ull2d": ("unsigned long long", "D"), "d2f": ("D", "F"),
          "f2d": ("F", "D"), "f2i": ("F", "int"), "f2u": ("F", "unsigned"), "f2ll": ("F", "long long"),
          "i2f": ("int", "F"), "u2f": ("unsigned", "F"), "ll2f": ("long long", "F"), "ull2f": ("unsigned long long", "F")}

D_SPECIAL = [0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, 3.0, float("inf"), float("-inf"), float("nan"),
             5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308,
             0.1, 1 / 3, 2 ** 52 + 0.5, 2 ** 53, 2 ** 53 + 2, 123456789.0, -2.0 ** 31, 2.0 ** 31 - 1]
with np.errstate(over="ignore"):
    F_SPECIAL = [float(np.float32(v)) for v in D_SPECIAL + [1.401298464324817e-45, 1.1754942106924411e-38,
                                                            3.4028234663852886e38, 16777216.0, 8388607.5]]


def dbits(v):
    return struct.unpack("<Q", struct.pack("<d", v))[0]


def fbits(v):
    return struct.unpack("<I", struct.pack("<f", v))[0]


def f32(bits):
    return np.frombuffer(struct.pack("<I", bits), dtype=np.float32)[0]


def f64(bits):
    return np.frombuffer(struct.pack("<Q", bits), dtype=np.float64)[0]


def round_int_to_f32(n):
    """Correctly rounded (ties to even) integer -> binary32, done exactly on Python ints."""
    mag = abs(n)
    if mag >= 1 << 24:
        shift = mag.bit_length() - 24
        q, r = divmod(mag, 1 << shift)
        half = 1 << (shift - 1)
        if r > half or (r == half and q & 1):
            q += 1
        mag = q << shift
    return fbits(-float(mag) if n < 0 else float(mag))


def operands(rng, kind):
    """Random doubles/floats: raw bit patterns (NaN, inf, subnormals included), specials, near values."""
    special = D_SPECIAL if kind == "d" else F_SPECIAL
    choice = rng.random()
    if choice < 0.15:
        return rng.choice(special)
    if kind == "d":
        bits = rng.getrandbits(64)
        if choice < 0.6:                       # keep exponents close so results are interesting
            bits = (bits & 0x800FFFFFFFFFFFFF) | (rng.randint(1000, 1050) << 52)
        return float(f64(bits))
    bits = rng.getrandbits(32)
    if choice < 0.6:
        bits = (bits & 0x807FFFFF) | (rng.randint(110, 140) << 23)
    return float(f32(bits))


def int_operand(rng, bits, signed):
    v = rng.choice([rng.getrandbits(bits), rng.getrandbits(rng.randint(1, bits)), (1 << bits) - 1, 1 << (bits - 1),
                    (1 << 53) + 1, (1 << 24) + 1, (1 << 25) + 3, 0])
    v &= (1 << bits) - 1
    return v - (1 << bits) if signed and v >> (bits - 1) else v


def make_vectors(seed, per_op):
    rng = random.Random(seed)
    vecs = []
    with np.errstate(all="ignore"):
        for op in D_OPS + F_OPS:
            kind, name = op[0], op[1:]
            for _ in range(per_op):
                a, b = operands(rng, kind), operands(rng, kind)
                if rng.random() < 0.1:
                    b = a
                if kind == "d":
                    x, y = np.float64(a), np.float64(b)
                    enc, ab, bb = dbits, dbits(a), dbits(b)
                else:
                    x, y = np.float32(a), np.float32(b)
                    enc, ab, bb = fbits, fbits(a), fbits(b)
                r = {"add": x + y, "sub": x - y, "mul": x * y, "div": x / y, "lt": x < y, "le": x <= y,
                     "eq": x == y, "gt": x > y, "ge": x >= y, "ne": x != y}[name]
                expect = int(bool(r)) if name in ("lt", "le", "eq", "gt", "ge", "ne") else enc(float(r))
                vecs.append((op, ab, bb, expect))
        for op in CONV_OPS:
            for _ in range(per_op):
                vecs.append(conversion_vector(rng, op))
    return vecs


def conversion_vector(rng, op):
    src, dst = CONV_C[op]
    if src in ("D", "F"):
        lo, hi = {"int": (-2 ** 31, 2 ** 31), "unsigned": (0, 2 ** 32), "long long": (-2 ** 63, 2 ** 63),
                  "unsigned long long": (0, 2 ** 64), "F": (None, None), "D": (None, None)}[dst]
        while True:
            if lo is None:
                v = operands(rng, "d" if src == "D" else "f")
            else:                               # only values whose conversion is defined
                v = rng.choice([rng.uniform(lo, hi), rng.uniform(-1e6, 1e6) if lo < 0 else rng.uniform(0, 1e6),
                                rng.uniform(-4, 4) if lo < 0 else rng.uniform(0, 4), float(rng.randint(lo, hi))])
                v = float(np.float32(v)) if src == "F" else v
                if not (lo - 1 < v < hi) or (src == "F" and not lo - 1 < float(np.float32(v)) < hi):
                    continue
            break
        a = dbits(v) if src == "D" else fbits(v)
        if dst == "F":
            expect = fbits(float(np.float32(v)))
        elif dst == "D":
            expect = dbits(v)
        else:
            expect = int(v) & ((1 << (64 if "long long" in dst else 32)) - 1)
        return op, a, 0, expect
    bits = 64 if "long long" in src else 32
    n = int_operand(rng, bits, not src.startswith("unsigned"))
    expect = dbits(float(n)) if dst == "D" else round_int_to_f32(n)
    return op, n & ((1 << bits) - 1), 0, expect


def c_program(vecs):
    lines = ["#include \"%s\"" % "check.h",
             "typedef unsigned long long u64;", "typedef union { double d; u64 v; } D;",
             "typedef union { float f; unsigned v; } F;",
             "struct vec { int op; u64 a, b, expect; };", "static const struct vec vecs[] = {"]
    for op, a, b, e in vecs:
        lines.append(f"    {{{OPS.index(op)}, {a}ULL, {b}ULL, {e}ULL}},")
    lines.append("};")
    lines.append("static u64 compute(int op, u64 a, u64 b) {")
    lines.append("    switch (op) {")
    for i, op in enumerate(OPS):
        if op in D_OPS or op in F_OPS:
            u = "D" if op[0] == "d" else "F"
            expr = C_EXPR[op[1:]]
            compare = op[1:] in ("lt", "le", "eq", "gt", "ge", "ne")
            body = (f"{u} ua, ub, r; ua.v = a; ub.v = b; "
                    + (f"return ({expr.replace('x', 'ua.' + u.lower()).replace('y', 'ub.' + u.lower())});" if compare else
                       f"r.{u.lower()} = {expr.replace('x', 'ua.' + u.lower()).replace('y', 'ub.' + u.lower())}; return r.v;"))
        else:
            src, dst = CONV_C[op]
            if src in ("D", "F"):
                get = f"{src} s; s.v = a; "
                val = f"s.{src.lower()}"
            else:
                get, val = "", f"({src})a"
            if dst in ("D", "F"):
                body = get + f"{dst} r; r.{dst.lower()} = {val}; return r.v;"
            else:
                body = get + f"return (u64)({dst})({val}) & {'~0ULL' if 'long long' in dst else '0xFFFFFFFFULL'};"
        lines.append(f"    case {i}: {{ {body} }}")
    lines.append("    }\n    return 0;\n}")
    lines.append("""
static int is_nan(int op, u64 v) {
    if (op >= 10 && op < 20 || op == 28 || op >= 33)
        return (v & 0x7FFFFFFFULL) > 0x7F800000ULL && (v >> 32) == 0;
    return (v & 0x7FFFFFFFFFFFFFFFULL) > 0x7FF0000000000000ULL;
}

int main(void) {
    int failures = 0;
    for (unsigned i = 0; i < sizeof vecs / sizeof vecs[0]; i++) {
        const struct vec *v = &vecs[i];
        u64 got = compute(v->op, v->a, v->b);
        if (got != v->expect && !(is_nan(v->op, got) && is_nan(v->op, v->expect))) {
            check_failed(10000 + (int)i);
        }
    }
    PASS();
}""")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("seed", [1, 2])
def test_softfloat_against_host(seed, level, tmp_path_factory):
    tmp = str(tmp_path_factory.getbasetemp())
    rt = runtime_objs(tmp, level)
    assert rt != [LIBGCC], "software/rt is missing"
    work = tmp_path_factory.mktemp("sf")
    vecs = make_vectors(seed, 300)
    src = work / "sf.c"
    src.write_text(c_program(vecs))
    obj = str(work / "sf.o")
    import os
    from cc_harness import HERE
    gcc_obj(str(src), obj, ["-I", HERE])
    elf = str(work / "sf.elf")
    link([obj], elf, tmp, level)
    r = run(elf)
    if r.stdout != "OK\n":
        line = r.stdout.strip().split()[-1]
        i = int(line) - 10000 if line.isdigit() else None
        detail = vecs[i] if i is not None and 0 <= i < len(vecs) else None
        raise AssertionError(f"{r.stdout.strip()} vector={detail and (detail[0], hex(detail[1]), hex(detail[2]), hex(detail[3]))}")
    assert r.returncode == 0
