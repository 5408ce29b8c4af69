"""printf/snprintf against glibc: hundreds of format and value pairs, each
printed through snprintf (with its return value) by both libraries."""
import math
import os
import random
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import libc_cgen as cgen  # noqa: E402

FLOAT_FORMATS = [
    "%f", "%.0f", "%.1f", "%.2f", "%.3f", "%.10f", "%.17f", "%.25f", "%e", "%.0e",
    "%.1e", "%.3e", "%.16e", "%.20e", "%g", "%.0g", "%.1g", "%.2g", "%.3g", "%.10g",
    "%.17g", "%#g", "%#.3g", "%#.0f", "%#.0e", "%+f", "%+e", "% f", "%10.3f", "%-12.3e|",
    "%010.3f", "%+012.2e", "%E", "%G", "%F", "%-+8.2g|", "%08.3g", "%.*f", "%*.*e",
]

SPECIAL_DOUBLES = [
    0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, 3.5, -2.5, 0.125, 0.375, 1e-5, 1e-4, 9.5e-5,
    123456789.0, 1e15, 1e16, 1e17, 1e21, 1e22, 1e23, 1e100, 1e300, 1.7976931348623157e308,
    5e-324, 2.2250738585072014e-308, 2.2250738585072009e-308, 0.1, 0.2, 0.3, 1 / 3, 2 / 3,
    math.pi, math.e, 9.9999999, 0.99999999, 999999.5, 9.5, 0.05, 0.15, 0.25, 0.35, 0.45,
    1e-300, 99.995, 0.0005, 0.00049999999999999, 1e6, 999999.4999, 123.456, 1e-10,
    float("inf"), float("-inf"), float("nan"), -float("nan"), 4503599627370496.5,
    9007199254740993.0, 2.0 ** 63, 2.0 ** 64, 0.9999999999999999, 7.0e-10, 1.25e-7,
]

# Where glibc 2.36 disagrees with C11 7.21.6.1 and with CPython: with '#',
# %g must keep its trailing zeros even after rounding carries into a new
# digit (glibc prints "1.e+06").
GLIBC_DEVIATIONS = {("%#g", 999999.5)}

INT_CASES = [
    ("%d", "int", ["0", "1", "-1", "42", "2147483647", "-2147483647-1"]),
    ("%i|%5d|%-5d|%05d", "int4", ["7", "-7", "12345"]),
    ("%+d|% d|%.3d|%.0d|%8.3d|%-8.3d|", "int6", ["0", "5", "-5", "123456"]),
    ("%x|%X|%#x|%#X|%o|%#o|%u", "uint7", ["0", "1", "255", "4294967295u", "3735928559u"]),
    ("%#.0o|%#.0x|%.0u|%08x|%-#10x|", "uint5", ["0", "8", "65535"]),
    ("%lld|%llx|%llu|%+lld|%20lld|", "ll5", ["0", "-1", "9223372036854775807LL",
                                            "-9223372036854775807LL-1", "1234567890123LL"]),
    ("%hhd|%hd|%hu|%hhx|", "short4", ["300", "-1", "65537", "-129"]),
    # long and size_t are 64-bit on the host: values that print alike
    ("%ld|%lu|%lx|", "long3", ["0", "5", "2147483647"]),
    ("%ld|%5ld|", "long2", ["-5", "-2147483647"]),
    ("%zu|%zd|%zx|", "size3", ["0", "17", "2147483647"]),
    ("%jd|%ju|", "intmax2", ["-3", "18446744073709551615ULL"]),
]

STRING_CASES = [
    ('"[%s]"', ['"hello"', '""']),
    ('"[%10s]"', ['"abc"']),
    ('"[%-10s]"', ['"abc"']),
    ('"[%.2s]"', ['"abcdef"']),
    ('"[%*s]"', ['6, "ab"', '-6, "ab"']),
    ('"[%.*s]"', ['3, "abcdef"', '-1, "abcdef"']),
    ('"[%c%c%c]"', ["'a', 'b', 'c'"]),
    ('"[%5c|%-5c|]"', ["'x', 'y'"]),
    ('"[%%|%5%|]"', ["0"]),
    ('"[%p]"', ["(void *)(uintptr_t)0x1234", "(void *)(uintptr_t)0xdeadbeef"]),
    ('"[%s %d %s]"', ['"a", 1, "b"']),
]


def float_cases():
    """(format, stars, value) triples; stars are the * arguments."""
    rng = random.Random(1234)
    values = list(SPECIAL_DOUBLES)
    for _ in range(40):
        values.append(rng.uniform(-1, 1) * 10 ** rng.randint(-30, 30))
    for _ in range(10):     # random bit patterns: subnormals to huge
        values.append(struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0])
    cases = []
    for fmt in FLOAT_FORMATS:
        stars = {"%.*f": (7,), "%*.*e": (-15, 4)}.get(fmt, ())
        for v in values:
            cases.append((fmt, stars, v))
    # exactness: every digit of the smallest subnormal and of 2^-1074 * odd
    cases.append(("%.1074f", (), 5e-324))
    cases.append(("%.760e", (), 2.2250738585072009e-308))
    cases.append(("%.0f", (), 1.7976931348623157e308))
    return cases


def float_table_program(cases):
    """A loop over a table, which compiles fast (one call per case does not)."""
    rows = []
    for fmt, stars, v in cases:
        bits = struct.unpack("<Q", struct.pack("<d", v))[0]
        a = list(stars) + [0, 0]
        rows.append(f"    {{{cgen.c_string(fmt)}, {len(stars)}, {a[0]}, {a[1]}, 0x{bits:016x}ULL}},")
    extra = ("struct Case { const char *fmt; int stars, a, b; unsigned long long bits; };\n"
             "static const struct Case cases[] = {\n" + "\n".join(rows) + "\n};\n")
    body = [
        "static char buf[2000];",
        "(void)B;",
        "for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {",
        "    const struct Case *c = &cases[i];",
        "    double v = D(c->bits);",
        "    int n = c->stars == 0 ? snprintf(buf, sizeof buf, c->fmt, v)",
        "          : c->stars == 1 ? snprintf(buf, sizeof buf, c->fmt, c->a, v)",
        "          : snprintf(buf, sizeof buf, c->fmt, c->a, c->b, v);",
        '    printf("%d [%s]\\n", n, buf);',
        "}",
    ]
    return body, extra


def snprintf_lines(cases):
    lines, labels = [], []
    for fmt, args in cases:
        lines.append(f"n = snprintf(buf, sizeof buf, {cgen.c_string(fmt)}, {args}); "
                     f'printf("%d [%s]\\n", n, buf);')
        labels.append(f"{fmt} <- {args}")
    return lines, labels


def run_cases(toolchain, name, cases, extra_lines=()):
    lines, labels = snprintf_lines(cases)
    body = ["static char buf[2000];", "int n;", "(void)D; (void)B;"] + lines + list(extra_lines)
    path = cgen.write_program(cgen.workfile(toolchain, name + ".c"), body)
    ours = toolchain.run_rv32(toolchain.compile_rv32(path)).stdout.decode()
    ref = toolchain.run_host(toolchain.compile_host(path)).stdout.decode()
    return cgen.compare_lines(ours, ref, labels + ["extra"] * len(extra_lines))


def test_float_formats_match_glibc(toolchain):
    cases = float_cases()
    assert len(cases) > 3000
    body, extra = float_table_program(cases)
    path = cgen.write_program(cgen.workfile(toolchain, "printf_float.c"), body, extra)
    ours = toolchain.run_rv32(toolchain.compile_rv32(path)).stdout.decode()
    ref = toolchain.run_host(toolchain.compile_host(path)).stdout.decode()
    labels = [f"{fmt} {stars} {v!r}" for fmt, stars, v in cases]
    ref_lines = ref.splitlines()
    for i, (fmt, stars, v) in enumerate(cases):
        if (fmt, v) in GLIBC_DEVIATIONS:    # CPython's formatting decides
            expected = fmt % (stars + (v,))
            ref_lines[i] = f"{len(expected)} [{expected}]"
    assert cgen.compare_lines(ours, "\n".join(ref_lines), labels) == []


def test_integer_and_string_formats_match_glibc(toolchain):
    cases = []
    for fmt, kind, values in INT_CASES:
        count = fmt.count("%")
        ctype = {"int": "int", "int4": "int", "int6": "int", "uint7": "unsigned",
                 "uint5": "unsigned", "ll5": "long long", "short4": "int", "long3": "long", "long2": "long",
                 "size3": "size_t", "intmax2": "long long"}[kind]
        for v in values:
            cases.append((fmt, ", ".join([f"({ctype})({v})"] * count)))
    for fmt, argsets in STRING_CASES:
        for args in argsets:
            cases.append((fmt.strip('"'), args))
    assert run_cases(toolchain, "printf_int", cases) == []


def test_snprintf_truncates_and_counts(toolchain):
    extra = [
        'char small[8]; int m = snprintf(small, sizeof small, "%s-%d", "abcdef", 12345);',
        'printf("%d [%s]\\n", m, small);',
        'm = snprintf(NULL, 0, "%.3f", 3.14159); printf("%d\\n", m);',
        'm = snprintf(small, 1, "xyz"); printf("%d [%s]\\n", m, small);',
        'int pos = 0, pos2 = 0; printf("ab%ncd%n|\\n", &pos, &pos2); printf("%d %d\\n", pos, pos2);',
        'fprintf(stdout, "%s|%5.1f|%-3d|\\n", "f", 2.25, 7); fflush(stdout);',
        'char big[64]; sprintf(big, "%08.3f|%x", -3.5, 48879); puts(big);',
    ]
    assert run_cases(toolchain, "printf_misc", [("%d", "1")], extra) == []
