"""Applying RISC-V relocations to an input section placed at its final address.

S = symbol address, A = addend, P = address of the relocated field. The
%pcrel_lo relocations point at the label of their auipc, so every
PCREL_HI20 value is remembered by (section, offset) first.
"""
import struct

from toolchain import elf
from toolchain.asm import isa
from toolchain.elf import R

IGNORED = {R["NONE"], R["RELAX"]}


class RelocationOverflow(Exception):
    pass


def _read(data, offset, size=4):
    return int.from_bytes(data[offset:offset + size], "little")


def _write(data, offset, value, size=4):
    data[offset:offset + size] = (value & ((1 << 8 * size) - 1)).to_bytes(size, "little")


def _check(value, bits, what):
    if not -(1 << (bits - 1)) <= value < (1 << (bits - 1)):
        raise RelocationOverflow(f"{what} {value:#x} does not fit in {bits} signed bits")


def _patch_i(data, offset, imm):
    _write(data, offset, (_read(data, offset) & 0x000FFFFF) | ((imm & 0xFFF) << 20))


def _patch_s(data, offset, imm):
    word = _read(data, offset) & 0x01FFF07F
    _write(data, offset, word | (((imm >> 5) & 0x7F) << 25) | ((imm & 0x1F) << 7))


def _patch_u(data, offset, value):
    _write(data, offset, (_read(data, offset) & 0xFFF) | (isa.hi20(value) << 12))


def site_name(obj, sec, offset):
    """'a.o(.text+0x24) in function main' for error messages."""
    best = None
    for sym in obj.symbols:
        if sym.section is sec and sym.value <= offset and sym.type != elf.STT_SECTION and \
                not sym.name.startswith(".L") and (best is None or sym.value >= best.value):
            best = sym
    where = f"{obj.name}({sec.name}+{offset:#x})"
    return f"{where} in '{best.name}'" if best else where


def apply_relocations(obj, sec, resolver):
    from toolchain.ld.linker import LinkError, symbol_address
    data, pcrel_hi = sec.data, {}
    ordered = sorted(sec.relocs, key=lambda r: r.type in (R["PCREL_LO12_I"], R["PCREL_LO12_S"]))
    for reloc in ordered:
        try:
            value = symbol_address(reloc.symbol, resolver) + reloc.addend
            apply_one(reloc, value, sec.addr + reloc.offset, data, pcrel_hi, sec)
        except RelocationOverflow as err:
            raise LinkError(f"relocation {elf.RELOC_NAMES.get(reloc.type)} against "
                            f"'{reloc.symbol.name}' out of range at "
                            f"{site_name(obj, sec, reloc.offset)}: {err}") from None
        except KeyError:
            raise LinkError(f"{site_name(obj, sec, reloc.offset)}: %pcrel_lo relocation "
                            f"without a matching %pcrel_hi at '{reloc.symbol.name}'") from None
        except (ValueError, struct.error) as err:
            hint = f" ({err})" if reloc.type == R["ALIGN"] else ""
            raise LinkError(f"{site_name(obj, sec, reloc.offset)}: unsupported relocation "
                            f"{elf.RELOC_NAMES.get(reloc.type, reloc.type)}{hint}") from None


def apply_one(reloc, value, pc, data, pcrel_hi, sec):
    kind, offset = reloc.type, reloc.offset
    if kind in IGNORED:
        return
    if kind == R["ALIGN"]:
        raise ValueError("R_RISCV_ALIGN needs linker relaxation; assemble with -mno-relax")
    if kind == R["R32"]:
        _write(data, offset, value)
    elif kind == R["BRANCH"]:
        distance = value - pc
        _check(distance, 13, "branch offset")
        word = _read(data, offset) & 0x01FFF07F
        _write(data, offset, word | (isa.b_type(0, 0, 0, distance) & ~0x7F))
    elif kind == R["JAL"]:
        distance = value - pc
        _check(distance, 21, "jump offset")
        _write(data, offset, (_read(data, offset) & 0xFFF) | (isa.j_type(0, distance) & ~0xFFF))
    elif kind in (R["CALL"], R["CALL_PLT"]):
        distance = isa.sign_extend(value - pc, 32)
        _patch_u(data, offset, distance)
        _patch_i(data, offset + 4, isa.lo12(distance))
    elif kind == R["PCREL_HI20"]:
        distance = isa.sign_extend(value - pc, 32)
        pcrel_hi[offset] = distance
        _patch_u(data, offset, distance)
    elif kind in (R["PCREL_LO12_I"], R["PCREL_LO12_S"]):
        label = reloc.symbol
        if label.section is not sec:
            raise KeyError(label.name)
        distance = pcrel_hi[label.value]
        (_patch_i if kind == R["PCREL_LO12_I"] else _patch_s)(data, offset, isa.lo12(distance))
    elif kind == R["HI20"]:
        _patch_u(data, offset, value)
    elif kind == R["LO12_I"]:
        _patch_i(data, offset, isa.lo12(value))
    elif kind == R["LO12_S"]:
        _patch_s(data, offset, isa.lo12(value))
    elif kind == R["R32_PCREL"]:
        _write(data, offset, value - pc)
    else:
        arithmetic(kind, value, data, offset)


def arithmetic(kind, value, data, offset):
    """ADD/SUB/SET relocations GCC emits for label differences (e.g. in .eh_frame)."""
    sizes = {R["ADD8"]: 1, R["ADD16"]: 2, R["ADD32"]: 4, R["SUB8"]: 1, R["SUB16"]: 2,
             R["SUB32"]: 4, R["SET8"]: 1, R["SET16"]: 2, R["SET32"]: 4}
    if kind in (R["SUB6"], R["SET6"]):
        old = data[offset]
        new = (old - value) if kind == R["SUB6"] else value
        data[offset] = (old & 0xC0) | (new & 0x3F)
        return
    if kind not in sizes:
        raise ValueError(kind)
    size = sizes[kind]
    old = _read(data, offset, size)
    if kind in (R["ADD8"], R["ADD16"], R["ADD32"]):
        value = old + value
    elif kind in (R["SUB8"], R["SUB16"], R["SUB32"]):
        value = old - value
    _write(data, offset, value, size)
