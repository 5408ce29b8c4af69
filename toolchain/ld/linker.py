"""The linker: objects and archives -> resolved symbols -> placed sections -> image.

Data flow: load inputs (archive members are pulled in only when they define
a symbol still undefined), resolve global symbols (strong beats weak, COMMON
becomes one NOBITS section), let the linker script (script.py; a built-in
layout from layouts.py unless -T) place input sections into output sections,
define the linker symbols, apply relocations (relocate.py), and return a
LinkedImage that output.py writes as ELF, .bin or .hex.
"""
from toolchain import elf
from toolchain.ld import script
from toolchain.ld.layouts import LAYOUTS, preset_script


class LinkError(Exception):
    pass


class LinkedImage:
    def __init__(self, entry, segments, symbols):
        self.entry, self.segments, self.symbols = entry, segments, symbols


def classify(sec):
    """Which output section an allocated input section joins (None = dropped)."""
    if not sec.flags & elf.SHF_ALLOC:
        return None
    if sec.type == elf.SHT_NOBITS:
        return ".bss"
    if sec.flags & elf.SHF_EXECINSTR:
        return ".text"
    if sec.flags & elf.SHF_WRITE:
        return ".data"
    return ".rodata"


def _is_definition(sym):
    return sym.section is not None and sym.type != elf.STT_SECTION


class Resolver:
    """The global symbol table, filled object by object."""

    def __init__(self):
        self.defined = {}       # name -> (Symbol, object name)
        self.commons = {}       # name -> [size, align, object name]
        self.referenced = {}    # name -> [object names]

    def add(self, obj):
        for sym in obj.symbols:
            if sym.bind == elf.STB_LOCAL or not sym.name:
                continue
            if sym.section == "COMMON":
                entry = self.commons.setdefault(sym.name, [0, 1, obj.name])
                entry[0], entry[1] = max(entry[0], sym.size), max(entry[1], sym.value)
            elif _is_definition(sym):
                self._define(sym, obj.name)
        for sec in obj.sections:
            for reloc in sec.relocs:
                sym = reloc.symbol
                if sym.bind != elf.STB_LOCAL and sym.section is None and classify(sec):
                    users = self.referenced.setdefault(sym.name, [])
                    if obj.name not in users:
                        users.append(obj.name)

    def _define(self, sym, origin):
        old = self.defined.get(sym.name)
        if old is None or (old[0].bind == elf.STB_WEAK and sym.bind != elf.STB_WEAK):
            self.defined[sym.name] = (sym, origin)
        elif sym.bind != elf.STB_WEAK and old[0].bind != elf.STB_WEAK:
            raise LinkError(f"duplicate symbol '{sym.name}': defined in {old[1]} and {origin}")

    def undefined(self):
        return [n for n in self.referenced if n not in self.defined and n not in self.commons]

    def wants(self, obj):
        """Does this archive member define a symbol we still need?"""
        return any(s.bind != elf.STB_LOCAL and _is_definition(s) and s.name in self.referenced
                   and s.name not in self.defined for s in obj.symbols)


def load_inputs(inputs):
    """inputs: [(name, bytes)]. Returns the objects to link, archives resolved."""
    resolver, objects = Resolver(), []
    for name, data in inputs:
        try:
            if data.startswith(b"!<arch>\n"):
                members = elf.read_archive(data, name)
                pulled = True
                while pulled:        # a member may need another member of the same archive
                    pulled = False
                    for member in [m for m in members if resolver.wants(m)]:
                        if not resolver.wants(member):   # an earlier member defined it
                            continue
                        resolver.add(member)
                        objects.append(member)
                        members.remove(member)
                        pulled = True
                continue
            obj = elf.read_object(data, name)
        except elf.ElfError as err:
            raise LinkError(str(err)) from None
        if obj.type != 1:
            raise LinkError(f"{name}: not a relocatable object (ET_REL)")
        resolver.add(obj)
        objects.append(obj)
    return resolver, objects


def _align(value, alignment):
    return (value + alignment - 1) // alignment * alignment


def add_commons(resolver):
    """COMMON symbols become one NOBITS input section that scripts match as COMMON."""
    common = elf.Section("COMMON", elf.SHT_NOBITS, elf.SHF_ALLOC | elf.SHF_WRITE)
    for name, (size, alignment, _) in resolver.commons.items():
        if name in resolver.defined:
            continue
        common.align = max(common.align, alignment)
        offset = _align(common.nobits_size, alignment)
        common.nobits_size = offset + size
        resolver.defined[name] = (elf.Symbol(name, offset, common, elf.STB_GLOBAL,
                                             elf.STT_OBJECT, size), "<common>")
    return elf.ObjectFile("<common>", [common] if common.nobits_size else [])


def assign_inputs(statements, objects):
    """Replace pattern items by the input sections they select, in input order;
    sections no pattern selects join the output section of their kind."""
    taken = set()
    for statement in statements:
        if statement[0] != "section":
            continue
        items = statement[4]
        for index, item in enumerate(items):
            if item[0] != "patterns":
                continue
            chosen = [sec for obj in objects for sec in obj.sections
                      if id(sec) not in taken and (classify(sec) or sec.name == "COMMON")
                      and script.matches(item[1], item[2], obj.name, sec.name)]
            taken.update(id(sec) for sec in chosen)
            items[index] = ("inputs", chosen)
    by_name = {s[1]: s for s in statements if s[0] == "section"}
    for obj in objects:
        for sec in obj.sections:
            if classify(sec) and id(sec) not in taken:
                home = by_name.get(classify(sec))
                if home is None:
                    raise LinkError(f"{obj.name}: section '{sec.name}' is not placed by the "
                                    "linker script")
                home[4].append(("inputs", [sec]))


def run_layout(statements, resolver):
    """Execute SECTIONS: addresses for every kept input section and output section."""
    def lookup(name):
        found = resolver.defined.get(name)
        return symbol_address(found[0], resolver) if found else None
    layout = script.Layout(lookup)
    outputs = []
    for statement in statements:
        if statement[0] == "assign":
            layout.assign(statement, resolver.defined.__contains__)
            continue
        _, name, address, load, items = statement
        inputs = [sec for item in items if item[0] == "inputs" for sec in item[1]]
        if address is not None:
            layout.dot = layout.value(address)
        alignment = max([1] + [sec.align for sec in inputs])
        layout.dot = _align(layout.dot, alignment)
        nobits = all(sec.type == elf.SHT_NOBITS for sec in inputs)
        flags = elf.SHF_ALLOC
        for sec in inputs:
            flags |= sec.flags & (elf.SHF_WRITE | elf.SHF_EXECINSTR)
        out = elf.Section(name, elf.SHT_NOBITS if nobits else elf.SHT_PROGBITS, flags,
                          align=alignment)
        out.addr, out.members = layout.dot, inputs
        for item in items:
            if item[0] == "assign":
                layout.assign(item, resolver.defined.__contains__)
                continue
            for sec in item[1]:
                sec.addr = _align(layout.dot, sec.align)
                if not nobits:
                    out.data += bytes(sec.addr - out.addr - len(out.data))
                    out.data += sec.data if sec.type != elf.SHT_NOBITS else bytes(sec.size)
                layout.dot = sec.addr + sec.size
        out.nobits_size = layout.dot - out.addr
        if not nobits:
            out.data += bytes(out.nobits_size - len(out.data))
        out.lma = layout.value(load) if load is not None else out.addr
        layout.outputs[name] = out
        if name != "/DISCARD/":
            outputs.append(out)
    return outputs, layout.symbols


def define_linker_symbols(resolver, outputs, script_symbols):
    """Script assignments, then _end, __bss_start, __global_pointer$ ... unless defined."""
    for name, value in script_symbols.items():
        resolver.defined[name] = (elf.Symbol(name, value, "ABS", elf.STB_GLOBAL), "<script>")
    named = {out.name: out for out in outputs}
    end = max([out.addr + out.size for out in outputs] + [0])
    values = {"_end": end, "end": end}
    data, bss, text = named.get(".data"), named.get(".bss"), named.get(".text")
    if bss:
        values.update(__bss_start=bss.addr, __bss_end=bss.addr + bss.size)
    if data:
        values.update({"__data_start": data.addr, "__data_end": data.addr + data.size,
                       "_edata": data.addr + data.size, "__data_load": data.lma,
                       "__global_pointer$": data.addr + 0x800})
    if text:
        values["_etext"] = text.addr + text.size
    for name, value in values.items():
        if name not in resolver.defined:
            resolver.defined[name] = (elf.Symbol(name, value, "ABS", elf.STB_GLOBAL), "<linker>")


def symbol_address(sym, resolver):
    """Final address of a symbol as seen by a relocation."""
    if sym.bind != elf.STB_LOCAL:
        found = resolver.defined.get(sym.name)
        if found is None:
            return 0                          # undefined weak
        sym = found[0]
    if sym.section == "ABS" or sym.section is None:
        return sym.value
    return sym.section.addr + (0 if sym.type == elf.STT_SECTION else sym.value)


def link(inputs, layout="ram", entry=None, overrides=None, script_text=None):
    """inputs: [(name, bytes)] -> LinkedImage. Raises LinkError.

    The layout is a preset of layouts.py (moved by overrides such as
    {".text": 0x2000}) or, when script_text is given, a linker script."""
    from toolchain.ld.relocate import apply_relocations
    if script_text is None and layout not in LAYOUTS:
        raise LinkError(f"unknown layout '{layout}' (choose from {', '.join(LAYOUTS)})")
    try:
        script_entry, statements = script.Parser(
            script_text or preset_script(layout, overrides or {})).script()
        resolver, objects = load_inputs(inputs)
        objects.append(add_commons(resolver))
        assign_inputs(statements, objects)
        outputs, script_symbols = run_layout(statements, resolver)
    except script.ScriptError as err:
        raise LinkError(f"linker script: {err}") from None
    define_linker_symbols(resolver, outputs, script_symbols)
    weak_refs = {s.name for o in objects for s in o.symbols
                 if s.bind == elf.STB_WEAK and s.section is None}
    missing = [n for n in resolver.undefined() if n not in weak_refs]
    if missing:
        raise LinkError("\n".join(f"undefined symbol '{n}' (referenced from "
                                  f"{', '.join(resolver.referenced[n])})" for n in missing))
    for obj in objects:
        for sec in obj.sections:
            if classify(sec) and sec.relocs:
                apply_relocations(obj, sec, resolver)
    for out in outputs:                       # copy relocated bytes into the outputs
        for sec in out.members if out.type != elf.SHT_NOBITS else []:
            if sec.type != elf.SHT_NOBITS:
                start = sec.addr - out.addr
                out.data[start:start + sec.size] = sec.data
    headers = script_text is None and LAYOUTS[layout].get("load_headers")
    return LinkedImage(entry_address(entry or script_entry or "_start", resolver, outputs),
                       segments(outputs, headers), output_symbols(objects, resolver, outputs))


def entry_address(entry, resolver, outputs):
    if entry in resolver.defined:
        return symbol_address(resolver.defined[entry][0], resolver)
    try:
        return int(entry, 0)
    except ValueError:
        pass
    code = [out for out in outputs if out.flags & elf.SHF_EXECINSTR]
    if entry != "_start" or not code:
        raise LinkError(f"entry symbol '{entry}' is not defined")
    return code[0].addr                   # like GNU ld: start of the code


def segments(outputs, load_headers):
    """Group output sections into PT_LOADs: a new one where writability changes,
    addresses jump by a page or more, or the load address stops following the
    address. (Small alignment gaps stay inside: two segments sharing a page
    would make a loader remap that page with the second one's permissions.)"""
    result = []
    for out in sorted((o for o in outputs if o.size), key=lambda o: o.addr):
        last = result[-1] if result else None
        tail = last.sections[-1] if last else None
        if last is None or bool(out.flags & elf.SHF_WRITE) != bool(tail.flags & elf.SHF_WRITE) \
                or not 0 <= out.addr - tail.addr - tail.size < elf.PAGE \
                or out.lma - out.addr != last.delta or tail.type == elf.SHT_NOBITS:
            last = elf.Segment(out.addr, out.lma, elf.PF_R, [])
            last.delta = out.lma - out.addr
            result.append(last)
        last.sections.append(out)
        last.flags |= (elf.PF_W if out.flags & elf.SHF_WRITE else 0) | \
            (elf.PF_X if out.flags & elf.SHF_EXECINSTR else 0)
    if result and load_headers:
        first = result[0]
        page = first.vaddr - first.vaddr % elf.PAGE
        if first.vaddr - page >= elf.HEADERS_SIZE:
            first.vaddr = first.paddr = page
            first.with_headers = True
    return result


def output_symbols(objects, resolver, outputs):
    """Named symbols for the executable's symtab: locals of each object, then globals."""
    def final(sym, bind):
        section = sym.section
        where = owner.get(id(section), "ABS")
        return elf.Symbol(sym.name, symbol_address(sym, resolver), where, bind, sym.type,
                          sym.size)

    owner = {id(sec): out for out in outputs for sec in out.members}
    result = []
    for obj in objects:
        for sym in obj.symbols:
            if sym.bind == elf.STB_LOCAL and sym.name and sym.type != elf.STT_SECTION and \
                    not sym.name.startswith(".L") and isinstance(sym.section, elf.Section) \
                    and classify(sym.section):
                result.append(final(sym, elf.STB_LOCAL))
    for name, (sym, _) in resolver.defined.items():
        result.append(final(sym, sym.bind))
    return result
