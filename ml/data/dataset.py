"""Token datasets: tokenize a corpus once (ids cached next to the run as
little-endian uint16/int32), then serve random training batches from the
first 90% and fixed validation batches from the rest."""
import os
import struct
from array import array
from .. import tensor as nd


def tokenize_cached(text, tokenizer, cache_path=None):
    code = 'H' if tokenizer.vocab_size <= 65536 else 'i'
    if cache_path and os.path.exists(cache_path):
        ids = array(code)
        with open(cache_path, 'rb') as f:
            ids.frombytes(f.read())
        return _le(ids)
    ids = array(code, tokenizer.encode(text))
    if cache_path:
        os.makedirs(os.path.dirname(cache_path) or '.', exist_ok=True)
        with open(cache_path, 'wb') as f:
            f.write(_le(array(code, ids)).tobytes())
    return ids


def _le(ids):
    if struct.pack('=H', 1) != struct.pack('<H', 1):
        ids.byteswap()
    return ids


class TokenDataset:
    def __init__(self, ids, block_size, val_fraction=0.1):
        split = int(len(ids) * (1 - val_fraction))
        self.train, self.val, self.block = ids[:split], ids[split:], block_size
        for name, part in (('training', self.train), ('validation', self.val)):
            if len(part) <= block_size + 1:
                raise ValueError('%s split has %d tokens, too few for context %d' % (name, len(part), block_size))

    def _batch(self, ids, starts, backend):
        x = [ids[s:s + self.block].tolist() for s in starts]
        y = [ids[s + 1:s + 1 + self.block].tolist() for s in starts]
        return nd.array(x, nd.INT32, backend), nd.array(y, nd.INT32, backend)

    def train_batch(self, batch_size, generator, backend=None):
        starts = generator.randint(0, len(self.train) - self.block - 1, batch_size)
        return self._batch(self.train, starts, backend)

    def val_batches(self, batch_size, n_batches, backend=None):
        """The same evenly spread validation windows every call."""
        span = len(self.val) - self.block - 1
        count = batch_size * n_batches
        starts = [span * i // count for i in range(count)]
        return [self._batch(self.val, starts[i:i + batch_size], backend) for i in range(0, count, batch_size)]
