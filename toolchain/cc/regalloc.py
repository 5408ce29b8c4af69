"""Register allocation for -O1: which locals live in callee-saved registers.

A scalar local (int-sized or narrower, pointer or float) whose address is
never taken can live in one of s1-s11 instead of the frame; a call preserves
those registers, so the value needs no save around calls. Candidates are
ranked by use count, a use inside a loop counting 8 times per nesting level;
the 11 best get a register and the rest stay in the frame.
"""
from .ast import Node

SAVED_REGS = [f"s{i}" for i in range(1, 12)]
LOOP_WEIGHT = 8
SETJMP_NAMES = ("setjmp", "_setjmp", "sigsetjmp", "__builtin_setjmp")


def children(n):
    for value in n.__dict__.values():
        if isinstance(value, Node):
            yield value
        elif isinstance(value, list):
            yield from (v for v in value if isinstance(v, Node))


def allocate(fn, fits_register):
    """Returns {local Obj: register name} for function `fn`."""
    uses, pinned = {}, set()
    calls_setjmp = False

    def visit(n, weight):
        nonlocal calls_setjmp
        k = n.kind
        if k == "var" and n.var.is_local:
            uses[n.var] = uses.get(n.var, 0) + weight
        elif k == "memzero" and n.var not in uses:
            uses[n.var] = 0                        # `T x = init;` zeroes x first: see optgen.assign_reg
        elif k == "addr" and n.lhs.kind == "var":
            pinned.add(n.lhs.var)                  # its address escapes: it must live in memory
        elif k in ("va_start", "va_arg") and n.lhs.kind == "var":
            pinned.add(n.lhs.var)
        elif k == "call" and n.lhs.kind == "addr" and n.lhs.lhs.kind == "var" \
                and n.lhs.lhs.var.name in SETJMP_NAMES:
            calls_setjmp = True                    # longjmp would bring back stale registers
        inner = weight * LOOP_WEIGHT if k in ("while", "for", "do") else weight
        for c in children(n):
            visit(c, inner)

    visit(fn.body, 1)
    if calls_setjmp:
        return {}
    for p in fn.params:
        uses[p] = uses.get(p, 0) + 1               # the store of the incoming argument
    ranked = sorted((v for v in uses if v not in pinned and fits_register(v) and uses[v] >= 2),
                    key=lambda v: -uses[v])
    return {v: reg for v, reg in zip(ranked, SAVED_REGS)}
