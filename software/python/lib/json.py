"""json: a small JSON encoder/decoder for our runtime (dumps/loads/dump/load)."""


class JSONDecodeError(ValueError):
    pass


_ESCAPES = {'"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f'}


def _encode_str(s, ensure_ascii):
    out = ['"']
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or (ensure_ascii and ord(ch) > 0x7e):
            code = ord(ch)
            if code > 0xffff:
                code -= 0x10000
                out.append('\\u%04x\\u%04x' % (0xd800 + (code >> 10), 0xdc00 + (code & 0x3ff)))
            else:
                out.append('\\u%04x' % code)
        else:
            out.append(ch)
    out.append('"')
    return ''.join(out)


def _encode(obj, indent, level, sort_keys, ensure_ascii, separators):
    item_sep, key_sep = separators
    if obj is None:
        return 'null'
    if obj is True:
        return 'true'
    if obj is False:
        return 'false'
    if isinstance(obj, int):
        return str(obj)
    if isinstance(obj, float):
        if obj != obj:
            return 'NaN'
        if obj in (float('inf'), float('-inf')):
            return 'Infinity' if obj > 0 else '-Infinity'
        return repr(obj)
    if isinstance(obj, str):
        return _encode_str(obj, ensure_ascii)
    if isinstance(obj, (list, tuple)):
        if not obj:
            return '[]'
        parts = [_encode(v, indent, level + 1, sort_keys, ensure_ascii, separators) for v in obj]
        return _wrap('[', ']', parts, indent, level, item_sep)
    if isinstance(obj, dict):
        if not obj:
            return '{}'
        keys = sorted(obj) if sort_keys else list(obj)
        parts = []
        for k in keys:
            if isinstance(k, str):
                ks = k
            elif isinstance(k, (int, float, bool)) or k is None:
                ks = _encode(k, None, 0, False, ensure_ascii, separators)
            else:
                raise TypeError('keys must be str, int, float, bool or None, not %s' % type(k).__name__)
            parts.append(_encode_str(ks, ensure_ascii) + key_sep +
                         _encode(obj[k], indent, level + 1, sort_keys, ensure_ascii, separators))
        return _wrap('{', '}', parts, indent, level, item_sep)
    raise TypeError('Object of type %s is not JSON serializable' % type(obj).__name__)


def _wrap(open_, close, parts, indent, level, item_sep):
    if indent is None:
        return open_ + item_sep.join(parts) + close
    pad = ' ' * indent if isinstance(indent, int) else indent
    inner = '\n' + pad * (level + 1)
    return open_ + inner + (item_sep.rstrip() + inner).join(parts) + '\n' + pad * level + close


def dumps(obj, indent=None, sort_keys=False, ensure_ascii=True, separators=None, **kw):
    if separators is None:
        separators = (', ', ': ') if indent is None else (',', ': ')
    return _encode(obj, indent, 0, sort_keys, ensure_ascii, separators)


def dump(obj, fp, **kw):
    fp.write(dumps(obj, **kw))


class _Parser:
    def __init__(self, text):
        self.s = text
        self.i = 0

    def error(self, msg):
        line = self.s.count('\n', 0, self.i) + 1
        col = self.i - (self.s.rfind('\n', 0, self.i) + 1) + 1
        raise JSONDecodeError('%s: line %d column %d (char %d)' % (msg, line, col, self.i))

    def ws(self):
        s, i = self.s, self.i
        while i < len(s) and s[i] in ' \t\n\r':
            i += 1
        self.i = i

    def value(self):
        self.ws()
        if self.i >= len(self.s):
            self.error('Expecting value')
        c = self.s[self.i]
        if c == '{':
            return self.obj()
        if c == '[':
            return self.arr()
        if c == '"':
            return self.string()
        for word, val in (('null', None), ('true', True), ('false', False), ('NaN', float('nan')),
                          ('Infinity', float('inf')), ('-Infinity', float('-inf'))):
            if self.s.startswith(word, self.i):
                self.i += len(word)
                return val
        return self.number()

    def number(self):
        s, start = self.s, self.i
        i = start
        if i < len(s) and s[i] == '-':
            i += 1
        while i < len(s) and s[i].isdigit():
            i += 1
        is_float = False
        if i < len(s) and s[i] == '.':
            is_float = True
            i += 1
            while i < len(s) and s[i].isdigit():
                i += 1
        if i < len(s) and s[i] in 'eE':
            is_float = True
            i += 1
            if i < len(s) and s[i] in '+-':
                i += 1
            while i < len(s) and s[i].isdigit():
                i += 1
        text = s[start:i]
        if not text or text == '-':
            self.error('Expecting value')
        self.i = i
        return float(text) if is_float else int(text)

    def string(self):
        s = self.s
        self.i += 1
        out = []
        while True:
            j = self.i
            while j < len(s) and s[j] != '"' and s[j] != '\\':
                j += 1
            out.append(s[self.i:j])
            if j >= len(s):
                self.i = j
                self.error('Unterminated string starting at')
            if s[j] == '"':
                self.i = j + 1
                return ''.join(out)
            esc = s[j + 1:j + 2]
            if esc == 'u':
                code = int(s[j + 2:j + 6], 16)
                j += 6
                if 0xd800 <= code < 0xdc00 and s[j:j + 2] == '\\u':
                    low = int(s[j + 2:j + 6], 16)
                    code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00)
                    j += 6
                out.append(chr(code))
                self.i = j
                continue
            mapping = {'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}
            if esc not in mapping:
                self.i = j
                self.error('Invalid \\escape')
            out.append(mapping[esc])
            self.i = j + 2

    def arr(self):
        self.i += 1
        result = []
        self.ws()
        if self.s[self.i:self.i + 1] == ']':
            self.i += 1
            return result
        while True:
            result.append(self.value())
            self.ws()
            c = self.s[self.i:self.i + 1]
            self.i += 1
            if c == ']':
                return result
            if c != ',':
                self.i -= 1
                self.error("Expecting ',' delimiter")

    def obj(self):
        self.i += 1
        result = {}
        self.ws()
        if self.s[self.i:self.i + 1] == '}':
            self.i += 1
            return result
        while True:
            self.ws()
            if self.s[self.i:self.i + 1] != '"':
                self.error('Expecting property name enclosed in double quotes')
            key = self.string()
            self.ws()
            if self.s[self.i:self.i + 1] != ':':
                self.error("Expecting ':' delimiter")
            self.i += 1
            result[key] = self.value()
            self.ws()
            c = self.s[self.i:self.i + 1]
            self.i += 1
            if c == '}':
                return result
            if c != ',':
                self.i -= 1
                self.error("Expecting ',' delimiter")


def loads(text, **kw):
    if isinstance(text, (bytes, bytearray)):
        text = text.decode('utf-8')
    p = _Parser(text)
    value = p.value()
    p.ws()
    if p.i != len(text):
        p.error('Extra data')
    return value


def load(fp, **kw):
    return loads(fp.read())
