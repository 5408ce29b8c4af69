"""Assembler directives: sections, symbols, data, alignment.

Directives GCC emits only for debuggers or other tools (.file, .ident,
.cfi_*, .attribute, .loc, .addrsig ...) are accepted and ignored.
"""
import re

from toolchain import elf
from toolchain.asm.assembler import ALIGN, FIX, AsmError, Defer, split_operands
from toolchain.elf import R

ESCAPE = re.compile(r"\\([0-7]{1,3}|x[0-9a-fA-F]*|.)", re.S)
STRING_ESCAPES = {"n": 10, "t": 9, "r": 13, "b": 8, "f": 12, "v": 11, "a": 7, "e": 27,
                  "\\": 92, '"': 34, "'": 39}


def parse_string(text):
    """A C-style string literal: \\n \\t ..., \\ooo octal, \\x hex (all digits, like GNU)."""
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise AsmError(f"expected a string in double quotes, got '{text}'")
    pieces, out = ESCAPE.split(text[1:-1]), bytearray()
    if pieces[-1].endswith("\\"):      # the closing quote was escaped
        raise AsmError(f"unterminated string {text}")
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            out += piece.encode()
        elif piece[0] in "01234567":
            out.append(int(piece, 8) & 0xFF)
        elif piece[0] == "x":
            if len(piece) == 1:
                raise AsmError("\\x used with no following hex digits")
            out.append(int(piece[1:], 16) & 0xFF)
        else:
            out += bytes([STRING_ESCAPES[piece]]) if piece in STRING_ESCAPES else piece.encode()
    return bytes(out)


def names(text):
    result = [n.strip() for n in text.split(",")]
    if not all(result):
        raise AsmError("expected symbol names")
    return result


def data(width):
    def directive(asm, text):
        for item in split_operands(text):
            tree = asm.expr(item)
            if isinstance(tree, int):
                _check_width(tree, width)
                asm.emit_bytes((tree & ((1 << 8 * width) - 1)).to_bytes(width, "little"))
            else:
                asm.add_item(FIX, width, (encode_data, (width, tree)))
    return directive


def _check_width(value, width):
    if not -(1 << (8 * width - 1)) <= value < (1 << 8 * width):
        raise AsmError(f"value {value} does not fit in {width} byte(s)")


def encode_data(asm, width, tree):
    addend, base = asm.value(tree)
    if base is None:
        _check_width(addend, width)
        return (addend & ((1 << 8 * width) - 1)).to_bytes(width, "little")
    if width != 4:
        raise AsmError(f"a symbol address needs 4 bytes (.word), not {width}")
    asm.reloc(R["R32"], base, addend)
    return bytes(4)


def strings(terminate):
    def directive(asm, text):
        for item in split_operands(text):
            asm.emit_bytes(parse_string(item) + (b"\0" if terminate else b""))
    return directive


def space(asm, text):
    ops = split_operands(text)
    count = asm.constant(asm.expr(ops[0]), "size")
    fill = asm.constant(asm.expr(ops[1]), "fill") & 0xFF if len(ops) > 1 else 0
    if count < 0:
        raise AsmError("negative size")
    asm.emit_bytes(bytes([fill]) * count)


def fill(asm, text):
    ops = split_operands(text) + ["1", "0"]
    repeat, size = asm.constant(asm.expr(ops[0])), asm.constant(asm.expr(ops[1]))
    value = asm.constant(asm.expr(ops[2]))
    if repeat < 0 or size not in (1, 2, 4):
        raise AsmError(".fill needs repeat >= 0 and size 1, 2 or 4")
    asm.emit_bytes((value & ((1 << 8 * size) - 1)).to_bytes(size, "little") * repeat)


def align(power_of_two):
    def directive(asm, text):
        ops = split_operands(text) if text.strip() else []
        if not ops:
            raise AsmError("alignment expected")
        amount = asm.constant(asm.expr(ops[0]), "alignment")
        alignment = 1 << amount if power_of_two else amount
        if alignment <= 0 or alignment & (alignment - 1) or alignment > 1 << 16:
            raise AsmError(f"bad alignment {amount}")
        fill_byte = asm.constant(asm.expr(ops[1])) & 0xFF if len(ops) > 1 and ops[1].strip() \
            else None
        max_skip = asm.constant(asm.expr(ops[2])) if len(ops) > 2 else None
        code = bool(asm.section.flags & elf.SHF_EXECINSTR)
        asm.add_item(ALIGN, 0, (alignment, fill_byte, max_skip, code))
    return directive


def section(asm, text):
    ops = split_operands(text)
    name = ops[0].strip().strip('"')
    if not name:
        raise AsmError("section name expected")
    flags = sh_type = None
    if len(ops) > 1:
        flag_text = ops[1].strip().strip('"')
        flags = 0
        for ch in flag_text:
            flags |= {"a": elf.SHF_ALLOC, "w": elf.SHF_WRITE, "x": elf.SHF_EXECINSTR}.get(ch, 0)
        sh_type = elf.SHT_PROGBITS
    if len(ops) > 2 and ops[2].strip() in ("@nobits", "%nobits"):
        sh_type = elf.SHT_NOBITS
    asm.switch_section(name, sh_type, flags)


def push_section(asm, text):
    asm.section_stack.append(asm.section)
    section(asm, text)


def pop_section(asm, text):
    if not asm.section_stack:
        raise AsmError(".popsection without .pushsection")
    asm.switch_section(asm.section_stack.pop().name)


def previous(asm, text):
    if asm.previous is None:
        raise AsmError(".previous without an earlier section")
    asm.switch_section(asm.previous.name)


def binding(bind):
    def directive(asm, text):
        for name in names(text):
            asm.symbol(name).bind = bind
    return directive


def sym_type(asm, text):
    ops = split_operands(text)
    if len(ops) != 2:
        raise AsmError("expected: .type symbol, @function|@object")
    kind = ops[1].strip().lstrip("@%#").lower()
    types = {"function": elf.STT_FUNC, "object": elf.STT_OBJECT, "notype": elf.STT_NOTYPE}
    if kind not in types:
        raise AsmError(f"unknown symbol type '{ops[1].strip()}'")
    asm.symbol(ops[0].strip()).type = types[kind]


def size(asm, text):
    ops = split_operands(text)
    if len(ops) != 2:
        raise AsmError("expected: .size symbol, expression")
    asm.deferred_sizes.append((ops[0].strip(), asm.expr(ops[1]), asm.line))


def set_symbol(asm, text):
    ops = split_operands(text)
    if len(ops) != 2 or not ops[0].strip():
        raise AsmError("expected: .equ symbol, expression")
    sym = asm.symbol(ops[0].strip())
    if sym.section is not None:
        raise AsmError(f"symbol '{ops[0].strip()}' is already defined")
    tree = asm.expr(ops[1])
    if not isinstance(tree, int):       # fold constants known so far
        try:
            value, base = asm.value(tree)
            if base is None:
                tree = value
        except Defer:                    # labels and forward symbols: keep the tree
            pass
    sym.equ = tree


def comm(local):
    def directive(asm, text):
        ops = split_operands(text)
        if len(ops) < 2:
            raise AsmError("expected: .comm symbol, size[, align]")
        name = ops[0].strip()
        nbytes = asm.constant(asm.expr(ops[1]), "size")
        alignment = asm.constant(asm.expr(ops[2]), "alignment") if len(ops) > 2 else 4
        sym = asm.symbol(name)
        if local or sym.bind == elf.STB_LOCAL:   # .local x; .comm x: GCC's static in .bss
            here = asm.section
            asm.switch_section(".bss")
            align(False)(asm, str(alignment))
            asm.define_label(name)
            sym.type, sym.size = elf.STT_OBJECT, nbytes
            asm.emit_bytes(bytes(nbytes))
            asm.switch_section(here.name)
        else:
            sym.common = (nbytes, alignment)
    return directive


def option(asm, text):
    word = text.strip()
    if word not in ("push", "pop", "norelax", "relax", "rvc", "norvc", "pic", "nopic") and \
            not word.startswith("arch"):
        raise AsmError(f"unknown .option '{word}'")


def ignored(asm, text):
    pass


DIRECTIVES = {
    ".text": lambda asm, text: asm.switch_section(".text"),
    ".data": lambda asm, text: asm.switch_section(".data"),
    ".bss": lambda asm, text: asm.switch_section(".bss"),
    ".rodata": lambda asm, text: asm.switch_section(".rodata"),
    ".section": section, ".pushsection": push_section, ".popsection": pop_section,
    ".previous": previous,
    ".globl": binding(elf.STB_GLOBAL), ".global": binding(elf.STB_GLOBAL),
    ".local": binding(elf.STB_LOCAL), ".weak": binding(elf.STB_WEAK),
    ".type": sym_type, ".size": size, ".equ": set_symbol, ".set": set_symbol,
    ".comm": comm(False), ".lcomm": comm(True),
    ".align": align(True), ".p2align": align(True), ".balign": align(False),
    ".byte": data(1), ".half": data(2), ".short": data(2), ".2byte": data(2),
    ".word": data(4), ".long": data(4), ".int": data(4), ".4byte": data(4),
    ".zero": space, ".space": space, ".skip": space, ".fill": fill,
    ".ascii": strings(False), ".asciz": strings(True), ".string": strings(True),
    ".option": option,
}
for _name in (".file", ".ident", ".attribute", ".loc", ".addrsig", ".addrsig_sym", ".end",
              ".hidden", ".protected", ".internal", ".variant_cc"):
    DIRECTIVES[_name] = ignored
for _name in ("startproc", "endproc", "def_cfa", "def_cfa_offset", "def_cfa_register",
              "offset", "restore", "remember_state", "restore_state", "sections",
              "adjust_cfa_offset", "rel_offset", "register", "escape", "signal_frame",
              "return_column", "personality", "lsda", "same_value", "undefined"):
    DIRECTIVES[".cfi_" + _name] = ignored
