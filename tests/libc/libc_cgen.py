"""Helpers that write C test programs: every case becomes one printed line,
so our libc's output and glibc's can be compared line by line."""
import os
import struct

PRELUDE = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
static double D(unsigned long long bits) { double d; memcpy(&d, &bits, 8); return d; }
static unsigned long long B(double d) { unsigned long long u; memcpy(&u, &d, 8); return u; }
"""


def double_literal(value):
    """A C expression for exactly this double (NaN sign included)."""
    bits = struct.unpack("<Q", struct.pack("<d", value))[0]
    return f"D(0x{bits:016x}ULL)"


def c_string(text):
    out = '"'
    for ch in text:
        if ch in '"\\':
            out += "\\" + ch
        elif 32 <= ord(ch) < 127:
            out += ch
        else:
            out += f"\\{ord(ch):03o}"
    return out + '"'


def write_program(path, body_lines, extra=""):
    with open(path, "w") as f:
        f.write(PRELUDE + extra + "\nint main(void)\n{\n")
        for line in body_lines:
            f.write("    " + line + "\n")
        f.write("    return 0;\n}\n")
    return path


def compare_lines(ours, reference, labels):
    """Returns a readable list of the first differing lines."""
    a = ours.splitlines()
    b = reference.splitlines()
    bad = []
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            bad.append(f"{labels[i] if i < len(labels) else i}: ours {x!r} glibc {y!r}")
    if len(a) != len(b):
        bad.append(f"line counts differ: ours {len(a)} glibc {len(b)}")
    return bad[:20]


def workfile(toolchain, name):
    return os.path.join(toolchain.workdir, name)
