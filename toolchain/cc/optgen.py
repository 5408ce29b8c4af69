"""The -O1 parts of code generation: register operands, immediates, branches.

At -O1 a local chosen by regalloc.py lives in an s register; binary operators
whose other side is a leaf (a constant or a variable) skip the stack machine's
push and pop, and conditions compare-and-branch directly.

A conditional branch reaches only +-4 KiB. Every emitted line is at most two
instructions (8 bytes), so a branch spanning at most BRANCH_LINES lines is in
range. A forward branch is emitted as a placeholder and settled when its
label appears: a direct branch if near, else the inverse branch over a `j`.
"""
from .regalloc import allocate

BRANCH_LINES = 480
INVERSE = {"beq": "bne", "bne": "beq", "blt": "bge", "bge": "blt", "bltu": "bgeu", "bgeu": "bltu"}
BINARY_KINDS = ("add", "sub", "mul", "div", "mod", "and", "or", "xor", "shl", "shr", "eq", "ne", "lt", "le")
I32_OPS = {"add": "add", "sub": "sub", "mul": "mul", "and": "and", "or": "or", "xor": "xor",
           "shl": "sll"}
IMM_OPS = {"add": "addi", "and": "andi", "or": "ori", "xor": "xori"}


class OptMixin:
    def opt_begin_function(self, fn):
        self.labels, self.pending = {}, {}
        self.regs = allocate(fn, lambda v: self.fits_register(v.ty)) if self.opt else {}

    @staticmethod
    def fits_register(ty):
        return ty.kind not in ("struct", "union", "array", "func", "void", "llong", "double")

    def reg_of(self, n):
        """The s register holding variable node `n`, or None."""
        return self.regs.get(n.var) if n.kind == "var" else None

    def assign_reg(self, lhs):
        """The s register an assignment to `lhs` writes, or None. Initializers of a
        scalar `T x = v;` write x as a member at offset 0 (initializer.py)."""
        if lhs.kind == "member" and lhs.lhs.kind == "var" and lhs.lhs.var.ty.kind not in ("struct", "union"):
            lhs = lhs.lhs
        return self.reg_of(lhs)

    def skips_memzero(self, stmt, following):
        """A register local's zero-fill is dead when the initializer's assignment follows."""
        if stmt.kind != "memzero" or stmt.var not in self.regs or following is None:
            return False
        return following.kind == "expr_stmt" and following.lhs.kind == "assign" \
            and self.assign_reg(following.lhs.lhs) == self.regs[stmt.var]

    # ---- branches with a settled range

    def opt_label(self, name):
        self.labels[name] = len(self.out)
        for index, op, a, b in self.pending.pop(name, []):
            self.out[index] = self.branch_text(op, a, b, name, len(self.out) - index)

    def branch_text(self, op, a, b, target, distance):
        if distance <= BRANCH_LINES:
            return f"\t{op} {a}, {b}, {target}"
        skip = self.new_label()
        return f"\t{INVERSE[op]} {a}, {b}, {skip}\n\tj {target}\n{skip}:"

    def branch(self, op, a, b, target):
        if target in self.labels:
            self.out.append(self.branch_text(op, a, b, target, len(self.out) - self.labels[target]))
        else:
            self.pending.setdefault(target, []).append((len(self.out), op, a, b))
            self.out.append(None)

    def opt_end_function(self):
        for target, waiting in self.pending.items():     # labels never placed: keep the long form
            for index, op, a, b in waiting:
                self.out[index] = self.branch_text(op, a, b, target, BRANCH_LINES + 1)
        self.pending = {}

    def cond_branch(self, n, target, when):
        """Jumps to `target` if the truth of `n` equals `when`; falls through otherwise."""
        k = n.kind
        if k == "not":
            return self.cond_branch(n.lhs, target, not when)
        if k in ("logand", "logor"):
            if (k == "logand") != when:              # either side decides alone
                self.cond_branch(n.lhs, target, when)
                self.cond_branch(n.rhs, target, when)
                return
            skip = self.new_label()
            self.cond_branch(n.lhs, skip, not when)
            self.cond_branch(n.rhs, target, when)
            self.label(skip)
            return
        if k in ("eq", "ne", "lt", "le") and self.is_i32(n.lhs.ty):
            a, b = self.operands(n)
            u = "u" if n.lhs.ty.unsigned else ""
            op, a, b = {("eq", True): ("beq", a, b), ("eq", False): ("bne", a, b),
                        ("ne", True): ("bne", a, b), ("ne", False): ("beq", a, b),
                        ("lt", True): ("blt" + u, a, b), ("lt", False): ("bge" + u, a, b),
                        ("le", True): ("bge" + u, b, a), ("le", False): ("blt" + u, b, a)}[(k, when)]
            self.branch(op, a, b, target)
            return
        if k == "num":                              # while (1), if (0): decided now
            if bool(n.val) == when:
                self.emit(f"j {target}")
            return
        held = self.leaf_reg(self.strip(n))
        if held is None:
            self.gen_expr(n)
            held = "a0"
        self.branch("bne" if when else "beq", held, "zero", target)

    # ---- values straight into their register

    def strip(self, n):
        """Skips casts between 4-byte integers and pointers: they change no bits."""
        while n.kind == "cast" and n.ty.size == 4 and self.is_i32(n.ty) and self.is_i32(n.lhs.ty):
            n = n.lhs
        return n

    def gen_into(self, reg, n):
        """Evaluates `n` into `reg` (an s or a register), skipping a0 where it can."""
        n = self.strip(n)
        if not self.is_i32(n.ty):
            self.gen_expr(n)
            self.emit(f"mv {reg}, a0")
        elif n.kind == "num":
            self.li(reg, n.val)
        elif self.leaf_reg(n) is not None:
            self.emit(f"mv {reg}, {self.leaf_reg(n)}")
        elif self.is_simple(n):
            self.load_simple(reg, n)
        elif n.kind in BINARY_KINDS and self.is_i32(n.lhs.ty):
            self.binary_opt(n, reg)
        else:
            self.gen_expr(n)
            self.emit(f"mv {reg}, a0")

    def gen_void(self, n):
        """Evaluates `n` for its side effects only: `i++;` needs no value in a0."""
        if n.kind == "comma":
            self.gen_void(n.lhs)
            self.gen_void(n.rhs)
        elif n.kind == "assign" and self.assign_reg(n.lhs):
            self.gen_into(self.assign_reg(n.lhs), n.rhs)
        elif n.kind not in ("var", "num"):
            self.gen_expr(n)

    # ---- operands without the stack

    @staticmethod
    def is_i32(ty):
        return ty.kind not in ("struct", "union", "array", "func", "void", "float", "double", "llong")

    def leaf_reg(self, n):
        """A register already holding leaf `n` (no code needed), or None."""
        if n.kind == "num" and self.is_i32(n.ty) and (n.val & 0xFFFFFFFF) == 0:
            return "zero"
        return self.reg_of(n) if self.is_i32(n.ty) else None

    def is_leaf(self, n):
        return self.leaf_reg(n) is not None or self.is_simple(n)

    def leaf_into(self, reg, n):
        """Returns the register holding leaf `n`, loading it into `reg` if needed."""
        held = self.leaf_reg(n)
        if held is not None:
            return held
        self.load_simple(reg, n)
        return reg

    def operands(self, n):
        """Evaluates both sides of an i32 binary node; returns their registers (left, right)."""
        lhs, rhs = self.strip(n.lhs), self.strip(n.rhs)
        if self.is_leaf(rhs):
            left = self.leaf_reg(lhs)
            if left is None:
                self.gen_expr(lhs)
                left = "a0"
            return left, self.leaf_into("a1", rhs)
        if self.is_leaf(lhs):
            self.gen_expr(rhs)
            return self.leaf_into("a1", lhs), "a0"
        self.gen_expr(rhs)
        self.push()
        self.gen_expr(lhs)
        self.pop("a1")
        return "a0", "a1"

    def binary_opt(self, n, dst="a0"):
        ty, k, rhs = n.lhs.ty, n.kind, self.strip(n.rhs)
        u = ty.unsigned
        if rhs.kind == "num" and k in ("add", "sub", "and", "or", "xor", "shl", "shr", "lt"):
            c = rhs.val & 0xFFFFFFFF
            c = c - (1 << 32) if c >> 31 else c
            if k == "sub":
                k, c = "add", -c
            op = IMM_OPS.get(k) or {"shl": "slli", "shr": "srli" if u else "srai",
                                    "lt": "sltiu" if u else "slti"}[k]
            fits = 0 <= c < 32 if k in ("shl", "shr") else -2048 <= c < 2048
            if fits:
                left = self.leaf_reg(self.strip(n.lhs))
                if left is None:
                    self.gen_expr(n.lhs)
                    left = "a0"
                self.emit(f"{op} {dst}, {left}, {c}")
                return
        a, b = self.operands(n)
        ops = dict(I32_OPS, div="divu" if u else "div", mod="remu" if u else "rem",
                   shr="srl" if u else "sra", lt="sltu" if u else "slt")
        if k in ops:
            self.emit(f"{ops[k]} {dst}, {a}, {b}")
        elif k in ("eq", "ne"):
            if b == "zero":
                self.emit(f"{'seqz' if k == 'eq' else 'snez'} {dst}, {a}")
                return
            self.emit(f"xor {dst}, {a}, {b}")
            self.emit(f"{'seqz' if k == 'eq' else 'snez'} {dst}, {dst}")
        else:                                     # le: !(b < a)
            self.emit(f"{'sltu' if u else 'slt'} {dst}, {b}, {a}")
            self.emit(f"xori {dst}, {dst}, 1")

    # ---- calls whose arguments all go in registers

    def args_fit_registers(self, n, locs, stack_bytes, first_reg):
        direct = n.lhs.kind == "addr" and n.lhs.lhs.kind == "var" and n.lhs.lhs.var.is_function
        one_word = all(len(loc) == 1 and (self.is_i32(a.ty) or a.ty.kind == "float")
                       for a, loc in zip(n.args, locs))
        return direct and not stack_bytes and not first_reg and one_word \
            and all(buf is None for buf in n.arg_bufs)

    def call_with_register_args(self, n, locs):
        """Computed arguments are pushed, except the last, which stays in a0; leaves (constants,
        variables) are loaded straight into their registers once nothing can clobber them."""
        regs = [f"a{loc[0][1]}" for loc in locs]
        computed = [i for i, a in enumerate(n.args) if not self.is_leaf(self.strip(a))]
        for i in computed[:-1]:
            self.gen_expr(n.args[i])
            self.push()
        if computed:
            self.gen_expr(n.args[computed[-1]])
            if regs[computed[-1]] != "a0":
                self.emit(f"mv {regs[computed[-1]]}, a0")
        for i in reversed(computed[:-1]):
            self.pop(regs[i])
        for i, arg in enumerate(n.args):
            if i not in computed:
                self.gen_into(regs[i], arg)
        pad = -self.depth % 16                        # the psABI's 16-byte aligned sp at a call
        if pad:
            self.addi("sp", "sp", -pad)
        self.emit(f"call {n.lhs.lhs.var.label}")
        if pad:
            self.addi("sp", "sp", pad)
