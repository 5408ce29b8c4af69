"""Build a test program into an ELF file for the SoC (or for qemu-riscv32).

    python tests/programs/build.py prog.S -o prog.elf [--toolchain gnu|ours]
    python tests/programs/build.py prog.c -o prog.elf [--target soc|qemu|virt]

.S files are self-check programs (common/check.h), .c files are user-level
programs written against user/port.h. Self-check programs are built by our own
toolchain.asm / toolchain.ld by default, C programs by GNU gcc (the reference
for the qemu comparisons); --toolchain gnu|ours (or B2G_TOOLCHAIN) chooses
(our toolchain.cc builds C for the SoC target only).
"""
import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GCC = "riscv64-unknown-elf-gcc"
ASM_ARCH = ["-march=rv32ima_zicsr_zifencei", "-mabi=ilp32"]
C_ARCH = ["-march=rv32im", "-mabi=ilp32"]
LINK_SCRIPT = os.path.join(HERE, "common", "link.ld")


class BuildError(Exception):
    pass


def _run(cmd):
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise BuildError(f"{' '.join(cmd)}\n{proc.stdout}{proc.stderr}")


def build_asm(src, out, toolchain):
    if toolchain == "gnu":
        _run([GCC, *ASM_ARCH, "-nostdlib", "-nostartfiles", "-I", os.path.join(HERE, "common"),
              "-T", LINK_SCRIPT, "-Wl,--no-warn-rwx-segments", "-o", out, src])
        return
    # Our assembler takes preprocessed source: the C preprocessor expands check.h.
    with tempfile.TemporaryDirectory() as tmp:
        pre, obj = os.path.join(tmp, "prog.s"), os.path.join(tmp, "prog.o")
        _run([GCC, "-E", "-P", "-x", "assembler-with-cpp", "-I", os.path.join(HERE, "common"),
              "-o", pre, src])
        py = sys.executable
        _run([py, "-m", "toolchain.asm", pre, "-o", obj])
        _run([py, "-m", "toolchain.ld", "-T", LINK_SCRIPT, "-o", out, obj])


def build_c_ours(src, out, defines=()):
    """toolchain.cc for C, toolchain.asm for crt.S, software/rt for 64-bit
    arithmetic, toolchain.ld to link (SoC target only)."""
    port, rt = os.path.join(HERE, "user"), os.path.join(ROOT, "software", "rt")
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        objs = [os.path.join(tmp, n) for n in ("crt.o", "prog.o", "int64.o")]
        _run([py, "-m", "toolchain.asm", os.path.join(port, "crt.S"), "-o", objs[0]])
        _run([py, "-m", "toolchain.cc", "-c", "-I", port, *[f"-D{d}" for d in defines],
              "-o", objs[1], src])
        _run([py, "-m", "toolchain.cc", "-c", "-I", rt, "-o", objs[2], os.path.join(rt, "int64.c")])
        _run([py, "-m", "toolchain.ld", "-T", LINK_SCRIPT, "-o", out, *objs])


def build_c(src, out, target, defines=()):
    port = os.path.join(HERE, "user")
    flags = ["-O2", "-ffreestanding", "-nostdlib", "-nostartfiles", "-fno-builtin",
             "-I", port, "-T", LINK_SCRIPT, "-Wl,--no-warn-rwx-segments"]
    if target == "qemu":
        flags.append("-DTARGET_QEMU")
    elif target == "virt":                  # qemu-system's virt machine: RAM at 0x80000000
        flags += ["-DTARGET_VIRT", "-Wl,--section-start=.text=0x80000000"]
    flags += [f"-D{d}" for d in defines]
    _run([GCC, *C_ARCH, *flags, "-o", out, os.path.join(port, "crt.S"), src, "-lgcc"])


def build(src, out, toolchain=None, target="soc", defines=()):
    default = "ours" if src.endswith(".S") else "gnu"
    toolchain = toolchain or os.environ.get("B2G_TOOLCHAIN") or default
    if toolchain not in ("gnu", "ours"):
        raise BuildError(f"unknown toolchain {toolchain!r}")
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    if src.endswith(".c") and toolchain == "ours":
        if target != "soc":
            raise BuildError("our toolchain builds C for the SoC target only")
        build_c_ours(src, out, defines)
    elif src.endswith(".c"):
        build_c(src, out, target, defines)
    else:
        build_asm(src, out, toolchain)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src")
    ap.add_argument("-o", dest="out", required=True)
    ap.add_argument("--toolchain", choices=["gnu", "ours"])
    ap.add_argument("--target", choices=["soc", "qemu", "virt"], default="soc")
    args = ap.parse_args()
    try:
        build(args.src, args.out, args.toolchain, args.target)
    except BuildError as e:
        print(f"build.py: error: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
