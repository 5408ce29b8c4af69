"""Byte-level BPE as GPT-2 does it: text -> pre-tokenized pieces -> UTF-8
bytes, each shown as one printable character -> pairs merged lowest rank first
-> token ids. Also trains new merges on a corpus."""
import json
from .pretokenize import pretokenize

ENDOFTEXT = '<|endoftext|>'


def bytes_to_unicode():
    """GPT-2's reversible map of the 256 byte values to printable characters."""
    keep = list(range(ord('!'), ord('~') + 1)) + list(range(0xA1, 0xAD)) + list(range(0xAE, 0x100))
    table, extra = {}, 0
    for b in range(256):
        if b in keep:
            table[b] = chr(b)
        else:
            table[b] = chr(256 + extra)
            extra += 1
    return table


class BPETokenizer:
    def __init__(self, encoder, merges):
        """encoder: {token string: id}; merges: [(a, b)] in priority order."""
        self.encoder = encoder
        self.decoder = dict((v, k) for k, v in encoder.items())
        self.ranks = dict((pair, i) for i, pair in enumerate(merges))
        self.byte_encoder = bytes_to_unicode()
        self.byte_decoder = dict((v, k) for k, v in self.byte_encoder.items())
        self.cache = {}

    vocab_size = property(lambda self: len(self.encoder))

    @classmethod
    def from_files(cls, encoder_json, vocab_bpe):
        with open(encoder_json, encoding='utf-8') as f:
            encoder = json.load(f)
        with open(vocab_bpe, encoding='utf-8') as f:
            lines = f.read().split('\n')
        merges = [tuple(line.split()) for line in lines[1:] if line and not line.startswith('#version')]
        return cls(encoder, merges)

    def _merge(self, word):
        parts = list(word)
        while len(parts) > 1:
            best, best_rank = None, None
            for i in range(len(parts) - 1):
                r = self.ranks.get((parts[i], parts[i + 1]))
                if r is not None and (best_rank is None or r < best_rank):
                    best, best_rank = i, r
            if best is None:
                break
            pair = (parts[best], parts[best + 1])
            merged, i = [], 0
            while i < len(parts):
                if i < len(parts) - 1 and (parts[i], parts[i + 1]) == pair:
                    merged.append(parts[i] + parts[i + 1])
                    i += 2
                else:
                    merged.append(parts[i])
                    i += 1
            parts = merged
        return parts

    def encode(self, text, allow_endoftext=False):
        chunks = text.split(ENDOFTEXT) if allow_endoftext else [text]
        ids = []
        for k, chunk in enumerate(chunks):
            if k:
                ids.append(self.encoder[ENDOFTEXT])
            for piece in pretokenize(chunk):
                if piece not in self.cache:
                    word = ''.join(self.byte_encoder[b] for b in piece.encode('utf-8'))
                    self.cache[piece] = [self.encoder[t] for t in self._merge(word)]
                ids.extend(self.cache[piece])
        return ids

    def decode(self, ids):
        text = ''.join(self.decoder[i] for i in ids)
        return bytearray(self.byte_decoder[c] for c in text).decode('utf-8', errors='replace')


def train_bpe(text, vocab_size):
    """Learns merges on `text` (byte-level, within pre-tokenized pieces) until
    the vocabulary has vocab_size tokens; returns a BPETokenizer."""
    byte_encoder = bytes_to_unicode()
    counts = {}
    for piece in pretokenize(text):
        word = tuple(byte_encoder[b] for b in piece.encode('utf-8'))
        counts[word] = counts.get(word, 0) + 1
    encoder = dict((byte_encoder[b], b) for b in range(256))
    merges = []
    words = list(counts.items())
    while len(encoder) < vocab_size:
        pairs = {}
        for word, n in words:
            for pair in zip(word, word[1:]):
                pairs[pair] = pairs.get(pair, 0) + n
        if not pairs:
            break
        # Most frequent pair; ties go to the smallest pair, for determinism.
        best = min(pairs, key=lambda p: (-pairs[p], p))
        merges.append(best)
        encoder[best[0] + best[1]] = len(encoder)
        words = [(_apply(word, best), n) for word, n in words]
    return BPETokenizer(encoder, merges)


def _apply(word, pair):
    out, i = [], 0
    while i < len(word):
        if i < len(word) - 1 and (word[i], word[i + 1]) == pair:
            out.append(word[i] + word[i + 1])
            i += 2
        else:
            out.append(word[i])
            i += 1
    return tuple(out)
