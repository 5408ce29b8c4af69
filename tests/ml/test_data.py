"""GPT-2 BPE against tiktoken built offline from the same ranks; trained BPE,
character tokenizer, datasets."""
import json
import numpy as np
import pytest
import tiktoken
from ml import tensor as nd
from ml.data import (BPETokenizer, CharTokenizer, TokenDataset, bytes_to_unicode, gpt2_vocab_files,
                     shakespeare_text, tokenize_cached, train_bpe)

GPT2_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
TEXTS = [
    "Hello world! How's it going?  We'll see, they'd said.\n\nOK",
    "  leading and trailing spaces   ",
    "tabs\tand\t\tnew\nlines\r\n\r\nand \u00a0no-break\u2003em space\u3000ideographic",
    "naïve café, Ærø; straße ΕΛΛΗΝΙΚΆ русский 東京タワー 한국어 עברית العربية",
    "digits 123 4567 ½ ³ ٣ ߁ Ⅻ 3.14159 -42 1e10",
    "emoji 😀🎉👍🏽 and joiners 👨‍👩‍👧 zero\u200bwidth",
    "quotes 'single' \"double\" 'S 'T 'RE don't I'M y'all rock'n'roll '' 's",
    "odd \x1c\x1d\x1e\x1f control \x85 nel \x0b\x0c ends\n\n\n",
    "punct!!! ??? ... --- ((())) [x] {y} <|endoftext|> @#$%^&*",
    "",
]


@pytest.fixture(scope='module')
def tokenizers():
    enc_json, vocab_bpe = gpt2_vocab_files()
    ours = BPETokenizer.from_files(enc_json, vocab_bpe)
    byte_decoder = dict((v, k) for k, v in bytes_to_unicode().items())
    with open(enc_json, encoding='utf-8') as f:
        encoder = json.load(f)
    ranks = dict((bytes(byte_decoder[c] for c in tok), i) for tok, i in encoder.items() if tok != '<|endoftext|>')
    ref = tiktoken.Encoding(name='gpt2_offline', pat_str=GPT2_PATTERN, mergeable_ranks=ranks,
                            special_tokens={'<|endoftext|>': 50256})
    return ours, ref


@pytest.mark.parametrize('i', range(len(TEXTS)))
def test_bpe_matches_tiktoken(tokenizers, i):
    ours, ref = tokenizers
    ids = ours.encode(TEXTS[i])
    assert ids == ref.encode_ordinary(TEXTS[i])
    assert ours.decode(ids) == TEXTS[i]


def test_bpe_on_shakespeare_and_random_unicode(tokenizers):
    ours, ref = tokenizers
    text = shakespeare_text()[100000:160000]
    assert ours.encode(text) == ref.encode_ordinary(text)
    r = np.random.RandomState(0)
    pool = [chr(c) for c in list(range(32, 127)) + list(range(0xa0, 0x250)) + list(range(0x370, 0x3ff))
            + list(range(0x3040, 0x30ff)) + [0x1f600, 0x1f389, 0x2028, 0x85, 0x1c, 9, 10, 13, 0x3000]]
    for _ in range(20):
        s = ''.join(pool[k] for k in r.randint(0, len(pool), 200))
        assert ours.encode(s) == ref.encode_ordinary(s), s


def test_bpe_special_token(tokenizers):
    ours, ref = tokenizers
    text = 'one<|endoftext|>two'
    assert ours.encode(text, allow_endoftext=True) == ref.encode(text, allowed_special='all')


def test_train_bpe():
    text = 'low lower lowest newer newest wider ' * 20
    tok = train_bpe(text, 256 + 12)
    assert tok.vocab_size == 268
    ids = tok.encode('lowest newer')
    assert tok.decode(ids) == 'lowest newer'
    assert len(ids) < len('lowest newer')
    # the first merge is the most frequent adjacent pair within pre-tokenized pieces
    import collections
    from ml.data import pretokenize
    pairs = collections.Counter()
    enc = bytes_to_unicode()
    for piece in pretokenize(text):
        word = [enc[b] for b in piece.encode()]
        pairs.update(zip(word, word[1:]))
    top = max(pairs.values())
    assert tok.decoder[256] == min(a + b for (a, b), n in pairs.items() if n == top)


def test_char_tokenizer():
    tok = CharTokenizer.from_text('hello world')
    assert tok.vocab_size == 8
    assert tok.decode(tok.encode('world hello')) == 'world hello'
    with pytest.raises(ValueError, match="'z' is not in the vocabulary"):
        tok.encode('zebra')


def test_dataset_batches_and_cache(tmp_path):
    text = 'abcdefghij' * 50
    tok = CharTokenizer.from_text(text)
    cache = str(tmp_path / 'ids.bin')
    ids = tokenize_cached(text, tok, cache)
    assert list(tokenize_cached(None, tok, cache)) == list(ids)
    data = TokenDataset(ids, 8)
    x, y = data.train_batch(4, nd.Generator(0), 'python')
    assert x.shape == (4, 8) and y.shape == (4, 8)
    for row_x, row_y in zip(x.tolist(), y.tolist()):
        assert row_x[1:] == row_y[:-1] and (row_x[0] + 1) % 10 == row_x[1]
    v1 = [b[0].tolist() for b in data.val_batches(2, 2)]
    v2 = [b[0].tolist() for b in data.val_batches(2, 2)]
    assert v1 == v2
    with pytest.raises(ValueError, match='too few'):
        TokenDataset(ids[:50], 8)
