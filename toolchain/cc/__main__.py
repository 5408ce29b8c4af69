"""Driver: gcc-like command line; compiles .c to assembly, assembles and links.

B2G_BINUTILS=gnu switches the assembler and linker to GNU binutils.
"""
import os
import subprocess
import sys
import tempfile
from .diag import CompileError, error_text
from .preproc import Preprocessor
from .parser import Parser
from .codegen import Codegen

USAGE = "usage: python -m toolchain.cc [-c|-S|-E] [-o out] [-Idir] [-Dname[=v]] [-Uname] files..."
GNU_AS = ["riscv64-unknown-elf-as", "-march=rv32im_zicsr", "-mabi=ilp32"]
GNU_LD = ["riscv64-unknown-elf-ld", "-m", "elf32lriscv"]


class Options:
    def __init__(self):
        self.mode, self.output, self.includes, self.defines, self.undefs = "link", None, [], [], []
        self.inputs, self.link_args, self.stdinc = [], [], True
        self.opt = False         # -O1 and up; B2G_CC_OPT=1/0 overrides the flags


def parse_args(argv):
    o, i = Options(), 0
    while i < len(argv):
        a = argv[i]
        takes_value = a in ("-o", "-I", "-D", "-U", "-include", "-x", "-MF", "-T")
        value = argv[i + 1] if takes_value and i + 1 < len(argv) else None
        if takes_value and value is None:
            raise SystemExit(f"cc: error: missing argument to '{a}'")
        if a in ("-c", "-S", "-E"):
            o.mode = {"-c": "obj", "-S": "asm", "-E": "pp"}[a]
        elif a == "-o":
            o.output = value
        elif a.startswith("-I"):
            o.includes.append(value or a[2:])
        elif a.startswith("-D"):
            o.defines.append(value or a[2:])
        elif a.startswith("-U"):
            o.undefs.append(value or a[2:])
        elif a == "-nostdinc":
            o.stdinc = False
        elif a == "-T":
            o.link_args += ["-T", value]
        elif a.startswith("-Wl,"):
            o.link_args += a[4:].split(",")
        elif a.startswith("-O"):
            o.opt = a != "-O0"
        elif a.startswith(("-g", "-W", "-std=", "-f", "-m", "-pedantic", "-nostdlib", "-static",
                           "-ffreestanding", "-pipe", "-w")) or a in ("-x", "-MF", "-include"):
            pass                              # accepted; no effect on this compiler
        elif a.startswith("-") and a != "-":
            raise SystemExit(f"cc: error: unrecognized command-line option '{a}'")
        else:
            o.inputs.append(a)
        i += 2 if takes_value and not a[2:] else 1
    if os.environ.get("B2G_CC_OPT"):
        o.opt = os.environ["B2G_CC_OPT"] != "0"
    if not o.inputs:
        raise SystemExit("cc: fatal error: no input files\n" + USAGE)
    return o


def compile_to_asm(path, o):
    pp = Preprocessor(o.includes, o.defines, o.stdinc)
    for name in o.undefs:
        pp.undef(name)
    toks = pp.run_file(path)
    if o.mode == "pp":
        return render_tokens(toks)
    parser = Parser(toks)
    program = parser.program()
    return Codegen(parser, o.opt).program(program)


def render_tokens(toks):
    lines, line, cur = [], [], None
    for t in toks:
        if t.bol and line:
            lines.append("".join(line))
            line = []
        line.append((" " if t.space and line else "") + t.text)
    lines.append("".join(line))
    return "\n".join(lines) + "\n"


def run_tool(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    sys.stderr.write(r.stdout + r.stderr)
    if r.returncode != 0:
        raise SystemExit(1)


def assemble(asm_path, obj_path):
    if os.environ.get("B2G_BINUTILS") == "gnu":
        run_tool(GNU_AS + ["-o", obj_path, asm_path])
    else:
        run_tool([sys.executable, "-m", "toolchain.asm", "-o", obj_path, asm_path])


def link(objs, out, extra):
    if os.environ.get("B2G_BINUTILS") == "gnu":
        run_tool(GNU_LD + extra + ["-o", out] + objs)
    else:
        run_tool([sys.executable, "-m", "toolchain.ld"] + extra + ["-o", out] + objs)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    try:
        o = parse_args(argv)
    except SystemExit as e:
        print(e, file=sys.stderr)
        return 1
    if o.output and len(o.inputs) > 1 and o.mode != "link":
        print("cc: fatal error: cannot specify -o with -c, -S or -E with multiple files", file=sys.stderr)
        return 1
    tmp = tempfile.mkdtemp(prefix="b2gcc")
    objs = []
    try:
        for path in o.inputs:
            stem = os.path.splitext(os.path.basename(path))[0]
            if path.endswith((".o", ".a")):
                objs.append(path)
                continue
            if not os.path.isfile(path):
                print(f"cc: error: {path}: No such file or directory", file=sys.stderr)
                return 1
            if path.endswith(".s"):
                asm_path = path
            else:
                text = compile_to_asm(path, o)
                if o.mode in ("pp", "asm"):
                    dest = o.output or ("-" if o.mode == "pp" else stem + ".s")
                    if dest == "-":
                        sys.stdout.write(text)
                    else:
                        with open(dest, "w") as f:
                            f.write(text)
                    continue
                asm_path = os.path.join(tmp, stem + ".s")
                with open(asm_path, "w") as f:
                    f.write(text)
            obj = o.output if o.mode == "obj" and o.output else (
                stem + ".o" if o.mode == "obj" else os.path.join(tmp, f"{len(objs)}_{stem}.o"))
            assemble(asm_path, obj)
            objs.append(obj)
        if o.mode == "link":
            link(objs, o.output or "a.out", o.link_args)
    except CompileError as e:
        print(error_text(e), file=sys.stderr)
        return 1
    except RecursionError:
        print("cc: error: expression or statement nested too deeply", file=sys.stderr)
        return 1
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else 1
    except Exception as e:                       # a compiler bug: report it, no traceback
        print(f"cc: internal compiler error: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    finally:
        for name in os.listdir(tmp):
            os.unlink(os.path.join(tmp, name))
        os.rmdir(tmp)
    return 0


if __name__ == "__main__":
    sys.setrecursionlimit(20000)
    sys.exit(main())
