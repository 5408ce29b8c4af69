"""The tokenizer a run uses, described in its checkpoint as a small dict."""
from ..data import BPETokenizer, CharTokenizer, gpt2_vocab_files


def make_tokenizer(spec):
    if spec['kind'] == 'char':
        return CharTokenizer(spec['chars'])
    if spec['kind'] == 'gpt2':
        return BPETokenizer.from_files(*gpt2_vocab_files())
    raise ValueError('unknown tokenizer %r (use char or gpt2)' % spec['kind'])


def tokenizer_spec(kind, text):
    if kind == 'char':
        return {'kind': 'char', 'chars': ''.join(sorted(set(text)))}
    return {'kind': kind}
