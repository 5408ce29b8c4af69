"""numpy reference for the accelerator's arithmetic (docs/accel.md): an exactly
rounded fused multiply-add with subnormals flushed, computed from float64
(the product of two float32 is exact there) and a two-sum error term."""
import numpy as np

QNAN = 0x7FC00000
TINY = 2.0 ** -126


def bits(a):
    return np.asarray(a, dtype=np.float32).view(np.uint32)


def floats(u):
    return np.asarray(u, dtype=np.uint32).view(np.float32)


def flush(u):
    """Subnormal inputs read as signed zeros."""
    u = np.asarray(u, dtype=np.uint32)
    return np.where((u & 0x7F800000) == 0, u & 0x80000000, u).astype(np.uint32)


def fma_bits(x, y, z):
    """round_nearest_even(x*y + z) as uint32 bit patterns, vectorised."""
    with np.errstate(all="ignore"):
        x, y, z = (floats(flush(v)).astype(np.float64) for v in (x, y, z))
        p = x * y
        s = p + z
        bb = s - p
        err = (p - (s - bb)) + (z - bb)
        err = np.where(np.isfinite(s), err, 0.0)
        out = _round_with_error(s, err)
    out = bits(out)
    tiny = (np.abs(s) < TINY) | ((np.abs(s) == TINY) & (err != 0) & (np.sign(err) != np.sign(s)))
    out = np.where(tiny & (s != 0), np.where(s < 0, 0x80000000, 0), out).astype(np.uint32)
    out = np.where(np.isnan(s), QNAN, out).astype(np.uint32)
    return out


def _round_with_error(s, err):
    """float32 nearest to the exact value s + err (|err| far below s's last bit)."""
    r = s.astype(np.float32)
    r64 = r.astype(np.float64)
    diff = s - r64                                  # exact: s and r are both doubles nearby
    up = np.nextafter(r, np.float32(np.inf)).astype(np.float64)
    down = np.nextafter(r, np.float32(-np.inf)).astype(np.float64)
    finite = np.isfinite(r64) & np.isfinite(s)
    # s exactly halfway between r and a neighbour: the error term breaks the tie.
    half_up = finite & (diff > 0) & (diff == (up - r64) / 2) & (err > 0)
    half_down = finite & (diff < 0) & (diff == (down - r64) / 2) & (err < 0)
    r = np.where(half_up, up.astype(np.float32), r)
    r = np.where(half_down, down.astype(np.float32), r)
    return r.astype(np.float32)
