"""Tokenizer: source text -> list of Token (identifiers, numbers, strings, punctuators)."""
import re
from .diag import CompileError, SOURCES

PUNCTS = sorted("""<<= >>= ... -> ++ -- << >> <= >= == != && || *= /= %= += -= &= ^= |= ##
[ ] ( ) { } . & * + - ~ ! / % < > ^ | ? : ; = , #""".split(), key=len, reverse=True)

TOKEN_RE = re.compile(r"""
  (?P<ws>[ \t\r\f\v]+|/\*.*?\*/|//[^\n]*)
| (?P<nl>\n)
| (?P<num>\.?[0-9](?:[eEpP][+-]|[0-9a-zA-Z_.])*)
| (?P<id>[A-Za-z_$][A-Za-z0-9_$]*)
| (?P<str>(?:u8|[LuU])?"(?:\\.|[^"\\\n])*")
| (?P<char>[LuU]?'(?:\\.|[^'\\\n])+')
| (?P<punct>""" + "|".join(re.escape(p) for p in PUNCTS) + r""")
""", re.S | re.X)


class Token:
    __slots__ = ("kind", "text", "file", "line", "col", "bol", "space", "hide", "val", "origin")

    def __init__(self, kind, text, file, line, col, bol=False, space=False):
        self.kind, self.text, self.file, self.line, self.col = kind, text, file, line, col
        self.bol, self.space, self.hide, self.val, self.origin = bol, space, frozenset(), None, None

    def copy(self, **kw):
        t = Token(self.kind, self.text, self.file, self.line, self.col, self.bol, self.space)
        t.hide, t.val, t.origin = self.hide, self.val, self.origin
        for k, v in kw.items():
            setattr(t, k, v)
        return t

    def __repr__(self):
        return f"Token({self.kind},{self.text!r})"


def tokenize(text, file, record=True):
    """Splits `text`; line splices are joined first, keeping line numbers for errors."""
    if record:
        SOURCES[file] = text.split("\n")
    spliced = text.replace("\\\r\n", "\\\n")
    toks, pos, line, line_start, bol, space = [], 0, 1, 0, True, False
    extra_lines = 0      # newlines removed by splices, added back at the next real newline
    spliced = spliced.replace("\\\n", "\x00")
    n = len(spliced)
    while pos < n:
        if spliced[pos] == "\x00":
            pos, extra_lines = pos + 1, extra_lines + 1
            continue
        m = TOKEN_RE.match(spliced, pos)
        if not m:
            tok = Token("punct", spliced[pos], file, line, pos - line_start + 1)
            if spliced.startswith("/*", pos):
                raise CompileError("unterminated comment", tok)
            if spliced[pos] in "\"'":
                raise CompileError("unterminated string or character literal", tok)
            raise CompileError(f"stray '{spliced[pos]}' in program", tok)
        kind, s = m.lastgroup, m.group()
        s = s.replace("\x00", "")
        if kind == "ws":
            newlines = m.group().count("\n") + m.group().count("\x00")
            if newlines:
                line += newlines
                line_start = m.end() - len(m.group()) + m.group().rfind("\n") + 1
                bol = bol or "\n" in m.group()
            space = True
        elif kind == "nl":
            line, line_start, bol, space = line + 1 + extra_lines, m.end(), True, False
            extra_lines = 0
        else:
            toks.append(Token(kind, s, file, line, pos - line_start + 1, bol, space))
            bol = space = False
        pos = m.end()
    toks.append(Token("eof", "", file, line, 1, True))
    return toks


ESCAPES = {"n": 10, "t": 9, "r": 13, "a": 7, "b": 8, "f": 12, "v": 11, "e": 27,
           "\\": 92, "'": 39, '"': 34, "?": 63}


def unescape(body, tok):
    """Returns the list of character codes of a string/char literal body."""
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.extend(c.encode("utf-8"))
            i += 1
            continue
        i += 1
        c = body[i]
        if c in "01234567":
            j = i
            while j < len(body) and j < i + 3 and body[j] in "01234567":
                j += 1
            out.append(int(body[i:j], 8) & 0xFF)
            i = j
        elif c == "x":
            j = i + 1
            while j < len(body) and body[j] in "0123456789abcdefABCDEF":
                j += 1
            if j == i + 1:
                raise CompileError("\\x used with no following hex digits", tok)
            out.append(int(body[i + 1:j], 16) & 0xFF)
            i = j
        elif c in ESCAPES:
            out.append(ESCAPES[c])
            i += 1
        else:
            out.extend(c.encode("utf-8"))
            i += 1
    return out
