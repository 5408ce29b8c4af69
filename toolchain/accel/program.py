"""The accelerator's command stream: a list of 8-word descriptors, built by
method calls and packed to the little-endian bytes the hardware fetches.
Field layouts are in docs/accel.md; this module checks them so a bad
program fails here rather than in the hardware."""
import struct
from array import array

END, LOAD, STORE, VOP, MM = range(5)
# 0-15: float funcs; 16-31: the int32 page, selected by the VOP flag INT.
VOP_FUNCS = {"add": 0, "sub": 1, "mul": 2, "max": 3, "lt": 4, "eq": 5, "relu": 6, "neg": 7, "copy": 8,
             "keep": 9, "drop": 10, "or": 11, "floor": 12, "exp2i": 13, "mant": 14, "expo": 15,
             "iadd": 16, "isub": 17, "imax": 19, "ilt": 20, "ieq": 21, "itof": 24, "ftoi": 25}
A_SCALAR, B_SCALAR, INT = 1 << 8, 1 << 9, 1 << 10            # VOP flags
ACCUMULATE, MAX_REDUCE, ARGMAX = 1 << 8, 1 << 9, 1 << 10      # MM flags
INDEXED, PREFETCH = 1 << 8, 1 << 9                             # LOAD/STORE flags
DESC_BYTES = 32
MAX_COMMANDS = 1024            # per run, END included: the driver's limit (docs/syscalls.md)


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
        self.setup, self.cuts = [], []   # command indices; (position, commands to repeat there)

    def persist(self):
        """The last command sets up scratchpad state that later commands use
        (the constant table): a piece split off after it repeats it first."""
        self.setup.append(len(self.words) // 8 - 1)

    def cut(self, replay=()):
        """The stream may be split here: what the scratchpad holds matters
        later only through the persist() commands and `replay` (indices of
        earlier LOADs, e.g. prefetched ones), which the next piece runs first."""
        self.cuts.append((len(self.words) // 8, tuple(self.setup) + tuple(replay)))

    def pieces(self, max_commands=None):
        """The ended stream as lists of words of at most max_commands commands
        each, split at the latest cut that fits. The scratchpad does not
        persist between runs (another process may run in between), hence the
        repeated commands; main memory does."""
        max_commands = max_commands or MAX_COMMANDS
        n = len(self.words) // 8 - 1                 # before END
        if n < max_commands:
            return [self.words]
        out, start, prefix, best = [], 0, (), None
        for pos, replay in self.cuts + [(n, ())]:
            if len(prefix) + pos - start >= max_commands and best and best[0] > start:
                out.append(self._piece(prefix, start, best[0]))
                start, prefix = best
            if len(prefix) + pos - start >= max_commands:
                raise AccelError(f"no split point leaves a piece of at most {max_commands} commands")
            best = (pos, replay)
        out.append(self._piece(prefix, start, n))
        return out

    def _piece(self, prefix, start, stop):
        words = []
        for i in prefix:                             # repeated LOADs run at once, not prefetched
            words += [self.words[8 * i] & ~PREFETCH] + self.words[8 * i + 1:8 * i + 8]
        return words + self.words[8 * start:8 * stop] + [END] + [0] * 7

    # The checks run for every command a backend builds, so they avoid
    # generators and eager message formatting (costly in our runtime on rv32).
    def _emit(self, *words):
        self.words += words

    def _spad(self, what, addr, rows, row_stride, n, name=""):
        last = addr + (rows - 1) * row_stride + n - 1
        if addr < 0 or row_stride < 0 or last >= self.spad_words:
            raise AccelError(f"{what}{name}: scratchpad range {addr}..{last} outside 0..{self.spad_words - 1}")

    def _aligned(self, what, *values):
        for v in values:
            if v % self.lanes:
                raise AccelError(f"{what}: vector addresses and row strides must be multiples of {self.lanes}")

    def _counts(self, what, *counts):
        if min(counts) < 1:
            raise AccelError(f"{what}: counts must be at least 1")

    @staticmethod
    def _u32(w, signed=False):
        """A main-memory field: an address (unsigned) or a stride (signed), as 32 bits."""
        if not (-(1 << 31) if signed else 0) <= w < (1 << 32 if not signed else 1 << 31):
            raise AccelError(f"field {w} does not fit in 32 bits")
        return w if w >= 0 else w & 0xFFFFFFFF

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
        self._emit(op | flags, spad, self._u32(addr), self._u32(elem_stride, True), n, rows,
                   self._u32(row_stride, True), spad_row_stride)

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
        self._spad(func, d, rows, d_stride, n, " d")
        self._spad(func, a, rows, a_stride, 1 if a_scalar else n, " a")
        self._spad(func, b, rows, b_stride, 1 if b_scalar else n, " b")
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


class Template:
    """An ended program made reusable: split into pieces, each LOAD/STORE's
    main-memory address made relative to the buffer it falls in. Each piece
    is (stream bytes, relocations): uint16 pairs (word index, buffer index),
    for the device's run() to add the buffers' addresses of the call."""

    def __init__(self, program, buffers, max_commands=None):
        """buffers: [(address, nbytes)] as the program was built, in the
        order of the addresses run() will get."""
        self.pieces = []
        for words in program.pieces(max_commands):
            words, relocs = list(words), []
            for i in range(0, len(words), 8):
                if words[i] & 15 in (LOAD, STORE):
                    j = _find(buffers, words[i + 2])
                    words[i + 2] -= buffers[j][0]
                    relocs += [i + 2, j]
            self.pieces.append((struct.pack(f"<{len(words)}I", *words), array("H", relocs).tobytes()))


def _find(buffers, addr):
    for j, (base, nbytes) in enumerate(buffers):
        if base <= addr < base + nbytes:
            return j
    raise AccelError(f"address {addr:#x} is in none of the stream's buffers")


def relocate(stream, relocs, bases):
    """The stream with each relocation's buffer address added (the pure
    Python form of the runtime's _accel.run)."""
    words, r = array("I", stream), array("H", relocs)
    for k in range(0, len(r), 2):
        words[r[k]] = (words[r[k]] + bases[r[k + 1]]) & 0xFFFFFFFF
    return words.tobytes()
