"""ELF32 little-endian RISC-V: the one place that reads and writes ELF files.

The assembler builds an `ObjectFile` and calls `write_relocatable`; the
linker reads objects with `read_object`, archives with `read_archive`, and
writes executables with `write_executable`; objdump reads both kinds.
"""
from toolchain.elf.format import (  # noqa: F401
    ElfError, Section, Symbol, Reloc, ObjectFile, Segment,
    read_object, write_relocatable, write_executable,
    SHT_PROGBITS, SHT_NOBITS, SHT_SYMTAB, SHT_STRTAB, SHT_RELA,
    SHF_WRITE, SHF_ALLOC, SHF_EXECINSTR,
    STB_LOCAL, STB_GLOBAL, STB_WEAK, STT_NOTYPE, STT_OBJECT, STT_FUNC, STT_SECTION,
    SHN_UNDEF, SHN_ABS, SHN_COMMON, RELOC_NAMES, R, PAGE, PF_R, PF_W, PF_X, HEADERS_SIZE, STT_FILE,
)
from toolchain.elf.archive import read_archive  # noqa: F401
