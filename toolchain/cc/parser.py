"""Parser: preprocessed tokens -> typed AST (functions and global variables).

Recursive descent over the C11 grammar. Every expression node gets its type
here, and implicit conversions become explicit `cast` nodes, so codegen never
has to reason about C's conversion rules.
"""
from . import ctype as T
from .ast import Node, Obj, Scope
from .constexpr import parse_int_literal
from .diag import CompileError, warn
from .lexer import unescape
from .initializer import InitializerMixin
from .consteval import ConstEvalMixin, is_float_const

STORAGE = {"typedef", "static", "extern", "inline", "_Noreturn", "register", "auto", "_Thread_local",
           "__inline", "__inline__"}
QUALIFIERS = {"const", "volatile", "restrict", "__restrict", "__restrict__", "_Atomic", "__volatile__",
              "__const"}
TYPE_WORDS = {"void", "_Bool", "char", "short", "int", "long", "float", "double", "signed", "unsigned",
              "struct", "union", "enum", "_Alignas", "__signed__", "__builtin_va_list", "typeof", "__typeof__"}
ASSIGN_OPS = {"+=": "add", "-=": "sub", "*=": "mul", "/=": "div", "%=": "mod", "&=": "and", "|=": "or",
              "^=": "xor", "<<=": "shl", ">>=": "shr"}
BINARY_LEVELS = [("||",), ("&&",), ("|",), ("^",), ("&",), ("==", "!="), ("<", "<=", ">", ">="),
                 ("<<", ">>"), ("+", "-"), ("*", "/", "%")]
BINARY_KIND = {"|": "or", "^": "xor", "&": "and", "==": "eq", "!=": "ne", "<": "lt", "<=": "le",
               "<<": "shl", ">>": "shr", "+": "add", "-": "sub", "*": "mul", "/": "div", "%": "mod"}


class Parser(InitializerMixin, ConstEvalMixin):
    def __init__(self, toks):
        self.toks, self.pos = toks, 0
        self.scopes = [Scope()]
        self.globals = []                # Obj in definition order
        self.func = None                 # function being parsed
        self.counter = 0
        self.breaks, self.conts, self.switches = [], [], []

    # ---- token helpers

    @property
    def tok(self):
        return self.toks[self.pos]

    def peek(self, n=1):
        return self.toks[min(self.pos + n, len(self.toks) - 1)]

    def next(self):
        t = self.toks[self.pos]
        if t.kind != "eof":
            self.pos += 1
        return t

    def is_(self, text):
        t = self.tok
        return t.text == text and t.kind in ("punct", "id")

    def accept(self, text):
        if self.is_(text):
            return self.next()
        return None

    def expect(self, text):
        if not self.is_(text):
            t = self.tok
            got = "end of file" if t.kind == "eof" else f"'{t.text}'"
            raise CompileError(f"expected '{text}' before {got}", t)
        return self.next()

    def ident(self):
        t = self.next()
        if t.kind != "id":
            raise CompileError("expected identifier", t)
        return t

    def label(self, prefix):
        self.counter += 1
        return f".L{prefix}{self.counter}"

    # ---- scopes

    def push_scope(self):
        self.scopes.append(Scope())

    def pop_scope(self):
        self.scopes.pop()

    def lookup(self, name):
        for s in reversed(self.scopes):
            if name in s.names:
                return s.names[name]
        return None

    def lookup_tag(self, name):
        for s in reversed(self.scopes):
            if name in s.tags:
                return s.tags[name]
        return None

    def is_typename(self, t=None):
        t = t or self.tok
        if t.kind != "id":
            return False
        if t.text in TYPE_WORDS or t.text in STORAGE or t.text in QUALIFIERS or t.text in (
                "__attribute__", "__extension__", "_Noreturn", "__inline"):
            return True
        entry = self.lookup(t.text)
        return entry is not None and entry[0] == "type"

    def new_local(self, name, ty, tok=None):
        v = Obj(name, ty, True, tok)
        self.func.locals.append(v)
        if name:
            self.scopes[-1].names[name] = ("var", v)
        return v

    def new_temp(self, ty):
        return self.new_local(None, ty)

    def new_global(self, name, ty, tok=None, label=None):
        v = Obj(name, ty, False, tok)
        if label:
            v.label = label
        self.globals.append(v)
        return v

    def string_literal(self, data, tok):
        ty = T.array_of(T.CHAR, len(data))
        v = self.new_global(None, ty, tok, label=self.label("C"))
        v.is_static = v.is_def = True
        v.init_items = [(0, ty, bytes(data), None)]
        return v

    # ---- declarations

    def skip_attributes(self):
        while self.tok.text in ("__attribute__", "__extension__", "__asm__", "__asm"):
            if self.next().text == "__extension__":
                continue
            self.expect("(")
            depth = 1
            while depth:
                t = self.next()
                if t.kind == "eof":
                    raise CompileError("unterminated __attribute__", t)
                depth += {"(": 1, ")": -1}.get(t.text, 0)

    def declspec(self, attrs=None):
        """Returns the base type; storage class words go into `attrs`."""
        counts, ty, start = {}, None, self.tok
        const = False
        while self.is_typename():
            t = self.tok
            w = t.text
            if w in STORAGE:
                if attrs is None:
                    raise CompileError("storage class specifier is not allowed in this context", t)
                self.next()
                attrs[w] = True
                continue
            if w in QUALIFIERS:
                const |= w in ("const", "__const")
                self.next()
                continue
            if w in ("__attribute__", "__extension__"):
                self.skip_attributes()
                continue
            if w == "_Alignas":
                self.next()
                self.expect("(")
                a = self.typename().align if self.is_typename() else self.const_int()
                self.expect(")")
                if attrs is not None:
                    attrs["align"] = max(attrs.get("align", 1), a)
                continue
            entry = self.lookup(w) if w not in TYPE_WORDS else None
            if entry is not None and entry[0] == "type":
                if ty is not None or counts:
                    break
                ty = entry[1]
                self.next()
                continue
            if w in ("struct", "union"):
                self.next()
                ty = self.struct_decl(w)
                continue
            if w == "enum":
                self.next()
                ty = self.enum_decl()
                continue
            if w in ("typeof", "__typeof__"):
                self.next()
                self.expect("(")
                ty = self.typename() if self.is_typename() else self.expr().ty
                self.expect(")")
                continue
            if w == "__builtin_va_list":
                self.next()
                ty = T.pointer_to(T.VOID)
                continue
            w = "signed" if w == "__signed__" else w
            counts[w] = counts.get(w, 0) + 1
            self.next()
        if ty is None:
            ty = self.base_type(counts, start)
        elif counts:
            raise CompileError("two or more data types in declaration specifiers", start)
        if const:
            ty = ty.copy()
            ty.const = True
        return ty

    def base_type(self, c, tok):
        key = tuple(sorted((k, v) for k, v in c.items()))
        unsigned = c.pop("unsigned", 0)
        signed = c.pop("signed", 0)
        if unsigned and signed:
            raise CompileError("both 'signed' and 'unsigned' in declaration specifiers", tok)
        c.pop("int", None) if c.get("short") or c.get("long") else None
        rest = tuple(sorted(c.items()))
        table = {(): T.INT, (("int", 1),): T.INT, (("char", 1),): T.CHAR, (("short", 1),): T.SHORT,
                 (("long", 1),): T.LONG, (("long", 2),): T.LLONG, (("void", 1),): T.VOID,
                 (("_Bool", 1),): T.BOOL, (("float", 1),): T.FLOAT, (("double", 1),): T.DOUBLE,
                 (("double", 1), ("long", 1)): T.LDOUBLE}
        if rest not in table or (not key and False):
            raise CompileError("invalid combination of type specifiers", tok)
        ty = table[rest]
        if rest == () and not unsigned and not signed and not key:
            warn("type defaults to 'int'", tok)
        if unsigned or signed:
            if not T.is_integer(ty) or ty.kind == "bool":
                raise CompileError("invalid combination of type specifiers", tok)
            ty = {("char", 1): T.UCHAR, ("char", 0): T.SCHAR, ("short", 1): T.USHORT, ("short", 0): T.SHORT,
                  ("int", 1): T.UINT, ("int", 0): T.INT, ("long", 1): T.ULONG, ("long", 0): T.LONG,
                  ("llong", 1): T.ULLONG, ("llong", 0): T.LLONG}[(ty.kind, 1 if unsigned else 0)]
        return ty

    def struct_decl(self, kind):
        self.skip_attributes()
        tag = self.next() if self.tok.kind == "id" else None
        if tag and not self.is_("{"):
            ty = self.lookup_tag(tag.text)
            if ty is None or (self.is_(";") and tag.text not in self.scopes[-1].tags):
                ty = T.Type(kind, 0, 1)
                ty.name = tag.text
                self.scopes[-1].tags[tag.text] = ty
            elif ty.kind != kind:
                raise CompileError(f"'{tag.text}' defined as wrong kind of tag", tag)
            return ty
        self.expect("{")
        ty = None
        if tag:
            ty = self.scopes[-1].tags.get(tag.text)
            if ty is not None and ty.members is not None:
                raise CompileError(f"redefinition of '{kind} {tag.text}'", tag)
        if ty is None:
            ty = T.Type(kind, 0, 1)
            ty.name = tag.text if tag else None
            if tag:
                self.scopes[-1].tags[tag.text] = ty
        fields = []
        while not self.accept("}"):
            if self.accept(";"):
                continue
            base = self.declspec()
            if self.is_(";") and base.kind in ("struct", "union"):
                fields.append((None, base, None, self.tok))     # anonymous struct/union member
                self.next()
                continue
            first = True
            while not self.accept(";"):
                if not first:
                    self.expect(",")
                first = False
                if self.is_(":"):
                    ftok, fty = self.tok, base
                    name = None
                else:
                    fty, ftok = self.declarator(base)
                    name = ftok.text if ftok.kind == "id" else None
                width = None
                if self.accept(":"):
                    width = self.const_int()
                    if not T.is_integer(fty) or width < 0 or width > fty.size * 8:
                        raise CompileError("invalid bit-field width", ftok)
                    if fty.size > 4 and width:
                        raise CompileError("64-bit bit-fields are not supported", ftok)
                elif fty.kind == "func" or (fty.size == 0 and fty.kind != "array") or (
                        fty.kind in ("struct", "union") and fty.members is None):
                    raise CompileError(f"field '{name}' has incomplete type", ftok)
                self.skip_attributes()
                fields.append((name, fty, width, ftok))
        packed = False
        if self.tok.text == "__attribute__":
            packed = self.toks[self.pos + 3].text in ("packed", "__packed__")
            self.skip_attributes()
        if kind == "struct":
            T.layout_struct(ty, fields, packed)
        else:
            T.layout_union(ty, fields)
        return ty

    def enum_decl(self):
        tag = self.next() if self.tok.kind == "id" else None
        if tag and not self.is_("{"):
            ty = self.lookup_tag(tag.text)
            if ty is None:
                ty = T.enum_type()
                ty.name = tag.text
                self.scopes[-1].tags[tag.text] = ty
            return ty
        ty = T.enum_type()
        ty.name = tag.text if tag else None
        if tag:
            self.scopes[-1].tags[tag.text] = ty
        self.expect("{")
        value = 0
        while not self.accept("}"):
            name = self.ident()
            if self.accept("="):
                value = self.const_int()
            self.scopes[-1].names[name.text] = ("enum", value)
            value += 1
            if not self.accept(","):
                self.expect("}")
                break
        return ty

    def pointers(self, ty):
        while self.accept("*"):
            ty = T.pointer_to(ty)
            while self.tok.text in QUALIFIERS or self.tok.text == "__attribute__":
                if self.tok.text == "__attribute__":
                    self.skip_attributes()
                else:
                    self.next()
        return ty

    def declarator(self, ty, abstract=False):
        """Returns (type, name token); for abstract declarators the token is where it would be."""
        ty = self.pointers(ty)
        self.skip_attributes()
        if self.is_("(") and not self.is_typename(self.peek()) and not self.peek().text == ")":
            self.next()
            start = self.pos
            depth = 1                                   # skip the inner declarator for now
            while depth:
                t = self.next()
                if t.kind == "eof":
                    raise CompileError("expected ')'", t)
                depth += {"(": 1, ")": -1}.get(t.text, 0)
            ty = self.type_suffix(ty)
            end, self.pos = self.pos, start
            ty, name = self.declarator(ty, abstract)
            self.expect(")")
            self.pos = end
            return ty, name
        name = self.tok
        if name.kind == "id" and not (abstract and self.is_typename(name)):
            self.next()
        elif not abstract:
            raise CompileError("expected identifier or '('", name)
        ty = self.type_suffix(ty)
        self.skip_attributes()
        return ty, name

    def type_suffix(self, ty):
        if self.accept("("):
            return self.func_params(ty)
        if self.accept("["):
            while self.tok.text in QUALIFIERS or self.tok.text == "static":
                self.next()
            n = None if self.is_("]") else self.const_int()
            t = self.expect("]")
            if n is not None and n < 0:
                raise CompileError("size of array is negative", t)
            inner = self.type_suffix(ty)
            if inner.kind == "func":
                raise CompileError("declaration of array of functions", t)
            return T.array_of(inner, n)
        return ty

    def func_params(self, ret):
        params, variadic = [], False
        if self.is_("void") and self.peek().text == ")":
            self.next()
            self.next()
            return T.func_type(ret, [], False)
        if self.accept(")"):
            return T.func_type(ret, [], True, proto=False)
        while True:
            if self.accept("..."):
                variadic = True
                self.expect(")")
                break
            if not self.is_typename():
                if self.tok.kind == "id":            # K&R identifier list is not supported
                    raise CompileError(f"unknown type name '{self.tok.text}'", self.tok)
                raise CompileError("expected parameter declaration", self.tok)
            base = self.declspec({})
            pty, name = self.declarator(base, abstract=True)
            if pty.kind == "array":
                pty = T.pointer_to(pty.base)
            elif pty.kind == "func":
                pty = T.pointer_to(pty)
            params.append((pty, name if name.kind == "id" and not self.is_typename(name) else None))
            if self.accept(")"):
                break
            self.expect(",")
        t = T.func_type(ret, [p[0] for p in params], variadic)
        t.param_names = params
        return t

    def typename(self):
        base = self.declspec()
        ty, _ = self.declarator(base, abstract=True)
        return ty

    # ---- top level

    def program(self):
        while self.tok.kind != "eof":
            if self.accept(";"):
                continue
            if self.tok.text in ("_Static_assert",):
                self.static_assert()
                continue
            start = self.tok
            attrs = {}
            base = self.declspec(attrs)
            if not self.is_typename(start) and start.kind == "id" and start.text not in STORAGE:
                raise CompileError(f"unknown type name '{start.text}'", start)
            if self.accept(";"):
                continue
            first = True
            while True:
                ty, name = self.declarator(base)
                if ty.kind == "func" and first and self.is_("{"):
                    self.function(ty, name, attrs)
                    break
                first = False
                self.global_decl(ty, name, attrs)
                if self.accept(";"):
                    break
                if not self.accept(","):
                    self.expect(";")
        return self.globals

    def static_assert(self):
        t = self.next()
        self.expect("(")
        v = self.const_int()
        msg = ""
        if self.accept(","):
            msg = self.next().text
        self.expect(")")
        self.expect(";")
        if not v:
            raise CompileError(f"static assertion failed: {msg}", t)

    def declare_global(self, ty, name, attrs):
        entry = self.scopes[0].names.get(name.text)
        if entry and entry[0] == "var":
            v = entry[1]
            if v.ty.kind == "array" and v.ty.array_len is None and ty.kind == "array":
                v.ty = ty
            elif v.ty.kind != ty.kind and not v.is_function:
                raise CompileError(f"conflicting types for '{name.text}'", name)
            if v.is_function and ty.kind == "func" and ty.proto:
                v.ty = ty
            v.is_static |= bool(attrs.get("static"))
            return v
        v = self.new_global(name.text, ty, name)
        v.is_static = bool(attrs.get("static"))
        v.is_extern = bool(attrs.get("extern"))
        v.align = max(ty.align, attrs.get("align", 1))
        self.scopes[0].names[name.text] = ("var", v)
        if len(self.scopes) > 1:
            self.scopes[-1].names[name.text] = ("var", v)
        return v

    def global_decl(self, ty, name, attrs):
        if attrs.get("typedef"):
            self.scopes[-1].names[name.text] = ("type", ty)
            return
        v = self.declare_global(ty, name, attrs)
        if ty.kind == "func":
            return
        if self.accept("="):
            if v.is_def:
                raise CompileError(f"redefinition of '{name.text}'", name)
            v.ty, v.init_items = self.initializer(v.ty)
            v.is_def = True
        elif not attrs.get("extern"):
            v.is_tentative = True
        if (v.is_def or v.is_tentative) and (v.ty.kind in ("struct", "union") and v.ty.members is None):
            raise CompileError(f"storage size of '{name.text}' isn't known", name)

    def function(self, ty, name, attrs):
        fn = self.declare_global(ty, name, attrs)
        if fn.is_def:
            raise CompileError(f"redefinition of '{name.text}'", name)
        fn.is_def, fn.ty = True, ty
        if any(attrs.get(k) for k in ("inline", "__inline", "__inline__")) and not attrs.get("extern"):
            fn.is_static = True          # a C99 inline definition: keep it local to this file
        fn.locals, fn.params = [], []
        self.func = fn
        self.push_scope()
        if ty.ret.kind in ("struct", "union") and ty.ret.size > 8:
            fn.ret_buf = self.new_temp(T.pointer_to(ty.ret))
        for pty, ptok in getattr(ty, "param_names", []):
            if ptok is None:
                raise CompileError("parameter name omitted", name)
            fn.params.append(self.new_local(ptok.text, pty, ptok))
        self.labels, self.gotos = {}, []
        fn.body = self.compound_stmt()
        for g in self.gotos:
            if g.name not in self.labels:
                raise CompileError(f"label '{g.name}' used but not defined", g.tok)
        self.pop_scope()
        self.func = None

    # ---- statements

    def compound_stmt(self):
        tok = self.expect("{")
        self.push_scope()
        stmts = []
        while not self.accept("}"):
            if self.tok.kind == "eof":
                raise CompileError("expected '}' at end of input", self.tok)
            if self.is_typename() and self.peek().text != ":":
                stmts.extend(self.local_decl())
            elif self.is_("_Static_assert"):
                self.static_assert()
            else:
                stmts.append(self.stmt())
        self.pop_scope()
        return Node("block", tok, body=stmts)

    def local_decl(self):
        attrs = {}
        base = self.declspec(attrs)
        out = []
        if self.accept(";"):
            return out
        while True:
            ty, name = self.declarator(base)
            if attrs.get("typedef"):
                self.scopes[-1].names[name.text] = ("type", ty)
            elif ty.kind == "func" or attrs.get("extern"):
                v = self.declare_global(ty, name, {"extern": True})
                self.scopes[-1].names[name.text] = ("var", v)
            elif attrs.get("static"):
                v = self.new_global(name.text, ty, name, label=f"{name.text}.{self.label('S')[2:]}")
                v.is_static, v.align = True, max(ty.align, attrs.get("align", 1))
                self.scopes[-1].names[name.text] = ("var", v)
                if self.accept("="):
                    v.ty, v.init_items = self.initializer(ty)
                v.is_def = True
            else:
                if ty.kind == "void":
                    raise CompileError(f"variable '{name.text}' declared void", name)
                v = self.new_local(name.text, ty, name)
                v.align = max(ty.align, attrs.get("align", 1))
                if self.accept("="):
                    v.ty, items = self.initializer(ty)
                    out.append(self.local_init(v, items, name))
                if v.ty.size == 0 and v.ty.kind != "array" or (v.ty.kind == "array" and v.ty.array_len is None):
                    raise CompileError(f"storage size of '{name.text}' isn't known", name)
            if self.accept(";"):
                return out
            if not self.accept(","):
                self.expect(";")

    def stmt(self):
        t = self.tok
        if t.kind == "id" and self.peek().text == ":" and t.text not in ("default",):
            self.next()
            self.next()
            if t.text in self.labels:
                raise CompileError(f"duplicate label '{t.text}'", t)
            self.labels[t.text] = True
            body = self.stmt() if not self.is_("}") else Node("block", t, body=[])
            return Node("label", t, name=t.text, body=body)
        w = t.text if t.kind == "id" else None
        if self.is_("{"):
            return self.compound_stmt()
        if self.accept(";"):
            return Node("block", t, body=[])
        if w == "if":
            self.next()
            self.expect("(")
            n = Node("if", t, cond=self.cond_expr())
            self.expect(")")
            n.then = self.stmt()
            if self.accept("else"):
                n.els = self.stmt()
            return n
        if w in ("while", "for", "do"):
            return self.loop(t, w)
        if w == "switch":
            self.next()
            self.expect("(")
            cond = self.expr()
            if not T.is_integer(cond.ty):
                raise CompileError("switch quantity not an integer", cond.tok)
            cond = self.cast(cond, T.promote(cond.ty))
            self.expect(")")
            n = Node("switch", t, cond=cond, cases=[], default=None, brk=self.label("brk"))
            self.switches.append(n)
            self.breaks.append(n.brk)
            n.body = self.stmt()
            self.breaks.pop()
            self.switches.pop()
            return n
        if w in ("case", "default"):
            self.next()
            if not self.switches:
                raise CompileError(f"'{w}' label not within a switch statement", t)
            sw = self.switches[-1]
            lbl = self.label("case")
            if w == "case":
                lo = self.const_int()
                hi = self.const_int() if self.accept("...") else lo
                sw.cases.append((lo, hi, lbl))
            else:
                if sw.default:
                    raise CompileError("multiple default labels in one switch", t)
                sw.default = lbl
            self.expect(":")
            body = self.stmt() if not self.is_("}") else Node("block", t, body=[])
            return Node("case", t, lbl=lbl, body=body)
        if w in ("break", "continue"):
            self.next()
            stack = self.breaks if w == "break" else self.conts
            if not stack:
                raise CompileError(f"{w} statement not within a loop" + (" or switch" if w == "break" else ""), t)
            self.expect(";")
            return Node("goto", t, lbl=stack[-1])
        if w == "goto":
            self.next()
            name = self.ident()
            self.expect(";")
            n = Node("goto", name, name=name.text, lbl=None)
            self.gotos.append(n)
            return n
        if w == "return":
            self.next()
            ret = self.func.ty.ret
            n = Node("return", t, fn=self.func)
            if not self.is_(";"):
                e = self.expr()
                if ret.kind == "void":
                    if e.ty.kind != "void":
                        warn("'return' with a value, in function returning void", t)
                else:
                    n.lhs = self.assign_conv(e, ret, t)
            elif ret.kind != "void":
                warn("'return' with no value, in function returning non-void", t)
            self.expect(";")
            return n
        n = Node("expr_stmt", t, lhs=self.expr())
        self.expect(";")
        return n

    def loop(self, t, w):
        self.next()
        n = Node(w, t, brk=self.label("brk"), cont=self.label("cont"))
        self.breaks.append(n.brk)
        self.conts.append(n.cont)
        self.push_scope()
        if w == "while":
            self.expect("(")
            n.cond = self.cond_expr()
            self.expect(")")
            n.body = self.stmt()
        elif w == "do":
            n.body = self.stmt()
            self.expect("while")
            self.expect("(")
            n.cond = self.cond_expr()
            self.expect(")")
            self.expect(";")
        else:
            self.expect("(")
            if self.is_typename():
                n.init = Node("block", t, body=self.local_decl())
            elif not self.accept(";"):
                n.init = Node("expr_stmt", t, lhs=self.expr())
                self.expect(";")
            if not self.is_(";"):
                n.cond = self.cond_expr()
            self.expect(";")
            if not self.is_(")"):
                n.inc = self.expr()
            self.expect(")")
            n.body = self.stmt()
        self.pop_scope()
        self.breaks.pop()
        self.conts.pop()
        return n

    def find_member(self, ty, name):
        """Path of members reaching `name`, through anonymous structs/unions."""
        for m in ty.members:
            if m.name == name:
                return [m]
            if m.name is None and m.ty.kind in ("struct", "union") and m.bit_width is None:
                sub = self.find_member(m.ty, name)
                if sub:
                    return [m] + sub
        return None

    # ---- expressions: building typed nodes

    def num(self, value, tok, ty=T.INT):
        return Node("num", tok, val=value, ty=ty)

    def cast(self, node, ty):
        if node.ty is ty or (node.ty.kind == ty.kind and node.ty.unsigned == ty.unsigned and
                             node.ty.size == ty.size and ty.kind not in ("struct", "union", "array")):
            return node
        return Node("cast", node.tok, lhs=node, ty=ty)

    def decay(self, node):
        if node.ty.kind == "array":
            return Node("addr", node.tok, lhs=node, ty=T.pointer_to(node.ty.base))
        if node.ty.kind == "func":
            return Node("addr", node.tok, lhs=node, ty=T.pointer_to(node.ty))
        return node

    def rvalue(self, node):
        if is_narrow_unsigned_bitfield(node):
            return Node("cast", node.tok, lhs=node, ty=T.INT)     # promoted like any narrow value
        return self.decay(node)

    def to_bool(self, node):
        node = self.rvalue(node)
        if not T.is_scalar(node.ty):
            raise CompileError("used value where a scalar is required", node.tok)
        if T.is_wide(node.ty) or T.is_flonum(node.ty):
            return self.cast(node, T.BOOL)
        return node

    def cond_expr(self):
        return self.to_bool(self.expr())

    def check_lvalue(self, node):
        if node.kind not in ("var", "deref", "member") or node.ty.kind in ("func",):
            raise CompileError("lvalue required as left operand of assignment", node.tok)
        if node.ty.kind == "array":
            raise CompileError("assignment to expression with array type", node.tok)
        if node.ty.const:
            name = node.var.name if node.kind == "var" else None
            raise CompileError(f"assignment of read-only {'variable ' + repr(name) if name else 'location'}", node.tok)

    def assign_conv(self, e, ty, tok):
        """Converts `e` for assignment/argument/return to `ty`, warning about bad pointers."""
        e = self.rvalue(e)
        if ty.kind in ("struct", "union"):
            if not T.is_compatible(e.ty, ty):
                raise CompileError(f"incompatible types when assigning to type '{T.type_name(ty)}' from type '{T.type_name(e.ty)}'", tok)
            return e
        if not T.is_scalar(e.ty) and ty.kind != "void":
            raise CompileError(f"incompatible types when assigning to type '{T.type_name(ty)}' from type '{T.type_name(e.ty)}'", tok)
        if ty.kind == "ptr" and e.ty.kind == "ptr":
            a, b = ty.base, e.ty.base
            if a.kind != "void" and b.kind != "void" and not T.is_compatible(a, b) and not (
                    T.is_integer(a) and T.is_integer(b) and a.size == b.size):
                warn(f"incompatible pointer types: '{T.type_name(e.ty)}' to '{T.type_name(ty)}'", tok)
        elif ty.kind == "ptr" and T.is_integer(e.ty) and not (e.kind == "num" and e.val == 0):
            warn(f"making pointer from integer without a cast", tok)
        elif T.is_integer(ty) and e.ty.kind == "ptr" and ty.kind != "bool":
            warn(f"making integer from pointer without a cast", tok)
        return self.cast(e, ty)

    def binary(self, kind, lhs, rhs, tok):
        lhs, rhs = self.rvalue(lhs), self.rvalue(rhs)
        lp, rp = lhs.ty.kind == "ptr", rhs.ty.kind == "ptr"
        if kind in ("add", "sub") and (lp or rp):
            if lp and rp and kind == "sub":
                n = Node("sub", tok, lhs=lhs, rhs=rhs, ty=T.INT)
                size = max(lhs.ty.base.size, 1)
                return Node("div", tok, lhs=n, rhs=self.num(size, tok), ty=T.INT)
            if rp and kind == "sub":
                raise CompileError("invalid operands to binary -", tok)
            if rp:
                lhs, rhs = rhs, lhs
            if not T.is_integer(rhs.ty):
                raise CompileError(f"invalid operands to binary {tok.text}", tok)
            if lhs.ty.base.kind in ("struct", "union") and lhs.ty.base.members is None:
                raise CompileError("arithmetic on pointer to an incomplete type", tok)
            size = max(lhs.ty.base.size, 1) if lhs.ty.base.kind != "void" else 1
            rhs = Node("mul", tok, lhs=self.cast(rhs, T.INT), rhs=self.num(size, tok), ty=T.INT)
            return Node(kind, tok, lhs=lhs, rhs=rhs, ty=lhs.ty)
        if kind in ("eq", "ne", "lt", "le") and (lp or rp):
            other = rhs if lp else lhs
            if other.ty.kind != "ptr" and not T.is_integer(other.ty):
                raise CompileError(f"invalid operands to binary {tok.text}", tok)
            return Node(kind, tok, lhs=self.cast(lhs, T.UINT), rhs=self.cast(rhs, T.UINT), ty=T.INT)
        if not (T.is_arith(lhs.ty) and T.is_arith(rhs.ty)):
            raise CompileError(f"invalid operands to binary {tok.text} (have '{T.type_name(lhs.ty)}' and '{T.type_name(rhs.ty)}')", tok)
        if kind in ("shl", "shr"):
            if not (T.is_integer(lhs.ty) and T.is_integer(rhs.ty)):
                raise CompileError(f"invalid operands to binary {tok.text}", tok)
            ty = T.promote(lhs.ty)
            return Node(kind, tok, lhs=self.cast(lhs, ty), rhs=self.cast(rhs, T.INT), ty=ty)
        if kind in ("mod", "and", "or", "xor") and not (T.is_integer(lhs.ty) and T.is_integer(rhs.ty)):
            raise CompileError(f"invalid operands to binary {tok.text}", tok)
        ty = T.common_type(lhs.ty, rhs.ty)
        n = Node(kind, tok, lhs=self.cast(lhs, ty), rhs=self.cast(rhs, ty), ty=ty)
        if kind in ("eq", "ne", "lt", "le"):
            n.ty = T.INT
        if n.lhs.kind == "num" and n.rhs.kind == "num" and T.is_integer(ty) and kind not in ("div", "mod"):
            return self.num(self.eval(n), tok, n.ty)
        if T.is_flonum(ty) and kind in ("add", "sub", "mul", "div") and is_float_const(n.lhs) and is_float_const(n.rhs):
            return Node("fnum", tok, fval=self.eval_float(n), ty=ty)      # folded at compile time
        return n

    # ---- expression grammar

    def expr(self):
        node = self.assign()
        while self.is_(","):
            t = self.next()
            rhs = self.rvalue(self.assign())
            node = Node("comma", t, lhs=node, rhs=rhs, ty=rhs.ty)
        return node

    def assign(self):
        lhs = self.conditional()
        t = self.tok
        if t.kind == "punct" and t.text == "=":
            self.next()
            self.check_lvalue(lhs)
            rhs = self.assign_conv(self.assign(), lhs.ty, t)
            return Node("assign", t, lhs=lhs, rhs=rhs, ty=lhs.ty)
        if t.kind == "punct" and t.text in ASSIGN_OPS:
            self.next()
            self.check_lvalue(lhs)
            rhs = self.assign()
            return self.compound_assign(lhs, ASSIGN_OPS[t.text], rhs, t)
        return lhs

    def lvalue_once(self, lhs, tok):
        """Returns (setup, lvalue) so that `lhs` is evaluated only once."""
        if lhs.kind == "var":
            return None, lhs
        if lhs.kind == "member" and lhs.member.bit_width is not None:
            base = lhs.lhs
            if base.kind == "var":
                return None, lhs
            p = self.new_temp(T.pointer_to(base.ty))
            setup = Node("assign", tok, lhs=self.var_node(p, tok), rhs=Node("addr", tok, lhs=base, ty=p.ty), ty=p.ty)
            inner = Node("deref", tok, lhs=self.var_node(p, tok), ty=base.ty)
            return setup, Node("member", tok, lhs=inner, member=lhs.member, ty=lhs.ty)
        p = self.new_temp(T.pointer_to(lhs.ty))
        setup = Node("assign", tok, lhs=self.var_node(p, tok), rhs=Node("addr", tok, lhs=lhs, ty=p.ty), ty=p.ty)
        return setup, Node("deref", tok, lhs=self.var_node(p, tok), ty=lhs.ty)

    def var_node(self, v, tok):
        return Node("var", tok, var=v, ty=v.ty)

    def compound_assign(self, lhs, kind, rhs, tok):
        setup, lv = self.lvalue_once(lhs, tok)
        value = self.binary(kind, lv, rhs, tok)
        n = Node("assign", tok, lhs=lv, rhs=self.cast(value, lv.ty), ty=lv.ty)
        if setup is not None:
            n = Node("comma", tok, lhs=setup, rhs=n, ty=n.ty)
        return n

    def incdec(self, lhs, delta, post, tok):
        if not (T.is_scalar(lhs.ty)):
            raise CompileError("wrong type argument to increment", tok)
        self.check_lvalue(lhs)
        if not post:
            return self.compound_assign(lhs, "add", self.num(delta, tok), tok)
        setup, lv = self.lvalue_once(lhs, tok)
        old = self.new_temp(T.INT if is_narrow_unsigned_bitfield(lv) else lv.ty)
        save = Node("assign", tok, lhs=self.var_node(old, tok), rhs=self.cast(self.rvalue(lv), old.ty), ty=old.ty)
        upd = Node("assign", tok, lhs=lv, rhs=self.cast(self.binary("add", self.var_node(old, tok), self.num(delta, tok), tok), lv.ty), ty=lv.ty)
        n = Node("comma", tok, lhs=save, rhs=Node("comma", tok, lhs=upd, rhs=self.var_node(old, tok), ty=old.ty), ty=old.ty)
        if setup is not None:
            n = Node("comma", tok, lhs=setup, rhs=n, ty=n.ty)
        return n

    def conditional(self):
        cond = self.binary_level(0)
        if not self.is_("?"):
            return cond
        t = self.next()
        cond = self.to_bool(cond)
        then = self.rvalue(self.expr())
        self.expect(":")
        els = self.rvalue(self.conditional())
        if T.is_arith(then.ty) and T.is_arith(els.ty):
            ty = T.common_type(then.ty, els.ty)
            then, els = self.cast(then, ty), self.cast(els, ty)
        elif then.ty.kind == "void" or els.ty.kind == "void":
            ty = T.VOID
        elif then.ty.kind == "ptr" and not (els.ty.kind == "ptr" and els.ty.base.kind == "void" and then.ty.base.kind != "void"):
            ty = then.ty
        else:
            ty = els.ty
        return Node("cond", t, cond=cond, then=then, els=els, ty=ty)

    def binary_level(self, level):
        if level == len(BINARY_LEVELS):
            return self.cast_expr()
        lhs = self.binary_level(level + 1)
        while self.tok.kind == "punct" and self.tok.text in BINARY_LEVELS[level]:
            t = self.next()
            rhs = self.binary_level(level + 1)
            op = t.text
            if op in ("&&", "||"):
                lhs = Node("logand" if op == "&&" else "logor", t, lhs=self.to_bool(lhs), rhs=self.to_bool(rhs), ty=T.INT)
            elif op in (">", ">="):
                lhs = self.binary("lt" if op == ">" else "le", rhs, lhs, t)
            else:
                lhs = self.binary(BINARY_KIND[op], lhs, rhs, t)
        return lhs

    def cast_expr(self):
        if self.is_("(") and self.is_typename(self.peek()):
            t = self.next()
            ty = self.typename()
            self.expect(")")
            if self.is_("{"):
                return self.postfix(self.compound_literal(ty, t))
            e = self.rvalue(self.cast_expr())
            if ty.kind != "void" and not (T.is_scalar(ty) and T.is_scalar(e.ty)):
                raise CompileError(f"conversion to non-scalar type requested", t)
            if ty.kind == "ptr" and T.is_flonum(e.ty) or T.is_flonum(ty) and e.ty.kind == "ptr":
                raise CompileError("pointer value used where a floating-point was expected", t)
            n = Node("cast", t, lhs=e, ty=ty)
            return n
        return self.unary()

    def compound_literal(self, ty, tok):
        if self.func is None:
            v = self.new_global(None, ty, tok, label=self.label("CL"))
            v.is_static = v.is_def = True
            v.ty, v.init_items = self.initializer(ty)
            return self.var_node(v, tok)
        v = self.new_temp(ty)
        v.ty, items = self.initializer(ty)
        init = self.local_init(v, items, tok)
        return Node("comma", tok, lhs=Node("stmt_expr", tok, body=init, ty=T.VOID), rhs=self.var_node(v, tok), ty=v.ty)

    def unary(self):
        t = self.tok
        if t.kind == "punct":
            if t.text in ("+", "-", "~", "!"):
                self.next()
                e = self.rvalue(self.cast_expr())
                if t.text == "!":
                    return Node("not", t, lhs=self.to_bool(e), ty=T.INT)
                if not T.is_arith(e.ty) or (t.text == "~" and not T.is_integer(e.ty)):
                    raise CompileError(f"wrong type argument to unary {'minus' if t.text == '-' else 'plus' if t.text == '+' else 'complement'}", t)
                e = self.cast(e, T.promote(e.ty))
                if t.text == "+":
                    return e
                if e.kind == "num" and T.is_integer(e.ty):
                    return self.num(self.eval(Node("neg" if t.text == "-" else "bitnot", t, lhs=e, ty=e.ty)), t, e.ty)
                return Node("neg" if t.text == "-" else "bitnot", t, lhs=e, ty=e.ty)
            if t.text in ("++", "--"):
                self.next()
                return self.incdec(self.unary(), 1 if t.text == "++" else -1, False, t)
            if t.text == "&":
                self.next()
                e = self.cast_expr()
                if e.kind == "member" and e.member.bit_width is not None:
                    raise CompileError("cannot take address of bit-field", t)
                if e.kind not in ("var", "deref", "member") and e.ty.kind not in ("func", "struct", "union", "array"):
                    raise CompileError("lvalue required as unary '&' operand", t)
                return Node("addr", t, lhs=e, ty=T.pointer_to(e.ty))
            if t.text == "*":
                self.next()
                e = self.rvalue(self.cast_expr())
                if e.ty.kind != "ptr":
                    raise CompileError(f"invalid type argument of unary '*' (have '{T.type_name(e.ty)}')", t)
                if e.ty.base.kind == "func":
                    return e
                return Node("deref", t, lhs=e, ty=e.ty.base)
        if t.kind == "id" and t.text in ("sizeof", "_Alignof", "__alignof__"):
            self.next()
            if self.is_("(") and self.is_typename(self.peek()):
                self.next()
                ty = self.typename()
                self.expect(")")
                if self.is_("{"):
                    ty = self.postfix(self.compound_literal(ty, t)).ty
            else:
                ty = self.unary().ty
            if t.text == "sizeof":
                if ty.kind in ("struct", "union") and ty.members is None or ty.kind == "func":
                    raise CompileError("invalid application of 'sizeof' to an incomplete type", t)
                return self.num(ty.size, t, T.UINT)
            return self.num(ty.align, t, T.UINT)
        return self.postfix(self.primary())

    def postfix(self, node):
        while True:
            t = self.tok
            if t.kind != "punct":
                return node
            if t.text == "[":
                self.next()
                idx = self.expr()
                self.expect("]")
                p = self.binary("add", node, idx, t)
                if p.ty.kind != "ptr":
                    raise CompileError("subscripted value is neither array nor pointer", t)
                node = Node("deref", t, lhs=p, ty=p.ty.base)
            elif t.text == "(":
                self.next()
                node = self.call(node, t)
            elif t.text in (".", "->"):
                self.next()
                if t.text == "->":
                    node = self.rvalue(node)
                    if node.ty.kind != "ptr":
                        raise CompileError(f"invalid type argument of '->' (have '{T.type_name(node.ty)}')", t)
                    node = Node("deref", t, lhs=node, ty=node.ty.base)
                name = self.ident()
                if node.ty.kind not in ("struct", "union"):
                    raise CompileError(f"request for member '{name.text}' in something not a structure or union", name)
                if node.ty.members is None:
                    raise CompileError(f"dereferencing pointer to incomplete type '{T.type_name(node.ty)}'", name)
                path = self.find_member(node.ty, name.text)
                if path is None:
                    raise CompileError(f"'{T.type_name(node.ty)}' has no member named '{name.text}'", name)
                for m in path:
                    ty = m.ty
                    if node.ty.const and not ty.const:
                        ty = ty.copy()
                        ty.const = True
                    node = Node("member", name, lhs=node, member=m, ty=ty)
            elif t.text in ("++", "--"):
                self.next()
                node = self.incdec(node, 1 if t.text == "++" else -1, True, t)
            else:
                return node

    def call(self, fn, tok):
        fn = self.rvalue(fn)
        if fn.ty.kind == "ptr" and fn.ty.base.kind == "func":
            fty = fn.ty.base
        else:
            raise CompileError("called object is not a function or function pointer", tok)
        args = []
        while not self.accept(")"):
            if args:
                self.expect(",")
            args.append(self.rvalue(self.assign()))
        if fty.proto:
            if len(args) < len(fty.params) or (len(args) > len(fty.params) and not fty.variadic):
                raise CompileError(f"too {'few' if len(args) < len(fty.params) else 'many'} arguments to function", tok)
        converted = []
        for i, a in enumerate(args):
            if fty.proto and i < len(fty.params):
                converted.append(self.assign_conv(a, fty.params[i], a.tok))
            elif a.ty.kind == "float":
                converted.append(self.cast(a, T.DOUBLE))
            elif T.is_integer(a.ty):
                converted.append(self.cast(a, T.promote(a.ty)))
            elif a.ty.kind == "void":
                raise CompileError("invalid use of void expression", a.tok)
            else:
                converted.append(a)
        n = Node("call", tok, lhs=fn, args=converted, fty=fty, ty=fty.ret, nfixed=len(fty.params) if fty.proto else len(args))
        if fty.ret.kind in ("struct", "union"):
            n.ret_buf = self.new_temp(T.array_of(T.CHAR, T.align_to(fty.ret.size, 8)))
        n.arg_bufs = [self.new_temp(a.ty) if a.ty.kind in ("struct", "union") and a.ty.size > 8 else None for a in converted]
        return n

    def string_bytes(self):
        data = []
        while self.tok.kind == "str":
            t = self.next()
            body = t.text[t.text.index('"') + 1:-1]
            data.extend(unescape(body, t))
        return data + [0]

    def primary(self):
        t = self.tok
        if t.kind == "punct" and t.text == "(":
            self.next()
            if self.is_("{"):
                if self.func is None:
                    raise CompileError("braced-group within expression allowed only inside a function", t)
                body = self.compound_stmt()
                self.expect(")")
                last = body.body[-1] if body.body else None
                ty = last.lhs.ty if last is not None and last.kind == "expr_stmt" else T.VOID
                return Node("stmt_expr", t, body=body, ty=self.rvalue(last.lhs).ty if ty is not T.VOID else T.VOID)
            e = self.expr()
            self.expect(")")
            return e
        if t.kind == "num":
            self.next()
            return self.number(t)
        if t.kind == "char":
            self.next()
            body = t.text[t.text.index("'") + 1:-1]
            vals = unescape(body, t)
            v = 0
            for c in vals:
                v = (v << 8) | c
            if t.text[0] in "LuU":
                return self.num(vals[0] if len(vals) == 1 else v, t, T.INT)
            return self.num(v if len(vals) > 1 else vals[0], t, T.INT)
        if t.kind == "str":
            v = self.string_literal(self.string_bytes(), t)
            return self.var_node(v, t)
        if t.kind == "id":
            if t.text in ("__builtin_va_start", "__builtin_va_arg", "__builtin_va_end", "__builtin_va_copy"):
                return self.va_builtin(t)
            if t.text in ("__func__", "__FUNCTION__"):
                self.next()
                name = self.func.name if self.func else ""
                return self.var_node(self.string_literal(list(name.encode()) + [0], t), t)
            if t.text == "__builtin_offsetof":
                self.next()
                self.expect("(")
                ty = self.typename()
                self.expect(",")
                name = self.ident()
                self.expect(")")
                path = self.find_member(ty, name.text) if ty.members else None
                if path is None:
                    raise CompileError(f"no member named '{name.text}'", name)
                return self.num(sum(m.offset for m in path), t, T.UINT)
            self.next()
            entry = self.lookup(t.text)
            if entry is None:
                if self.is_("("):
                    warn(f"implicit declaration of function '{t.text}'", t)
                    v = self.declare_global(T.func_type(T.INT, [], True, proto=False), t, {})
                    return self.var_node(v, t)
                raise CompileError(f"'{t.text}' undeclared", t)
            if entry[0] == "enum":
                return self.num(entry[1], t)
            if entry[0] == "type":
                raise CompileError(f"expected expression before '{t.text}'", t)
            v = entry[1]
            v.used = True
            return self.var_node(v, t)
        raise CompileError("expected expression", t)

    def va_builtin(self, t):
        self.next()
        self.expect("(")
        ap = self.assign()
        if t.text == "__builtin_va_start":
            self.expect(",")
            self.assign()
            self.expect(")")
            if not self.func.ty.variadic:
                raise CompileError("'va_start' used in function with fixed arguments", t)
            return Node("va_start", t, lhs=ap, fn=self.func, ty=T.VOID)
        if t.text == "__builtin_va_end":
            self.expect(")")
            return Node("cast", t, lhs=ap, ty=T.VOID)
        if t.text == "__builtin_va_copy":
            self.expect(",")
            src = self.assign()
            self.expect(")")
            return Node("assign", t, lhs=ap, rhs=src, ty=ap.ty)
        self.expect(",")
        ty = self.typename()
        self.expect(")")
        p = Node("va_arg", t, lhs=ap, arg_ty=ty, ty=T.pointer_to(ty))
        return Node("deref", t, lhs=p, ty=ty)

    def number(self, t):
        text = t.text
        low = text.lower()
        is_hex = low.startswith("0x")
        if ("." in low or ("e" in low and not is_hex) or ("p" in low and is_hex)):
            suffix = low[-1] if low[-1] in "fl" else ""
            body = text[:-1] if suffix else text
            try:
                value = float.fromhex(body) if is_hex else float(body)
            except ValueError:
                raise CompileError(f"invalid floating constant '{text}'", t)
            return Node("fnum", t, fval=value, ty=T.FLOAT if suffix == "f" else T.DOUBLE)
        value, suffix = parse_int_literal(text, t)
        if set(suffix) - set("ul") or suffix.count("u") > 1:
            raise CompileError(f"invalid suffix on integer constant '{text}'", t)
        decimal = not (low.startswith("0") and len(low) > 1)
        u, l = "u" in suffix, suffix.count("l")
        cands = [T.INT, T.UINT, T.LONG, T.ULONG, T.LLONG, T.ULLONG]
        if l == 2:
            cands = [T.LLONG, T.ULLONG]
        elif l == 1:
            cands = cands[2:]
        if u:
            cands = [c for c in cands if c.unsigned]
        elif decimal:
            cands = [c for c in cands if not c.unsigned] or [T.ULLONG]
        for c in cands:
            if value < (1 << (c.size * 8 - (0 if c.unsigned else 1))):
                return self.num(value, t, c)
        if value >= 1 << 64:
            raise CompileError("integer constant is too large for its type", t)
        return self.num(value, t, T.ULLONG)



def is_narrow_unsigned_bitfield(n):
    """An unsigned int bit-field narrower than 32 bits promotes to int (C11 6.3.1.1)."""
    target = n.lhs if n.kind == "assign" else n
    m = target.member if target.kind == "member" else None
    return (m is not None and m.bit_width is not None and m.bit_width < 32 and n.ty.unsigned
            and n.ty.size == 4 and n.ty.kind != "bool")
