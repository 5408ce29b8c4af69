"""Builds the boot ROM (build/boot/boot.elf and boot.bin) from boot.S.
GNU binutils assemble it until our own assembler takes over.
Usage: python -m software.boot.build"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "build", "boot")
ROM_SIZE = 32 * 1024


def build():
    """Returns (elf path, list of 32-bit ROM words)."""
    os.makedirs(OUT, exist_ok=True)
    elf, binary = os.path.join(OUT, "boot.elf"), os.path.join(OUT, "boot.bin")
    subprocess.run(["riscv64-unknown-elf-gcc", "-march=rv32im_zicsr_zifencei", "-mabi=ilp32",
                    "-nostdlib", "-T", os.path.join(HERE, "boot.ld"), "-o", elf,
                    os.path.join(HERE, "boot.S")], check=True)
    subprocess.run(["riscv64-unknown-elf-objcopy", "-O", "binary", elf, binary], check=True)
    data = open(binary, "rb").read()
    if len(data) > ROM_SIZE:
        sys.exit(f"boot ROM is {len(data)} bytes, more than {ROM_SIZE}")
    data += bytes(-len(data) % 4)
    return elf, [int.from_bytes(data[i:i + 4], "little") for i in range(0, len(data), 4)]


if __name__ == "__main__":
    elf, words = build()
    print(f"{elf}: {4 * len(words)} bytes")
