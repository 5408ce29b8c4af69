"""The RISC-V ilp32 integer calling convention: where each argument word goes.

Every argument is a list of 4-byte words; each word goes to a register a0..a7
("reg", n) or to the outgoing stack area ("stack", byte offset).
Aggregates over 8 bytes are passed by reference (one pointer word).
"""
from .ctype import align_to


def by_reference(ty):
    return ty.kind in ("struct", "union") and ty.size > 8


def word_count(ty):
    if by_reference(ty):
        return 1
    return 1 if ty.size <= 4 else 2


def assign_args(types, nfixed, first_reg=0):
    """Returns (locations per argument, bytes of stack used)."""
    reg, stack, out = first_reg, 0, []
    for i, ty in enumerate(types):
        n = word_count(ty)
        wide_aligned = n == 2 and ty.align == 8
        if n == 1:
            if reg < 8:
                out.append([("reg", reg)])
                reg += 1
            else:
                out.append([("stack", stack)])
                stack += 4
            continue
        if wide_aligned and i >= nfixed and reg % 2:
            reg += 1                               # variadic 8-byte-aligned: even register pair
        if reg <= 6:
            out.append([("reg", reg), ("reg", reg + 1)])
            reg += 2
        elif reg == 7:
            out.append([("reg", 7), ("stack", stack)])
            reg, stack = 8, stack + 4
        else:
            if wide_aligned:
                stack = align_to(stack, 8)
            out.append([("stack", stack), ("stack", stack + 4)])
            stack += 8
    return out, stack


def named_reg_words(types, first_reg=0):
    """Registers and stack bytes the named parameters use (for va_start)."""
    locs, stack = assign_args(types, len(types), first_reg)
    regs = first_reg
    for words in locs:
        for kind, n in words:
            if kind == "reg":
                regs = n + 1
    return regs, stack
