"""Tensor primitives as accelerator command streams (docs/accel.md, docs/tensor-ops.md).
Operands live in main memory as contiguous float32 row-major arrays given by
byte address; each function appends LOAD/VOP/MM/STORE commands to a Program,
tiling so every piece fits the scratchpad."""

TILE = 64                      # default matmul output tile edge
DEPTH = 44                     # longest k step: 2 x (A 64x44 + B 44x64) + D 64x64 fit below the constants
RAMP = 4                       # the first k step
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


def matmul(p, d, a, b, m, k, n, tiles=(TILE, TILE, DEPTH)):
    """d[m x n] = a[m x k] @ b[k x n], summed in k order (k steps accumulate in place).
    tiles = (rows, cols, depth): the output tile and the longest k step.
    Double-buffered: while MM works on one k step, the operands of the next
    are prefetched into the other buffer pair. The very first k steps grow
    4, 16, 64, ... so that little loading happens before the lanes start."""
    lanes = p.lanes
    tile_m, tile_n, tile_k = tiles
    ld_max = _pad(tile_n, lanes)
    spad_a = [0, tile_m * tile_k]
    spad_b = [_pad(2 * tile_m * tile_k, lanes), _pad(2 * tile_m * tile_k, lanes) + tile_k * ld_max]
    spad_d = spad_b[1] + tile_k * ld_max
    steps, depth = [], RAMP
    for i0 in range(0, m, tile_m):
        for j0 in range(0, n, tile_n):
            k0 = 0
            while k0 < k:
                tk = min(depth, tile_k, k - k0)
                steps.append((i0, min(tile_m, m - i0), j0, min(tile_n, n - j0), k0, tk))
                k0 += tk
                depth = min(4 * depth, tile_k)

    def load(step, buf, prefetch):
        i0, tm, j0, tn, k0, tk = step
        p.load(spad_a[buf], a + 4 * (i0 * k + k0), tk, rows=tm, row_stride=4 * k, spad_row_stride=tk,
               prefetch=prefetch)
        p.load(spad_b[buf], b + 4 * (k0 * n + j0), tn, rows=tk, row_stride=4 * n,
               spad_row_stride=_pad(tn, lanes), prefetch=prefetch)

    load(steps[0], 0, False)
    for s, (i0, tm, j0, tn, k0, tk) in enumerate(steps):
        if s + 1 < len(steps):
            load(steps[s + 1], (s + 1) % 2, True)
        ldt = _pad(tn, lanes)
        p.mm(spad_d, spad_a[s % 2], spad_b[s % 2], tm, tn, tk, lda=tk, ldb=ldt, ldd=ldt, accumulate=k0 > 0)
        if k0 + tk == k:
            p.store(spad_d, d + 4 * (i0 * n + j0), tn, rows=tm, row_stride=4 * n, spad_row_stride=ldt)


def argmax(p, d, a, rows, cols):
    """d[r] = the first c where a[r, c] is maximal (int32), a [rows x cols]
    contiguous float32. Each piece of rows is loaded transposed (cols become
    the contraction axis) and reduced by MM's ARGMAX mode."""
    lanes = p.lanes
    piece = max(lanes, min(CHUNK, (p.spad_words - CHUNK) // cols) // lanes * lanes)
    if cols >= 1 << 16 or cols * min(piece, _pad(rows, lanes)) > p.spad_words - CHUNK:
        raise ValueError(f"argmax: a row of {cols} does not fit the scratchpad")
    out = p.spad_words - CHUNK
    for r0 in range(0, rows, piece):
        n = min(piece, rows - r0)
        ld = _pad(n, lanes)
        p.load(0, a + 4 * r0 * cols, n, rows=cols, elem_stride=4 * cols, row_stride=4, spad_row_stride=ld)
        p.mm(out, 0, 0, 1, n, cols, ldb=ld, argmax=True)
        p.store(out, d + 4 * r0, n)
        p.cut()


def cast(p, d, a, count, to):
    """d = a converted: to 'float32' (int32 in, rounded to nearest) or 'int32' (truncated)."""
    elementwise(p, "itof" if to == "float32" else "ftoi", d, a, None, count)


def gather_rows(p, d, src, idx, count, width, bound, src_row_stride=None):
    """d[j, :] = src[idx[j], :] for j < count, rows of width words; idx int32 in
    [-bound, bound) (negative from the end), else the run stops with
    STATUS.index_error. src rows lie src_row_stride bytes apart."""
    src_row_stride = 4 * width if src_row_stride is None else src_row_stride
    rows = max(1, min(CHUNK, (2 * CHUNK) // width))
    for col in range(0, width, 2 * CHUNK):
        w = min(2 * CHUNK, width - col)
        for j0 in range(0, count, rows):
            r = min(rows, count - j0)
            p.load(0, idx + 4 * j0, r)
            p.load(CHUNK, src + 4 * col, w, rows=r, row_stride=src_row_stride, index=0, bound=bound)
            p.store(CHUNK, d + 4 * (j0 * width + col), w, rows=r, row_stride=4 * width)


def scatter_add_rows(p, d, idx, src, count, width, bound, dst_row_stride=None):
    """d[idx[j], :] += src[j, :] for j = 0, 1, ... in order, so repeated indices
    accumulate: per j one indexed LOAD of the destination row, an add and an
    indexed STORE back."""
    dst_row_stride = 4 * width if dst_row_stride is None else dst_row_stride
    for col in range(0, width, CHUNK):
        w = min(CHUNK, width - col)
        for j0 in range(0, count, CHUNK):
            r = min(CHUNK, count - j0)
            p.load(0, idx + 4 * j0, r)
            for j in range(r):
                p.load(CHUNK, d + 4 * col, w, row_stride=dst_row_stride, index=j, bound=bound)
                p.load(2 * CHUNK, src + 4 * ((j0 + j) * width + col), w)
                p.vop("add", CHUNK, CHUNK, 2 * CHUNK, n=w)
                p.store(CHUNK, d + 4 * col, w, row_stride=dst_row_stride, index=j, bound=bound)
