"""Build and run helpers for the compiler tests: ours or GCC, linked by our ld, run by qemu-riscv32."""
import glob
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
HERE = os.path.dirname(os.path.abspath(__file__))
GCC = ["riscv64-unknown-elf-gcc", "-march=rv32im", "-mabi=ilp32"]
LIBGCC = subprocess.run(GCC + ["-print-libgcc-file-name"], capture_output=True, text=True).stdout.strip()
# The default pipeline is ours (toolchain/asm, toolchain/ld); B2G_CC_TEST_BINUTILS=gnu runs the
# same tests on GNU as/ld, to tell a compiler bug from an assembler or linker one.
BINUTILS = os.environ.get("B2G_CC_TEST_BINUTILS", "ours")
# Every run-time test builds at both optimisation levels: -O0 (the stack machine) and -O1.
LEVELS = ["-O0", "-O1"]


def cc(args, check=True):
    """Runs our compiler driver; returns the CompletedProcess."""
    env = dict(os.environ)
    env.pop("B2G_CC_OPT", None)                      # the tests choose the level by flag
    if BINUTILS == "gnu":
        env["B2G_BINUTILS"] = "gnu"
    r = subprocess.run([sys.executable, "-m", "toolchain.cc"] + args, cwd=ROOT, env=env,
                       capture_output=True, text=True)
    if check and r.returncode != 0:
        raise AssertionError(f"cc {' '.join(args)} failed:\n{r.stderr}")
    return r


def gcc_obj(src, out, extra=()):
    subprocess.run(GCC + ["-c", "-O1", "-o", out, src] + list(extra), check=True)


def start_obj(tmp):
    obj = os.path.join(tmp, f"start_{BINUTILS}.o")
    if not os.path.exists(obj):
        src = os.path.join(HERE, "start.s")
        if BINUTILS == "gnu":
            subprocess.run(["riscv64-unknown-elf-as", "-march=rv32im", "-mabi=ilp32", "-o", obj, src], check=True)
        else:
            subprocess.run([sys.executable, "-m", "toolchain.asm", "-o", obj, src], cwd=ROOT, check=True)
    return obj


def runtime_objs(tmp, level="-O0"):
    """The soft-float / 64-bit helpers: software/rt compiled by our compiler at `level`."""
    sources = sorted(glob.glob(os.path.join(ROOT, "software", "rt", "*.c")))
    if not sources:
        return [LIBGCC]
    objs = []
    for src in sources:
        obj = os.path.join(tmp, f"rt{level}_" + os.path.basename(src)[:-2] + ".o")
        if not os.path.exists(obj):
            cc(["-c", level, "-o", obj, src])
        objs.append(obj)
    return objs


def link(objs, out, tmp, level="-O0"):
    """Links for qemu-riscv32 user mode: our ld, or GNU ld with B2G_CC_TEST_BINUTILS=gnu."""
    inputs = [start_obj(tmp)] + list(objs) + runtime_objs(tmp, level)
    if BINUTILS == "gnu":
        cmd = ["riscv64-unknown-elf-ld", "-m", "elf32lriscv", "--no-relax", "-Ttext=0x10000"]
    else:
        cmd = [sys.executable, "-m", "toolchain.ld", "--layout", "qemu"]
    subprocess.run(cmd + ["-o", out] + inputs, cwd=ROOT, check=True)


def run(elf, timeout=60):
    return subprocess.run(["qemu-riscv32", elf], capture_output=True, text=True, timeout=timeout)
