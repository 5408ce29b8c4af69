"""The accelerator's command stream: a list of 8-word descriptors, built by
method calls and packed to the little-endian bytes the hardware fetches.
Field layouts are in docs/accel.md; this module checks them so a bad
program fails here rather than in the hardware."""
import struct

END, LOAD, STORE, VOP, MM = range(5)
# 0-15: float funcs; 16-31: the int32 page, selected by the VOP flag INT.
VOP_FUNCS = {"add": 0, "sub": 1, "mul": 2, "max": 3, "lt": 4, "eq": 5, "relu": 6, "neg": 7, "copy": 8,
             "keep": 9, "drop": 10, "or": 11, "floor": 12, "exp2i": 13, "mant": 14, "expo": 15,
             "iadd": 16, "isub": 17, "imax": 19, "ilt": 20, "ieq": 21, "itof": 24, "ftoi": 25}
A_SCALAR, B_SCALAR, INT = 1 << 8, 1 << 9, 1 << 10            # VOP flags
ACCUMULATE, MAX_REDUCE, ARGMAX = 1 << 8, 1 << 9, 1 << 10      # MM flags
INDEXED, PREFETCH = 1 << 8, 1 << 9                             # LOAD/STORE flags
DESC_BYTES = 32


DONE, ERROR, INDEX_ERROR = 2, 4, 8                             # STATUS bits after a run


class AccelError(ValueError):
    pass


def check_status(status, where=''):
    """Raises if a finished run's STATUS says it failed; `where` names the
    failing command when the caller knows it (e.g. ' at command 3')."""
    if status & INDEX_ERROR:
        raise IndexError('accelerator: an index is out of bounds' + where)
    if status & ERROR or not status & DONE:
        raise RuntimeError('accelerator stopped with an error' + where)


class Program:
    def __init__(self, lanes=4, spad_words=16384):
        self.lanes, self.spad_words = lanes, spad_words
        self.words = []

    def _emit(self, *words):
        assert len(words) == 8
        for w in words:
            if not -(1 << 31) <= w < (1 << 32):
                raise AccelError(f"field {w} does not fit in 32 bits")
        self.words += [w & 0xFFFFFFFF for w in words]

    def _spad(self, what, addr, rows, row_stride, n):
        last = addr + (rows - 1) * row_stride + n - 1
        if addr < 0 or row_stride < 0 or last >= self.spad_words:
            raise AccelError(f"{what}: scratchpad range {addr}..{last} outside 0..{self.spad_words - 1}")

    def _aligned(self, what, *values):
        if any(v % self.lanes for v in values):
            raise AccelError(f"{what}: vector addresses and row strides must be multiples of {self.lanes}")

    def _counts(self, what, *counts):
        if any(c < 1 for c in counts):
            raise AccelError(f"{what}: counts must be at least 1")

    def load(self, spad, addr, n, rows=1, elem_stride=4, row_stride=None, spad_row_stride=None,
             index=None, bound=None, prefetch=False):
        """rows x n words from main memory (byte addresses and strides) into the scratchpad.
        With index (a scratchpad address of rows int32 words) row r comes from
        addr + index[r] * row_stride, index[r] in [-bound, bound) (negative counts from the end).
        prefetch: queue the load (up to 2) to run beside the next MM (docs/accel.md)."""
        if prefetch and index is not None:
            raise AccelError("load: an indexed load cannot be prefetched")
        self._dma(LOAD | (PREFETCH if prefetch else 0), spad, addr, n, rows, elem_stride, row_stride,
                  spad_row_stride, index, bound)

    def store(self, spad, addr, n, rows=1, elem_stride=4, row_stride=None, spad_row_stride=None,
              index=None, bound=None):
        """rows x n words from the scratchpad to main memory (index, bound: as for load)."""
        self._dma(STORE, spad, addr, n, rows, elem_stride, row_stride, spad_row_stride, index, bound)

    def _dma(self, op, spad, addr, n, rows, elem_stride, row_stride, spad_row_stride, index, bound):
        row_stride = n * elem_stride if row_stride is None else row_stride
        spad_row_stride = n if spad_row_stride is None else spad_row_stride
        self._counts("dma", n, rows)
        self._spad("dma", spad, rows, spad_row_stride, n)
        if spad_row_stride >= 1 << 16:
            raise AccelError("dma: scratchpad row stride must be below 65536")
        flags = 0
        if index is not None:
            if bound is None or not 1 <= bound < 1 << 16:
                raise AccelError("dma: an indexed transfer needs a bound in 1..65535")
            self._spad("dma index", index, 1, 1, rows)
            flags = INDEXED | bound << 16
            spad_row_stride |= index << 16
        self._emit(op | flags, spad, addr, elem_stride, n, rows, row_stride, spad_row_stride)

    def vop(self, func, d, a, b=0, n=1, rows=1, d_stride=None, a_stride=None, b_stride=None,
            a_scalar=False, b_scalar=False):
        """d[r, i] = func(a[r, i], b[r, i]) for rows x n elements (a/b scalar: one element per row)."""
        if func not in VOP_FUNCS:
            raise AccelError(f"unknown vector op '{func}'")
        padded = -(-n // self.lanes) * self.lanes
        d_stride = padded if d_stride is None else d_stride
        a_stride = (1 if a_scalar else padded) if a_stride is None else a_stride
        b_stride = (1 if b_scalar else padded) if b_stride is None else b_stride
        self._counts(func, n, rows)
        self._aligned(func, d, d_stride, *([] if a_scalar else [a, a_stride]), *([] if b_scalar else [b, b_stride]))
        for name, addr, stride, width in (("d", d, d_stride, n), ("a", a, a_stride, 1 if a_scalar else n),
                                          ("b", b, b_stride, 1 if b_scalar else n)):
            self._spad(f"{func} {name}", addr, rows, stride, width)
        if a_stride >= 1 << 16 or b_stride >= 1 << 16:
            raise AccelError("vop: source row strides must be below 65536")
        code = VOP_FUNCS[func]
        flags = (A_SCALAR if a_scalar else 0) | (B_SCALAR if b_scalar else 0) | (INT if code >= 16 else 0)
        self._emit(VOP | (code & 15) << 4 | flags, d, a, b, n, rows, d_stride, a_stride | b_stride << 16)

    def mm(self, d, a, b, m, n, k, lda=None, ldb=None, ldd=None, accumulate=False, max_reduce=False,
           argmax=False):
        """d[m x n] (+)= a[m x k] @ b[k x n]; with max_reduce d[i, j] = max over k of b[k, j];
        with argmax d[i, j] = the first k where b[k, j] is maximal (int32; a unused)."""
        if argmax and accumulate:
            raise AccelError("mm: argmax cannot accumulate")
        padded = -(-n // self.lanes) * self.lanes
        lda, ldb, ldd = (k if lda is None else lda), (padded if ldb is None else ldb), (padded if ldd is None else ldd)
        self._counts("mm", m, n, k)
        self._aligned("mm", d, b, ldb, ldd)
        self._spad("mm d", d, m, ldd, n)
        self._spad("mm a", a, m, lda, k)
        self._spad("mm b", b, k, ldb, n)
        if max(k, lda, ldb, ldd) >= 1 << 16:
            raise AccelError("mm: k and leading dimensions must be below 65536")
        flags = ((ACCUMULATE if accumulate else 0) | (MAX_REDUCE if max_reduce or argmax else 0)
                 | (ARGMAX if argmax else 0))
        self._emit(MM | flags, d, a, b, n, m, k | ldd << 16, lda | ldb << 16)

    def end(self):
        self._emit(END, 0, 0, 0, 0, 0, 0, 0)

    def to_bytes(self):
        return struct.pack(f"<{len(self.words)}I", *self.words)
