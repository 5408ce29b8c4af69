"""AST nodes and program objects (variables, functions) shared by parser and codegen."""


class Node:
    """One expression or statement; `kind` says which, `ty` is set for expressions."""

    def __init__(self, kind, tok, **kw):
        self.kind, self.tok, self.ty = kind, tok, None
        self.lhs = self.rhs = self.cond = self.then = self.els = None
        self.init = self.inc = self.body = None
        self.__dict__.update(kw)


class Obj:
    """A variable or function. Locals get a frame offset from codegen."""

    def __init__(self, name, ty, is_local, tok=None):
        self.name, self.ty, self.is_local, self.tok = name, ty, is_local, tok
        self.label = name            # assembler symbol for globals
        self.offset = 0
        self.is_static = self.is_extern = self.is_def = self.is_tentative = False
        self.init_items = None       # globals: list of (offset, type, expr, member)
        self.align = ty.align
        # functions only
        self.params, self.locals, self.body, self.ret_buf = [], [], None, None
        self.is_function = ty.kind == "func"
        self.used = False


class Scope:
    def __init__(self):
        self.names = {}      # identifier -> ("var", Obj) | ("type", Type) | ("enum", value)
        self.tags = {}       # struct/union/enum tag -> Type
