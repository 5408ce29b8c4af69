"""Tensor primitives as accelerator command streams (docs/accel.md, docs/tensor-ops.md).
Operands live in main memory as contiguous float32 row-major arrays given by
byte address; each function appends LOAD/VOP/MM/STORE commands to a Program,
tiling so every piece fits the scratchpad."""

TILE = 64                      # default matmul tile edge: 3 tiles of 64x64 fit 16K words
CHUNK = 4096                   # elementwise piece: 3 chunks fit the scratchpad


def _pad(n, lanes):
    return -(-n // lanes) * lanes


def elementwise(p, op, d, a, b=None, count=1):
    """d[i] = op(a[i], b[i]) over count float32 words (b unused by unary ops)."""
    for start in range(0, count, CHUNK):
        n = min(CHUNK, count - start)
        p.load(0, a + 4 * start, n)
        if b is not None:
            p.load(CHUNK, b + 4 * start, n)
        p.vop(op, 2 * CHUNK, 0, CHUNK, n=n)
        p.store(2 * CHUNK, d + 4 * start, n)


def matmul(p, d, a, b, m, k, n, tiles=(TILE, TILE, TILE)):
    """d[m x n] = a[m x k] @ b[k x n], summed in k order (k tiles accumulate in place).
    tiles = (rows, cols, depth) of one scratchpad tile; bigger output tiles
    reuse each loaded word more often."""
    lanes = p.lanes
    tile_m, tile_n, tile_k = tiles
    spad_a, spad_b = 0, tile_m * tile_k
    spad_d = _pad(spad_b + tile_k * _pad(tile_n, lanes), lanes)
    for i0 in range(0, m, tile_m):
        tm = min(tile_m, m - i0)
        for j0 in range(0, n, tile_n):
            tn = min(tile_n, n - j0)
            ldt = _pad(tn, lanes)
            for k0 in range(0, k, tile_k):
                tk = min(tile_k, k - k0)
                p.load(spad_a, a + 4 * (i0 * k + k0), tk, rows=tm, row_stride=4 * k, spad_row_stride=tk)
                p.load(spad_b, b + 4 * (k0 * n + j0), tn, rows=tk, row_stride=4 * n, spad_row_stride=ldt)
                p.mm(spad_d, spad_a, spad_b, tm, tn, tk, lda=tk, ldb=ldt, ldd=ldt, accumulate=k0 > 0)
            p.store(spad_d, d + 4 * (i0 * n + j0), tn, rows=tm, row_stride=4 * n, spad_row_stride=ldt)
