"""Initializers: `= {...}` / `= "..."` -> a list of (offset, type, value, member) items.

Handles designators, nested braces and brace elision, and char arrays from
strings. Globals turn the items into bytes and relocations (codegen.gen_data);
locals into a zero fill followed by one assignment per item (local_init).
"""
from . import ctype as T
from .ast import Node
from .diag import CompileError, warn


class InitializerMixin:
    def initializer(self, ty):
        """Returns (completed type, items); items are (offset, type, expr or bytes, member)."""
        items = []
        if ty.kind == "array" and ty.array_len is None:
            n = self.init_value(ty, 0, items)
            ty = T.array_of(ty.base, n)
        else:
            self.init_value(ty, 0, items)
        return ty, items

    def string_init(self, ty, off, items):
        """char array from a string literal; returns the number of elements used."""
        t = self.tok
        data = self.string_bytes()
        n = ty.array_len if ty.array_len is not None else len(data)
        items.append((off, T.array_of(ty.base, n), bytes(data[:n]) + bytes(max(0, n - len(data))), None))
        return n

    def init_value(self, ty, off, items):
        """Initializes the object of type `ty` at `off`; returns element count for arrays."""
        if ty.kind == "array" and ty.base.size == 1 and T.is_integer(ty.base):
            if self.tok.kind == "str":
                return self.string_init(ty, off, items)
            if self.is_("{") and self.peek().kind == "str":
                self.next()
                n = self.string_init(ty, off, items)
                self.accept(",")
                self.expect("}")
                return n
        if self.is_("{"):
            self.next()
            if T.is_scalar(ty):
                if self.is_("}"):
                    items.append((off, ty, self.zero_node(ty), None))
                else:
                    self.init_value(ty, off, items)
                    self.accept(",")
                self.expect("}")
                return 1
            n = self.init_aggregate(ty, off, items, True)
            self.expect("}")
            return n
        if ty.kind in ("struct", "union"):
            save = self.pos
            e = self.assign()
            if e.ty.kind == ty.kind and T.is_compatible(e.ty, ty):
                items.append((off, ty, e, None))
                return 1
            self.pos = save
            return self.init_aggregate(ty, off, items, False)
        if ty.kind == "array":
            return self.init_aggregate(ty, off, items, False)
        e = self.assign()
        items.append((off, ty, self.assign_conv(e, ty, e.tok), None))
        return 1

    def zero_node(self, ty):
        return self.cast(self.num(0, self.tok), ty)

    def init_aggregate(self, ty, off, items, braced):
        if ty.kind in ("struct", "union") and ty.members is None:
            raise CompileError(f"variable has incomplete type '{T.type_name(ty)}'", self.tok)
        idx, count = 0, 0
        limit = ty.array_len if ty.kind == "array" else (len(ty.members) if ty.kind == "struct" else 1)
        while True:
            if braced and self.is_("}"):
                break
            if not braced and (self.is_("}") or (idx > 0 and self.tok.text in (".", "[") and self.tok.kind == "punct")):
                break
            if self.tok.kind == "punct" and self.tok.text in (".", "["):
                if not braced:
                    break
                idx = self.designation(ty, off, items)
            else:
                if limit is not None and idx >= limit:
                    if braced:
                        warn("excess elements in initializer", self.tok)
                        self.init_value(T.INT, 0, [])
                        if not self.accept(","):
                            break
                        continue
                    break
                sub_ty, sub_off, member = self.element(ty, off, idx)
                if member is not None and member.bit_width is not None:
                    e = self.assign()
                    items.append((sub_off, sub_ty, self.assign_conv(e, sub_ty, e.tok), member))
                else:
                    self.init_value(sub_ty, sub_off, items)
                idx += 1
            count = max(count, idx)
            if ty.kind == "union" and not braced:
                break
            if not braced and limit is not None and idx >= limit:
                break
            if self.is_(",") and (braced or not (self.peek().text == "}" or self.peek().text in (".", "["))):
                self.next()
            else:
                break
        return count

    def element(self, ty, off, idx):
        if ty.kind == "array":
            return ty.base, off + idx * ty.base.size, None
        m = [m for m in ty.members if m.name is not None or m.bit_width is None][idx]
        return m.ty, off + m.offset, m

    def designation(self, ty, off, items):
        """Parses `[i].f... = value`; returns the next sequential index at this level."""
        first_idx = None
        cur_ty, cur_off, member = ty, off, None
        while self.tok.text in (".", "[") and self.tok.kind == "punct":
            t = self.next()
            if t.text == "[":
                if cur_ty.kind != "array":
                    raise CompileError("array index in non-array initializer", t)
                i = self.const_int()
                self.expect("]")
                if cur_ty.array_len is not None and not 0 <= i < cur_ty.array_len:
                    raise CompileError("array index in initializer exceeds array bounds", t)
                first_idx = i if first_idx is None else first_idx
                cur_ty, cur_off, member = cur_ty.base, cur_off + i * cur_ty.base.size, None
            else:
                name = self.ident()
                if cur_ty.kind not in ("struct", "union"):
                    raise CompileError("field name not in record or union initializer", name)
                path = self.find_member(cur_ty, name.text)
                if path is None:
                    raise CompileError(f"unknown field '{name.text}' specified in initializer", name)
                if first_idx is None:
                    visible = [m for m in cur_ty.members if m.name is not None or m.bit_width is None]
                    first_idx = visible.index(path[0])
                for m in path:
                    cur_off += m.offset
                cur_ty, member = path[-1].ty, path[-1]
        self.expect("=") if not self.is_("{") else None
        if member is not None and member.bit_width is not None:
            e = self.assign()
            items.append((cur_off, cur_ty, self.assign_conv(e, cur_ty, e.tok), member))
        else:
            self.init_value(cur_ty, cur_off, items)
        return first_idx + 1

    def local_init(self, var, items, tok):
        """`T x = init;` becomes: zero x, then assign each initialized element."""
        stmts = [Node("memzero", tok, var=var)]
        for off, ty, e, member in items:
            if isinstance(e, (bytes, bytearray)):
                src = self.string_literal(e, tok)
                lhs = self.at(var, off, ty, None, tok)
                rhs = self.at(src, 0, ty, None, tok)
                lhs.ty = rhs.ty = self.array_as_struct(ty)
            else:
                lhs = self.at(var, off, ty, member, tok)
                rhs = e
            stmts.append(Node("expr_stmt", tok, lhs=Node("assign", tok, lhs=lhs, rhs=rhs, ty=lhs.ty)))
        return Node("block", tok, body=stmts)

    @staticmethod
    def array_as_struct(ty):
        """Arrays are copied like structs of the same size in initializers."""
        s = T.Type("struct", ty.size, ty.align)
        s.members = []
        return s

    def at(self, var, off, ty, member, tok):
        """Lvalue for bytes of `var` at `off` (optionally a bit-field member)."""
        from .ctype import Member
        base = Node("var", tok, var=var, ty=var.ty)
        m = Member(None, ty, off, member.bit_width if member else None, member.bit_offset if member else 0)
        return Node("member", tok, lhs=base, member=m, ty=ty)
