"""save/load in the safetensors format: an 8-byte little-endian header length,
a JSON header {name: {dtype, shape, data_offsets}, "__metadata__": {str: str}},
then the raw little-endian tensor bytes."""
import json
import os
import struct
from .ndarray import frombytes, prod

DTYPE_NAMES = {'float32': 'F32', 'int32': 'I32'}
NAME_DTYPES = {'F32': 'float32', 'I32': 'int32'}


def save(path, tensors, metadata=None):
    header, offset, blobs = {}, 0, []
    if metadata:
        header['__metadata__'] = dict((k, str(v)) for k, v in metadata.items())
    for name in sorted(tensors):
        t = tensors[name]
        data = t.tobytes()
        header[name] = {'dtype': DTYPE_NAMES[t.dtype], 'shape': list(t.shape),
                        'data_offsets': [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    head = json.dumps(header, separators=(',', ':')).encode()
    head += b' ' * (-len(head) % 8)
    tmp = path + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(struct.pack('<Q', len(head)))
        f.write(head)
        for b in blobs:
            f.write(b)
    os.replace(tmp, path)


def load(path, backend=None):
    """Returns ({name: NDArray}, metadata dict); ValueError names any defect."""
    with open(path, 'rb') as f:
        raw = f.read()
    if len(raw) < 8:
        raise ValueError('%s: truncated safetensors file (%d bytes, no header)' % (path, len(raw)))
    (n,) = struct.unpack('<Q', raw[:8])
    if 8 + n > len(raw):
        raise ValueError('%s: truncated safetensors file (header of %d bytes, file of %d)' % (path, n, len(raw)))
    try:
        header = json.loads(raw[8:8 + n].decode('utf-8'))
    except ValueError:
        header = None
    if not isinstance(header, dict):
        raise ValueError('%s: safetensors header is not a JSON object' % path)
    body = raw[8 + n:]
    metadata = header.pop('__metadata__', None) or {}
    tensors = {}
    for name, info in header.items():
        try:
            dtype = NAME_DTYPES.get(info['dtype'])
            start, end = info['data_offsets']
            shape = tuple(int(n) for n in info['shape'])
        except (KeyError, TypeError, ValueError):
            raise ValueError('%s: malformed header entry for tensor %s' % (path, name))
        if dtype is None:
            raise ValueError('%s: tensor %s has unsupported dtype %s' % (path, name, info['dtype']))
        if end > len(body):
            raise ValueError('%s: truncated file: tensor %s needs bytes %d..%d of %d' % (path, name, start, end, len(body)))
        if end - start != 4 * prod(shape):
            raise ValueError('%s: tensor %s has %d bytes for shape %s' % (path, name, end - start, shape))
        tensors[name] = frombytes(body[start:end], shape, dtype, backend)
    return tensors, metadata
