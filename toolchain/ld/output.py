"""Writing a LinkedImage: ELF executable, raw binary, $readmemh hex."""
from toolchain import elf

MAX_IMAGE = 64 << 20


def elf_bytes(image):
    return elf.write_executable(image.entry, image.segments, image.symbols)


def binary(image):
    """Loadable bytes from the lowest load address (segment paddr) to the last byte
    with contents; gaps are zero. Returns (base address, bytes)."""
    pieces = []
    for seg in image.segments:
        for sec in seg.sections:
            if sec.type != elf.SHT_NOBITS and sec.size:
                pieces.append((seg.paddr + sec.addr - seg.vaddr, sec.data))
    if not pieces:
        return 0, b""
    base = min(p[0] for p in pieces)
    end = max(p[0] + len(p[1]) for p in pieces)
    if end - base > MAX_IMAGE:
        raise ValueError(f"binary image would span {end - base:#x} bytes "
                         f"(from {base:#x}); use a layout with contiguous load addresses")
    image_bytes = bytearray(end - base)
    for address, data in pieces:
        image_bytes[address - base:address - base + len(data)] = data
    return base, bytes(image_bytes)


def hex_words(data):
    """One little-endian 32-bit word per line, as $readmemh reads into a word array."""
    data = data + bytes(-len(data) % 4)
    return "".join(f"{int.from_bytes(data[i:i + 4], 'little'):08x}\n"
                   for i in range(0, len(data), 4))
