"""Builds the runtime for our OS with our toolchain and puts it on an SD image.

    python -m software.python.os_build [--out build/python/rv32] [--no-image]

build/python/rv32/python     the interpreter: every runtime source but
                             port_stdc.c, compiled by toolchain/cc against
                             software/libc, linked by toolchain/ld with crt0,
                             libc.a and the compiler runtime (software/rt)
build/python/rv32/os-root/   what it adds to the image: /bin/python, the
                             Python library in /lib/python, ml/ in /ml
build/python/rv32/os/        the OS build (software/kernel/build.py) with that
                             tree copied over its own: kernel.elf, sd.img, os.bin
"""
import argparse
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
LIBC_INC = os.path.join(REPO, "software", "libc", "include")
FREESTANDING_INC = os.path.join(REPO, "toolchain", "cc", "include")
RUNTIME = [os.path.join(REPO, "software", "rt", f) for f in ("int64.c", "softfloat.c")]
HEADERS = [os.path.join(HERE, h) for h in ("py.h", "ast.h", "opcodes.h")]
# sys.path on the OS after the script's folder: the library, then / for `import ml`
LIB_PATH = "/lib/python:/"
KERNEL_H = os.path.join(REPO, "software", "kernel", "kernel.h")
C_STACK_MARGIN_KB = 24      # below the budget: the C calls under the deepest Python call


def c_stack_kb():
    """The C stack the runtime may use: the most user stack the kernel maps
    (USTACK_PAGES in kernel.h) less a margin."""
    with open(KERNEL_H) as f:
        for line in f:
            words = line.split()
            if words[:2] == ["#define", "USTACK_PAGES"]:
                return int(words[2]) * 4 - C_STACK_MARGIN_KB
    raise SystemExit(f"{KERNEL_H}: no USTACK_PAGES")


def run(cmd):
    r = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stdout + r.stderr)
        raise SystemExit(f"build failed: {' '.join(cmd)}")


def compile_one(compiler, source, obj):
    deps = [source, KERNEL_H, __file__] + HEADERS
    if os.path.exists(obj) and os.path.getmtime(obj) >= max(os.path.getmtime(d) for d in deps):
        return obj
    flags = ["-nostdinc", "-I", LIBC_INC, "-I", FREESTANDING_INC, f'-DPYRT_LIB="{LIB_PATH}"',
             f"-DPYRT_C_STACK_KB={c_stack_kb()}", "-c", source, "-o", obj]
    if compiler == "gnu":
        run(["riscv64-unknown-elf-gcc", "-march=rv32im", "-mabi=ilp32", "-O2", "-std=c99"] + flags)
    else:
        # -O1: locals in registers; 14-21% fewer instructions, a quarter smaller.
        run([sys.executable, "-m", "toolchain.cc", "-O1"] + flags)
    return obj


def sources():
    return sorted(os.path.join(HERE, f) for f in os.listdir(HERE)
                  if f.endswith(".c") and f != "port_stdc.c")


def build_interpreter(out, compiler="ours"):
    """Compiles and links; returns the path of the ELF. compiler "gnu" is
    GCC -O2 with GNU ld, libgcc and the libc GCC built: the yardstick of
    bench/python/os_bench.py, never the default."""
    run([sys.executable, "-m", "software.libc.build", "--cc", compiler])   # up to date: no work
    libc = os.path.join(REPO, "build", "libc", compiler)
    objdir = os.path.join(out, "obj")
    os.makedirs(objdir, exist_ok=True)
    runtime = RUNTIME if compiler == "ours" else []       # GCC brings libgcc
    jobs = [(s, os.path.join(objdir, os.path.basename(s)[:-2] + ".o")) for s in sources() + runtime]
    with ThreadPoolExecutor(2) as pool:
        objects = list(pool.map(lambda job: compile_one(compiler, *job), jobs))
    exe = os.path.join(out, "python")
    crt0, archive = os.path.join(libc, "crt0.o"), os.path.join(libc, "libc.a")
    if compiler == "gnu":
        run(["riscv64-unknown-elf-gcc", "-march=rv32im", "-mabi=ilp32", "-nostdlib", crt0, *objects,
             archive, "-lgcc", "-o", exe])
    else:
        run([sys.executable, "-m", "toolchain.ld", "--layout", "qemu", crt0, *objects, archive, "-o", exe])
    return exe


def copy_py_tree(src, dst):
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.md"), dirs_exist_ok=True)


def stage(root, exe, trees=()):
    """The folder copied over the OS's own staged root (docs/sd-image.md);
    trees are more (path on the image, folder on the host) pairs."""
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, "bin"))
    shutil.copyfile(exe, os.path.join(root, "bin", "python"))
    copy_py_tree(os.path.join(HERE, "lib"), os.path.join(root, "lib", "python"))
    copy_py_tree(os.path.join(REPO, "ml"), os.path.join(root, "ml"))
    # ml's accel backend builds its command streams with toolchain.accel
    os.makedirs(os.path.join(root, "toolchain"))
    shutil.copyfile(os.path.join(REPO, "toolchain", "__init__.py"), os.path.join(root, "toolchain", "__init__.py"))
    copy_py_tree(os.path.join(REPO, "toolchain", "accel"), os.path.join(root, "toolchain", "accel"))
    for where, folder in trees:
        copy_py_tree(folder, os.path.join(root, where.strip("/")))
    return root


def build(out, image=True, trees=(), os_out=None):
    """The interpreter in out; with image, the OS with it in os_out
    (out/os by default). Returns the path of os.bin (or of the ELF)."""
    exe = build_interpreter(out)
    if not image:
        return exe
    os_out = os_out or os.path.join(out, "os")
    root = stage(os_out + "-root", exe, trees)
    sys.path.insert(0, REPO)
    from software.kernel import build as os_build
    return os_build.build(os_out, extra=root)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default=os.path.join(REPO, "build", "python", "rv32"))
    p.add_argument("--no-image", action="store_true", help="only the interpreter")
    args = p.parse_args()
    print(build(args.out, not args.no_image))


if __name__ == "__main__":
    main()
