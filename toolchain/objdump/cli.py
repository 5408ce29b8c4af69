"""python -m toolchain.objdump -d [-r] file...: GNU objdump's listing.

Executable sections are shown word by word with the same labels, branch
targets, '# address' hints and relocation lines as riscv64-unknown-elf-objdump
2.40 prints (tests compare them). Not reproduced: data inside code sections,
which GNU shows as .byte/.word using its assembler's mapping symbols.
"""
import sys

from toolchain import elf
from toolchain.asm import isa
from toolchain.objdump.disasm import branch_target, disassemble


def priority(sym):
    """GNU objdump's choice among symbols at one address: real symbols before
    section symbols, globals before locals, then by name."""
    return (sym.value, sym.type == elf.STT_SECTION, sym.bind == elf.STB_LOCAL, sym.name)


def shown(sym):
    """Symbols objdump names addresses by (not files, mapping symbols or '.L0 ')."""
    return sym.name and sym.type != elf.STT_FILE and not sym.name.startswith("$") and \
        sym.name != ".L0 "


class Names:
    """Symbol names for addresses, chosen like GNU objdump: an address inside
    the section being shown is named by that section's symbols, any other by
    all symbols (the closest one below it, or the first one above it)."""

    def __init__(self, obj, sec):
        self.sec = sec
        relative_to = sec.addr if obj.type == 2 else 0      # executables hold addresses
        own = [s for s in obj.symbols if s.section is sec and shown(s)]
        if any(s.type != elf.STT_SECTION for s in own):    # the section symbol is a last resort
            own = [s for s in own if s.type != elf.STT_SECTION]
        self.headers = {}
        for sym in sorted(own, key=priority):
            self.headers.setdefault(sym.value - relative_to, show_name(sym.name))
        self.inside = sorted((sec.addr + off, name) for off, name in self.headers.items())
        everywhere = {}
        for sym in sorted((s for s in obj.symbols if shown(s) and s.section
                           not in (None, "COMMON")),
                          key=lambda s: (s.value, s.section is not sec, *priority(s)[1:])):
            everywhere.setdefault(sym.value, show_name(sym.name))
        self.everywhere = sorted(everywhere.items())

    def describe(self, address):
        """' <name+0x10>' (or ' <first-0x10>' before every symbol)."""
        inside = self.sec.addr <= address < self.sec.addr + self.sec.size
        ordered = self.inside if inside else self.everywhere
        best = ordered[0] if ordered else None
        for place, name in ordered:
            if place > address:
                break
            best = (place, name)
        if best is None:
            return ""
        delta = address - best[0]
        return f" <{best[1]}{'+' if delta > 0 else '-'}0x{abs(delta):x}>" if delta else \
            f" <{best[1]}>"


class AddressHints:
    """The '# address' comments: lui/auipc remember a register's upper bits; the
    next addi, load, store or jalr based on it shows the full address (once).
    Like GNU objdump, other writes to the register do not forget it."""

    def __init__(self, gp):
        self.upper, self.gp = {}, gp

    def after(self, word, pc):
        opcode, rd, rs1 = word & 0x7F, (word >> 7) & 31, (word >> 15) & 31
        if opcode in (isa.LUI, isa.AUIPC):
            self.upper[rd] = ((pc if opcode == isa.AUIPC else 0) + (word & ~0xFFF)) & 0xFFFFFFFF
            return None
        imm = isa.sign_extend(word >> 20, 12)
        if opcode == isa.STORE:
            imm = isa.s_imm(word)
        elif opcode == isa.OP_IMM and ((word >> 12) & 7) == 0:
            if rs1 == 0 or imm == 0:          # printed as li / mv: no address
                return None
        elif opcode == isa.JALR:
            if word == 0x00008067:            # ret
                return None
        elif opcode != isa.LOAD:
            return None
        if rs1 in self.upper:
            return (self.upper.pop(rs1) + imm) & 0xFFFFFFFF
        if rs1 in (0, 4):                     # zero, tp
            return imm & 0xFFFFFFFF
        if rs1 == 3 and self.gp is not None:
            return (self.gp + imm) & 0xFFFFFFFF
        return None


def show_name(name):
    return "".join(ch if ch >= " " else "^" + chr(ord(ch) + 64) for ch in name)


def address_width(end):
    text = f"{end:08x}"
    zeros = len(text) - len(text.lstrip("0"))
    return 8 - zeros // 4 * 4


def dump_section(obj, sec, show_relocs, out):
    base = sec.addr
    names = Names(obj, sec)
    headers = names.headers
    relocs = {}
    for reloc in sec.relocs if show_relocs else []:
        relocs.setdefault(reloc.offset, []).append(reloc)
    width = address_width(base + sec.size)
    gp = next((s.value for s in obj.symbols if s.name == "__global_pointer$"), None)
    hints = AddressHints(gp if obj.type == 2 else None)
    out.append(f"\nDisassembly of section {sec.name}:")
    offset, end = 0, sec.size - sec.size % 4
    while offset < end:
        if offset in headers or offset == 0:
            label = f" <{headers[offset]}>" if offset in headers else names.describe(base)
            out.append(f"\n{base + offset:08x}{label}:")
        zeros = zero_run(sec.data, offset, end, headers)
        if zeros >= 8:                  # like GNU objdump: elide long runs of zero bytes
            out.append("\t...")
            offset += zeros
            continue
        word = int.from_bytes(sec.data[offset:offset + 4], "little")
        text = disassemble(word, base + offset)
        target = branch_target(word, base + offset)
        if target is not None:
            text += names.describe(target)
        hint = hints.after(word, base + offset)
        if hint is not None:
            text += f" # {hint:x}" + names.describe(hint)
        address = f"{base + offset:0{width}x}"
        address = address[:-1].lstrip("0").rjust(width - 1) + address[-1]
        if word == 0:      # GNU reads a lone zero word as two compressed 'unimp'
            second = f"{base + offset + 2:0{width}x}".lstrip("0").rjust(width)
            out.append(f"{address}:\t0000                \tunimp")
            out.append(f"{second}:\t0000                \tunimp")
        else:
            out.append(f"{address}:\t{word:08x}          \t{text}")
        for reloc in relocs.get(offset, []):
            name = show_name(reloc.symbol.name) or "*ABS*"
            addend = f"+0x{reloc.addend:x}" if reloc.addend > 0 else \
                f"-0x{-reloc.addend:x}" if reloc.addend < 0 else ""
            out.append(f"\t\t\t{base + offset:x}: {elf.RELOC_NAMES.get(reloc.type, reloc.type)}"
                       f"\t{name}{addend}")
        offset += 4


def zero_run(data, offset, end, headers):
    """Bytes of zeros from offset, stopping at the next labelled address."""
    stop = offset
    while stop < end and not any(data[stop:stop + 4]) and (stop == offset or
                                                           stop not in headers):
        stop += 4
    return stop - offset


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    flags = {a for a in argv if a.startswith("-")}
    files = [a for a in argv if not a.startswith("-")]
    unknown = flags - {"-d", "-r", "-dr", "-rd", "--disassemble", "--reloc"}
    if unknown or not files or not flags & {"-d", "-dr", "-rd", "--disassemble"}:
        print("usage: python -m toolchain.objdump -d [-r] file...", file=sys.stderr)
        return 1
    show_relocs = bool(flags & {"-r", "-dr", "-rd", "--reloc"})
    status = 0
    for path in files:
        try:
            with open(path, "rb") as handle:
                obj = elf.read_object(handle.read(), path)
        except (OSError, elf.ElfError) as err:
            reason = f"{path}: {err.strerror}" if isinstance(err, OSError) else err
            print(f"objdump: error: {reason}", file=sys.stderr)
            status = 1
            continue
        out = [f"\n{path}:     file format elf32-littleriscv\n"]
        for sec in obj.sections:
            if sec.flags & elf.SHF_EXECINSTR and sec.type == elf.SHT_PROGBITS and sec.size:
                dump_section(obj, sec, show_relocs, out)
        try:
            print("\n".join(out))
        except BrokenPipeError:               # e.g. piped into head: not an error
            sys.stderr.close()
            return status
    return status
