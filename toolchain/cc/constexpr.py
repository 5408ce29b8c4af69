"""Integer constant expressions of #if, on 64-bit intmax_t/uintmax_t values."""
from .diag import CompileError
from .lexer import unescape

BINARY = [("||",), ("&&",), ("|",), ("^",), ("&",), ("==", "!="), ("<", "<=", ">", ">="),
          ("<<", ">>"), ("+", "-"), ("*", "/", "%")]
MASK = (1 << 64) - 1


def parse_int_literal(text, tok):
    """Returns (value, suffix) of a C integer literal."""
    s = text.lower()
    body = s.rstrip("ul")
    suffix = s[len(body):]
    try:
        if body.startswith("0x"):
            value = int(body[2:], 16)
        elif body.startswith("0b"):
            value = int(body[2:], 2)
        elif body.startswith("0") and len(body) > 1:
            value = int(body, 8)
        else:
            value = int(body, 10)
    except ValueError:
        raise CompileError(f"invalid integer constant '{text}'", tok)
    return value, suffix


class _Eval:
    def __init__(self, toks, where):
        self.toks, self.i, self.where = toks, 0, where

    def peek(self):
        return self.toks[self.i].text if self.i < len(self.toks) else None

    def take(self):
        t = self.toks[self.i] if self.i < len(self.toks) else self.where
        self.i += 1
        return t

    def cond(self):
        v = self.binary(0)
        if self.peek() == "?":
            self.take()
            a = self.cond()
            if self.peek() != ":":
                raise CompileError("expected ':' in #if expression", self.where)
            self.take()
            b = self.cond()
            return a if v[0] else b
        return v

    def binary(self, level):
        if level == len(BINARY):
            return self.unary()
        lhs = self.binary(level + 1)
        while self.peek() in BINARY[level]:
            op = self.take()
            rhs = self.binary(level + 1)
            lhs = self.apply(op, lhs, rhs)
        return lhs

    def apply(self, op, lhs, rhs):
        unsigned = lhs[1] or rhs[1]
        a, b = lhs[0], rhs[0]
        if unsigned:
            a, b = a & MASK, b & MASK
        o = op.text
        if o in ("/", "%") and b == 0:
            raise CompileError("division by zero in #if", op)
        if o == "/":
            r = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)
        elif o == "%":
            r = a - b * (abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1))
        elif o in ("||", "&&"):
            r = int(bool(a) or bool(b)) if o == "||" else int(bool(a) and bool(b))
            return r, False
        elif o in ("==", "!=", "<", "<=", ">", ">="):
            r = {"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[o]
            return int(r), False
        else:
            r = {"|": a | b, "^": a ^ b, "&": a & b, "<<": a << (b & 63), ">>": a >> (b & 63),
                 "+": a + b, "-": a - b, "*": a * b}[o]
        r &= MASK
        if not unsigned and r >> 63:
            r -= 1 << 64
        return r, unsigned

    def unary(self):
        t = self.take()
        if t.text in ("+", "-", "~", "!") and t.kind == "punct":
            v, u = self.unary()
            if t.text == "!":
                return int(not v), False
            r = {"+": v, "-": -v, "~": ~v}[t.text] & MASK
            return (r - (1 << 64) if not u and r >> 63 else r), u
        if t.text == "(":
            v = self.cond()
            if self.take().text != ")":
                raise CompileError("expected ')' in #if expression", t)
            return v
        if t.kind == "num":
            value, suffix = parse_int_literal(t.text, t)
            return value, "u" in suffix or value >= 1 << 63
        if t.kind == "char":
            return unescape(t.text[t.text.index("'") + 1:-1], t)[0], False
        raise CompileError(f"token \"{t.text}\" is not valid in preprocessor expressions", t)


def eval_pp_expr(toks, where):
    e = _Eval(toks, where)
    v = e.cond()
    if e.i != len(toks):
        raise CompileError("missing binary operator in #if expression", toks[e.i])
    return v[0]
