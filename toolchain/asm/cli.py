"""Command line: python -m toolchain.asm in.s -o out.o [-march=..] [-mabi=..]."""
import sys

from toolchain.asm.assembler import AsmError, assemble

USAGE = "usage: python -m toolchain.asm [-march=rv32ima_zicsr_zifencei] [-mabi=ilp32] " \
        "[-mno-relax] in.s|- [-o out.o]"
IGNORED_FLAGS = ("-march=", "-mabi=", "-mno-relax", "-mrelax", "-mno-arch-attr", "-g",
                 "--", "-mlittle-endian", "-fno-pic", "-fpic")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    source, output, i = None, "a.out", 0
    while i < len(argv):
        arg = argv[i]
        if arg == "-o" and i + 1 < len(argv):
            output, i = argv[i + 1], i + 2
            continue
        if arg.startswith(IGNORED_FLAGS):
            pass
        elif arg == "-" or not arg.startswith("-"):
            if source is not None:
                print(f"error: more than one input file ({source}, {arg})", file=sys.stderr)
                return 1
            source = arg
        else:
            print(f"error: unknown option '{arg}'\n{USAGE}", file=sys.stderr)
            return 1
        i += 1
    if source is None:
        print(f"error: no input file\n{USAGE}", file=sys.stderr)
        return 1
    name = "<stdin>" if source == "-" else source
    try:
        text = sys.stdin.read() if source == "-" else open(source, encoding="utf-8",
                                                           errors="replace").read()
    except OSError as err:
        print(f"error: cannot read {source}: {err.strerror}", file=sys.stderr)
        return 1
    try:
        obj = assemble(text, name)
    except AsmError as err:
        where = f"{name}:{err.line}:{err.col}: " if err.col else \
            f"{name}:{err.line}: " if err.line else f"{name}: "
        print(f"{where}error: {err.message}", file=sys.stderr)
        return 1
    except RecursionError:
        print(f"{name}: error: expression nested too deeply", file=sys.stderr)
        return 1
    except Exception as err:            # a bug of ours: still no traceback for the user
        print(f"{name}: internal error: {err!r} (please report)", file=sys.stderr)
        return 1
    try:
        with open(output, "wb") as out:
            out.write(obj)
    except OSError as err:
        print(f"error: cannot write {output}: {err.strerror}", file=sys.stderr)
        return 1
    return 0
