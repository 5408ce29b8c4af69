"""Global variables: initializer items -> .data/.rodata/.bss directives.

Each item is evaluated to bytes, or to a relocation (`.word label+addend`)
when it is the address of a global, a function or a string.
"""
import struct
from . import ctype as T
from .diag import CompileError


class DataMixin:
    def gen_data(self, v):
        size = v.ty.size
        section = ".section .rodata" if v.label.startswith(".LC") else ".data"
        if not v.init_items:
            section = ".bss"
        self.out.append(f"\t{section}")
        if not v.is_static:
            self.emit(f".globl {v.label}")
        self.emit(f".balign {max(v.align, 1)}")
        self.label(v.label)
        if not v.init_items:
            self.emit(f".zero {max(size, 1)}")
            return
        data, relocs = bytearray(size), {}
        for off, ty, e, member in v.init_items:
            self.init_item(data, relocs, off, ty, e, member)
        pos = 0
        while pos < size:
            if pos in relocs:
                label, addend = relocs[pos]
                self.emit(f".word {label}{'+' if addend >= 0 else ''}{addend}")
                pos += 4
                continue
            end = pos
            while end < size and end - pos < 16 and end not in relocs:
                end += 1
            self.emit(".byte " + ", ".join(str(b) for b in data[pos:end]))
            pos = end
        if size == 0:
            self.emit(".zero 1")

    def init_item(self, data, relocs, off, ty, e, member):
        if isinstance(e, (bytes, bytearray)):
            data[off:off + len(e)] = e
            return
        if ty.kind in ("struct", "union"):
            raise CompileError("initializer element is not constant", e.tok)
        if T.is_flonum(ty):
            value = self.parser.eval_float(e)
            data[off:off + ty.size] = struct.pack("<f" if ty.kind == "float" else "<d", value)
            return
        label, value = self.eval_reloc(e)
        if label is not None:
            if ty.size != 4:
                raise CompileError("initializer element is not computable at load time", e.tok)
            relocs[off] = (label, value)
            data[off:off + 4] = bytes(4)
            return
        if member is not None and member.bit_width is not None:
            unit = int.from_bytes(data[off:off + ty.size], "little")
            mask = ((1 << member.bit_width) - 1) << member.bit_offset
            unit = (unit & ~mask) | ((value << member.bit_offset) & mask)
            data[off:off + ty.size] = unit.to_bytes(ty.size, "little")
            return
        relocs.pop(off, None)
        data[off:off + ty.size] = (value & ((1 << (8 * ty.size)) - 1)).to_bytes(ty.size, "little")

    def eval_reloc(self, n):
        """Constant value of `n` as (label or None, integer)."""
        k = n.kind
        if k == "cast" and not T.is_flonum(n.lhs.ty):
            label, value = self.eval_reloc(n.lhs)
            if label is None:
                return None, self.parser.eval(n)
            return label, value
        if k == "addr":
            return self.addr_of(n.lhs)
        if k in ("add", "sub") and n.ty.kind == "ptr":
            label, value = self.eval_reloc(n.lhs)
            off = self.parser.eval(n.rhs)
            return label, value + (off if k == "add" else -off)
        if k == "cond":
            return self.eval_reloc(n.then) if self.parser.eval(n.cond) else self.eval_reloc(n.els)
        if k == "var" and n.ty.kind in ("array", "func"):
            return self.addr_of(n)
        try:
            return None, self.parser.eval(n)
        except CompileError:
            raise CompileError("initializer element is not constant", n.tok)

    def addr_of(self, n):
        if n.kind == "var" and not n.var.is_local:
            return n.var.label, 0
        if n.kind == "member":
            label, value = self.addr_of(n.lhs)
            return label, value + n.member.offset
        if n.kind == "deref":
            return self.eval_reloc(n.lhs)
        raise CompileError("initializer element is not constant", n.tok)
