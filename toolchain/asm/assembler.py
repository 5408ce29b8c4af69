"""The assembler core: statements -> section items -> layout -> ELF object.

Pass 1 reads every line. Instructions whose operands are all constants are
encoded at once; the rest become deferred items re-encoded in pass 2, once
every label has an offset. Branches to a symbol that is not within reach in
the same section grow into "inverted branch + jal" (as GNU as does), so the
layout is repeated until no branch grows.
"""
import re

from toolchain import elf
from toolchain.asm import expr as ex
from toolchain.asm.isa import REGISTERS

IDENT = re.compile(r"[A-Za-z_.$][\w.$]*|\d+")
QUOTED_OR_SEPARATOR = re.compile(r"\"(?:\\.|[^\"\\])*\"?|'\\?.'?|[#;]")
LOCATION = re.compile(r"(?<![\w.$'])\.(?![\w.$'])")      # '.', the current address
BYTES, FIX, BRANCH, ALIGN = 0, 1, 2, 3
DEFAULT_SECTIONS = {  # name prefix: (type, flags)
    ".text": (elf.SHT_PROGBITS, elf.SHF_ALLOC | elf.SHF_EXECINSTR),
    ".data": (elf.SHT_PROGBITS, elf.SHF_ALLOC | elf.SHF_WRITE),
    ".sdata": (elf.SHT_PROGBITS, elf.SHF_ALLOC | elf.SHF_WRITE),
    ".rodata": (elf.SHT_PROGBITS, elf.SHF_ALLOC),
    ".srodata": (elf.SHT_PROGBITS, elf.SHF_ALLOC),
    ".bss": (elf.SHT_NOBITS, elf.SHF_ALLOC | elf.SHF_WRITE),
    ".sbss": (elf.SHT_NOBITS, elf.SHF_ALLOC | elf.SHF_WRITE),
    ".init_array": (14, elf.SHF_ALLOC | elf.SHF_WRITE),
    ".fini_array": (15, elf.SHF_ALLOC | elf.SHF_WRITE),
}


class Modified(tuple):
    """An operand wrapped in a relocation function: (modifier, tree), e.g. ('lo', 'x')."""


class AsmError(Exception):
    def __init__(self, message, line=None, col=None):
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


class Defer(Exception):
    """Raised in pass 1 when an operand needs a label's final offset."""


class AsmSection:
    def __init__(self, name, sh_type, flags):
        self.name, self.type, self.flags = name, sh_type, flags
        self.items = []            # [kind, size, payload, line]
        self.offsets = [0]
        self.align = 4 if name == ".text" else 1     # what GNU as gives them


class AsmSymbol:
    def __init__(self, name):
        self.name = name           # unique key (see Assembler.elf_name)
        self.section = None        # AsmSection for labels
        self.index = 0             # item index the label precedes
        self.equ = None            # expression tree for .equ/.set
        self.bind = None           # None = local unless undefined
        self.type = elf.STT_NOTYPE
        self.size = None
        self.common = None         # (size, align) for .comm
        self.used_in_reloc = False


class Assembler:
    def __init__(self, filename="<stdin>"):
        from toolchain.asm import directives, instructions   # they import this module
        self.filename = filename
        self.directives = directives.DIRECTIVES
        self.instructions = instructions.INSTRUCTIONS
        self.sections = {}
        self.symbols = {}
        self.numeric = {}          # numeric label -> instances defined so far
        self.temp_count = 0
        self.section_stack = []
        self.previous = None
        self.pass2 = False
        self.here = None           # (section, offset) of the item being encoded
        self.line = 0
        self.relocs = {}           # section name -> [(offset, type, key, addend, line)]
        self.deferred_sizes = []   # (symbol, tree, line) from .size
        self.expr_cache = {}       # operand text -> parsed tree
        self.numeric_used = False
        self.section = None
        for name in (".text", ".data", ".bss", ".text"):   # GNU as always has these
            self.switch_section(name)
        self.previous = None

    # ----- sections and symbols -------------------------------------------------
    def switch_section(self, name, sh_type=None, flags=None):
        sec = self.sections.get(name)
        if sec is None:
            default = next((v for k, v in DEFAULT_SECTIONS.items()
                            if name == k or name.startswith(k + ".")), (elf.SHT_PROGBITS, 0))
            sec = AsmSection(name, sh_type if sh_type is not None else default[0],
                             flags if flags is not None else default[1])
            self.sections[name] = sec
        self.previous, self.section = self.section, sec

    def symbol(self, name):
        sym = self.symbols.get(name)
        if sym is None:
            sym = self.symbols[name] = AsmSymbol(name)
        return sym

    def define_label(self, name):
        if name.isdigit():
            count = self.numeric.get(name, 0) + 1
            self.numeric[name] = count
            name = f".L{name}\x02{count}"
        sym = self.symbol(name)
        if sym.section is not None or sym.equ is not None:
            raise AsmError(f"symbol '{name}' is already defined")
        sym.section, sym.index = self.section, len(self.section.items)
        return name

    def temp_label(self):
        """A fresh local label at the current position (GNU names them '.L0 ')."""
        self.temp_count += 1
        name = f".L0$tmp${self.temp_count}"
        sym = self.symbol(name)
        sym.section, sym.index = self.section, len(self.section.items)
        return name

    def local_label(self, text):
        self.numeric_used = True
        number, direction = text[:-1], text[-1]
        count = self.numeric.get(number, 0)
        if direction == "b":
            if count == 0:
                raise AsmError(f"no previous definition of local label '{number}'")
            return f".L{number}\x02{count}"
        return f".L{number}\x02{count + 1}"

    # ----- operands -----------------------------------------------------------------
    def reg(self, text):
        number = REGISTERS.get(text.strip())
        if number is None:
            raise AsmError(f"expected a register, got '{text.strip()}'")
        return number

    def expr(self, text):
        text = text.strip()
        if text.isdigit() and (text[0] != "0" or text == "0"):
            return int(text)
        if text == ".":
            return self.temp_label()
        tree = self.expr_cache.get(text)
        if tree is not None:
            return tree
        try:
            if "." in text and LOCATION.search(text):
                return ex.Parser(LOCATION.sub(self.temp_label(), text), self.local_label).parse()
            self.numeric_used = False
            tree = ex.Parser(text, self.local_label).parse()
        except ex.ExprError as err:
            raise AsmError(str(err)) from None
        if not self.numeric_used:       # 1f/1b mean something else on the next line
            self.expr_cache[text] = tree
        return tree

    def operand(self, text):
        """An immediate: int, expression tree, or (modifier, tree) for %hi() etc."""
        text = text.strip()
        if text.startswith("%"):
            paren = text.find("(")
            if paren < 0 or not text.endswith(")"):
                raise AsmError(f"bad relocation operand '{text}'")
            modifier = text[1:paren].strip()
            if modifier not in ("hi", "lo", "pcrel_hi", "pcrel_lo"):
                raise AsmError(f"unknown relocation function '%{modifier}'")
            return Modified((modifier, self.expr(text[paren + 1:-1])))
        return self.expr(text)

    def memory(self, text):
        """'offset(reg)' -> (offset operand, register number), or None if not that shape."""
        text = text.strip()
        if not text.endswith(")"):
            return None
        paren = text.rfind("(")
        number = REGISTERS.get(text[paren + 1:-1].strip())
        if number is None:
            return None
        offset = text[:paren].strip()
        return (self.operand(offset) if offset else 0), number

    def value(self, tree):
        """Evaluate a tree to (addend, symbol key or None); Defer in pass 1 if needed."""
        if isinstance(tree, int):
            return tree, None
        try:
            return ex.evaluate(tree, self.lookup)
        except ex.ExprError as err:
            raise AsmError(str(err)) from None

    def lookup(self, name):
        sym = self.symbols.get(name)
        if sym is not None and sym.equ is not None:
            value, base = self.value(sym.equ)
            if base is None:
                return ("const", value)
            if not self.pass2:
                raise Defer()
            where = self.lookup(base)
            return ("at", where[1], where[2] + value) if where[0] == "at" else ("sym", name)
        if not self.pass2:
            raise Defer()
        if sym is not None and sym.section is not None:
            return ("at", sym.section, sym.section.offsets[sym.index])
        return ("sym", name)

    def constant(self, tree, what="expression"):
        """A value that must be known now (sizes, counts, li)."""
        try:
            value, base = self.value(tree)
        except Defer:
            raise AsmError(f"{what} must be a constant known at this point") from None
        if base is not None:
            raise AsmError(f"{what} must be a constant, not symbol '{self.elf_name(base)}'")
        return value

    @staticmethod
    def elf_name(key):
        return ".L0 " if key.startswith(".L0$tmp$") else key

    def location(self, key):
        """(section, offset) of a label key in pass 2, else None."""
        kind = self.lookup(key)
        return (kind[1], kind[2]) if kind[0] == "at" else None

    def reloc(self, rtype, key, addend=0, delta=0):
        section, offset = self.here
        self.symbol(key).used_in_reloc = True
        self.relocs.setdefault(section.name, []).append((offset + delta, rtype, key, addend,
                                                          self.line))

    # ----- items --------------------------------------------------------------------
    def add_item(self, kind, size, payload):
        if self.section.type == elf.SHT_NOBITS and kind != ALIGN and (
                kind != BYTES or any(payload)):
            raise AsmError(f"non-zero data in section '{self.section.name}'")
        self.section.items.append([kind, size, payload, self.line])

    def emit_bytes(self, data):
        self.add_item(BYTES, len(data), data)

    def insn(self, encoder, args, size=4):
        """Encode now if every operand is known, else defer to pass 2."""
        try:
            words = encoder(self, *args)
        except Defer:
            self.add_item(FIX, size, (encoder, args))
            return
        self.add_item(BYTES, size, b"".join(w.to_bytes(4, "little") for w in words))

    # ----- pass 1 ---------------------------------------------------------------------
    def assemble_text(self, text):
        if "/*" in text:
            text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group().count("\n"), text,
                          flags=re.S)
        for number, line in enumerate(text.split("\n"), 1):
            self.line = number
            try:
                for statement in split_statements(line):
                    self.statement(statement)
            except AsmError as err:
                if err.line is None:     # where the failing statement starts
                    err.line = number
                    err.col = line.find(statement) + len(statement) - len(statement.lstrip()) + 1
                raise

    def statement(self, text):
        while True:
            head, colon, rest = text.partition(":")
            if not colon or not IDENT.fullmatch(head.strip()):
                break
            self.define_label(head.strip())
            text = rest
        text = text.strip()
        if not text:
            return
        parts = text.split(None, 1)
        name = parts[0].lower()
        operands = parts[1] if len(parts) > 1 else ""
        handler = self.instructions.get(name)
        if handler is not None:
            handler(self, split_operands(operands) if operands else [])
            return
        if name.startswith("."):
            directive = self.directives.get(name)
            if directive is None:
                raise AsmError(f"unknown directive '{parts[0]}'")
            directive(self, operands)
            return
        if "=" in text:
            left, _, right = text.partition("=")
            if IDENT.fullmatch(left.strip()):
                self.directives[".set"](self, f"{left},{right}")
                return
        raise AsmError(f"unknown instruction '{parts[0]}'")

    # ----- layout and pass 2 ---------------------------------------------------------
    def layout(self):
        for sec in self.sections.values():
            offset, offsets = 0, []
            for item in sec.items:
                offsets.append(offset)
                if item[0] == ALIGN:
                    alignment, _, max_skip, _ = item[2]
                    pad = -offset % alignment
                    item[1] = pad if max_skip is None or pad <= max_skip else 0
                offset += item[1]
            offsets.append(offset)
            sec.offsets = offsets

    def relax_branches(self):
        self.pass2 = True
        changed = True
        while changed:
            self.layout()
            changed = False
            for sec in self.sections.values():
                for index, item in enumerate(sec.items):
                    if item[0] == BRANCH and item[1] == 4 and not self.branch_fits(
                            sec, sec.offsets[index], item):
                        item[1], changed = 8, True

    def branch_fits(self, sec, offset, item):
        self.line = item[3]
        addend, base = self.value(item[2][3])
        where = self.location(base) if base else None
        if where is None or where[0] is not sec:
            return False
        return -4096 <= where[1] + addend - offset <= 4094

    def encode(self):
        from toolchain.asm.instructions import encode_branch
        out = {}
        for sec in self.sections.values():
            data = bytearray()
            for index, (kind, size, payload, line) in enumerate(sec.items):
                self.here, self.line = (sec, sec.offsets[index]), line
                try:
                    if kind == BYTES:
                        data += payload
                    elif kind == ALIGN:
                        data += align_fill(size, payload)
                    elif kind == BRANCH:
                        words = encode_branch(self, size, *payload)
                        data += b"".join(w.to_bytes(4, "little") for w in words)
                    else:
                        encoder, args = payload
                        chunk = encoder(self, *args)
                        data += chunk if isinstance(chunk, bytes) else \
                            b"".join(w.to_bytes(4, "little") for w in chunk)
                except (AsmError, Defer) as err:
                    message = err.message if isinstance(err, AsmError) else "unresolved value"
                    raise AsmError(message, line) from None
            out[sec.name] = data
        return out

    def finish(self):
        """Lay out, encode and return the ELF relocatable bytes."""
        try:
            return self.finish_passes()
        except AsmError as err:
            err.line = err.line or self.line     # the item being processed
            raise

    def finish_passes(self):
        for sec in self.sections.values():
            alignment = self.alignment(sec)
            if sec.flags & elf.SHF_EXECINSTR and sec.items and alignment > 1:
                # GNU as pads code sections to their alignment with nops.
                sec.items.append([ALIGN, 0, (alignment, None, None, True), self.line])
        self.relax_branches()
        contents = self.encode()
        for key, tree, line in self.deferred_sizes:
            self.line = line
            self.symbol(key).size = self.constant(tree, ".size")
        return elf.write_relocatable(self.build_object(contents))

    @staticmethod
    def alignment(sec):
        return max([sec.align] + [item[2][0] for item in sec.items if item[0] == ALIGN])

    def export(self, key, sym, elf_sections):
        """The ELF symbol for an assembler symbol, or None when it stays internal."""
        elsewhere = sym.section is None and sym.equ is None       # undefined or common
        if sym.bind is None and not sym.used_in_reloc and (
                key.startswith(".L") or (elsewhere and sym.common is None)):
            return None
        bind = sym.bind if sym.bind is not None else \
            (elf.STB_GLOBAL if elsewhere else elf.STB_LOCAL)
        value, where, size = 0, None, sym.size or 0
        if sym.common is not None:
            (size, value), where, sym.type = sym.common, "COMMON", elf.STT_OBJECT
        elif sym.section is not None:
            value, where = sym.section.offsets[sym.index], elf_sections[sym.section.name]
        elif sym.equ is not None:
            place = self.lookup(key)       # a constant, or '.set name, label + 4'
            if place[0] == "sym":
                return None
            value, where = (place[1], "ABS") if place[0] == "const" else \
                (place[2], elf_sections[place[1].name])
        return elf.Symbol(self.elf_name(key), value, where, bind, sym.type, size)

    def build_object(self, contents):
        obj = elf.ObjectFile(self.filename)
        elf_sections = {}
        for sec in self.sections.values():      # every section named, as GNU as does
            align = self.alignment(sec)
            if sec.type == elf.SHT_NOBITS:
                es = elf.Section(sec.name, sec.type, sec.flags, align=align, size=sec.offsets[-1])
            else:
                es = elf.Section(sec.name, sec.type, sec.flags, contents[sec.name], align)
            elf_sections[sec.name] = es
            obj.sections.append(es)
        elf_symbols = {}
        for key, sym in self.symbols.items():
            exported = self.export(key, sym, elf_sections)
            if exported is not None:
                elf_symbols[key] = exported
                obj.symbols.append(exported)
        for name, relocs in self.relocs.items():
            target = elf_sections[name]
            for offset, rtype, key, addend, line in relocs:
                sym = self.symbols[key]
                if key.startswith(".L") and sym.section is None and sym.equ is None:
                    name = key[2:].split("\x02")[0] + "f" if "\x02" in key else key
                    raise AsmError(f"undefined local label '{name}'", line)
                if key not in elf_symbols:
                    raise AsmError(f"cannot relocate against '{self.elf_name(key)}'", line)
                target.relocs.append(elf.Reloc(offset, rtype, elf_symbols[key], addend))
        return obj


def align_fill(size, payload):
    """Padding bytes: explicit fill, or in code zeros then a 2-byte c.nop then nops (GNU)."""
    _, fill, _, code = payload
    if not code or fill is not None:
        return bytes([fill or 0]) * size
    head = size % 4
    pad = bytes(head & 1) + (b"\x01\x00" if head & 2 else b"")
    return pad + b"\x13\x00\x00\x00" * (size // 4)


def split_statements(line):
    """Cut the comment and split on ';' (both may appear inside quotes)."""
    if '"' not in line and "'" not in line:
        line = line.split("#", 1)[0]
        return line.split(";") if ";" in line else [line]
    statements, start = [], 0
    for match in QUOTED_OR_SEPARATOR.finditer(line):
        if match.group() == "#":
            return statements + [line[start:match.start()]]
        if match.group() == ";":
            statements.append(line[start:match.start()])
            start = match.end()
    return statements + [line[start:]]


def split_operands(text):
    """Split on commas outside parentheses and quotes."""
    if "(" not in text and '"' not in text and "'" not in text:
        return text.split(",")
    parts, depth, quote, start = [], 0, None, 0
    for i, ch in enumerate(text):
        if quote:
            if ch == quote and text[i - 1] != "\\":
                quote = None
        elif ch == '"':
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def assemble(text, filename="<stdin>"):
    """Assemble source text into ELF32 relocatable bytes (raises AsmError)."""
    asm = Assembler(filename)
    asm.assemble_text(text)
    return asm.finish()
