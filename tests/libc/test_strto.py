"""strtod and strtol/strtoll/strtoull against glibc: the bit pattern of the
result, where parsing stopped, and ERANGE, for hard rounding cases (exact
halfway points between doubles, long digit strings, subnormals, overflow),
hexadecimal floats, inf/nan and malformed input."""
import os
import random
import struct
import sys
from decimal import Decimal, getcontext

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import libc_cgen as cgen  # noqa: E402

getcontext().prec = 1200


def next_up(x):
    bits = struct.unpack("<Q", struct.pack("<d", x))[0]
    return struct.unpack("<d", struct.pack("<Q", bits + 1))[0]


def decimal_inputs():
    rng = random.Random(99)
    out = [
        "0", "-0", "1", "+1.5", "  \t42", "3.14159", "1e10", "1E-10", "0.1", "0.2", "0.3",
        "123456789012345678901234567890", "1.7976931348623157e308", "1.7976931348623158e308",
        "1.7976931348623159e308", "1e309", "-1e400", "2.2250738585072014e-308",
        "2.2250738585072011e-308", "4.9406564584124654e-324", "2.4703282292062327e-324",
        "2.4703282292062328e-324", "1e-400", "9007199254740993", "9007199254740993.0000000001",
        "0.000000000000000000000000000000000000001", "1.", ".5", ".", "e5", "1e", "1e+",
        "1.5e+3x", "-.25e-2", "00000.00001e5", "inf", "-Infinity", "INFINITE", "nan",
        "NaN(abc)", "nan(", "0x1p-1074", "0x1.fffffffffffffp1023", "0x1.8p3", "-0X.8P1",
        "0x", "0xg", "0x1.000000000000080000001p0", "0x1.00000000000008p0", "abc", "", "-",
        "+.e1", "1_000", "4e-320", "1" + "0" * 400 + "e-400", "0." + "0" * 350 + "1e300",
        "8.98846567431158e307", "179769313486231580793728971405301e276",
        "2.225073858507201136057409796709131975934819546351645648e-308",
        "7.2057594037927933e16", "6.9294956446009195e15", "3.4e38", "1e23", "8.589973e9",
    ]
    for _ in range(120):      # halfway points between neighbouring doubles, exactly
        x = abs(struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0])
        if x != x or x == float("inf") or next_up(x) == float("inf"):
            continue
        half = (Decimal(x) + Decimal(next_up(x))) / 2
        text = format(half, "e")
        out.append(text)
        digits, _, exp = text.partition("e")
        out.append(digits + "000001e" + exp)       # just above halfway
        out.append(format(Decimal(x), "e"))         # exactly x, hundreds of digits
    for _ in range(200):      # ordinary numbers in every decade
        out.append(repr(rng.uniform(0, 10) * 10 ** rng.randint(-320, 308)))
        out.append(f"{rng.random():.{rng.randint(1, 25)}g}e{rng.randint(-330, 310)}")
    return out


def run_table(toolchain, name, strings, body_for_one):
    rows = ",\n".join("    " + cgen.c_string(s) for s in strings)
    extra = ("#include <errno.h>\nstatic const char *inputs[] = {\n" + rows + "\n};\n")
    body = ["(void)D; (void)B;",
            "for (unsigned i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {",
            "    const char *s = inputs[i]; char *end; errno = 0;"] + body_for_one + ["}"]
    path = cgen.write_program(cgen.workfile(toolchain, name + ".c"), body, extra)
    ours = toolchain.run_rv32(toolchain.compile_rv32(path)).stdout.decode()
    ref = toolchain.run_host(toolchain.compile_host(path)).stdout.decode()
    return cgen.compare_lines(ours, ref, strings)


def test_strtod_matches_glibc(toolchain):
    strings = decimal_inputs()
    assert len(strings) > 500
    body = ["    double v = strtod(s, &end);",
            "    int range = errno == ERANGE && (v == 0 || v > 1e308 || v < -1e308);",
            '    printf("%016llx %d %d\\n", B(v), (int)(end - s), range);']
    assert run_table(toolchain, "strtod", strings, body) == []


def test_strtod_agrees_with_cpython(toolchain):
    """A second reference: CPython's float() rounds correctly too."""
    strings = [s for s in decimal_inputs()[60:] if s]
    body = ["    double v = strtod(s, &end);", '    printf("%016llx\\n", B(v));']
    rows = ",\n".join("    " + cgen.c_string(s) for s in strings)
    extra = "static const char *inputs[] = {\n" + rows + "\n};\n"
    full = ["(void)D;", "for (unsigned i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {",
            "    const char *s = inputs[i]; char *end;"] + body + ["}"]
    path = cgen.write_program(cgen.workfile(toolchain, "strtod_py.c"), full, extra)
    ours = toolchain.run_rv32(toolchain.compile_rv32(path)).stdout.decode().split()
    expected = ["%016x" % struct.unpack("<Q", struct.pack("<d", float(s)))[0] for s in strings]
    bad = [(s, a, b) for s, a, b in zip(strings, ours, expected) if a != b]
    assert bad == [] and len(ours) == len(expected)


INTEGER_INPUTS = [
    "0", "-0", "42", "-42", "  +17xyz", "0x1F", "0X1f", "017", "08", "0b101", "z", "Zz",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808",
    "-9223372036854775809", "18446744073709551615", "18446744073709551616",
    "99999999999999999999999", "-1", "0x", "0xg", "-0x8000000000000000", "   ", "+", "1 2",
    "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296",
]


def test_strtoll_strtoull_match_glibc(toolchain):
    body = []
    for base in (0, 2, 8, 10, 16, 36):
        body += [f"    {{ long long a = strtoll(s, &end, {base}); int ea = errno; int pa = (int)(end - s);",
                 f"    errno = 0; unsigned long long b = strtoull(s, &end, {base});",
                 f'    printf("{base}: %lld %d %d %llu %d %d|", a, pa, ea, b, (int)(end - s), errno); }}']
        body.append("    errno = 0;")
    body.append('    printf("\\n");')
    assert run_table(toolchain, "strtoll", INTEGER_INPUTS, body) == []


def test_strtol_32bit_clamps(toolchain):
    """long is 32 bits here: the expected values come from C's rules."""
    cases = {   # input: (strtol, ERANGE?, strtoul, ERANGE?)
        "2147483647": (2147483647, 0, 2147483647, 0),
        "2147483648": (2147483647, 1, 2147483648, 0),
        "-2147483648": (-2147483648, 0, 2147483648, 0),
        "-2147483649": (-2147483648, 1, 2147483647, 0),
        "4294967295": (2147483647, 1, 4294967295, 0),
        "4294967296": (2147483647, 1, 4294967295, 1),
        "-1": (-1, 0, 4294967295, 0),
        " 0x7fffFFFF": (2147483647, 0, 2147483647, 0),
    }
    strings = list(cases)
    body = ["    long a = strtol(s, &end, 0); int ea = errno == ERANGE; errno = 0;",
            "    unsigned long b = strtoul(s, &end, 0); int eb = errno == ERANGE;",
            '    printf("%ld %d %lu %d %d %ld\\n", a, ea, b, eb, atoi("  -12x"), atol("77"));']
    rows = ",\n".join("    " + cgen.c_string(s) for s in strings)
    extra = "#include <errno.h>\nstatic const char *inputs[] = {\n" + rows + "\n};\n"
    full = ["(void)D; (void)B;", "for (unsigned i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {",
            "    const char *s = inputs[i]; char *end; errno = 0;"] + body + ["}"]
    path = cgen.write_program(cgen.workfile(toolchain, "strtol32.c"), full, extra)
    ours = toolchain.run_rv32(toolchain.compile_rv32(path)).stdout.decode().splitlines()
    expected = ["%d %d %d %d -12 77" % cases[s] for s in strings]
    assert ours == expected
