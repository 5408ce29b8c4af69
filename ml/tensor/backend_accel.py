"""Accelerator backend: the primitive kernels of docs/tensor-ops.md as command
streams (toolchain/accel) run on the accelerator - on the host, the
emulator's model (sim/emu/accel_host.py). A buffer is a byte range of the
device's memory; every kernel builds one stream (2-D strided LOADs bring the
operands' views into the scratchpad, VOP/MM commands compute, STOREs write
the result through the destination's view) and runs it. Numerics are the
hardware's (docs/accel.md): one rounding per FMA, subnormals flushed,
exp/log/tanh/... by the documented approximations.

What the hardware cannot do runs on the CPU: the operands are read out,
backend_python's reference code computes, the result is written back
(`_on_cpu`). That is int32 mul, pow, neg and relu (the int lanes add,
subtract, compare and convert), int32 reductions and scatter_add, argmax
along an axis longer than 3072, gather along an axis of 65536 or more, and
random (splitmix64 needs 64-bit lanes). gather is an indexed DMA, bounds
checked in hardware; float scatter_add is a DMA add per index, the CPU
reading the indices to build the stream as a driver would."""
from array import array
from functools import partial
from toolchain.accel import kernels, mathfn, program
from toolchain.accel.device import new_device
from toolchain.accel.program import Program, Template
from . import backend_python as cpu
from .ndarray import NDArray, contiguous_strides as _natural

name = 'accel'
TYPECODE = {'float32': 'f', 'int32': 'i'}
SPAD = mathfn.CONST_SPAD          # scratchpad words below the constant table
ONE = mathfn.SLOT['one'] - mathfn.CONST_SPAD   # index of 1.0 in the constant table
INT_OPS = {'add': 'iadd', 'sub': 'isub', 'max': 'imax', 'lt': 'ilt', 'eq': 'ieq'}
ARGMAX_MAX_AXIS = 3072            # kernels.argmax holds 4 columns of a whole axis
MAX_TEMPLATES = 4096              # built streams kept (by kernel, parameters and view geometry)
_device, _constants, _templates = [], [], {}


def device():
    """The device every buffer lives on (toolchain/accel/device.py), with the
    constant table of mathfn."""
    if not _device:
        _device.append(new_device())
        table = mathfn.constant_table()
        _constants.append(Buffer(len(table) // 4))
        _device[0].write(_constants[0].addr, table)
    return _device[0]


class Buffer:
    """n 32-bit elements of device memory, owned by mem: freed with the
    Buffer (on the host by CPython's __del__, on the SoC by our runtime's
    garbage collector)."""
    __slots__ = ('mem', 'addr', 'nbytes')

    def __init__(self, n):
        self.nbytes = 4 * n
        self.mem, self.addr = device().buffer(self.nbytes)


class Stream(Program):
    """A command stream plus the temporaries it needs until it has run."""

    def __init__(self):
        Program.__init__(self)
        self.temps = []

    def temp(self, n):
        self.temps.append(Buffer(n))
        return self.temps[-1].addr

    def constants(self):
        mathfn.load_constants(self, _constants[0].addr)

    def run(self):
        self.end()
        for words in self.pieces():
            device().run(array('I', words).tobytes())


def _launch(build, params, *views):
    """Runs the stream build(s, *params, *views) appends. It is built once per
    kernel, parameters and views' geometry (shape, strides, offset, dtype,
    which share a buffer) and kept as a Template: a later call only hands
    the device its buffers' addresses, and fresh temporaries."""
    bufs, key = [], [build, params]
    for v in views:
        j = 0
        while j < len(bufs) and bufs[j] is not v.buf:
            j += 1
        if j == len(bufs):
            bufs.append(v.buf)
        key.append((v.shape, v.strides, v.offset, v.dtype, j))
    key = tuple(key)
    bufs.append(_constants[0])
    found = _templates.get(key)
    if found is None:
        s = Stream()
        build(s, *(params + views))
        s.end()
        if len(_templates) >= MAX_TEMPLATES:
            _templates.clear()
        found = _templates[key] = (Template(s, [(b.addr, b.nbytes) for b in bufs + s.temps]),
                                   [t.nbytes // 4 for t in s.temps])
        temps = s.temps
    else:
        temps = [Buffer(n) for n in found[1]]
    bases = [b.addr for b in bufs + temps]
    for stream, relocs in found[0].pieces:
        device().run(stream, relocs, bases)


# ---- storage ----------------------------------------------------------------
def empty(n, dtype):
    return Buffer(n)


def alloc(n, dtype):
    buf = Buffer(n)
    device().zero(buf.addr, buf.nbytes)
    return buf


def from_bytes(data, dtype):
    buf = Buffer(len(data) // 4)
    device().write(buf.addr, data)
    return buf


def from_list(values, dtype):
    if dtype == 'int32':
        values = [int(v) for v in values]
    return from_bytes(array(TYPECODE[dtype], values).tobytes(), dtype)


def to_bytes(v):
    if v.size == 0:
        return b''
    if not v.is_contiguous:
        out = NDArray(Buffer(v.size), v.shape, v.dtype, v.backend)
        copy(out, v)
        v = out
    return device().read(_at(v)[0], 4 * v.size)


def to_list(v):
    return array(TYPECODE[v.dtype], to_bytes(v)).tolist()


# ---- views: operands are (byte address, element strides) ----------------------
def _at(v):
    return v.buf.addr + 4 * v.offset, v.strides


def _collapse(shape, *strides):
    """[(size, strides per operand)], size-1 axes dropped and neighbours merged
    where every operand is contiguous across them: fewer, longer commands."""
    dims = []
    for i, n in enumerate(shape):
        ss = tuple(s[i] for s in strides)
        if n == 1:
            continue
        if dims and all(outer == s * n for outer, s in zip(dims[-1][1], ss)):
            dims[-1] = (dims[-1][0] * n, ss)
        else:
            dims.append((n, ss))
    return dims or [(1, (0,) * len(strides))]


def _corners(dims, operands):
    """Element offsets (one per operand) of every index of the given dims."""
    offs = [(0,) * operands]
    for n, ss in dims:
        offs = [tuple(o + i * s for o, s in zip(base, ss)) for base in offs for i in range(n)]
    return offs


def _lanewise(s, shape, operands, emit=None, scalars=False):
    """Elementwise over views: operands[0] is written, the others read. The
    axes collapse to rows x n (outer axes loop); each source is LOADed with
    its own strides (0 on a broadcast axis) into region 0, 1, 2; emit(regions,
    n, rows, row_stride, is_scalar) appends the VOPs and returns the region
    holding the result, which is STOREd through the destination's strides.
    No emit: a copy. With scalars, a source constant along a row (inner
    stride 0) loads one word per row, for the VOP's A_SCALAR/B_SCALAR."""
    if 0 in shape:
        return
    region = SPAD // 3 // s.lanes * s.lanes
    dims = _collapse(shape, *(strides for _, strides in operands))
    (n, inner), (rows, outer) = dims[-1], (dims[-2] if len(dims) > 1 else (1, (0,) * len(operands)))
    for corner in _corners(dims[:-2], len(operands)):
        for i0 in range(0, n, region):
            piece = min(region, n - i0)
            ld = -(-piece // s.lanes) * s.lanes
            for r0 in range(0, rows, region // ld):
                r = min(region // ld, rows - r0)
                at = [addr + 4 * (o + r0 * rs + i0 * es)
                      for (addr, _), o, rs, es in zip(operands, corner, outer, inner)]
                one = [scalars and inner[j] == 0 for j in range(1, len(operands))]
                for j in range(1, len(operands)):
                    s.load((j - 1) * region, at[j], 1 if one[j - 1] else piece, r, 4 * inner[j], 4 * outer[j], ld)
                result = emit([j * region for j in range(3)], piece, r, ld, one) if emit else 0
                s.store(result, at[0], piece, r, 4 * inner[0], 4 * outer[0], ld)
                s.cut()


def _vop(s, func):
    """An emit for _lanewise (scalars=True): region 2 = func(region 0, region 1)."""
    def emit(reg, n, rows, ld, one):
        s.vop(func, reg[2], reg[0], reg[1], n=n, rows=rows, d_stride=ld, a_stride=ld, b_stride=ld,
              a_scalar=one[0], b_scalar=len(one) > 1 and one[1])
        return reg[2]
    return emit


def _contiguous(s, v):
    """Byte address of v's elements in row-major order: v itself or a DMA copy."""
    if v.is_contiguous:
        return _at(v)[0]
    tmp = s.temp(v.size)
    _lanewise(s, v.shape, [(tmp, _natural(v.shape)), _at(v)])
    return tmp


def _on_cpu(kernel, dst, *args):
    """What the hardware lacks: backend_python's kernel on host copies of the
    views; dst is read as well (copy and scatter_add write through a view)
    and written back through its view."""
    host = [NDArray(array(TYPECODE[v.dtype], to_bytes(v)), v.shape, v.dtype, cpu) if hasattr(v, 'buf') else v
            for v in (dst,) + args]
    kernel(*host)
    s = Stream()
    tmp = s.temp(dst.size)
    device().write(tmp, host[0].buf.tobytes())
    _lanewise(s, dst.shape, [_at(dst), (tmp, _natural(dst.shape))])
    s.run()


# ---- kernels: each checks what runs on the CPU, then _launch()es a builder --
def copy(dst, src):
    _launch(_copy, (), dst, src)


def _copy(s, dst, src):
    if dst.dtype != src.dtype:                      # float to int truncates, int to float rounds
        return _lanewise(s, dst.shape, [_at(dst), _at(src)], _vop(s, 'itof' if dst.dtype == 'float32' else 'ftoi'),
                         True)
    at = _at(src)
    if src.buf is dst.buf:                          # may overlap: read all of src first
        at = s.temp(src.size), _natural(src.shape)
        _lanewise(s, src.shape, [at, _at(src)])
    _lanewise(s, dst.shape, [_at(dst), at])


def unary(op, dst, src):
    if src.dtype != 'float32':
        return _on_cpu(partial(cpu.unary, op), dst, src)
    _launch(_unary, (op,), dst, src)


def _unary(s, op, dst, src):
    if op in ('neg', 'relu'):
        _lanewise(s, dst.shape, [_at(dst), _at(src)], _vop(s, op), True)
    else:
        s.constants()
        mathfn.unary(s, getattr(mathfn, op), _at(dst)[0], _contiguous(s, src), dst.size)


def binary(op, dst, a, b):
    if a.dtype == 'int32' and op not in INT_OPS:
        return _on_cpu(partial(cpu.binary, op), dst, a, b)
    _launch(_binary, (op,), dst, a, b)


def _binary(s, op, dst, a, b):
    if a.dtype == 'int32':
        _lanewise(s, dst.shape, [_at(dst), _at(a), _at(b)], _vop(s, INT_OPS[op]), True)
    elif op == 'div':
        s.constants()
        mathfn.divide(s, _at(dst)[0], _contiguous(s, a), _contiguous(s, b), dst.size)
    elif op == 'pow':
        s.constants()
        mathfn.binary_fn(s, mathfn.power, _at(dst)[0], _contiguous(s, a), _contiguous(s, b), dst.size)
    else:
        _lanewise(s, dst.shape, [_at(dst), _at(a), _at(b)], _vop(s, op), True)


def where(dst, cond, a, b):
    _launch(_where, (), dst, cond, a, b)


def _where(s, dst, cond, a, b):
    """keep/drop/or move bits, so a and b may be any dtype. keep/drop test a
    float condition (+-0 is false); an int32 one is first mapped by ieq with 0
    to 1 (false) / 0 (true), and a and b swap."""
    is_int = cond.dtype == 'int32'
    if is_int:
        s.constants()
        a, b = b, a

    def select(reg, n, rows, ld, one):
        c, x, y = reg
        if is_int:
            s.vop('ieq', c, c, mathfn.SLOT['zero'], n=n, rows=rows, d_stride=ld, a_stride=ld, b_stride=0,
                  b_scalar=True)
        s.vop('keep', x, c, x, n=n, rows=rows, d_stride=ld, a_stride=ld, b_stride=ld)
        s.vop('drop', y, c, y, n=n, rows=rows, d_stride=ld, a_stride=ld, b_stride=ld)
        s.vop('or', c, x, y, n=n, rows=rows, d_stride=ld, a_stride=ld, b_stride=ld)
        return c
    _lanewise(s, dst.shape, [_at(dst), _at(cond), _at(a), _at(b)], select)


def reduce(op, dst, src, axes):
    if src.dtype != 'float32' or src.size == 0 or op == 'argmax' and src.shape[axes[0]] > ARGMAX_MAX_AXIS:
        return _on_cpu(partial(cpu.reduce, op), dst, src, axes)
    _launch(_reduce, (op, tuple(axes)), dst, src)


def _reduce(s, op, axes, dst, src):
    argmax = op == 'argmax'
    kept = [i for i in range(len(src.shape)) if i not in axes]
    order = kept + list(axes) if argmax else list(axes) + kept
    shape = [src.shape[i] for i in order]
    x = s.temp(src.size)           # a transposing DMA puts the reduced axes last (argmax) or first
    _lanewise(s, shape, [(x, _natural(shape)), (_at(src)[0], [src.strides[i] for i in order])])
    if argmax:
        kernels.argmax(s, _at(dst)[0], x, dst.size, src.size // dst.size)
    else:
        _column_reduce(s, op, _at(dst)[0], x, src.size // dst.size, dst.size)


def _column_reduce(s, op, d, x, rows, cols, tn=256, tk=32):
    """d[j] = sum or max over i of x[i, j]: MM of a row of ones with the data,
    or its MAX_REDUCE form, accumulating over k tiles (docs/accel.md). Every
    MAX_COMMANDS / 4 tiles the running result goes through d (exactly), so
    the stream may be split there."""
    ones, tile, out = 0, 64, 64 + tk * tn
    s.load(ones, _constants[0].addr + 4 * ONE, tk, elem_stride=0)
    s.persist()
    for j0 in range(0, cols, tn):
        n = min(tn, cols - j0)
        ld = -(-n // s.lanes) * s.lanes
        for k0 in range(0, rows, tk):
            if k0 and k0 % (program.MAX_COMMANDS // 4 * tk) == 0:
                s.store(out, d + 4 * j0, n)
                s.cut()
                s.load(out, d + 4 * j0, n)
            k = min(tk, rows - k0)
            s.load(tile, x + 4 * (k0 * cols + j0), n, rows=k, row_stride=4 * cols, spad_row_stride=ld)
            s.mm(out, ones, tile, 1, n, k, lda=k, ldb=ld, ldd=ld, accumulate=k0 > 0, max_reduce=op == 'max')
        s.store(out, d + 4 * j0, n)
        s.cut()


def matmul(dst, a, b):
    if dst.dtype != 'float32' or a.shape[-1] == 0:
        return _on_cpu(cpu.matmul, dst, a, b)
    _launch(_matmul, (), dst, a, b)


def _matmul(s, dst, a, b):
    nb, (m, k), n = len(a.shape) - 2, a.shape[-2:], b.shape[-1]
    batch = [(a.shape[i], (a.strides[i], b.strides[i], dst.strides[i])) for i in range(nb)]
    for oa, ob, od in _corners(batch, 3):
        _matmul_2d(s, _at(dst)[0] + 4 * od, (_at(a)[0] + 4 * oa,) + a.strides[-2:],
                   (_at(b)[0] + 4 * ob,) + b.strides[-2:], m, k, n)


def _matmul_2d(s, d, a, b, m, k, n, tiles=(64, 64, 44)):
    """d (row-major m x n) = a @ b; a and b are (byte address, row stride,
    column stride) read straight from their views by 2-D DMA. Double
    buffered: the LOADs of the next k step are PREFETCHed beside this MM."""
    (a, sam, sak), (b, sbk, sbn), (tm, tn, tk) = a, b, tiles
    spad_a, spad_b, spad_d = (0, tm * tk), (2 * tm * tk, 2 * tm * tk + tk * tn), 2 * (tm * tk + tk * tn)
    steps = [(i0, j0, k0, min(tm, m - i0), min(tn, n - j0), min(tk, k - k0))
             for i0 in range(0, m, tm) for j0 in range(0, n, tn) for k0 in range(0, k, tk)]

    def load(step, buf, prefetch):
        i0, j0, k0, mi, nj, kk = step
        s.load(spad_a[buf], a + 4 * (i0 * sam + k0 * sak), kk, mi, 4 * sak, 4 * sam, kk, prefetch=prefetch)
        s.load(spad_b[buf], b + 4 * (k0 * sbk + j0 * sbn), nj, kk, 4 * sbn, 4 * sbk, -(-nj // s.lanes) * s.lanes,
               prefetch=prefetch)
    if steps:
        load(steps[0], 0, False)
    for t, (i0, j0, k0, mi, nj, kk) in enumerate(steps):
        if t + 1 < len(steps):
            prefetched = len(s.words) // 8
            load(steps[t + 1], (t + 1) % 2, True)
        ld = -(-nj // s.lanes) * s.lanes
        s.mm(spad_d, spad_a[t % 2], spad_b[t % 2], mi, nj, kk, lda=kk, ldb=ld, ldd=ld, accumulate=k0 > 0)
        if k0 + kk == k:
            s.store(spad_d, d + 4 * (i0 * n + j0), nj, mi, 4, 4 * n, ld)
            # a tile is done: a piece may end here, the next one loading again what was prefetched
            s.cut((prefetched, prefetched + 1) if t + 1 < len(steps) else ())


def _slice(v, axis, i):
    """Operand (address, strides) of v[..., i, ...] along axis, and its shape."""
    addr, strides = _at(v)
    return (addr + 4 * i * strides[axis], strides[:axis] + strides[axis + 1:]), v.shape[:axis] + v.shape[axis + 1:]


def gather(dst, src, idx, axis):
    """Indexed DMA (docs/accel.md): a chunk of indices goes to the scratchpad,
    an INDEXED LOAD fetches row r from src + idx[r] * (src's axis stride) and
    checks -bound <= idx[r] < bound in hardware, a STORE writes the rows out.
    The axes before `axis` loop; those after it are the rows' elements."""
    bound = src.shape[axis]
    if bound >= 1 << 16:
        return _on_cpu(cpu.gather, dst, src, idx, axis)    # the bound field has 16 bits
    try:
        _launch(_gather, (axis,), dst, src, idx)
    except IndexError:
        raise IndexError('an index is out of bounds for axis %d of size %d' % (axis, bound)) from None


def _gather(s, axis, dst, src, idx):
    bound = src.shape[axis]
    region, ids = SPAD // 3 // s.lanes * s.lanes, _contiguous(s, idx)
    pre = _corners([(src.shape[i], (src.strides[i], dst.strides[i])) for i in range(axis)], 2)
    post = _collapse(src.shape[axis + 1:], src.strides[axis + 1:], dst.strides[axis + 1:])
    n, (es, ed) = post[-1]
    for o_src, o_dst in [(p[0] + q[0], p[1] + q[1]) for p in pre for q in _corners(post[:-1], 2)]:
        for i0 in range(0, n, region):
            piece = min(region, n - i0)
            for j0 in range(0, idx.size, region // piece):
                rows = min(region // piece, idx.size - j0)
                s.load(2 * region, ids + 4 * j0, rows)
                s.load(0, _at(src)[0] + 4 * (o_src + i0 * es), piece, rows, 4 * es, 4 * src.strides[axis], piece,
                       index=2 * region, bound=bound)
                s.store(0, _at(dst)[0] + 4 * (o_dst + i0 * ed + j0 * dst.strides[axis]), piece, rows, 4 * ed,
                        4 * dst.strides[axis], piece)
                s.cut()


def scatter_add(dst, idx, src, axis):
    """Per index: dst slice = dst slice + src slice, in place; commands run in
    order, so repeated indices accumulate."""
    if dst.dtype != 'float32':
        return _on_cpu(cpu.scatter_add, dst, idx, src, axis)
    ids = [cpu._check(i, dst.shape[axis]) for i in to_list(idx)]
    s = Stream()
    for j, i in enumerate(ids):
        (to, shape), (frm, _) = _slice(dst, axis, i), _slice(src, axis, j)
        _lanewise(s, shape, [to, to, frm], _vop(s, 'add'), True)
    s.run()


def random(dst, seed, counter):
    _on_cpu(cpu.random, dst, seed, counter)         # splitmix64 needs 64-bit integer lanes
