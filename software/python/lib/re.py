"""re: a backtracking regular-expression engine for our runtime.

Supports literals, ., classes [a-z] [^...], \\d \\w \\s (and negations),
\\b \\B \\A \\Z ^ $, groups (...), (?:...), (?P<name>...), lookahead (?=...)
(?!...), alternation, the quantifiers * + ? {m,n} with lazy forms, and
the flags I, M, S, X.  Patterns compile to a tree matched with
continuations; runs of single-character items are matched iteratively so
long inputs do not deepen the recursion.
"""

I = IGNORECASE = 2
M = MULTILINE = 8
S = DOTALL = 16
X = VERBOSE = 64
A = ASCII = 256
U = UNICODE = 32


class error(Exception):
    pass


_DIGIT = set('0123456789')
_SPACE = set(' \t\n\r\f\v')


def _is_word(c):
    return c.isalnum() or c == '_'


class _Parser:
    def __init__(self, pattern, flags):
        self.p, self.i, self.flags = pattern, 0, flags
        self.ngroups, self.names = 0, {}

    def peek(self):
        self.skip_verbose()
        return self.p[self.i] if self.i < len(self.p) else None

    def skip_verbose(self):
        if not self.flags & X:
            return
        while self.i < len(self.p):
            c = self.p[self.i]
            if c in ' \t\n\r\f\v':
                self.i += 1
            elif c == '#':
                while self.i < len(self.p) and self.p[self.i] != '\n':
                    self.i += 1
            else:
                break

    def parse(self):
        node = self.alternation()
        if self.i < len(self.p):
            raise error('unbalanced parenthesis at position %d' % self.i)
        return node

    def alternation(self):
        branches = [self.sequence()]
        while self.peek() == '|':
            self.i += 1
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else ('alt', branches)

    def sequence(self):
        items = []
        while True:
            c = self.peek()
            if c is None or c in '|)':
                break
            items.append(self.quantified())
        return ('cat', items)

    def quantified(self):
        atom = self.atom()
        while True:
            c = self.peek()
            if c in ('*', '+', '?'):
                self.i += 1
                lo, hi = {'*': (0, None), '+': (1, None), '?': (0, 1)}[c]
            elif c == '{' and self._brace_ahead():
                lo, hi = self._braces()
            else:
                return atom
            greedy = True
            if self.i < len(self.p) and self.p[self.i] == '?':
                self.i += 1
                greedy = False
            atom = ('rep', atom, lo, hi, greedy)

    def _brace_ahead(self):
        j = self.p.find('}', self.i)
        body = self.p[self.i + 1:j] if j > 0 else ''
        return j > 0 and body and all(ch.isdigit() or ch == ',' for ch in body)

    def _braces(self):
        j = self.p.find('}', self.i)
        body = self.p[self.i + 1:j]
        self.i = j + 1
        if ',' in body:
            a, b = body.split(',', 1)
            return int(a or 0), (int(b) if b else None)
        return int(body), int(body)

    def atom(self):
        c = self.peek()
        self.i += 1
        if c == '.':
            return ('any',)
        if c == '^':
            return ('bol',)
        if c == '$':
            return ('eol',)
        if c == '(':
            return self.group()
        if c == '[':
            return self.charclass()
        if c == '\\':
            return self.escape(False)
        if c in '*+?':
            raise error('nothing to repeat at position %d' % (self.i - 1))
        return ('lit', c)

    def group(self):
        if self.p.startswith('?:', self.i):
            self.i += 2
            node = self.alternation()
            self.expect(')')
            return node
        if self.p.startswith('?=', self.i) or self.p.startswith('?!', self.i):
            neg = self.p[self.i + 1] == '!'
            self.i += 2
            node = self.alternation()
            self.expect(')')
            return ('look', node, neg)
        name = None
        if self.p.startswith('?P<', self.i):
            j = self.p.index('>', self.i)
            name = self.p[self.i + 3:j]
            self.i = j + 1
        elif self.p.startswith('?', self.i):
            raise error('unsupported group syntax at position %d' % self.i)
        self.ngroups += 1
        idx = self.ngroups
        if name:
            self.names[name] = idx
        node = self.alternation()
        self.expect(')')
        return ('group', idx, node)

    def expect(self, ch):
        if self.peek() != ch:
            raise error('missing %s, unterminated subpattern' % ch)
        self.i += 1

    def escape(self, in_class):
        c = self.p[self.i]
        self.i += 1
        table = {'n': '\n', 't': '\t', 'r': '\r', 'f': '\f', 'v': '\v', 'a': '\a', '0': '\0'}
        if c in table:
            return ('lit', table[c])
        if c in 'dDwWsS':
            return ('cls', c)
        if not in_class:
            if c == 'b':
                return ('wordb', False)
            if c == 'B':
                return ('wordb', True)
            if c == 'A':
                return ('start',)
            if c == 'Z':
                return ('end',)
        if c == 'x':
            v = int(self.p[self.i:self.i + 2], 16)
            self.i += 2
            return ('lit', chr(v))
        return ('lit', c)

    def charclass(self):
        negate = False
        if self.i < len(self.p) and self.p[self.i] == '^':
            negate = True
            self.i += 1
        items = []
        first = True
        while True:
            if self.i >= len(self.p):
                raise error('unterminated character set')
            c = self.p[self.i]
            if c == ']' and not first:
                self.i += 1
                break
            first = False
            self.i += 1
            if c == '\\':
                item = self.escape(True)
                if item[0] == 'cls':
                    items.append(item)
                    continue
                c = item[1]
            if self.i + 1 < len(self.p) and self.p[self.i] == '-' and self.p[self.i + 1] != ']':
                self.i += 1
                hi = self.p[self.i]
                self.i += 1
                if hi == '\\':
                    hi = self.escape(True)[1]
                items.append(('range', c, hi))
            else:
                items.append(('lit', c))
        return ('set', negate, items)


def _class_test(kind, ch):
    if kind == 'd':
        return ch in _DIGIT
    if kind == 'D':
        return ch not in _DIGIT
    if kind == 'w':
        return _is_word(ch)
    if kind == 'W':
        return not _is_word(ch)
    if kind == 's':
        return ch in _SPACE
    return ch not in _SPACE


def _single(node, flags):
    """A test function for nodes that match exactly one character, else None."""
    t = node[0]
    icase = flags & I
    if t == 'lit':
        want = node[1]
        if icase:
            lw = want.lower()
            return lambda ch: ch.lower() == lw
        return lambda ch: ch == want
    if t == 'any':
        if flags & S:
            return lambda ch: True
        return lambda ch: ch != '\n'
    if t == 'cls':
        kind = node[1]
        return lambda ch: _class_test(kind, ch)
    if t == 'set':
        negate, items = node[1], node[2]
        chars = set()
        ranges, classes = [], []
        for it in items:
            if it[0] == 'lit':
                chars.add(it[1])
                if icase:
                    chars.add(it[1].lower())
                    chars.add(it[1].upper())
            elif it[0] == 'range':
                ranges.append((it[1], it[2]))
            else:
                classes.append(it[1])

        def test(ch):
            hit = ch in chars or any(lo <= ch <= hi for lo, hi in ranges) or any(_class_test(k, ch) for k in classes)
            if not hit and icase:
                lc, uc = ch.lower(), ch.upper()
                hit = any(lo <= lc <= hi or lo <= uc <= hi for lo, hi in ranges)
            return hit != negate
        return test
    return None


class _Matcher:
    def __init__(self, flags, ngroups):
        self.flags = flags
        self.ngroups = ngroups

    def compile(self, node):
        """Turns a node into a function m(s, i, caps, k) -> end or None."""
        t = node[0]
        test = _single(node, self.flags)
        if test is not None:
            def m_single(s, i, caps, k):
                if i < len(s) and test(s[i]):
                    return k(i + 1)
                return None
            return m_single
        if t == 'cat':
            parts = [self.compile(n) for n in node[1]]
            if not parts:
                return lambda s, i, caps, k: k(i)

            def m_cat(s, i, caps, k, idx=0):
                if idx == len(parts):
                    return k(i)
                return parts[idx](s, i, caps, lambda j: m_cat(s, j, caps, k, idx + 1))
            return m_cat
        if t == 'alt':
            branches = [self.compile(n) for n in node[1]]

            def m_alt(s, i, caps, k):
                for b in branches:
                    r = b(s, i, caps, k)
                    if r is not None:
                        return r
                return None
            return m_alt
        if t == 'group':
            idx, inner = node[1], self.compile(node[2])

            def m_group(s, i, caps, k):
                old = caps[idx]

                def close(j):
                    saved = caps[idx]
                    caps[idx] = (i, j)
                    r = k(j)
                    if r is None:
                        caps[idx] = saved
                    return r
                r = inner(s, i, caps, close)
                if r is None:
                    caps[idx] = old
                return r
            return m_group
        if t == 'rep':
            return self.compile_rep(node)
        if t == 'look':
            inner, neg = self.compile(node[1]), node[2]

            def m_look(s, i, caps, k):
                found = inner(s, i, caps, lambda j: j) is not None
                return k(i) if found != neg else None
            return m_look
        if t == 'bol':
            multi = self.flags & M
            return lambda s, i, caps, k: k(i) if i == 0 or (multi and s[i - 1] == '\n') else None
        if t == 'eol':
            multi = self.flags & M

            def m_eol(s, i, caps, k):
                if i == len(s) or (s[i] == '\n' and (multi or i == len(s) - 1)):
                    return k(i)
                return None
            return m_eol
        if t == 'start':
            return lambda s, i, caps, k: k(i) if i == 0 else None
        if t == 'end':
            return lambda s, i, caps, k: k(i) if i == len(s) else None
        if t == 'wordb':
            neg = node[1]

            def m_wordb(s, i, caps, k):
                a = i > 0 and _is_word(s[i - 1])
                b = i < len(s) and _is_word(s[i])
                return k(i) if (a != b) != neg else None
            return m_wordb
        raise error('bad node %r' % (t,))

    def compile_rep(self, node):
        _, sub, lo, hi, greedy = node
        test = _single(sub, self.flags)
        if test is not None:
            def m_run(s, i, caps, k):
                limit = len(s) if hi is None else min(len(s), i + hi)
                j = i
                while j < limit and test(s[j]):
                    j += 1
                if j - i < lo:
                    return None
                if greedy:
                    n = j
                    while n >= i + lo:
                        r = k(n)
                        if r is not None:
                            return r
                        n -= 1
                else:
                    n = i + lo
                    while n <= j:
                        r = k(n)
                        if r is not None:
                            return r
                        n += 1
                return None
            return m_run
        inner = self.compile(sub)

        def m_rep(s, i, caps, k, count=0):
            def more(j):
                if j == i:
                    return None
                return m_rep(s, j, caps, k, count + 1)
            if greedy:
                if hi is None or count < hi:
                    r = inner(s, i, caps, more)
                    if r is not None:
                        return r
                return k(i) if count >= lo else None
            if count >= lo:
                r = k(i)
                if r is not None:
                    return r
            if hi is None or count < hi:
                return inner(s, i, caps, more)
            return None
        return m_rep


class Match:
    def __init__(self, pattern, string, pos, endpos, caps):
        self.re, self.string, self.pos, self.endpos = pattern, string, pos, endpos
        self._caps = caps
        last = None
        best_end = -1
        for idx in range(1, len(caps)):
            if caps[idx] is not None and caps[idx][1] >= best_end:
                best_end = caps[idx][1]
                last = idx
        self.lastindex = last
        self.lastgroup = None
        if last is not None:
            for name, idx in pattern.groupindex.items():
                if idx == last:
                    self.lastgroup = name

    def _index(self, g):
        if isinstance(g, str):
            if g not in self.re.groupindex:
                raise IndexError('no such group')
            return self.re.groupindex[g]
        if g < 0 or g >= len(self._caps):
            raise IndexError('no such group')
        return g

    def group(self, *groups):
        if not groups:
            groups = (0,)
        vals = []
        for g in groups:
            span = self._caps[self._index(g)]
            vals.append(None if span is None else self.string[span[0]:span[1]])
        return vals[0] if len(vals) == 1 else tuple(vals)

    def __getitem__(self, g):
        return self.group(g)

    def groups(self, default=None):
        return tuple(default if c is None else self.string[c[0]:c[1]] for c in self._caps[1:])

    def groupdict(self, default=None):
        return {name: self.group(idx) if self._caps[idx] is not None else default
                for name, idx in self.re.groupindex.items()}

    def start(self, g=0):
        span = self._caps[self._index(g)]
        return -1 if span is None else span[0]

    def end(self, g=0):
        span = self._caps[self._index(g)]
        return -1 if span is None else span[1]

    def span(self, g=0):
        return (self.start(g), self.end(g))

    def __bool__(self):
        return True

    def __repr__(self):
        return '<re.Match object; span=%r, match=%r>' % (self.span(), self.group())


class Pattern:
    def __init__(self, pattern, flags):
        self.pattern, self.flags = pattern, flags
        parser = _Parser(pattern, flags)
        tree = parser.parse()
        self.groups = parser.ngroups
        self.groupindex = dict(parser.names)
        self._m = _Matcher(flags, parser.ngroups).compile(tree)

    def _at(self, string, i, full, endpos):
        caps = [None] * (self.groups + 1)
        s = string[:endpos] if endpos < len(string) else string
        end = self._m(s, i, caps, (lambda j: j if j == len(s) else None) if full else (lambda j: j))
        if end is None:
            return None
        caps[0] = (i, end)
        return Match(self, string, i, endpos, caps)

    def match(self, string, pos=0, endpos=None):
        return self._at(string, pos, False, len(string) if endpos is None else endpos)

    def fullmatch(self, string, pos=0, endpos=None):
        return self._at(string, pos, True, len(string) if endpos is None else endpos)

    def search(self, string, pos=0, endpos=None):
        endpos = len(string) if endpos is None else endpos
        for i in range(pos, endpos + 1):
            m = self._at(string, i, False, endpos)
            if m:
                return m
        return None

    def finditer(self, string, pos=0, endpos=None):
        endpos = len(string) if endpos is None else endpos
        i = pos
        while i <= endpos:
            m = self.search(string, i, endpos)
            if not m:
                return
            yield m
            i = m.end() if m.end() > m.start() else m.end() + 1

    def findall(self, string, pos=0, endpos=None):
        out = []
        for m in self.finditer(string, pos, endpos):
            if self.groups == 0:
                out.append(m.group())
            elif self.groups == 1:
                out.append(m.group(1) or '')
            else:
                out.append(tuple(g or '' for g in m.groups()))
        return out

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]

    def subn(self, repl, string, count=0):
        out, last, n = [], 0, 0
        for m in self.finditer(string):
            if count and n >= count:
                break
            out.append(string[last:m.start()])
            out.append(repl(m) if callable(repl) else _expand(m, repl))
            last = m.end()
            n += 1
        out.append(string[last:])
        return ''.join(out), n

    def split(self, string, maxsplit=0):
        out, last, n = [], 0, 0
        for m in self.finditer(string):
            if maxsplit and n >= maxsplit:
                break
            if m.end() == m.start() and m.start() in (0, len(string)):
                continue
            out.append(string[last:m.start()])
            out.extend(m.groups())
            last = m.end()
            n += 1
        out.append(string[last:])
        return out

    def __repr__(self):
        return 're.compile(%r)' % (self.pattern,)


def _expand(m, template):
    out, i = [], 0
    while i < len(template):
        c = template[i]
        if c == '\\' and i + 1 < len(template):
            d = template[i + 1]
            if d.isdigit():
                out.append(m.group(int(d)) or '')
                i += 2
                continue
            if d == 'g' and template[i + 2:i + 3] == '<':
                j = template.index('>', i)
                name = template[i + 3:j]
                out.append(m.group(int(name) if name.isdigit() else name) or '')
                i = j + 1
                continue
            out.append({'n': '\n', 't': '\t', '\\': '\\'}.get(d, '\\' + d))
            i += 2
            continue
        out.append(c)
        i += 1
    return ''.join(out)


_cache = {}


def compile(pattern, flags=0):
    if isinstance(pattern, Pattern):
        return pattern
    key = (pattern, flags)
    if key not in _cache:
        _cache[key] = Pattern(pattern, flags)
    return _cache[key]


def match(pattern, string, flags=0):
    return compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return compile(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    return compile(pattern, flags).search(string)


def findall(pattern, string, flags=0):
    return compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return compile(pattern, flags).finditer(string)


def sub(pattern, repl, string, count=0, flags=0):
    return compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return compile(pattern, flags).split(string, maxsplit)


def escape(pattern):
    return ''.join('\\' + c if not (c.isalnum() or c == '_') and ord(c) < 128 else c for c in pattern)
