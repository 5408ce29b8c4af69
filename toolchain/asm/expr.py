"""Assembler expressions: parse text into a small tree, evaluate it later.

A parsed expression is an int (folded constant), a str (symbol name) or a
tuple (operator, operand...). Evaluation yields (addend, symbol-or-None):
GNU as semantics, where a symbol plus or minus a constant stays relocatable
and the difference of two symbols in one section is a constant.
"""
import re

TOKEN = re.compile(r"\s*(?:(0[xX][0-9a-fA-F]+|0[bB][01]+|\d+[fb](?![\w.$])|\d+|'\\?.'?)"
                   r"|([A-Za-z_.$][\w.$]*)|(<<|>>|[-+*/%&|^~!()]))")
# GNU as precedence: higher binds tighter.
BINARY = {"*": 3, "/": 3, "%": 3, "<<": 3, ">>": 3, "|": 2, "&": 2, "^": 2, "+": 1, "-": 1}
ESCAPES = {"n": 10, "t": 9, "r": 13, "0": 0, "\\": 92, "'": 39, '"': 34, "b": 8, "f": 12}


class ExprError(Exception):
    pass


def parse_number(text):
    """Integer literal in GNU syntax (0x, 0b, leading 0 = octal, 'c')."""
    try:
        if text[0] == "'":
            body = text[1:].rstrip("'")
            return ESCAPES.get(body[1], ord(body[1])) if body[0] == "\\" else ord(body[0])
        if len(text) > 1 and text[0] == "0" and text[1].isdigit():
            return int(text, 8)
        return int(text, 0)
    except (ValueError, IndexError):
        raise ExprError(f"invalid number {text}") from None


def tokenize(text):
    tokens, pos, end = [], 0, len(text.rstrip())
    while pos < end:
        match = TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise ExprError(f"unexpected character '{text[pos:].strip()[:1]}' in expression")
        tokens.append((match.group(1), match.group(2), match.group(3)))
        pos = match.end()
    return tokens


class Parser:
    """Recursive descent over tokens; `local_label(text)` renames 1f/1b references."""

    def __init__(self, text, local_label):
        self.tokens = tokenize(text)
        self.pos = 0
        self.local_label = local_label

    def parse(self):
        if not self.tokens:
            raise ExprError("missing expression")
        tree = self.binary(1)
        if self.pos != len(self.tokens):
            raise ExprError(f"junk at end of expression: '{self.peek_text()}'")
        return tree

    def peek_text(self):
        tok = self.tokens[self.pos]
        return tok[0] or tok[1] or tok[2]

    def binary(self, level):
        if level > 3:
            return self.unary()
        left = self.binary(level + 1)
        while self.pos < len(self.tokens):
            op = self.tokens[self.pos][2]
            if BINARY.get(op) != level:
                break
            self.pos += 1
            left = fold(op, left, self.binary(level + 1))
        return left

    def unary(self):
        if self.pos >= len(self.tokens):
            raise ExprError("missing operand in expression")
        number, name, op = self.tokens[self.pos]
        self.pos += 1
        if number:
            if number[-1] in "fb" and number[0] != "'" and not number.startswith(("0x", "0X")):
                return self.local_label(number)
            return parse_number(number)
        if name:
            return name
        if op == "(":
            tree = self.binary(1)
            if self.pos >= len(self.tokens) or self.tokens[self.pos][2] != ")":
                raise ExprError("missing ')' in expression")
            self.pos += 1
            return tree
        if op in ("-", "~", "!", "+"):
            return fold(op, self.unary())
        raise ExprError(f"unexpected '{op}' in expression")


def fold(op, a, b=None):
    """Build a node, computing it now when every operand is a constant."""
    if isinstance(a, int) and (b is None or isinstance(b, int)):
        return apply(op, a, b)
    return (op, a) if b is None else (op, a, b)


def apply(op, a, b=None):
    if b is None:
        return {"-": -a, "~": ~a, "!": int(not a), "+": a}[op]
    if op in "/%" and b == 0:
        raise ExprError("division by zero")
    if op == "/":
        return abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)   # C truncation
    if op == "%":
        return a - apply("/", a, b) * b
    return {"*": a * b, "<<": a << (b & 63), ">>": (a & 0xFFFFFFFF) >> (b & 63),
            "|": a | b, "&": a & b, "^": a ^ b, "+": a + b, "-": a - b}[op]


def evaluate(tree, lookup):
    """Evaluate to (addend, symbol name or None).

    lookup(name) returns ("const", value), ("sym", name) for a relocatable
    symbol, or ("at", section, offset) for a label whose place is known.
    """
    if isinstance(tree, int):
        return tree, None
    if isinstance(tree, str):
        kind = lookup(tree)
        return (kind[1], None) if kind[0] == "const" else (0, tree)
    op = tree[0]
    a, sa = evaluate(tree[1], lookup)
    if len(tree) == 2:
        if sa:
            raise ExprError(f"operator '{op}' needs a constant, not symbol '{sa}'")
        return apply(op, a), None
    b, sb = evaluate(tree[2], lookup)
    if op == "+" and not (sa and sb):
        return a + b, sa or sb
    if op == "-" and sb:
        if not sa:
            raise ExprError(f"cannot subtract symbol '{sb}' from a constant")
        where_a, where_b = lookup(sa), lookup(sb)
        if where_a[0] != "at" or where_b[0] != "at" or where_a[1] is not where_b[1]:
            raise ExprError(f"'{sa}' - '{sb}' is not a constant (different sections)")
        return a + where_a[2] - b - where_b[2], None
    if op == "-":
        return a - b, sa
    if sa or sb:
        raise ExprError(f"operator '{op}' needs constants, not symbol '{sa or sb}'")
    return apply(op, a, b), None
