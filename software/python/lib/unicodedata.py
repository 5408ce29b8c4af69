"""unicodedata.category for the characters our programs meet: exact for
ASCII and Latin-1; beyond that, major scripts by code point range (letters
'Lo'/'Ll'/'Lu', digits 'Nd', marks 'Mn'), everything else 'So'."""



def _latin1(o):
    c = chr(o)
    if o < 32 or 127 <= o < 160:
        return 'Cc'
    if c == ' ' or o == 0xA0:
        return 'Zs'
    if '0' <= c <= '9':
        return 'Nd'
    if 'A' <= c <= 'Z' or 0xC0 <= o <= 0xDE and o != 0xD7:
        return 'Lu'
    if 'a' <= c <= 'z' or 0xDF <= o <= 0xFF and o != 0xF7 or o in (0xAA, 0xB5, 0xBA):
        return 'Ll' if o not in (0xAA, 0xBA) else 'Lo'
    if c in '!"#%&\'*,./:;?@\\\xa1\xa7\xb6\xb7\xbf':
        return 'Po'
    if c in '([{':
        return 'Ps'
    if c in ')]}':
        return 'Pe'
    if c in '$\xa2\xa3\xa4\xa5':
        return 'Sc'
    if c in '+<=>|~\xac\xb1\xd7\xf7':
        return 'Sm'
    if c in '^`\xa8\xaf\xb4\xb8':
        return 'Sk'
    if c == '-':
        return 'Pd'
    if c == '_':
        return 'Pc'
    if c in '\xab':
        return 'Pi'
    if c in '\xbb':
        return 'Pf'
    if c in '\xb2\xb3\xb9\xbc\xbd\xbe':
        return 'No'
    if o == 0xAD:
        return 'Cf'
    return 'So'


_RANGES = [
    (0x0100, 0x024F, 'L'), (0x0250, 0x02AF, 'Ll'), (0x0300, 0x036F, 'Mn'), (0x0370, 0x03FF, 'L'),
    (0x0400, 0x0481, 'L'), (0x048A, 0x052F, 'L'), (0x0531, 0x0587, 'L'), (0x05D0, 0x05EA, 'Lo'),
    (0x0620, 0x064A, 'Lo'), (0x0660, 0x0669, 'Nd'), (0x0904, 0x0939, 'Lo'), (0x0966, 0x096F, 'Nd'),
    (0x0E01, 0x0E30, 'Lo'), (0x1100, 0x11FF, 'Lo'), (0x1E00, 0x1EFF, 'L'), (0x2000, 0x200A, 'Zs'),
    (0x2010, 0x2027, 'Po'), (0x3041, 0x3096, 'Lo'), (0x30A1, 0x30FA, 'Lo'), (0x3400, 0x4DBF, 'Lo'),
    (0x4E00, 0x9FFF, 'Lo'), (0xAC00, 0xD7A3, 'Lo'), (0xFF10, 0xFF19, 'Nd'), (0xFF21, 0xFF3A, 'Lu'),
    (0xFF41, 0xFF5A, 'Ll'),
]


def category(c):
    o = ord(c)
    if o < 256:
        return _latin1(o)
    for lo, hi, cat in _RANGES:
        if lo <= o <= hi:
            if cat == 'L':
                return 'Lu' if c.lower() != c else 'Ll'
            return cat
    return 'So'
