"""ELF32 little-endian RISC-V data model, reader and writers.

Only what the toolchain needs: relocatable objects (ET_REL) with SYMTAB and
RELA sections, and static executables (ET_EXEC) with PT_LOAD segments,
section headers and a symbol table so that objdump and gdb can read them.
"""
import struct

ELFCLASS32, ELFDATA2LSB, EV_CURRENT = 1, 1, 1
ET_REL, ET_EXEC = 1, 2
EM_RISCV = 243
SHT_NULL, SHT_PROGBITS, SHT_SYMTAB, SHT_STRTAB, SHT_RELA = 0, 1, 2, 3, 4
SHT_NOBITS = 8
SHF_WRITE, SHF_ALLOC, SHF_EXECINSTR, SHF_INFO_LINK = 1, 2, 4, 0x40
STB_LOCAL, STB_GLOBAL, STB_WEAK = 0, 1, 2
STT_NOTYPE, STT_OBJECT, STT_FUNC, STT_SECTION, STT_FILE = 0, 1, 2, 3, 4
SHN_UNDEF, SHN_ABS, SHN_COMMON = 0, 0xFFF1, 0xFFF2
PT_LOAD = 1
PF_X, PF_W, PF_R = 1, 2, 4
PAGE = 0x1000

# RISC-V relocation numbers (psABI), by the names we use everywhere.
R = dict(NONE=0, R32=1, BRANCH=16, JAL=17, CALL=18, CALL_PLT=19, PCREL_HI20=23,
         PCREL_LO12_I=24, PCREL_LO12_S=25, HI20=26, LO12_I=27, LO12_S=28,
         ADD8=33, ADD16=34, ADD32=35, SUB8=37, SUB16=38, SUB32=39, ALIGN=43,
         RELAX=51, SUB6=52, SET6=53, SET8=54, SET16=55, SET32=56, R32_PCREL=57)
RELOC_NAMES = {num: "R_RISCV_" + ("32" if name == "R32" else "32_PCREL" if name == "R32_PCREL"
                                  else name) for name, num in R.items()}

HEADERS_SIZE = 52 + 2 * 32    # ELF header + two program headers
EHDR = struct.Struct("<16sHHIIIIIHHHHHH")
SHDR = struct.Struct("<IIIIIIIIII")
PHDR = struct.Struct("<IIIIIIII")
SYM = struct.Struct("<IIIBBH")
RELA = struct.Struct("<IIi")


class ElfError(Exception):
    """A file that is not an ELF32 RISC-V object we can use."""


class Section:
    def __init__(self, name, sh_type=SHT_PROGBITS, flags=0, data=b"", align=1, size=None):
        self.name, self.type, self.flags, self.align = name, sh_type, flags, align
        self.data = bytearray(data)
        self.nobits_size = size or 0
        self.relocs = []
        self.addr = 0

    @property
    def size(self):
        return self.nobits_size if self.type == SHT_NOBITS else len(self.data)


class Symbol:
    """section is a Section, None (undefined), "ABS" or "COMMON"."""

    def __init__(self, name, value=0, section=None, bind=STB_LOCAL, sym_type=STT_NOTYPE, size=0):
        self.name, self.value, self.section = name, value, section
        self.bind, self.type, self.size = bind, sym_type, size


class Reloc:
    def __init__(self, offset, rtype, symbol, addend=0):
        self.offset, self.type, self.symbol, self.addend = offset, rtype, symbol, addend


class ObjectFile:
    def __init__(self, name="", sections=None, symbols=None):
        self.name = name
        self.sections = sections or []
        self.symbols = symbols or []


class Segment:
    """A PT_LOAD: consecutive sections loaded at vaddr (from paddr in ROM images).
    with_headers: the segment starts at file offset 0, so the ELF and program
    headers are loaded just below the first section (Linux loaders want that)."""

    def __init__(self, vaddr, paddr, flags, sections, with_headers=False):
        self.vaddr, self.paddr, self.flags, self.sections = vaddr, paddr, flags, sections
        self.with_headers = with_headers


def _strtab(names):
    """Build a string table; returns (bytes, {name: offset})."""
    blob, where = bytearray(b"\0"), {"": 0}
    for name in names:
        if name not in where:
            where[name] = len(blob)
            blob += name.encode() + b"\0"
    return bytes(blob), where


def _align(value, alignment):
    return (value + alignment - 1) // alignment * alignment if alignment > 1 else value


def _ordered_symbols(obj):
    """Null first, then a symbol per section, locals, then globals (ELF rule)."""
    section_syms = [Symbol("", 0, s, STB_LOCAL, STT_SECTION) for s in obj.sections
                    if s.flags & SHF_ALLOC]
    locals_ = [s for s in obj.symbols if s.bind == STB_LOCAL]
    globals_ = [s for s in obj.symbols if s.bind != STB_LOCAL]
    return [None] + section_syms + locals_ + globals_, 1 + len(section_syms) + len(locals_)


def _symtab_bytes(symbols, section_index, strings):
    out = bytearray(SYM.size)
    for sym in symbols[1:]:
        shndx = {None: SHN_UNDEF, "COMMON": SHN_COMMON}.get(sym.section) if \
            isinstance(sym.section, (str, type(None))) else None
        if shndx is None:     # a section left out of the file (e.g. empty) counts as ABS
            shndx = section_index.get(id(sym.section), SHN_ABS)
        out += SYM.pack(strings[sym.name], sym.value & 0xFFFFFFFF, sym.size,
                        (sym.bind << 4) | sym.type, 0, shndx)
    return out


class _Writer:
    """Accumulates section contents and headers, then emits the file."""

    def __init__(self):
        self.body = bytearray(EHDR.size)
        self.headers = [SHDR.pack(*[0] * 10)]
        self.names = []

    def add(self, name, sh_type, flags, data, addr=0, link=0, info=0, align=1, entsize=0,
            size=None, offset=None):
        if offset is None:
            self.body += bytes(_align(len(self.body), max(align, 1)) - len(self.body))
            offset = len(self.body)
        if sh_type != SHT_NOBITS:
            self.body += bytes(max(0, offset - len(self.body)))
            self.body[offset:offset + len(data)] = data
        self.names.append(name)
        self.headers.append([name, sh_type, flags, addr, offset,
                             len(data) if size is None else size, link, info, align, entsize])
        return len(self.headers) - 1

    def finish(self, e_type, entry=0, phdrs=b"", phnum=0):
        names, where = _strtab(self.names + [".shstrtab"])
        shstrndx = self.add(".shstrtab", SHT_STRTAB, 0, names)
        self.body += bytes(_align(len(self.body), 4) - len(self.body))
        shoff = len(self.body)
        for header in self.headers[1:]:
            header[0] = where[header[0]]
        self.body += self.headers[0] + b"".join(SHDR.pack(*h) for h in self.headers[1:])
        ident = b"\x7fELF" + bytes([ELFCLASS32, ELFDATA2LSB, EV_CURRENT]) + bytes(9)
        self.body[:EHDR.size] = EHDR.pack(ident, e_type, EM_RISCV, EV_CURRENT, entry,
                                          EHDR.size if phnum else 0, shoff, 0, EHDR.size,
                                          PHDR.size, phnum, SHDR.size, len(self.headers),
                                          shstrndx)
        return bytes(self.body)


def _add_symtab(writer, symbols, first_global, section_index):
    strings_blob, strings = _strtab(s.name for s in symbols[1:])
    symtab = _symtab_bytes(symbols, section_index, strings)
    strtab_index = len(writer.headers) + 1
    writer.add(".symtab", SHT_SYMTAB, 0, symtab, link=strtab_index, info=first_global,
               align=4, entsize=SYM.size)
    writer.add(".strtab", SHT_STRTAB, 0, strings_blob)


def write_relocatable(obj):
    """Serialize an ObjectFile (sections with relocs, symbols) as ET_REL bytes."""
    writer = _Writer()
    section_index = {}
    for sec in obj.sections:
        section_index[id(sec)] = writer.add(sec.name, sec.type, sec.flags, sec.data,
                                            align=sec.align, size=sec.size)
    symbols, first_global = _ordered_symbols(obj)
    sym_index = {id(s): i for i, s in enumerate(symbols) if s is not None}
    n_sections = len(obj.sections)
    symtab_index = 1 + n_sections + sum(1 for s in obj.sections if s.relocs)
    for sec in obj.sections:
        if sec.relocs:
            rela = b"".join(RELA.pack(r.offset, (sym_index[id(r.symbol)] << 8) | r.type,
                                      r.addend) for r in sec.relocs)
            writer.add(".rela" + sec.name, SHT_RELA, SHF_INFO_LINK, rela, link=symtab_index,
                       info=section_index[id(sec)], align=4, entsize=RELA.size)
    _add_symtab(writer, symbols, first_global, section_index)
    return writer.finish(ET_REL)


def write_executable(entry, segments, symbols):
    """Serialize a linked program: PT_LOAD per segment, sections, symbol table."""
    writer = _Writer()
    phdr_size = PHDR.size * len(segments)
    writer.body += bytes(phdr_size)
    section_index, phdrs = {}, []
    for seg in segments:
        here = len(writer.body)
        # File offset congruent to the address modulo the page size (loaders need it).
        start = 0 if seg.with_headers else here + (seg.vaddr - here) % PAGE
        for sec in seg.sections:
            section_index[id(sec)] = writer.add(sec.name, sec.type, sec.flags, sec.data,
                                                addr=sec.addr, align=sec.align, size=sec.size,
                                                offset=start + sec.addr - seg.vaddr)
        loaded = [s.addr + s.size for s in seg.sections if s.type != SHT_NOBITS]
        filesz = max(loaded) - seg.vaddr if loaded else 0
        memsz = max(s.addr + s.size for s in seg.sections) - seg.vaddr
        phdrs.append(PHDR.pack(PT_LOAD, start, seg.vaddr, seg.paddr, filesz, memsz,
                               seg.flags, PAGE))
    writer.body[EHDR.size:EHDR.size + phdr_size] = b"".join(phdrs)
    listed = [None] + [s for s in symbols if s.bind == STB_LOCAL] + \
        [s for s in symbols if s.bind != STB_LOCAL]
    first_global = 1 + sum(1 for s in symbols if s.bind == STB_LOCAL)
    _add_symtab(writer, listed, first_global, section_index)
    return writer.finish(ET_EXEC, entry, phnum=len(segments))


def read_object(data, name="<input>"):
    """Parse ET_REL (or ET_EXEC) bytes into an ObjectFile."""
    if len(data) < EHDR.size or data[:4] != b"\x7fELF":
        raise ElfError(f"{name}: not an ELF file")
    (ident, e_type, machine, _, entry, _, shoff, _, _, _, _, shentsize, shnum,
     shstrndx) = EHDR.unpack_from(data)
    if ident[4] != ELFCLASS32 or ident[5] != ELFDATA2LSB or machine != EM_RISCV:
        raise ElfError(f"{name}: not a 32-bit little-endian RISC-V ELF file")
    try:
        headers = [SHDR.unpack_from(data, shoff + i * SHDR.size) for i in range(shnum)]
        names = headers[shstrndx]

        def cstr(table_off, off):
            end = data.index(b"\0", table_off + off)
            return data[table_off + off:end].decode("utf-8", "replace")

        obj = ObjectFile(name)
        obj.entry, obj.type = entry, e_type
        by_index = {}
        for i, (nm, sh_type, flags, addr, off, size, link, info, align, _) in enumerate(headers):
            if sh_type in (SHT_PROGBITS, SHT_NOBITS) or (flags & SHF_ALLOC and sh_type not in
                                                         (SHT_SYMTAB, SHT_STRTAB, SHT_RELA)):
                contents = b"" if sh_type == SHT_NOBITS else data[off:off + size]
                sec = Section(cstr(names[4], nm), sh_type, flags, contents, max(align, 1),
                              size if sh_type == SHT_NOBITS else None)
                sec.addr = addr
                by_index[i] = sec
                obj.sections.append(sec)
        symbols = []
        for i, (nm, sh_type, _, _, off, size, link, info, _, _) in enumerate(headers):
            if sh_type != SHT_SYMTAB:
                continue
            stroff = headers[link][4]
            for k in range(size // SYM.size):
                st_name, value, sz, st_info, _, shndx = SYM.unpack_from(data, off + k * SYM.size)
                section = {SHN_UNDEF: None, SHN_ABS: "ABS", SHN_COMMON: "COMMON"}.get(
                    shndx, by_index.get(shndx, "ABS"))
                sym = Symbol(cstr(stroff, st_name), value, section, st_info >> 4,
                             st_info & 15, sz)
                if sym.type == STT_SECTION and not sym.name and isinstance(section, Section):
                    sym.name = section.name
                symbols.append(sym)
        obj.symbols = symbols[1:]
        for nm, sh_type, _, _, off, size, link, info, _, _ in headers:
            if sh_type == SHT_RELA and info in by_index:
                target = by_index[info]
                for k in range(size // RELA.size):
                    r_off, r_info, addend = RELA.unpack_from(data, off + k * RELA.size)
                    target.relocs.append(Reloc(r_off, r_info & 0xFF, symbols[r_info >> 8],
                                               addend))
        return obj
    except (struct.error, IndexError, ValueError) as exc:
        raise ElfError(f"{name}: malformed ELF file ({exc})") from None
