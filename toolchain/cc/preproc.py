"""Preprocessor: token list -> token list with directives run and macros expanded.

Macro expansion follows Prosser's hideset algorithm (as chibicc does): each token
remembers which macros produced it, so a macro is never expanded inside itself.
"""
import os
import time
from .lexer import Token, tokenize
from .diag import CompileError, warn

HERE = os.path.dirname(os.path.abspath(__file__))


class Macro:
    def __init__(self, name, body, params=None, variadic=False):
        self.name, self.body, self.params, self.variadic = name, body, params, variadic


class Preprocessor:
    def __init__(self, include_paths=(), defines=(), stdinc=True):
        self.include_paths = list(include_paths) + ([os.path.join(HERE, "include")] if stdinc else [])
        self.macros, self.once, self.cond_stack = {}, set(), []
        predefined = {"__riscv": "1", "__riscv_xlen": "32", "__ILP32__": "1", "__STDC__": "1",
                      "__STDC_VERSION__": "201112L", "__STDC_HOSTED__": "0", "__CHAR_BIT__": "8",
                      "__SIZEOF_INT__": "4", "__SIZEOF_LONG__": "4", "__SIZEOF_POINTER__": "4",
                      "__SIZEOF_LONG_LONG__": "8", "__CHAR_UNSIGNED__": "1", "__riscv_mul": "1",
                      "__riscv_div": "1", "__riscv_float_abi_soft": "1", "__ORDER_LITTLE_ENDIAN__": "1234",
                      "__BYTE_ORDER__": "1234", "__b2g_cc__": "1",
                      "__DATE__": time.strftime('"%b %e %Y"'), "__TIME__": time.strftime('"%H:%M:%S"')}
        for name, value in predefined.items():
            self.define(f"{name} {value}")
        for d in defines:
            name, _, value = d.partition("=")
            self.define(f"{name} {value or '1'}")

    def define(self, text):
        toks = tokenize(text + "\n", "<command-line>", record=False)
        toks[0].bol = False
        self.do_define(toks, 0)

    def undef(self, name):
        self.macros.pop(name, None)

    # ---- reading files and lines

    def run_file(self, path):
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            text = f.read()
        toks = tokenize(text, path)
        out = self.run(toks)
        if self.cond_stack:
            raise CompileError("unterminated conditional directive", self.cond_stack[-1][0])
        return out + [toks[-1]]

    def run(self, toks):
        out, i = [], 0
        while toks[i].kind != "eof":
            t = toks[i]
            if t.text == "#" and t.bol:
                i = self.directive(toks, i + 1, out)
                continue
            line_end = i
            while toks[line_end].kind != "eof" and not (toks[line_end].bol and toks[line_end].text == "#" and line_end > i):
                line_end += 1
            out.extend(self.expand(toks[i:line_end], True))
            i = line_end
        return out

    def line_tokens(self, toks, i):
        """Tokens from i to the end of the line, and the index after them."""
        j = i
        while toks[j].kind != "eof" and not toks[j].bol:
            j += 1
        return toks[i:j], j

    # ---- directives

    def directive(self, toks, i, out):
        t = toks[i]
        if t.bol or t.kind == "eof":
            return i                         # null directive
        name = t.text
        rest, nxt = self.line_tokens(toks, i + 1)
        if name == "include":
            out.extend(self.include(rest, t))
        elif name == "define":
            self.do_define(toks, i + 1)
        elif name == "undef":
            if rest:
                self.undef(rest[0].text)
        elif name in ("if", "ifdef", "ifndef"):
            if name == "if":
                value = self.eval_if(rest, t)
            else:
                if not rest or rest[0].kind != "id":
                    raise CompileError(f"macro name missing after #{name}", t)
                value = (rest[0].text in self.macros) == (name == "ifdef")
            self.cond_stack.append([t, value, False])
            if not value:
                return self.skip(toks, nxt)
        elif name in ("elif", "else"):
            if not self.cond_stack or self.cond_stack[-1][2]:
                raise CompileError(f"#{name} without #if", t)
            # we were in a taken branch: skip the rest of the group
            self.cond_stack[-1][2] = name == "else"
            return self.skip(toks, nxt, to_end=True)
        elif name == "endif":
            if not self.cond_stack:
                raise CompileError("#endif without #if", t)
            self.cond_stack.pop()
        elif name == "error":
            raise CompileError("#error " + " ".join(x.text for x in rest), t)
        elif name == "warning":
            warn("#warning " + " ".join(x.text for x in rest), t)
        elif name == "pragma":
            if rest and rest[0].text == "once":
                self.once.add(os.path.realpath(t.file))
        elif name == "line" or t.kind == "num":
            self.do_line(rest if name == "line" else [t] + rest, toks, nxt, t)
        else:
            raise CompileError(f"invalid preprocessing directive #{name}", t)
        return nxt

    def skip(self, toks, i, to_end=False):
        """Skips a false group; returns index at the directive that resumes output."""
        depth = 0
        while toks[i].kind != "eof":
            t = toks[i]
            if t.text == "#" and t.bol and not toks[i + 1].bol:
                d = toks[i + 1].text
                if d in ("if", "ifdef", "ifndef"):
                    depth += 1
                elif d == "endif":
                    if depth == 0:
                        return i
                    depth -= 1
                elif depth == 0 and d == "else" and not to_end:
                    self.cond_stack[-1][2] = True
                    return self.line_tokens(toks, i + 2)[1]
                elif depth == 0 and d == "elif" and not to_end:
                    rest, nxt = self.line_tokens(toks, i + 2)
                    if self.eval_if(rest, toks[i + 1]):
                        return nxt
                    i = nxt
                    continue
            i += 1
        raise CompileError("unterminated conditional directive", self.cond_stack[-1][0])

    def do_line(self, rest, toks, nxt, t):
        rest = self.expand(rest)
        if not rest or rest[0].kind != "num":
            raise CompileError("#line directive requires a line number", t)
        delta = int(rest[0].text) - toks[nxt].line
        new_file = rest[1].text[1:-1] if len(rest) > 1 and rest[1].kind == "str" else None
        old_file = toks[nxt].file
        for k in range(nxt, len(toks)):
            if toks[k].file != old_file:
                continue
            toks[k] = toks[k].copy(line=toks[k].line + delta, file=new_file or old_file)

    def do_define(self, toks, i):
        name = toks[i]
        if name.kind != "id" or name.bol:
            raise CompileError("macro names must be identifiers", name)
        i += 1
        params, variadic = None, False
        if toks[i].text == "(" and not toks[i].space and not toks[i].bol:
            params, i = [], i + 1
            while toks[i].text != ")":
                if toks[i].bol or toks[i].kind == "eof":
                    raise CompileError("missing ')' in macro parameter list", toks[i])
                if toks[i].text == "...":
                    variadic = True
                elif toks[i].kind == "id":
                    params.append(toks[i].text)
                elif toks[i].text != ",":
                    raise CompileError("expected parameter name", toks[i])
                i += 1
            i += 1
        body, _ = self.line_tokens(toks, i) if not toks[i].bol else ([], i)
        self.macros[name.text] = Macro(name.text, body, params, variadic)

    def include(self, rest, t):
        if not rest:
            raise CompileError("#include expects \"FILENAME\" or <FILENAME>", t)
        if rest[0].kind != "str" and rest[0].text != "<":
            rest = self.expand(rest)
        if rest and rest[0].kind == "str":
            name, dirs = rest[0].text[1:-1], [os.path.dirname(t.file)] + self.include_paths
        elif rest and rest[0].text == "<":
            k = 1
            while k < len(rest) and rest[k].text != ">":
                k += 1
            name, dirs = "".join((" " if x.space else "") + x.text for x in rest[1:k]).strip(), self.include_paths
        else:
            raise CompileError("#include expects \"FILENAME\" or <FILENAME>", t)
        for d in dirs:
            path = os.path.join(d, name)
            if os.path.isfile(path):
                if os.path.realpath(path) in self.once:
                    return []
                depth = len(self.cond_stack)
                with open(path, encoding="utf-8", errors="surrogateescape") as f:
                    toks = tokenize(f.read(), path)
                out = self.run(toks)
                if len(self.cond_stack) != depth:
                    raise CompileError("unterminated conditional directive", self.cond_stack[-1][0])
                return out
        raise CompileError(f"{name}: No such file or directory", t)

    # ---- #if expressions

    def eval_if(self, rest, t):
        toks, k = [], 0
        while k < len(rest):                      # replace defined X / defined(X) first
            if rest[k].text == "defined":
                paren = k + 1 < len(rest) and rest[k + 1].text == "("
                name = rest[k + 2] if paren else (rest[k + 1] if k + 1 < len(rest) else None)
                if name is None or name.kind != "id":
                    raise CompileError("macro name missing after defined", rest[k])
                toks.append(rest[k].copy(kind="num", text="1" if name.text in self.macros else "0"))
                k += 4 if paren else 2
            else:
                toks.append(rest[k])
                k += 1
        toks = self.expand(toks)
        toks = [x.copy(kind="num", text="0") if x.kind == "id" else x for x in toks]
        if not toks:
            raise CompileError("#if with no expression", t)
        from .constexpr import eval_pp_expr
        return eval_pp_expr(toks, t) != 0

    # ---- macro expansion

    def expand(self, toks, top=False):
        out, toks, i = [], list(toks), 0
        while i < len(toks):
            t = toks[i]
            m = self.macros.get(t.text) if t.kind == "id" else None
            if t.kind == "id" and t.text in ("__FILE__", "__LINE__"):
                origin = t.origin or t
                text = f'"{origin.file}"' if t.text == "__FILE__" else str(origin.line)
                out.append(t.copy(kind="str" if t.text == "__FILE__" else "num", text=text))
                i += 1
                continue
            if m is None or t.text in t.hide:
                out.append(t)
                i += 1
                continue
            if m.params is None:
                hide = t.hide | {m.name}
                body = [self.relocate(b, t, hide) for b in self.substitute(m, {}, t)]
                if body:
                    body[0] = body[0].copy(space=t.space, bol=t.bol)
                toks[i:i + 1] = body
                continue
            if i + 1 >= len(toks) or toks[i + 1].text != "(":
                out.append(t)
                i += 1
                continue
            args, end = self.collect_args(toks, i + 1, m, t)
            hide = (t.hide & toks[end].hide) | {m.name}
            body = [self.relocate(b, t, hide) for b in self.substitute(m, args, t)]
            if body:
                body[0] = body[0].copy(space=t.space, bol=t.bol)
            toks[i:end + 1] = body
        return out

    @staticmethod
    def relocate(b, site, hide):
        return b.copy(hide=b.hide | hide, origin=site.origin or site, file=site.file,
                      line=site.line, col=site.col, bol=False)

    def collect_args(self, toks, i, m, site):
        args, cur, depth, i = [], [], 0, i + 1
        while True:
            if i >= len(toks):
                raise CompileError(f"unterminated argument list invoking macro \"{m.name}\"", site)
            t = toks[i]
            if t.text in "([{" and t.kind == "punct" and t.text == "(":
                depth += 1
            elif t.text == ")" and depth == 0:
                break
            elif t.text == ")":
                depth -= 1
            if t.text == "," and depth == 0 and not (m.variadic and len(args) == len(m.params)):
                args.append(cur)
                cur = []
            else:
                cur.append(t)
            i += 1
        args.append(cur)
        names = list(m.params) + (["__VA_ARGS__"] if m.variadic else [])
        if len(args) == 1 and not args[0] and not names:
            args = []
        if m.variadic and len(args) == len(m.params):
            args.append([])
        if len(args) != len(names):
            raise CompileError(f"macro \"{m.name}\" passed {len(args)} arguments, but takes {len(names)}", site)
        return dict(zip(names, args)), i

    def substitute(self, m, args, site):
        out, body, k = [], m.body, 0
        while k < len(body):
            b = body[k]
            if b.text == "#" and m.params is not None and k + 1 < len(body) and body[k + 1].text in args:
                out.append(self.stringize(args[body[k + 1].text], b))
                k += 2
                continue
            if b.text == "##" and out and k + 1 < len(body):
                rhs = body[k + 1]
                rhs_toks = args[rhs.text] if rhs.text in args else [rhs]
                if rhs.text == "__VA_ARGS__" and out[-1].text == ",":
                    if not rhs_toks:
                        out.pop()                    # GNU: , ## __VA_ARGS__ drops the comma
                    out.extend(self.expand(rhs_toks))
                elif rhs_toks:
                    out[-1] = self.paste(out[-1], rhs_toks[0])
                    out.extend(rhs_toks[1:])
                k += 2
                continue
            if b.text in args:
                arg = args[b.text]
                if k + 1 < len(body) and body[k + 1].text == "##":
                    out.extend(arg)                  # operands of ## are not expanded
                else:
                    expanded = self.expand(arg)
                    if expanded:
                        expanded[0] = expanded[0].copy(space=b.space)
                    out.extend(expanded)
                k += 1
                continue
            out.append(b)
            k += 1
        return out

    def stringize(self, arg, at):
        text = "".join((" " if t.space and n else "") + t.text for n, t in enumerate(arg))
        text = text.replace("\\", "\\\\").replace('"', '\\"')
        return at.copy(kind="str", text=f'"{text}"')

    def paste(self, a, b):
        toks = tokenize(a.text + b.text, a.file, record=False)
        if len(toks) != 2:
            raise CompileError(f"pasting \"{a.text}\" and \"{b.text}\" does not give a valid preprocessing token", a)
        return a.copy(kind=toks[0].kind, text=toks[0].text)
