"""A loss-curve plot written as PNG with zlib and struct only: white canvas,
grey axes, training loss in blue, validation loss in red."""
import struct
import zlib

W, H, MARGIN = 640, 400, 40
BLUE, RED, GREY, LIGHT = (40, 90, 200), (210, 40, 40), (150, 150, 150), (225, 225, 225)


def write_png(path, width, height, pixels):
    """pixels: bytearray of width*height RGB triples, row by row."""
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    stride = 3 * width
    raw = b''.join(b'\x00' + bytes(pixels[y * stride:(y + 1) * stride]) for y in range(height))
    with open(path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n')
        f.write(chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)))
        f.write(chunk(b'IDAT', zlib.compress(raw, 9)))
        f.write(chunk(b'IEND', b''))


def _line(px, x0, y0, x1, y1, color):
    steps = max(abs(x1 - x0), abs(y1 - y0), 1)
    for i in range(steps + 1):
        x = x0 + (x1 - x0) * i // steps
        y = y0 + (y1 - y0) * i // steps
        if 0 <= x < W and 0 <= y < H:
            px[3 * (y * W + x):3 * (y * W + x) + 3] = bytes(color)


def plot_losses(path, train, val):
    """train, val: lists of (step, loss); light grid lines at whole losses."""
    px = bytearray(b'\xff' * (3 * W * H))
    points = train + val
    if points:
        s_max = max(max(s for s, _ in points), 1)
        lo, hi = min(l for _, l in points), max(l for _, l in points)
        hi = hi if hi > lo else lo + 1

        def xy(step, loss):
            x = MARGIN + int((W - 2 * MARGIN) * step / s_max)
            return x, H - MARGIN - int((H - 2 * MARGIN) * (loss - lo) / (hi - lo))
        for whole in range(int(lo) + 1, int(hi) + 1):
            _line(px, *(xy(0, whole) + xy(s_max, whole) + (LIGHT,)))
        for series, color in ((train, BLUE), (val, RED)):
            for a, b in zip(series, series[1:]):
                _line(px, *(xy(*a) + xy(*b) + (color,)))
    _line(px, MARGIN, MARGIN, MARGIN, H - MARGIN, GREY)
    _line(px, MARGIN, H - MARGIN, W - MARGIN, H - MARGIN, GREY)
    write_png(path, W, H, px)
