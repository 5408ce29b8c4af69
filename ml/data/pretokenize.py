"""GPT-2's pre-tokenizer, written out by hand because stdlib `re` lacks \\p{L}
and \\p{N}. It is equivalent to the regex
  's|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+
scanned left to right: each piece is the first alternative matching there."""
import unicodedata

CONTRACTIONS = ("'s", "'t", "'re", "'ve", "'m", "'ll", "'d")
LETTER, NUMBER, SPACE, OTHER = 'L', 'N', 'S', 'O'
NOT_WHITE_SPACE = '\x1c\x1d\x1e\x1f'  # str.isspace() says yes, Unicode White_Space says no


def char_class(c):
    cat = unicodedata.category(c)[0]
    if cat in (LETTER, NUMBER):
        return cat
    if c.isspace() and c not in NOT_WHITE_SPACE:
        return SPACE
    return OTHER


def _run(text, i, cls):
    """End of the run of characters of class `cls` starting at i."""
    n = len(text)
    while i < n and char_class(text[i]) == cls:
        i += 1
    return i


def pretokenize(text):
    pieces, i, n = [], 0, len(text)
    while i < n:
        for c in CONTRACTIONS:
            if text.startswith(c, i):
                pieces.append(c)
                i += len(c)
                break
        else:
            start = i
            cls = char_class(text[i])
            if text[i] == ' ' and i + 1 < n and char_class(text[i + 1]) != SPACE:
                i, cls = i + 1, char_class(text[i + 1])
            if cls != SPACE:
                i = _run(text, i + 1, cls)
            else:
                end = _run(text, i, SPACE)
                # \s+(?!\S): leave the last blank to prefix the next word.
                i = end if end == n or end - i == 1 else end - 1
            pieces.append(text[start:i])
    return pieces
