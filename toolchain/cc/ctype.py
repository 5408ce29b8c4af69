"""C types for RV32 ilp32: sizes, alignment, struct layout and conversions."""


class Type:
    def __init__(self, kind, size, align, unsigned=False, base=None):
        self.kind, self.size, self.align, self.unsigned, self.base = kind, size, align, unsigned, base
        self.array_len = None      # arrays: element count (None = incomplete)
        self.members = None        # structs/unions: list of Member (None = incomplete)
        self.ret, self.params, self.variadic, self.proto = None, [], False, True   # functions
        self.const = False
        self.name = None           # tag of struct/union/enum, for messages

    def copy(self):
        t = Type(self.kind, self.size, self.align, self.unsigned, self.base)
        t.__dict__.update(self.__dict__)
        return t

    def __repr__(self):
        return type_name(self)


class Member:
    def __init__(self, name, ty, offset, bit_width=None, bit_offset=0, tok=None):
        self.name, self.ty, self.offset = name, ty, offset
        self.bit_width, self.bit_offset, self.tok = bit_width, bit_offset, tok


VOID = Type("void", 1, 1)
BOOL = Type("bool", 1, 1, True)
CHAR = Type("char", 1, 1, True)          # plain char is unsigned on RISC-V
SCHAR, UCHAR = Type("char", 1, 1), Type("char", 1, 1, True)
SHORT, USHORT = Type("short", 2, 2), Type("short", 2, 2, True)
INT, UINT = Type("int", 4, 4), Type("int", 4, 4, True)
LONG, ULONG = Type("long", 4, 4), Type("long", 4, 4, True)
LLONG, ULLONG = Type("llong", 8, 8), Type("llong", 8, 8, True)
FLOAT, DOUBLE = Type("float", 4, 4), Type("double", 8, 8)
LDOUBLE = DOUBLE                         # long double is treated as double (documented gap)

INTEGER_KINDS = ("bool", "char", "short", "int", "long", "llong", "enum")
RANK = {"bool": 0, "char": 1, "short": 2, "int": 3, "enum": 3, "long": 4, "llong": 5}


def is_integer(t):
    return t.kind in INTEGER_KINDS


def is_flonum(t):
    return t.kind in ("float", "double")


def is_arith(t):
    return is_integer(t) or is_flonum(t)


def is_scalar(t):
    return is_arith(t) or t.kind == "ptr"


def is_aggregate(t):
    return t.kind in ("struct", "union", "array")


def is_pointerish(t):
    return t.kind in ("ptr", "array", "func")


def pointer_to(base):
    return Type("ptr", 4, 4, True, base)


def array_of(base, n):
    t = Type("array", base.size * (n or 0), base.align, False, base)
    t.array_len = n
    return t


def func_type(ret, params, variadic, proto=True):
    t = Type("func", 1, 1)
    t.ret, t.params, t.variadic, t.proto = ret, params, variadic, proto
    return t


def enum_type():
    return Type("enum", 4, 4)


def is_wide(t):
    """Scalars that live in a register pair (a0:a1)."""
    return t.kind in ("llong", "double")


def promote(t):
    """Integer promotions."""
    if t.kind in ("bool", "char", "short") or (t.kind == "enum"):
        return INT
    return t


def common_type(a, b):
    """Usual arithmetic conversions."""
    if a.kind == "double" or b.kind == "double":
        return DOUBLE
    if a.kind == "float" or b.kind == "float":
        return FLOAT
    a, b = promote(a), promote(b)
    if a.size != b.size:
        return a if a.size > b.size else b
    if a.unsigned == b.unsigned:
        return a if RANK[a.kind] >= RANK[b.kind] else b
    u = a if a.unsigned else b
    s = b if a.unsigned else a
    if RANK[u.kind] >= RANK[s.kind]:
        return u
    return ULONG if s.kind == "long" else ULLONG      # same size: unsigned form of the signed type


def is_compatible(a, b):
    if a is b:
        return True
    if a.kind != b.kind:
        return False
    if a.kind in ("struct", "union", "enum"):
        return a.members is b.members if a.kind != "enum" else True
    if a.kind == "ptr":
        return is_compatible(a.base, b.base)
    if a.kind == "array":
        return is_compatible(a.base, b.base)
    if a.kind == "func":
        return is_compatible(a.ret, b.ret)
    return a.unsigned == b.unsigned


def align_to(n, a):
    return (n + a - 1) // a * a


def layout_struct(t, fields, packed=False):
    """fields: list of (name, type, bit_width or None, tok). Fills t.members/size/align (GCC rules)."""
    members, bit, align = [], 0, 1
    for name, ty, width, tok in fields:
        if width is not None:
            unit = ty.size * 8
            if width == 0:
                bit = align_to(bit, unit)
                continue
            if bit // unit != (bit + width - 1) // unit:
                bit = align_to(bit, unit)
            offset = bit // unit * ty.size
            members.append(Member(name, ty, offset, width, bit - offset * 8, tok))
            bit += width
            if name:
                align = max(align, ty.align)
            continue
        a = 1 if packed else ty.align
        bit = align_to(bit, a * 8)
        members.append(Member(name, ty, bit // 8, tok=tok))
        bit += ty.size * 8
        align = max(align, a)
    t.members, t.align = members, align
    t.size = align_to((bit + 7) // 8, align)


def layout_union(t, fields):
    members, size, align = [], 0, 1
    for name, ty, width, tok in fields:
        members.append(Member(name, ty, 0, width, 0, tok))
        size = max(size, ty.size if width is None else (width + 7) // 8)
        align = max(align, ty.align)
    t.members, t.align, t.size = members, align, align_to(size, align)


def type_name(t):
    names = {"void": "void", "bool": "_Bool", "float": "float", "double": "double"}
    if t.kind in names:
        return names[t.kind]
    if is_integer(t) and t.kind != "enum":
        base = {"char": "char", "short": "short", "int": "int", "long": "long", "llong": "long long"}[t.kind]
        return ("unsigned " if t.unsigned else "") + base
    if t.kind in ("struct", "union", "enum"):
        return f"{t.kind} {t.name or '<anonymous>'}"
    if t.kind == "ptr":
        return type_name(t.base) + " *"
    if t.kind == "array":
        return f"{type_name(t.base)}[{t.array_len if t.array_len is not None else ''}]"
    return f"{type_name(t.ret)} (*)(...)"
