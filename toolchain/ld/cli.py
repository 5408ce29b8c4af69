"""Command line: python -m toolchain.ld a.o b.o lib.a -o prog.elf [options].

Options: -e SYMBOL, --layout ram|rom|qemu, -Ttext=ADDR, -Tdata=ADDR,
-Trodata=ADDR, -Tbss=ADDR, -T SCRIPT (a linker-script subset, see script.py),
--bin FILE, --hex FILE, -L DIR, -lNAME.
Accepted and ignored for GNU ld compatibility: -m elf32lriscv, --no-relax,
-static, -nostdlib.
"""
import os
import sys

from toolchain.ld.linker import LinkError, link
from toolchain.ld.output import binary, elf_bytes, hex_words

USAGE = "usage: python -m toolchain.ld [-e entry] [--layout ram|rom|qemu] [-Ttext=ADDR] " \
        "[-Tdata=ADDR] [--bin out.bin] [--hex out.hex] [-L dir] [-lname] inputs... -o out.elf"
VALUE_OPTIONS = {"-o": "output", "-e": "entry", "--entry": "entry", "--layout": "layout",
                 "--bin": "bin", "--hex": "hex", "-m": "emulation"}
NO_OPS = {"--no-relax", "-static", "-nostdlib", "-melf32lriscv", "--no-gc-sections"}


class UsageError(Exception):
    pass


def parse_args(argv):
    opts = {"output": "a.out", "entry": None, "script": None, "layout": "ram", "overrides": {},
            "bin": None, "hex": None, "inputs": [], "libdirs": []}
    args = list(argv)
    while args:
        arg = args.pop(0)

        def value():
            if "=" in arg:
                return arg.split("=", 1)[1]
            if not args:
                raise UsageError(f"option '{arg}' needs a value")
            return args.pop(0)
        name = arg.split("=")[0]
        if arg in NO_OPS:
            continue
        if name in VALUE_OPTIONS:
            opts[VALUE_OPTIONS[name]] = value()
        elif name in ("-Ttext", "-Tdata", "-Trodata", "-Tbss"):
            text = value()
            try:
                opts["overrides"]["." + name[2:]] = int(text, 16)    # hex, as in GNU ld
            except ValueError:
                raise UsageError(f"bad address '{text}' for {name}") from None
        elif arg.startswith("-T"):          # -T script.ld or -Tscript.ld
            opts["script"] = arg[2:] or value()
        elif arg.startswith("-L"):
            opts["libdirs"].append(arg[2:] or value())
        elif arg.startswith("-l"):
            opts["inputs"].append(find_library(arg[2:], opts["libdirs"]))
        elif arg.startswith("-") and arg != "-":
            raise UsageError(f"unknown option '{arg}'")
        else:
            opts["inputs"].append(arg)
    if not opts["inputs"]:
        raise UsageError("no input files")
    return opts


def find_library(name, libdirs):
    for directory in libdirs + ["."]:
        path = os.path.join(directory, f"lib{name}.a")
        if os.path.exists(path):
            return path
    raise UsageError(f"cannot find -l{name} (searched {', '.join(libdirs + ['.'])})")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    try:
        opts = parse_args(argv)
        inputs = []
        for path in opts["inputs"]:
            try:
                with open(path, "rb") as handle:
                    inputs.append((path, handle.read()))
            except OSError as err:
                raise LinkError(f"cannot read {path}: {err.strerror}") from None
        script_text = None
        if opts["script"]:
            try:
                with open(opts["script"], encoding="utf-8") as handle:
                    script_text = handle.read()
            except OSError as err:
                raise LinkError(f"cannot read {opts['script']}: {err.strerror}") from None
        image = link(inputs, opts["layout"], opts["entry"], opts["overrides"], script_text)
        outputs = [(opts["output"], elf_bytes(image))]
        if opts["bin"] or opts["hex"]:
            try:
                _, data = binary(image)
            except ValueError as err:
                raise LinkError(str(err)) from None
            if opts["bin"]:
                outputs.append((opts["bin"], data))
            if opts["hex"]:
                outputs.append((opts["hex"], hex_words(data).encode()))
        for path, data in outputs:
            try:
                with open(path, "wb") as handle:
                    handle.write(data)
                if path == opts["output"]:      # executable, like GNU ld's output
                    os.chmod(path, os.stat(path).st_mode | 0o111)
            except OSError as err:
                raise LinkError(f"cannot write {path}: {err.strerror}") from None
    except UsageError as err:
        print(f"ld: error: {err}\n{USAGE}", file=sys.stderr)
        return 1
    except LinkError as err:
        for line in str(err).splitlines():
            print(f"ld: error: {line}", file=sys.stderr)
        return 1
    except Exception as err:            # a bug of ours: still no traceback for the user
        print(f"ld: internal error: {err!r} (please report)", file=sys.stderr)
        return 1
    return 0
