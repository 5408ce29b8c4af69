"""Our static linker for RV32 ELF objects (see toolchain/asm/README.md).

    from toolchain.ld import link, elf_bytes
    image = link([("a.o", data)], layout="ram")      # raises LinkError
"""
from toolchain.ld.linker import LinkError, LinkedImage, link  # noqa: F401
from toolchain.ld.output import binary, elf_bytes, hex_words  # noqa: F401
from toolchain.ld.cli import main  # noqa: F401
