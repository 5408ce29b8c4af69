"""Builds the boot ROM (build/boot/boot.elf and boot.bin) from boot.S with our
own assembler and linker (GNU's give the same bytes with relaxation off).
Usage: python -m software.boot.build"""
import os
import sys

from toolchain.asm import assemble
from toolchain.ld import binary, elf_bytes, link

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "build", "boot")
ROM_SIZE = 32 * 1024


def build():
    """Returns (elf path, list of 32-bit ROM words)."""
    os.makedirs(OUT, exist_ok=True)
    elf, bin_path = os.path.join(OUT, "boot.elf"), os.path.join(OUT, "boot.bin")
    src = os.path.join(HERE, "boot.S")
    with open(src) as f:
        obj = assemble(f.read(), src)
    with open(os.path.join(HERE, "boot.ld")) as f:
        script = f.read()
    image = link([(src, obj)], script_text=script)
    _, data = binary(image)
    with open(elf, "wb") as f:
        f.write(elf_bytes(image))
    with open(bin_path, "wb") as f:
        f.write(data)
    if len(data) > ROM_SIZE:
        sys.exit(f"boot ROM is {len(data)} bytes, more than {ROM_SIZE}")
    data += bytes(-len(data) % 4)
    return elf, [int.from_bytes(data[i:i + 4], "little") for i in range(0, len(data), 4)]


if __name__ == "__main__":
    elf, words = build()
    print(f"{elf}: {4 * len(words)} bytes")
