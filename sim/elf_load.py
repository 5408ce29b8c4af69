"""Turns an ELF32 RISC-V executable into the memory images the Verilator
model loads ($readmemh files, one per memory region), adding the boot stub
of docs/memory-map.md when the entry point is not the reset vector."""
import struct

from soc.soc import MAIN_RAM_BASE, ROM_BASE, ROM_SIZE, SRAM_BASE, SRAM_SIZE


class ElfError(Exception):
    pass


def load_segments(data):
    """Returns (entry, [(address, bytes)]) for the PT_LOAD segments."""
    try:
        return _load_segments(data)
    except struct.error:
        raise ElfError("truncated ELF file") from None


def _load_segments(data):
    if data[:4] != b"\x7fELF" or data[4] != 1 or data[5] != 1:
        raise ElfError("not a 32-bit little-endian ELF file")
    (e_type, e_machine, _, entry, phoff, _, _, _, phentsize, phnum) = struct.unpack_from(
        "<HHIIIIIHHH", data, 16)
    if e_machine != 243:
        raise ElfError("not a RISC-V ELF file")
    segments = []
    for i in range(phnum):
        p_type, offset, vaddr, paddr, filesz, memsz = struct.unpack_from(
            "<IIIIII", data, phoff + i * phentsize)
        if p_type == 1 and memsz:
            body = data[offset:offset + filesz] + bytes(memsz - filesz)
            segments.append((paddr, body))
    return entry, segments


def boot_stub(entry):
    """lui t0, %hi(entry); addi t0, t0, %lo(entry); jalr zero, 0(t0)."""
    lo = entry & 0xFFF
    hi = ((entry + 0x800) >> 12) & 0xFFFFF
    lui = (hi << 12) | (5 << 7) | 0x37
    addi = (lo << 20) | (5 << 15) | (5 << 7) | 0x13
    jalr = (5 << 15) | 0x67
    return struct.pack("<III", lui, addi, jalr)


def memory_images(elf_bytes, main_ram_size):
    """Returns {region name: {word index: word}} for rom, sram and main_ram."""
    regions = {"rom": (ROM_BASE, ROM_SIZE), "sram": (SRAM_BASE, SRAM_SIZE),
               "main_ram": (MAIN_RAM_BASE, main_ram_size)}
    images = {name: {} for name in regions}
    entry, segments = load_segments(elf_bytes)
    if entry != ROM_BASE:
        segments.insert(0, (ROM_BASE, boot_stub(entry)))
    for address, body in segments:
        body = bytes(address % 4) + body   # start on a word
        address -= address % 4
        body = body + bytes(-len(body) % 4)
        for name, (base, size) in regions.items():
            if base <= address and address + len(body) <= base + size:
                words = images[name]
                for i in range(0, len(body), 4):
                    words[(address - base + i) // 4] = struct.unpack_from("<I", body, i)[0]
                break
        else:
            raise ElfError(f"segment at 0x{address:08x} ({len(body)} bytes) is outside ROM, SRAM and main RAM")
    return images


def write_readmemh(words, path):
    with open(path, "w") as f:
        previous = None
        for index in sorted(words):
            if previous is None or index != previous + 1:
                f.write(f"@{index:x}\n")
            f.write(f"{words[index]:08x}\n")
            previous = index
