"""The libc's hot paths under qemu-riscv32: the same benchmark linked with the
libc built by GCC -O2 and with the libc built by our compiler (toolchain/cc),
in the same run; prints ns per call for both and their ratio.

    .venv/bin/python bench/libc/bench_libc.py
"""
import os
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, REPO)
from software.libc import build  # noqa: E402

SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "libc_ops.c")


def run(compiler, workdir):
    archive, crt0, _ = build.build(compiler)
    exe = os.path.join(workdir, "ops." + compiler)
    subprocess.run(["riscv64-unknown-elf-gcc", "-march=rv32im", "-mabi=ilp32", "-O2",
                    "-ffreestanding", "-fno-builtin", "-nostdlib", "-nostdinc", "-I",
                    build.INCLUDE, "-I", build.FREESTANDING, crt0, SOURCE, archive, "-lgcc", "-o", exe], check=True)
    out = subprocess.run(["qemu-riscv32", exe], capture_output=True, text=True, check=True).stdout
    return {line[:24].strip(): float(line[24:]) for line in out.splitlines()}


def main():
    with tempfile.TemporaryDirectory() as workdir:
        gnu = run("gnu", workdir)
        ours = run("ours", workdir)
    print(f"{'operation':24} {'gcc-built ns':>12} {'cc-built ns':>12} {'ratio':>6}")
    for name, ns in gnu.items():
        print(f"{name:24} {ns:12.1f} {ours[name]:12.1f} {ours[name] / ns:6.2f}")


if __name__ == "__main__":
    main()
