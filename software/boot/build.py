"""Builds the boot ROM (build/boot/boot.elf and boot.bin) from boot.S and
sdboot.c with our own compiler, assembler and linker.
Usage: python -m software.boot.build"""
import os
import subprocess
import sys

from toolchain.asm import assemble
from toolchain.elf import read_object
from toolchain.ld import binary, elf_bytes, link

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "build", "boot")
ROM_SIZE = 32 * 1024
SD_BOOT = os.path.join(HERE, "sdboot.c")


def compile_c(src):
    """Our C compiler, to an object; the ROM has no writable data, so none may be made."""
    obj = os.path.join(OUT, os.path.basename(src)[:-2] + ".o")
    r = subprocess.run([sys.executable, "-m", "toolchain.cc", "-c", src, "-o", obj], cwd=ROOT,
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(r.stdout + r.stderr)
    with open(obj, "rb") as f:
        data = f.read()
    writable = [s for s in read_object(data, obj).sections if s.name.startswith((".data", ".bss", ".sdata", ".sbss")) and s.size]
    if writable:
        sys.exit(f"{src}: writable data in the boot ROM: {[s.name for s in writable]}")
    return data


def build():
    """Returns (elf path, list of 32-bit ROM words)."""
    os.makedirs(OUT, exist_ok=True)
    elf, bin_path = os.path.join(OUT, "boot.elf"), os.path.join(OUT, "boot.bin")
    src = os.path.join(HERE, "boot.S")
    with open(src) as f:
        obj = assemble(f.read(), src)
    with open(os.path.join(HERE, "boot.ld")) as f:
        script = f.read()
    image = link([(src, obj), (SD_BOOT, compile_c(SD_BOOT))], script_text=script)
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
