"""The train and sample command lines: short runs, bit-for-bit resume, loss
PNG, and clear errors on bad input."""
import os
import struct
import subprocess
import sys
import zlib
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEXT = ('First Citizen:\nBefore we proceed any further, hear me speak.\n\nAll:\nSpeak, speak.\n\n' * 40)


def run(*args):
    env = dict(os.environ, OMP_NUM_THREADS='1', OPENBLAS_NUM_THREADS='1')
    return subprocess.run([sys.executable] + list(args), cwd=ROOT, capture_output=True, text=True, env=env)


def train(out, data, *extra):
    return run('-m', 'ml.gpt2.train', '--config', 'tiny', '--data', data, '--out', out, '--steps', '6',
               '--eval-every', '3', '--eval-batches', '1', '--batch', '4', '--set', 'dropout=0.1', *extra)


@pytest.fixture()
def corpus(tmp_path):
    path = tmp_path / 'corpus.txt'
    path.write_text(TEXT)
    return str(path)


def read_png(path):
    raw = open(path, 'rb').read()
    assert raw[:8] == b'\x89PNG\r\n\x1a\n'
    pos, chunks = 8, {}
    while pos < len(raw):
        (n,) = struct.unpack('>I', raw[pos:pos + 4])
        kind, data = raw[pos + 4:pos + 8], raw[pos + 8:pos + 8 + n]
        assert struct.unpack('>I', raw[pos + 8 + n:pos + 12 + n])[0] == zlib.crc32(kind + data)
        chunks[kind] = chunks.get(kind, b'') + data
        pos += 12 + n
    w, h = struct.unpack('>II', chunks[b'IHDR'][:8])
    pixels = zlib.decompress(chunks[b'IDAT'])
    assert len(pixels) == h * (1 + 3 * w)
    return w, h, pixels


def test_train_resume_bit_for_bit_and_sample(tmp_path, corpus):
    a, b = str(tmp_path / 'a'), str(tmp_path / 'b')
    r = train(a, corpus)
    assert r.returncode == 0, r.stderr
    assert 'val loss' in r.stdout and 'step 6/6' in r.stderr
    r = train(b, corpus, '--stop-after', '4')
    assert r.returncode == 0, r.stderr
    r = train(b, corpus, '--resume')
    assert r.returncode == 0, r.stderr
    ckpt_a = open(os.path.join(a, 'ckpt.safetensors'), 'rb').read()
    assert ckpt_a == open(os.path.join(b, 'ckpt.safetensors'), 'rb').read()
    w, h, pixels = read_png(os.path.join(a, 'loss.png'))
    assert (w, h) == (640, 400) and len(set(pixels)) > 2
    r = run('-m', 'ml.gpt2.sample', '--ckpt', os.path.join(a, 'ckpt.safetensors'), '--prompt', 'First',
            '--tokens', '20', '--temperature', '0.9', '--top-k', '5')
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith('First') and len(r.stdout.rstrip('\n')) == 25
    assert set(r.stdout) <= set(TEXT)


def test_bad_inputs(tmp_path, corpus):
    out = str(tmp_path / 'x')
    r = train(out, corpus, '--set', 'n_layers=3')
    assert r.returncode == 1 and 'unknown config key(s): n_layers' in r.stderr and 'Traceback' not in r.stderr
    r = train(out, str(tmp_path / 'missing.txt'))
    assert r.returncode == 1 and 'cannot read' in r.stderr
    r = train(str(tmp_path / 'none'), corpus, '--resume')
    assert r.returncode == 1 and 'cannot read checkpoint' in r.stderr
    bad = tmp_path / 'bad.safetensors'
    bad.write_bytes(b'\x10\x00\x00')
    r = run('-m', 'ml.gpt2.sample', '--ckpt', str(bad))
    assert r.returncode == 1 and 'truncated' in r.stderr and 'Traceback' not in r.stderr
    assert train(out, corpus, '--steps', '2').returncode == 0
    r = run('-m', 'ml.gpt2.sample', '--ckpt', os.path.join(out, 'ckpt.safetensors'), '--prompt', 'Zq~')
    assert r.returncode == 1 and 'not in the vocabulary' in r.stderr
