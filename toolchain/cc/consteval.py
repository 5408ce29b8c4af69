"""Constant evaluation of typed expressions: array sizes, case labels, enum
values, static initializers, and folding of float constants."""
import struct
from . import ctype as T
from .diag import CompileError


class ConstEvalMixin:
    def const_int(self):
        e = self.conditional()
        return self.eval(e)

    def eval(self, n):
        """Integer constant expression value, wrapped to the node's type."""
        v = self.eval_raw(n)
        return self.wrap(v, n.ty) if n.ty is not None and T.is_integer(n.ty) or (n.ty and n.ty.kind == "ptr") else v

    @staticmethod
    def wrap(v, ty):
        if ty.kind == "bool":
            return int(v != 0)
        bits = ty.size * 8
        v &= (1 << bits) - 1
        if not ty.unsigned and v >> (bits - 1):
            v -= 1 << bits
        return v

    def eval_raw(self, n):
        k = n.kind
        if k == "num":
            return n.val
        if k == "cast":
            if T.is_flonum(n.lhs.ty) and T.is_integer(n.ty):
                return int(self.eval_float(n.lhs))
            if n.ty.kind == "bool":
                return int(self.eval(n.lhs) != 0)
            return self.eval(n.lhs)
        if k in ("add", "sub", "mul", "div", "mod", "and", "or", "xor", "shl", "shr", "eq", "ne", "lt", "le"):
            if T.is_flonum(n.lhs.ty):
                a, b = self.eval_float(n.lhs), self.eval_float(n.rhs)
                return int({"eq": a == b, "ne": a != b, "lt": a < b, "le": a <= b}[k])
            a, b = self.eval(n.lhs), self.eval(n.rhs)
            if k in ("div", "mod"):
                if b == 0:
                    raise CompileError("division by zero in constant expression", n.tok)
                q = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)
                return q if k == "div" else a - b * q
            return {"add": lambda: a + b, "sub": lambda: a - b, "mul": lambda: a * b, "and": lambda: a & b,
                    "or": lambda: a | b, "xor": lambda: a ^ b, "shl": lambda: a << (b & 63),
                    "shr": lambda: a >> (b & 63) if a >= 0 else a >> (b & 63),
                    "eq": lambda: int(a == b), "ne": lambda: int(a != b), "lt": lambda: int(a < b),
                    "le": lambda: int(a <= b)}[k]()
        if k == "neg":
            return -self.eval(n.lhs)
        if k == "bitnot":
            return ~self.eval(n.lhs)
        if k == "not":
            return int(not self.eval(n.lhs))
        if k == "logand":
            return int(bool(self.eval(n.lhs)) and bool(self.eval(n.rhs)))
        if k == "logor":
            return int(bool(self.eval(n.lhs)) or bool(self.eval(n.rhs)))
        if k == "cond":
            return self.eval(n.then) if self.eval(n.cond) else self.eval(n.els)
        if k == "comma":
            return self.eval(n.rhs)
        raise CompileError("expression is not an integer constant", n.tok)

    def eval_float(self, n):
        if n.kind == "fnum":
            v = n.fval
        elif n.kind == "num":
            v = float(n.val)
        elif n.kind == "cast":
            v = self.eval_float(n.lhs) if T.is_flonum(n.lhs.ty) else float(self.eval(n.lhs))
        elif n.kind in ("add", "sub", "mul", "div"):
            a, b = self.eval_float(n.lhs), self.eval_float(n.rhs)
            if n.kind == "div" and b == 0:
                v = float("nan") if a == 0 or a != a else float("inf") * (1 if (a > 0) == (str(b)[0] != "-") else -1)
            else:
                v = {"add": a + b, "sub": a - b, "mul": a * b, "div": a / b if b else 0}[n.kind]
        elif n.kind == "neg":
            v = -self.eval_float(n.lhs)
        elif n.kind == "cond":
            v = self.eval_float(n.then) if self.eval(n.cond) else self.eval_float(n.els)
        else:
            raise CompileError("initializer element is not a constant", n.tok)
        if n.ty is not None and n.ty.kind == "float":
            v = round_to_float(v)
        return v


def is_float_const(n):
    return n.kind in ("fnum", "num") or (n.kind == "cast" and n.lhs.kind in ("fnum", "num"))


def round_to_float(v):
    try:
        return struct.unpack("<f", struct.pack("<f", v))[0]
    except OverflowError:
        return float("inf") if v > 0 else float("-inf")
