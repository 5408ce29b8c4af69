"""Codegen: typed AST -> RV32IM assembly text (a simple stack machine).

Every expression leaves its value in a0 (a0:a1 for long long and double;
the address for structs, unions and arrays). Binary operators push the right
operand, compute the left one, then pop. float and double live in integer
registers (soft-float ABI) and arithmetic on them calls the runtime
(__addsf3, __muldf3, ...), as do 64-bit multiply, divide and shifts.
"""
import struct
from . import ctype as T
from .abi import assign_args, by_reference, named_reg_words
from .diag import CompileError
from .data import DataMixin
from .optgen import OptMixin

ARITH_CALLS = {("f32", "add"): "__addsf3", ("f32", "sub"): "__subsf3", ("f32", "mul"): "__mulsf3",
               ("f32", "div"): "__divsf3", ("f64", "add"): "__adddf3", ("f64", "sub"): "__subdf3",
               ("f64", "mul"): "__muldf3", ("f64", "div"): "__divdf3"}
COMPARE_CALLS = {"eq": ("eq", "seqz a0, a0"), "ne": ("ne", "snez a0, a0"),
                 "lt": ("lt", "slti a0, a0, 0"), "le": ("le", "slti a0, a0, 1")}


def value_class(ty):
    if ty.kind in ("struct", "union", "array", "func"):
        return "agg"
    if ty.kind == "void":
        return "void"
    if ty.kind == "float":
        return "f32"
    if ty.kind == "double":
        return "f64"
    return "i64" if ty.kind == "llong" else "i32"


class Codegen(DataMixin, OptMixin):
    def __init__(self, parser, opt=False):
        self.parser, self.opt = parser, opt       # opt: -O1, see optgen.py
        self.out, self.depth, self.fn, self.count = [], 0, None, 0
        self.regs, self.labels, self.pending = {}, {}, {}

    def emit(self, s):
        self.out.append("\t" + s)

    def label(self, name):
        if self.opt:
            self.opt_label(name)
        self.out.append(name + ":")

    def new_label(self):
        self.count += 1
        return f".L.cg{self.count}"

    # ---- small emit helpers

    def addi(self, rd, rs, imm):
        if -2048 <= imm < 2048:
            self.emit(f"addi {rd}, {rs}, {imm}")
        else:
            self.emit(f"li t6, {imm}")
            self.emit(f"add {rd}, {rs}, t6")

    def mem(self, op, reg, off, base):
        if -2048 <= off < 2048:
            self.emit(f"{op} {reg}, {off}({base})")
        else:
            self.emit(f"li t6, {off}")
            self.emit(f"add t6, t6, {base}")
            self.emit(f"{op} {reg}, 0(t6)")

    def li(self, reg, value):
        value &= 0xFFFFFFFF
        self.emit(f"li {reg}, {value - (1 << 32) if value >> 31 else value}")

    def push(self, reg="a0"):
        self.emit("addi sp, sp, -4")
        self.emit(f"sw {reg}, 0(sp)")
        self.depth += 4

    def pop(self, reg):
        self.emit(f"lw {reg}, 0(sp)")
        self.emit("addi sp, sp, 4")
        self.depth -= 4

    def push_value(self, ty):
        if value_class(ty) in ("i64", "f64"):
            self.emit("addi sp, sp, -8")
            self.emit("sw a0, 0(sp)")
            self.emit("sw a1, 4(sp)")
            self.depth += 8
        else:
            self.push()

    def pop_value(self, ty, lo, hi):
        if value_class(ty) in ("i64", "f64"):
            self.emit(f"lw {lo}, 0(sp)")
            self.emit(f"lw {hi}, 4(sp)")
            self.emit("addi sp, sp, 8")
            self.depth -= 8
        else:
            self.pop(lo)

    def branch_if_zero(self, target):
        """beqz with unlimited range: skip over a `j` when the value is non-zero."""
        skip = self.new_label()
        self.emit(f"bnez a0, {skip}")
        self.emit(f"j {target}")
        self.label(skip)

    def copy_bytes(self, dst, src, size, align):
        """Copies `size` bytes from address in `src` to address in `dst` (t3-t5 are scratch)."""
        unit = 4 if align >= 4 and size % 4 == 0 else 1
        load, store = ("lw", "sw") if unit == 4 else ("lbu", "sb")
        if size <= 64:
            for off in range(0, size, unit):
                self.emit(f"{load} t3, {off}({src})")
                self.emit(f"{store} t3, {off}({dst})")
            return
        loop = self.new_label()
        self.emit(f"mv t4, {src}")
        self.emit(f"mv t5, {dst}")
        self.li("t3", size)
        self.emit(f"add t3, t3, {src}")
        self.label(loop)
        self.emit(f"{load} t6, 0(t4)")
        self.emit(f"{store} t6, 0(t5)")
        self.emit(f"addi t4, t4, {unit}")
        self.emit(f"addi t5, t5, {unit}")
        self.emit(f"bltu t4, t3, {loop}")

    def load_words(self, ptr, ty, regs=("a0", "a1")):
        """Loads a small aggregate at `ptr` into up to two registers."""
        nwords = 1 if ty.size <= 4 else 2
        for w in reversed(range(nwords)):
            reg = regs[w]
            if ty.align >= 4:
                self.emit(f"lw {reg}, {4 * w}({ptr})")
                continue
            self.emit(f"li t5, 0")
            for b in range(min(4, ty.size - 4 * w)):
                self.emit(f"lbu t4, {4 * w + b}({ptr})")
                self.emit(f"slli t4, t4, {8 * b}")
                self.emit("or t5, t5, t4")
            self.emit(f"mv {reg}, t5")

    # ---- addresses, loads and stores

    def gen_addr(self, n):
        k = n.kind
        if k == "var":
            v = n.var
            if v.is_local:
                self.addi("a0", "s0", v.offset)
            else:
                self.emit(f"lui a0, %hi({v.label})")      # not `la`: a global may be named like a register
                self.emit(f"addi a0, a0, %lo({v.label})")
        elif k == "deref":
            self.gen_expr(n.lhs)
        elif k == "member":
            self.gen_addr(n.lhs)
            if n.member.offset:
                self.addi("a0", "a0", n.member.offset)
        elif k == "comma":
            self.gen_expr(n.lhs)
            self.gen_addr(n.rhs)
        elif n.ty.kind in ("struct", "union", "array", "func"):
            self.gen_expr(n)
        else:
            raise CompileError("not an lvalue", n.tok)

    def load(self, ty, member=None):
        if member is not None and member.bit_width is not None:
            op = {1: "lbu", 2: "lhu", 4: "lw"}[ty.size]
            self.emit(f"{op} a0, 0(a0)")
            left = 32 - member.bit_offset - member.bit_width
            if left:
                self.emit(f"slli a0, a0, {left}")
            right = 32 - member.bit_width
            if right:
                self.emit(f"{'srli' if ty.unsigned else 'srai'} a0, a0, {right}")
            return
        cls = value_class(ty)
        if cls == "agg":
            return
        if cls in ("i64", "f64"):
            self.emit("lw a1, 4(a0)")
            self.emit("lw a0, 0(a0)")
            return
        op = {1: "lb", 2: "lh", 4: "lw"}[ty.size]
        if ty.unsigned and ty.size < 4:
            op += "u"
        self.emit(f"{op} a0, 0(a0)")

    def store(self, ty, member=None):
        """Stores the value in a0(:a1) at the address on the stack; a0 keeps the value."""
        self.pop("t1")
        if member is not None and member.bit_width is not None:
            w, off = member.bit_width, member.bit_offset
            ld, st = {1: ("lbu", "sb"), 2: ("lhu", "sh"), 4: ("lw", "sw")}[ty.size]
            self.emit(f"{ld} t0, 0(t1)")
            self.li("t2", (1 << w) - 1)
            self.emit("and a0, a0, t2")
            self.emit(f"slli t3, a0, {off}")
            self.emit(f"slli t2, t2, {off}")
            self.emit("not t2, t2")
            self.emit("and t0, t0, t2")
            self.emit("or t0, t0, t3")
            self.emit(f"{st} t0, 0(t1)")
            if not ty.unsigned and w < 32:
                self.emit(f"slli a0, a0, {32 - w}")
                self.emit(f"srai a0, a0, {32 - w}")
            return
        cls = value_class(ty)
        if cls == "agg":
            self.copy_bytes("t1", "a0", ty.size, ty.align)
            self.emit("mv a0, t1")
        elif cls in ("i64", "f64"):
            self.emit("sw a0, 0(t1)")
            self.emit("sw a1, 4(t1)")
        else:
            self.emit(f"{ {1: 'sb', 2: 'sh', 4: 'sw'}[ty.size]} a0, 0(t1)")

    # ---- conversions

    def extend(self, ty):
        """Normalizes a0 to the range of a 1/2/4-byte integer type."""
        if ty.kind == "bool" or ty.size >= 4:
            return
        bits = 32 - ty.size * 8
        if ty.unsigned and ty.size == 1:
            self.emit("andi a0, a0, 255")
        else:
            self.emit(f"slli a0, a0, {bits}")
            self.emit(f"{'srli' if ty.unsigned else 'srai'} a0, a0, {bits}")

    def convert(self, src, dst):
        a, b = value_class(src), value_class(dst)
        if b in ("void", "agg") or a == "agg":
            return
        if dst.kind == "bool":
            if a == "f32":
                self.emit("li a1, 0")
                self.emit("call __nesf2")
            elif a == "f64":
                self.emit("li a2, 0")
                self.emit("li a3, 0")
                self.emit("call __nedf2")
            elif a == "i64":
                self.emit("or a0, a0, a1")
            self.emit("snez a0, a0")
            return
        if a == "i32" and b == "i32":
            if dst.size < 4 and (dst.size < src.size or dst.unsigned != src.unsigned or src.kind == "bool"):
                self.extend(dst)
        elif a == "i32" and b == "i64":
            if src.unsigned:
                self.emit("li a1, 0")
            else:
                self.emit("srai a1, a0, 31")
        elif a == "i64" and b == "i32":
            self.extend(dst)
        elif a in ("i32", "i64") and b in ("f32", "f64"):
            size = "si" if a == "i32" else "di"
            self.emit(f"call __float{'un' if src.unsigned else ''}{size}{'sf' if b == 'f32' else 'df'}")
        elif a in ("f32", "f64") and b in ("i32", "i64"):
            size = "si" if b == "i32" else "di"
            self.emit(f"call __fix{'uns' if dst.unsigned else ''}{'sf' if a == 'f32' else 'df'}{size}")
            if b == "i32":
                self.extend(dst)
        elif a == "f32" and b == "f64":
            self.emit("call __extendsfdf2")
        elif a == "f64" and b == "f32":
            self.emit("call __truncdfsf2")

    # ---- expressions

    def gen_expr(self, n):
        k = n.kind
        method = getattr(self, "expr_" + k, None)
        if method is not None:
            return method(n)
        if k in ("add", "sub", "mul", "div", "mod", "and", "or", "xor", "shl", "shr", "eq", "ne", "lt", "le"):
            return self.binary(n)
        raise CompileError(f"internal error: cannot generate '{k}'", n.tok)

    def expr_num(self, n):
        if value_class(n.ty) == "i64":
            self.li("a0", n.val)
            self.li("a1", n.val >> 32)
        elif value_class(n.ty) == "f64":
            bits = struct.unpack("<Q", struct.pack("<d", float(n.val)))[0]
            self.li("a0", bits)
            self.li("a1", bits >> 32)
        elif value_class(n.ty) == "f32":
            self.li("a0", struct.unpack("<I", struct.pack("<f", float(n.val)))[0])
        else:
            self.li("a0", n.val)

    def expr_fnum(self, n):
        if n.ty.kind == "float":
            from .consteval import round_to_float
            self.li("a0", struct.unpack("<I", struct.pack("<f", round_to_float(n.fval)))[0])
        else:
            bits = struct.unpack("<Q", struct.pack("<d", n.fval))[0]
            self.li("a0", bits)
            self.li("a1", bits >> 32)

    def expr_var(self, n):
        if n.var in self.regs:
            self.emit(f"mv a0, {self.regs[n.var]}")
            return
        if n.var.is_local and value_class(n.ty) in ("i32", "f32"):
            self.mem(self.load_op(n.ty), "a0", n.var.offset, "s0")     # straight from the frame
            return
        self.gen_addr(n)
        self.load(n.ty)

    @staticmethod
    def load_op(ty):
        op = {1: "lb", 2: "lh", 4: "lw"}[ty.size]
        return op + "u" if ty.unsigned and ty.size < 4 else op

    @staticmethod
    def is_simple(n):
        """Operands loaded straight into a register, without the push/pop of the stack machine."""
        if value_class(n.ty) != "i32":
            return False
        return n.kind == "num" or (n.kind == "var" and n.var.is_local)

    def load_simple(self, reg, n):
        if n.kind == "num":
            self.li(reg, n.val)
        else:
            self.mem(self.load_op(n.ty), reg, n.var.offset, "s0")

    def expr_deref(self, n):
        self.gen_addr(n)
        self.load(n.ty)

    def expr_member(self, n):
        self.gen_addr(n)
        self.load(n.ty, n.member)

    def expr_addr(self, n):
        self.gen_addr(n.lhs)

    def expr_assign(self, n):
        lhs = n.lhs
        if self.assign_reg(lhs):
            self.gen_into(self.assign_reg(lhs), n.rhs)
            self.emit(f"mv a0, {self.assign_reg(lhs)}")
            return
        if lhs.kind == "var" and lhs.var.is_local and value_class(lhs.ty) in ("i32", "f32", "i64", "f64"):
            self.gen_expr(n.rhs)                    # a local scalar: store straight into the frame
            if lhs.ty.size == 8:
                self.mem("sw", "a0", lhs.var.offset, "s0")
                self.mem("sw", "a1", lhs.var.offset + 4, "s0")
            else:
                self.mem({1: "sb", 2: "sh", 4: "sw"}[lhs.ty.size], "a0", lhs.var.offset, "s0")
            return
        self.gen_addr(n.lhs)
        self.push()
        self.gen_expr(n.rhs)
        self.store(n.lhs.ty, n.lhs.member if n.lhs.kind == "member" else None)

    def expr_cast(self, n):
        self.gen_expr(n.lhs)
        self.convert(n.lhs.ty, n.ty)

    def expr_comma(self, n):
        if self.opt:
            self.gen_void(n.lhs)
        else:
            self.gen_expr(n.lhs)
        self.gen_expr(n.rhs)

    def expr_stmt_expr(self, n):
        self.gen_stmt(n.body)

    def expr_cond(self, n):
        els, end = self.new_label(), self.new_label()
        self.branch_if_false(n.cond, els)
        self.gen_expr(n.then)
        self.emit(f"j {end}")
        self.label(els)
        self.gen_expr(n.els)
        self.label(end)

    def expr_not(self, n):
        self.gen_expr(n.lhs)
        self.emit("seqz a0, a0")

    def expr_logand(self, n):
        false, end = self.new_label(), self.new_label()
        self.gen_expr(n.lhs)
        self.branch_if_zero(false)
        self.gen_expr(n.rhs)
        self.emit("snez a0, a0")
        self.emit(f"j {end}")
        self.label(false)
        self.emit("li a0, 0")
        self.label(end)

    def expr_logor(self, n):
        true, end = self.new_label(), self.new_label()
        self.gen_expr(n.lhs)
        self.emit(f"beqz a0, {end}.rhs")
        self.emit(f"j {true}")
        self.label(f"{end}.rhs")
        self.gen_expr(n.rhs)
        self.emit("snez a0, a0")
        self.emit(f"j {end}")
        self.label(true)
        self.emit("li a0, 1")
        self.label(end)

    def expr_bitnot(self, n):
        self.gen_expr(n.lhs)
        self.emit("not a0, a0")
        if value_class(n.ty) == "i64":
            self.emit("not a1, a1")

    def expr_neg(self, n):
        self.gen_expr(n.lhs)
        cls = value_class(n.ty)
        if cls == "i32":
            self.emit("neg a0, a0")
        elif cls == "i64":
            self.emit("snez t0, a0")
            self.emit("neg a0, a0")
            self.emit("neg a1, a1")
            self.emit("sub a1, a1, t0")
        else:
            self.emit("li t0, -2147483648")
            self.emit(f"xor {'a0' if cls == 'f32' else 'a1'}, {'a0' if cls == 'f32' else 'a1'}, t0")

    def expr_memzero(self, n):
        v = n.var
        if v in self.regs:
            self.emit(f"li {self.regs[v]}, 0")
            return
        self.addi("t1", "s0", v.offset)
        size = v.ty.size
        if size > 64:
            loop = self.new_label()
            self.li("t3", size)
            self.emit("add t3, t3, t1")
            self.label(loop)
            self.emit("sb zero, 0(t1)")
            self.emit("addi t1, t1, 1")
            self.emit(f"bltu t1, t3, {loop}")
            return
        for off in range(size):
            self.emit(f"sb zero, {off}(t1)")

    def expr_va_start(self, n):
        fn = n.fn
        regs, stack = named_reg_words(fn.ty.params, 1 if fn.ret_buf is not None else 0)
        self.gen_addr(n.lhs)
        if regs < 8:
            self.addi("t0", "s0", -32 + 4 * regs)
        else:
            self.addi("t0", "s0", stack)
        self.emit("sw t0, 0(a0)")

    def expr_va_arg(self, n):
        ty = n.arg_ty
        self.gen_addr(n.lhs)
        self.emit("lw t0, 0(a0)")
        if not by_reference(ty) and ty.align == 8 and ty.size == 8:
            self.emit("addi t0, t0, 7")
            self.emit("andi t0, t0, -8")
        step = 4 if by_reference(ty) else T.align_to(ty.size, 4)
        self.emit(f"addi t1, t0, {step}")
        self.emit("sw t1, 0(a0)")
        if by_reference(ty):
            self.emit("lw a0, 0(t0)")
        else:
            self.emit("mv a0, t0")

    def binary(self, n):
        ty = n.lhs.ty
        cls = value_class(ty)
        k = n.kind
        if self.opt and cls == "i32":
            return self.binary_opt(n)
        simple = cls == "i32" and self.is_simple(n.rhs)
        if not simple:
            self.gen_expr(n.rhs)
            self.push_value(n.rhs.ty)
        self.gen_expr(n.lhs)
        if cls == "i32":
            if simple:
                self.load_simple("a1", n.rhs)
            else:
                self.pop("a1")
            ops = {"add": "add", "sub": "sub", "mul": "mul", "and": "and", "or": "or", "xor": "xor",
                   "div": "divu" if ty.unsigned else "div", "mod": "remu" if ty.unsigned else "rem",
                   "shl": "sll", "shr": "srl" if ty.unsigned else "sra", "lt": "sltu" if ty.unsigned else "slt"}
            if k in ops:
                self.emit(f"{ops[k]} a0, a0, a1")
            elif k in ("eq", "ne"):
                self.emit("xor a0, a0, a1")
                self.emit(f"{'seqz' if k == 'eq' else 'snez'} a0, a0")
            elif k == "le":
                self.emit(f"{'sltu' if ty.unsigned else 'slt'} a0, a1, a0")
                self.emit("xori a0, a0, 1")
            return
        if cls == "i64":
            if k in ("shl", "shr") and n.rhs.kind == "num" and 0 <= n.rhs.val < 64:
                self.pop("a2")
                self.shift64_const(k, ty.unsigned, n.rhs.val)
                return
            if k in ("shl", "shr"):
                self.pop("a2")
                name = "__ashldi3" if k == "shl" else ("__lshrdi3" if ty.unsigned else "__ashrdi3")
                self.emit(f"call {name}")
                return
            self.pop_value(ty, "a2", "a3")
            self.binary64(k, ty.unsigned)
            return
        self.pop_value(ty, "a1" if cls == "f32" else "a2", "a3")
        if k in COMPARE_CALLS:
            name, fix = COMPARE_CALLS[k]
            self.emit(f"call __{name}{'sf' if cls == 'f32' else 'df'}2")
            self.emit(fix)
        else:
            self.emit(f"call {ARITH_CALLS[(cls, k)]}")

    def shift64_const(self, k, unsigned, c):
        """a0:a1 shifted by a constant, inline (the runtime call is for variable amounts)."""
        if c == 0:
            return
        if k == "shl":
            if c >= 32:
                self.emit(f"slli a1, a0, {c - 32}")
                self.emit("li a0, 0")
            else:
                self.emit(f"slli a1, a1, {c}")
                self.emit(f"srli t0, a0, {32 - c}")
                self.emit("or a1, a1, t0")
                self.emit(f"slli a0, a0, {c}")
            return
        right = "srli" if unsigned else "srai"
        if c >= 32:
            self.emit(f"{right} a0, a1, {c - 32}")
            self.emit("li a1, 0" if unsigned else "srai a1, a1, 31")
        else:
            self.emit(f"srli a0, a0, {c}")
            self.emit(f"slli t0, a1, {32 - c}")
            self.emit("or a0, a0, t0")
            self.emit(f"{right} a1, a1, {c}")

    def binary64(self, k, unsigned):
        if k == "add":
            self.emit("add t0, a0, a2")
            self.emit("sltu t1, t0, a0")
            self.emit("add a1, a1, a3")
            self.emit("add a1, a1, t1")
            self.emit("mv a0, t0")
        elif k == "sub":
            self.emit("sltu t1, a0, a2")
            self.emit("sub a0, a0, a2")
            self.emit("sub a1, a1, a3")
            self.emit("sub a1, a1, t1")
        elif k in ("and", "or", "xor"):
            self.emit(f"{k} a0, a0, a2")
            self.emit(f"{k} a1, a1, a3")
        elif k == "mul":                          # low 64 bits of the product, from mul/mulhu
            self.emit("mul t0, a0, a3")
            self.emit("mul t1, a1, a2")
            self.emit("add t0, t0, t1")
            self.emit("mulhu t1, a0, a2")
            self.emit("add a1, t0, t1")
            self.emit("mul a0, a0, a2")
        elif k in ("div", "mod"):
            name = {"div": "__divdi3", "mod": "__moddi3"}[k]
            if unsigned:
                name = name.replace("__", "__u", 1)
            self.emit(f"call {name}")
        elif k in ("eq", "ne"):
            self.emit("xor a0, a0, a2")
            self.emit("xor a1, a1, a3")
            self.emit("or a0, a0, a1")
            self.emit(f"{'seqz' if k == 'eq' else 'snez'} a0, a0")
        else:                          # lt: a < b; le: !(b < a)
            x_lo, x_hi, y_lo, y_hi = ("a0", "a1", "a2", "a3") if k == "lt" else ("a2", "a3", "a0", "a1")
            self.emit(f"{'sltu' if unsigned else 'slt'} t0, {x_hi}, {y_hi}")
            self.emit(f"xor t1, {x_hi}, {y_hi}")
            self.emit("seqz t1, t1")
            self.emit(f"sltu t2, {x_lo}, {y_lo}")
            self.emit("and t1, t1, t2")
            self.emit("or a0, t0, t1")
            if k == "le":
                self.emit("xori a0, a0, 1")

    def expr_call(self, n):
        first_reg = 1 if n.ty.kind in ("struct", "union") and n.ty.size > 8 else 0
        locs, stack_bytes = assign_args([a.ty for a in n.args], n.nfixed, first_reg)
        if self.opt and self.args_fit_registers(n, locs, stack_bytes, first_reg):
            self.call_with_register_args(n, locs)
        else:
            self.call_through_stack(n, locs, stack_bytes, first_reg)
        if n.ty.kind in ("struct", "union"):
            if not first_reg:
                self.addi("t1", "s0", n.ret_buf.offset)
                self.emit("sw a0, 0(t1)")
                self.emit("sw a1, 4(t1)")
            self.addi("a0", "s0", n.ret_buf.offset)
        elif T.is_integer(n.ty) and n.ty.size < 4:
            self.extend(n.ty)
            if n.ty.kind == "bool":
                self.emit("andi a0, a0, 1")

    def call_through_stack(self, n, locs, stack_bytes, first_reg):
        """Each argument is pushed as evaluated, then moved to its register or stack slot."""
        words = []                              # (location) for each pushed word, in push order
        for arg, loc, buf in zip(n.args, locs, n.arg_bufs):
            self.gen_expr(arg)
            cls = value_class(arg.ty)
            if buf is not None:
                self.addi("t1", "s0", buf.offset)
                self.copy_bytes("t1", "a0", arg.ty.size, arg.ty.align)
                self.push("t1")
            elif cls == "agg":
                self.emit("mv t0, a0")
                self.load_words("t0", arg.ty)
                self.push("a0")
                if len(loc) == 2:
                    self.push("a1")
            else:
                self.push("a0")
                if len(loc) == 2:
                    self.push("a1")
            words.extend(loc)
        direct = n.lhs.kind == "addr" and n.lhs.lhs.kind == "var" and n.lhs.lhs.var.is_function
        if not direct:
            self.gen_expr(n.lhs)
            self.emit("mv t2, a0")
        area = T.align_to(stack_bytes, 16)
        pad = (-(self.depth + area)) % 16
        self.addi("sp", "sp", -(area + pad))
        pushed = len(words)
        for i, (kind, where) in enumerate(words):
            src = area + pad + (pushed - 1 - i) * 4
            if kind == "reg":
                self.mem("lw", f"a{where}", src, "sp")
            else:
                self.mem("lw", "t0", src, "sp")
                self.emit(f"sw t0, {where}(sp)")
        if first_reg:
            self.addi("a0", "s0", n.ret_buf.offset)
        self.emit(f"call {n.lhs.lhs.var.label}" if direct else "jalr t2")
        self.addi("sp", "sp", area + pad + pushed * 4)
        self.depth -= pushed * 4

    # ---- statements

    def gen_stmt(self, n):
        k = n.kind
        if k == "block":
            for i, s in enumerate(n.body):
                if not self.skips_memzero(s, n.body[i + 1] if i + 1 < len(n.body) else None):
                    self.gen_stmt(s)
        elif k == "expr_stmt":
            if self.opt:
                self.gen_void(n.lhs)
            else:
                self.gen_expr(n.lhs)
        elif k == "if":
            els, end = self.new_label(), self.new_label()
            self.branch_if_false(n.cond, els)
            self.gen_stmt(n.then)
            self.emit(f"j {end}")
            self.label(els)
            if n.els:
                self.gen_stmt(n.els)
            self.label(end)
        elif k in ("while", "for", "do") and self.opt:
            self.gen_loop_rotated(n)
        elif k in ("while", "for"):
            if n.init:
                self.gen_stmt(n.init)
            top = self.new_label()
            self.label(top)
            if n.cond:
                self.gen_expr(n.cond)
                self.branch_if_zero(n.brk)
            self.gen_stmt(n.body)
            self.label(n.cont)
            if n.inc:
                self.gen_expr(n.inc)
            self.emit(f"j {top}")
            self.label(n.brk)
        elif k == "do":
            top = self.new_label()
            self.label(top)
            self.gen_stmt(n.body)
            self.label(n.cont)
            self.gen_expr(n.cond)
            self.branch_if_zero(n.brk)
            self.emit(f"j {top}")
            self.label(n.brk)
        elif k == "switch":
            self.gen_switch(n)
        elif k == "case":
            self.label(n.lbl)
            self.gen_stmt(n.body)
        elif k == "goto":
            self.emit(f"j {n.lbl or self.goto_label(n.name)}")
        elif k == "label":
            self.label(self.goto_label(n.name))
            self.gen_stmt(n.body)
        elif k == "return":
            if n.lhs is not None:
                self.gen_expr(n.lhs)
                ty = n.lhs.ty
                if ty.kind in ("struct", "union"):
                    if self.fn.ret_buf is not None:
                        self.mem("lw", "t1", self.fn.ret_buf.offset, "s0")
                        self.copy_bytes("t1", "a0", ty.size, ty.align)
                        self.emit("mv a0, t1")
                    else:
                        self.emit("mv t0, a0")
                        self.load_words("t0", ty)
            self.emit(f"j .L.return.{self.fn.label}")
        else:
            self.gen_expr(n)                       # memzero and other expression-like statements

    def branch_if_false(self, cond, target):
        if self.opt:
            self.cond_branch(cond, target, False)
        else:
            self.gen_expr(cond)
            self.branch_if_zero(target)

    def gen_loop_rotated(self, n):
        """-O1 loops test at the bottom: one branch per iteration instead of a branch and a jump."""
        if n.init:
            self.gen_stmt(n.init)
        top, test = self.new_label(), self.new_label()
        if n.kind != "do":
            self.emit(f"j {test}")
        self.label(top)
        self.gen_stmt(n.body)
        self.label(n.cont)
        if n.inc:
            self.gen_void(n.inc)
        self.label(test)
        if n.cond:
            self.cond_branch(n.cond, top, True)
        else:
            self.emit(f"j {top}")
        self.label(n.brk)

    def goto_label(self, name):
        return f".L.label.{self.fn.label}.{name}"

    def gen_switch(self, n):
        self.gen_expr(n.cond)
        ty = n.cond.ty
        wide = value_class(ty) == "i64"
        for lo, hi, lbl in n.cases:
            lo_v, hi_v = self.parser.wrap(lo, ty), self.parser.wrap(hi, ty)
            nxt = self.new_label()
            if wide:
                for v in range(lo_v, hi_v + 1) if hi_v - lo_v < 256 else []:
                    skip = self.new_label()
                    self.li("t0", v)
                    self.li("t1", v >> 32)
                    self.emit(f"bne a0, t0, {skip}")
                    self.emit(f"bne a1, t1, {skip}")
                    self.emit(f"j {lbl}")
                    self.label(skip)
                continue
            if lo_v == hi_v:
                self.li("t0", lo_v)
                self.emit(f"bne a0, t0, {nxt}")
            else:
                self.li("t0", lo_v)
                self.emit("sub t1, a0, t0")
                self.li("t0", hi_v - lo_v)
                self.emit(f"bgtu t1, t0, {nxt}")
            self.emit(f"j {lbl}")
            self.label(nxt)
        self.emit(f"j {n.default or n.brk}")
        self.gen_stmt(n.body)
        self.label(n.brk)

    # ---- functions

    def gen_function(self, fn):
        self.fn, self.depth = fn, 0
        self.opt_begin_function(fn)
        va = 32 if fn.ty.variadic else 0
        cur = -8 - va
        for v in fn.locals:
            if v in self.regs:
                continue
            size = T.align_to(max(v.ty.size, 1), 4)
            align = max(v.align, 4 if v.ty.kind not in ("array",) else v.align)
            if v.ty.kind == "array" and v.ty.base.kind == "char" and not v.name:
                align = 8
            cur = -T.align_to(-cur + size, align)
            v.offset = cur
        saved = sorted(set(self.regs.values()), key=lambda r: int(r[1:]))
        save_at = {}
        for reg in saved:                          # the callee-saved registers we use, below the locals
            cur -= 4
            save_at[reg] = cur
        frame = T.align_to(-cur, 16)
        self.out.append("\t.text")
        if not fn.is_static:
            self.emit(f".globl {fn.label}")
        self.emit(".balign 4")
        self.label(fn.label)
        self.addi("sp", "sp", -frame)
        self.mem("sw", "ra", frame - va - 4, "sp")
        self.mem("sw", "s0", frame - va - 8, "sp")
        self.addi("s0", "sp", frame)
        for reg in saved:
            self.mem("sw", reg, save_at[reg], "s0")
        if va:
            for i in range(8):
                self.emit(f"sw a{i}, {-32 + 4 * i}(s0)")
        first_reg = 0
        if fn.ret_buf is not None:
            self.mem("sw", "a0", fn.ret_buf.offset, "s0")
            first_reg = 1
        locs, _ = assign_args([p.ty for p in fn.params], len(fn.params), first_reg)
        for p, loc in zip(fn.params, locs):
            self.store_param(p, loc)
        self.gen_stmt(fn.body)
        self.emit("li a0, 0")
        self.label(f".L.return.{fn.label}")
        for reg in saved:
            self.mem("lw", reg, save_at[reg], "s0")
        self.opt_end_function()
        self.emit("mv t0, s0")
        self.mem("lw", "ra", -va - 4, "t0")
        self.mem("lw", "s0", -va - 8, "t0")
        self.emit("mv sp, t0")
        self.emit("ret")

    def store_param(self, p, loc):
        if by_reference(p.ty):
            kind, where = loc[0]
            if kind == "reg":
                self.emit(f"mv t0, a{where}")
            else:
                self.mem("lw", "t0", where, "s0")
            self.addi("t1", "s0", p.offset)
            self.copy_bytes("t1", "t0", p.ty.size, p.ty.align)
            return
        if p in self.regs:                      # the caller widened narrow integers (psABI)
            kind, where = loc[0]
            if kind == "reg":
                self.emit(f"mv {self.regs[p]}, a{where}")
            else:
                self.mem("lw", self.regs[p], where, "s0")
            return
        small = p.ty.size < 4 and value_class(p.ty) == "i32"
        op = {1: "sb", 2: "sh"}.get(p.ty.size, "sw") if small else "sw"
        for w, (kind, where) in enumerate(loc):
            if kind == "reg":
                reg = f"a{where}"
            else:
                self.mem("lw", "t0", where, "s0")
                reg = "t0"
            self.mem(op, reg, p.offset + 4 * w, "s0")


    def program(self, globals_):
        for v in globals_:
            if v.is_function:
                if v.is_def:
                    self.gen_function(v)
            elif v.is_def or v.is_tentative:
                self.gen_data(v)
        return "\n".join(self.out) + "\n"
