"""Builds the libc: build/libc/<compiler>/libc.a and crt0.o.

    python -m software.libc.build [--cc gnu|ours] [--out DIR]

gnu  = Debian's riscv64-unknown-elf-gcc (rv32im, ilp32), the default for now;
ours = python -m toolchain.cc for C and python -m toolchain.asm for the .S files.
Objects are rebuilt when their source or any header is newer.
"""
import argparse
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(ROOT))
INCLUDE = os.path.join(ROOT, "include")
# The freestanding headers (stddef, stdint, stdarg, limits, float, stdbool) are the
# compiler's own; the libc adds the hosted ones. GCC is given ours too (-nostdinc).
FREESTANDING = os.path.join(REPO, "toolchain", "cc", "include")
GNU_CFLAGS = ["-march=rv32im", "-mabi=ilp32", "-O2", "-ffreestanding", "-fno-builtin",
              "-nostdlib", "-nostdinc", "-Wall", "-Wextra", "-Wno-unused-parameter",
              "-I", INCLUDE, "-I", FREESTANDING]


def sources():
    """Every C and assembly source of the libc, crt0 apart."""
    src = [os.path.join(ROOT, "src", f) for f in sorted(os.listdir(os.path.join(ROOT, "src")))
           if f.endswith(".c")]
    arch = os.path.join(ROOT, "arch", "riscv32")
    asm = [os.path.join(arch, f) for f in sorted(os.listdir(arch))
           if f.endswith(".S") and f != "crt0.S"]
    return src + asm, os.path.join(arch, "crt0.S")


def compile_command(compiler, source, obj):
    if compiler == "gnu":
        return ["riscv64-unknown-elf-gcc"] + GNU_CFLAGS + ["-c", source, "-o", obj]
    if source.endswith(".S"):   # plain assembly: our .S files use no cpp
        return [sys.executable, "-m", "toolchain.asm", source, "-o", obj]
    return [sys.executable, "-m", "toolchain.cc", "-I", INCLUDE, "-c", source, "-o", obj]


def newest_header():
    newest = 0.0
    for folder, _, files in os.walk(ROOT):
        for f in files:
            if f.endswith(".h"):
                newest = max(newest, os.path.getmtime(os.path.join(folder, f)))
    return newest


def build(compiler="gnu", out=None, keep_going=False):
    """Compiles and archives; returns (libc.a, crt0.o, failures)."""
    out = out or os.path.join(REPO, "build", "libc", compiler)
    os.makedirs(out, exist_ok=True)
    srcs, crt0 = sources()
    headers = newest_header()
    objects, failures = [], []
    for source in srcs + [crt0]:
        obj = os.path.join(out, os.path.basename(source).rsplit(".", 1)[0] + ".o")
        if (not os.path.exists(obj) or os.path.getmtime(obj) < max(os.path.getmtime(source), headers)):
            result = subprocess.run(compile_command(compiler, source, obj), cwd=REPO,
                                    capture_output=True, text=True)
            if result.returncode != 0:
                failures.append((source, result.stderr.strip()))
                if not keep_going:
                    raise RuntimeError(f"compiling {source} failed:\n{result.stderr}")
                continue
        if source != crt0:
            objects.append(obj)
    archive = os.path.join(out, "libc.a")
    if os.path.exists(archive):
        os.remove(archive)
    subprocess.run(["riscv64-unknown-elf-ar", "rcs", archive] + objects, check=True)
    return archive, os.path.join(out, "crt0.o"), failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cc", choices=["gnu", "ours"], default="gnu")
    parser.add_argument("--out")
    parser.add_argument("--keep-going", action="store_true",
                        help="report every file that fails instead of stopping")
    args = parser.parse_args()
    try:
        archive, crt0, failures = build(args.cc, args.out, args.keep_going)
    except RuntimeError as err:
        print(err, file=sys.stderr)
        return 1
    for source, message in failures:
        print(f"{os.path.relpath(source, REPO)}: {message.splitlines()[-1] if message else 'failed'}")
    print(archive)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
