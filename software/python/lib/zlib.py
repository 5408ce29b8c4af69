"""zlib: crc32, adler32, and compress/decompress using stored (uncompressed)
deflate blocks - valid zlib streams that any inflater reads, without the
compression itself."""

_CRC_TABLE = []
for _n in range(256):
    _c = _n
    for _k in range(8):
        _c = (0xEDB88320 ^ (_c >> 1)) if _c & 1 else _c >> 1
    _CRC_TABLE.append(_c)


def crc32(data, value=0):
    crc = value ^ 0xFFFFFFFF
    table = _CRC_TABLE
    for b in data:
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def adler32(data, value=1):
    a, b = value & 0xFFFF, (value >> 16) & 0xFFFF
    for x in data:
        a = (a + x) % 65521
        b = (b + a) % 65521
    return (b << 16) | a


class error(Exception):
    pass


def compress(data, level=-1):
    data = bytes(data)
    out = bytearray(b'\x78\x01')
    pos = 0
    while True:
        block = data[pos:pos + 65535]
        pos += len(block)
        last = pos >= len(data)
        n = len(block)
        out += bytes([1 if last else 0, n & 0xFF, n >> 8, (n ^ 0xFFFF) & 0xFF, (n ^ 0xFFFF) >> 8])
        out += block
        if last:
            break
    a = adler32(data)
    out += bytes([a >> 24, (a >> 16) & 0xFF, (a >> 8) & 0xFF, a & 0xFF])
    return bytes(out)


def decompress(data):
    data = bytes(data)
    if len(data) < 6 or (data[0] * 256 + data[1]) % 31:
        raise error('Error -3 while decompressing data: incorrect header check')
    pos, out = 2, bytearray()
    while True:
        header = data[pos]
        if (header >> 1) & 3 != 0:
            raise error('only stored deflate blocks are supported')
        n = data[pos + 1] | (data[pos + 2] << 8)
        out += data[pos + 5:pos + 5 + n]
        pos += 5 + n
        if header & 1:
            break
    return bytes(out)
