"""A small GNU ld linker-script subset: parse, then place sections by it.

Supported: ENTRY(sym); OUTPUT_ARCH/OUTPUT_FORMAT (ignored); SECTIONS with
`. = expr;`, `. += expr;`, `sym = expr;`, PROVIDE(sym = expr); output
sections `name [address] : [AT(lma)] { file(patterns...) KEEP(...) sym = .; }`
and /DISCARD/. Expressions: numbers (K/M suffixes), symbols, `.`,
+ - * / % & | << >> ~ and ALIGN(n), ALIGN(x, n), ADDR(s), LOADADDR(s), SIZEOF(s).
"""
import fnmatch
import re

TOKEN = re.compile(r"\s*(?:/\*.*?\*/\s*)*(0[xX][0-9a-fA-F]+|\d+[KM]?|<<|>>|\+=|-=|"
                   r"[A-Za-z_.$/*?\[][\w.$*?\[\]/]*|[-+*/%&|~(){};:=,>!<])", re.S)
BINARY = {"*": 4, "/": 4, "%": 4, "+": 3, "-": 3, "<<": 2, ">>": 2, "&": 1, "|": 0}


class ScriptError(Exception):
    pass


class Parser:
    def __init__(self, text):
        self.tokens, pos = [], 0
        text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S).rstrip()
        while pos < len(text):
            match = TOKEN.match(text, pos)
            if not match:
                raise ScriptError(f"unexpected text '{text[pos:pos + 20].strip()}'")
            self.tokens.append(match.group(1))
            pos = match.end()
        self.pos = 0

    def peek(self, ahead=0):
        index = self.pos + ahead
        return self.tokens[index] if index < len(self.tokens) else None

    def take(self, expected=None):
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise ScriptError(f"expected '{expected or 'more input'}', found '{token}'")
        self.pos += 1
        return token

    def script(self):
        entry, statements = None, []
        while self.peek() is not None:
            word = self.take()
            if word == "ENTRY":
                self.take("(")
                entry = self.take()
                self.take(")")
            elif word in ("OUTPUT_ARCH", "OUTPUT_FORMAT", "SEARCH_DIR", "OUTPUT"):
                while self.take() != ")":
                    pass
            elif word == "SECTIONS":
                self.take("{")
                while self.peek() != "}":
                    statements.append(self.section_statement())
                self.take("}")
            elif word != ";":
                self.pos -= 1
                statements.append(self.assignment())
        return entry, statements

    def assignment(self):
        provide = self.peek() == "PROVIDE"
        if provide:
            self.take()
            self.take("(")
        name, op = self.take(), self.take()
        if op not in ("=", "+=", "-="):
            raise ScriptError(f"expected '=' after '{name}', found '{op}'")
        value = self.expr()
        if provide:
            self.take(")")
        if self.peek() == ";":
            self.take()
        return ("assign", name, op, value, provide)

    def section_statement(self):
        if self.peek(1) in ("=", "+=", "-=") or self.peek() == "PROVIDE":
            return self.assignment()
        name = self.take()
        address = None if self.peek() == ":" else self.expr()
        self.take(":")
        load = None
        if self.peek() == "AT":
            self.take()
            self.take("(")
            load = self.expr()
            self.take(")")
        self.take("{")
        items = []
        while self.peek() != "}":
            if self.peek(1) in ("=", "+=", "-=") or self.peek() == "PROVIDE":
                items.append(self.assignment())
            else:
                items.append(self.patterns())
        self.take("}")
        while self.peek() == ">":       # memory regions: accepted, placement is by address
            self.take()
            self.take()
        return ("section", name, address, load, items)

    def patterns(self):
        keep = self.peek() == "KEEP"
        if keep:
            self.take()
            self.take("(")
        files = self.take()
        names = []
        if files == "COMMON":
            files, names = "*", ["COMMON"]
        else:
            self.take("(")
            while self.peek() != ")":
                names.append(self.take())
            self.take(")")
        if keep:
            self.take(")")
        return ("patterns", files, names)

    def expr(self, level=0):
        left = self.unary()
        while self.peek() in BINARY and BINARY[self.peek()] >= level:
            op = self.take()
            left = (op, left, self.expr(BINARY[op] + 1))
        return left

    def unary(self):
        token = self.take()
        if token in ("-", "~"):
            return ("neg" if token == "-" else "not", self.unary())
        if token == "(":
            value = self.expr()
            self.take(")")
            return value
        if token[0].isdigit():
            scale = {"K": 1024, "M": 1 << 20}.get(token[-1], 1)
            return int(token.rstrip("KM"), 0) * scale
        if self.peek() == "(":
            self.take("(")
            args = [self.expr()]
            while self.peek() == ",":
                self.take()
                args.append(self.expr())
            self.take(")")
            return ("call", token, args)
        return token


def _align(value, alignment):
    return (value + alignment - 1) // alignment * alignment if alignment > 1 else value


class Layout:
    """Runs the SECTIONS statements: the location counter, symbols, output sections."""

    def __init__(self, symbols_lookup):
        self.dot = 0
        self.symbols = {}           # script-defined symbol -> value
        self.provided = set()
        self.outputs = {}           # output name -> Section (addr, lma, size)
        self.lookup = symbols_lookup

    def value(self, tree):
        if isinstance(tree, int):
            return tree
        if isinstance(tree, str):
            if tree == ".":
                return self.dot
            if tree in self.symbols:
                return self.symbols[tree]
            found = self.lookup(tree)
            if found is None:
                raise ScriptError(f"symbol '{tree}' is not defined yet")
            return found
        if tree[0] == "call":
            return self.call(tree[1], tree[2])
        if tree[0] in ("neg", "not"):
            operand = self.value(tree[1])
            return -operand if tree[0] == "neg" else ~operand
        a, b = self.value(tree[1]), self.value(tree[2])
        if tree[0] in "/%" and b == 0:
            raise ScriptError("division by zero")
        return {"+": a + b, "-": a - b, "*": a * b, "/": a // max(b, 1), "%": a % max(b, 1),
                "<<": a << b, ">>": a >> b, "&": a & b, "|": a | b}[tree[0]]

    def call(self, name, args):
        if name == "ALIGN":
            base, alignment = (self.dot, args[0]) if len(args) == 1 else args
            return _align(self.value(base), self.value(alignment))
        if name in ("ADDR", "LOADADDR", "SIZEOF") and isinstance(args[0], str):
            sec = self.outputs.get(args[0])
            if sec is None:
                raise ScriptError(f"{name}({args[0]}): no such output section yet")
            return {"ADDR": sec.addr, "LOADADDR": sec.lma, "SIZEOF": sec.size}[name]
        raise ScriptError(f"unsupported function {name}()")

    def assign(self, statement, defined_elsewhere):
        _, name, op, tree, provide = statement
        value = self.value(tree)
        if op != "=":
            value = self.value(name) + (value if op == "+=" else -value)
        if name == ".":
            self.dot = value
        elif not (provide and defined_elsewhere(name)):
            self.symbols[name] = value


def matches(files, names, obj_name, section_name):
    base = obj_name.split("(")[-1].rstrip(")").split("/")[-1]
    return (files == "*" or fnmatch.fnmatchcase(base, files)) and \
        any(fnmatch.fnmatchcase(section_name, n) for n in names)
