"""Character tokenizer: one id per distinct character, in sorted order."""


class CharTokenizer:
    def __init__(self, chars):
        self.chars = ''.join(chars)
        self.index = dict((c, i) for i, c in enumerate(self.chars))

    @classmethod
    def from_text(cls, text):
        return cls(sorted(set(text)))

    vocab_size = property(lambda self: len(self.chars))

    def encode(self, text):
        try:
            return [self.index[c] for c in text]
        except KeyError as e:
            raise ValueError('character %r is not in the vocabulary' % e.args[0])

    def decode(self, ids):
        return ''.join(self.chars[i] for i in ids)
