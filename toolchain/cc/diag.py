"""Diagnostics: `file:line:col: error: msg`, the source line and a caret."""
import sys

SOURCES = {}          # file name -> list of source lines, for the caret display


class CompileError(Exception):
    def __init__(self, msg, tok=None):
        super().__init__(msg)
        self.msg, self.tok = msg, tok


def _format(kind, msg, tok):
    if tok is None:
        return f"cc: {kind}: {msg}"
    out = f"{tok.file}:{tok.line}:{tok.col}: {kind}: {msg}"
    lines = SOURCES.get(tok.file)
    if lines and 0 < tok.line <= len(lines):
        src = lines[tok.line - 1].rstrip("\n").expandtabs(1)
        out += "\n" + src + "\n" + " " * (tok.col - 1) + "^"
    return out


def error_text(err):
    return _format("error", err.msg, err.tok)


def warn(msg, tok):
    print(_format("warning", msg, tok), file=sys.stderr)
