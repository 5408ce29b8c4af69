/* The tensor accelerator (gateware/accel, docs/accel.md) as the emulator sees it:
 * CSR page 5 and interrupt line 3. A start runs the whole command stream at
 * once, with results bit-identical to the RTL (same FMA rounding, flushing and
 * NaN rules) and a cycle count from the RTL's per-command timing, including
 * its pipeline (MM keeps PIPE output groups in flight) and the prefetch rule
 * (queued loads overlap the next MM: max of the two). Built with
 * -DACCEL_LIB it is a plain library over a flat memory, which the tests drive
 * next to the RTL. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define LANES 4
#define SPAD_WORDS 16384
#define BUS_CYCLES 2          /* cycles per Wishbone access (LiteX SRAM: ack every other cycle) */
#define PIPE 4                /* lane latency: MM rotates over this many output groups */
#define INDEX_CYCLES 3        /* indexed DMA: read, check and scale each row's index */
#define QNAN 0x7FC00000u
#define NEG_ZERO 0x80000000u
#define ONE 0x3F800000u
#define NEG_INF 0xFF800000u
#define INF 0x7F800000u
#define NEG_ONE 0xBF800000u

enum { OP_END, OP_LOAD, OP_STORE, OP_VOP, OP_MM };
/* Lane ops: 0-15 the float VOP funcs, 16-31 the int32 page (VOP flag INT). */
enum { F_ADD, F_SUB, F_MUL, F_MAX, F_LT, F_EQ, F_RELU, F_NEG, F_COPY, F_KEEP, F_DROP, F_OR,
       F_FLOOR, F_EXP2I, F_MANT, F_EXPO,
       F_IADD = 16, F_ISUB = 17, F_IMAX = 19, F_ILT = 20, F_IEQ = 21, F_ITOF = 24, F_FTOI = 25,
       F_FMA = 32, F_MAXACC = 33 };

typedef struct {
    uint8_t *mem;             /* main memory as the bus master sees it */
    uint32_t base, size;
    uint32_t spad[SPAD_WORDS];
    uint32_t prog, pc, busy_cycles;
    bool done, error, index_error, irq_en, irq_pending;
} Accel;

static float as_float(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static uint32_t as_bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static bool is_nan(uint32_t u) { return (u & 0x7F800000u) == 0x7F800000u && (u & 0x7FFFFF); }
static uint32_t daz(uint32_t u) { return (u & 0x7F800000u) ? u : (u & NEG_ZERO); }

/* round_nearest_even(x*y + z) with the RTL's rules: subnormal inputs are
 * zeros, results whose exact value is below 2^-126 flush to signed zero.
 * The product is exact in double; the sum is rounded to odd in double (two-sum
 * error decides), after which one rounding to float is correct (Boldo and
 * Melquiond's round-to-odd argument; double has more than 24 + 2 bits). */
uint32_t accel_fma(uint32_t x, uint32_t y, uint32_t z)
{
    x = daz(x), y = daz(y), z = daz(z);
    double p = (double)as_float(x) * as_float(y), zz = as_float(z);
    double s = p + zz;
    if (s != s)
        return QNAN;
    if (s == 0 || s - s != 0)             /* exact zero, or an input was infinite */
        return as_bits((float)s);
    double bb = s - p, err = (p - (s - bb)) + (zz - bb);
    double mag = s < 0 ? -s : s;
    if (mag < 0x1p-126 || (mag == 0x1p-126 && err != 0 && (err < 0) != (s < 0)))
        return s < 0 ? NEG_ZERO : 0;
    if (err != 0) {                       /* inexact: make the last bit of s odd */
        uint64_t u;
        memcpy(&u, &s, 8);
        if (!(u & 1))
            u += ((err > 0) == (s > 0)) ? 1 : -1;
        memcpy(&s, &u, 8);
    }
    return as_bits((float)s);
}

/* Total order on non-NaN floats for the integer comparator. */
static uint64_t key(uint32_t v) { return (v & NEG_ZERO) ? (uint64_t)(~v & 0xFFFFFFFFu) : (uint64_t)v | (1ull << 32); }

/* Largest integer-valued float <= a (subnormals count as zero). */
static uint32_t lane_floor(uint32_t a)
{
    uint32_t e = a >> 23 & 255, trunc = a, lost = 0;
    if (e < 127) {
        trunc = a & NEG_ZERO;
        lost = e != 0;
    } else if (e < 150) {
        uint32_t mask = (1u << (150 - e)) - 1;
        trunc = a & ~mask;
        lost = a & mask;
    }
    return accel_fma((a & NEG_ZERO) && lost ? NEG_ONE : NEG_ZERO, ONE, trunc);   /* as the RTL */
}

/* 2^k for an integer-valued k (fraction dropped); 0 below 2^-126, inf from 2^128. */
static uint32_t lane_exp2i(uint32_t a)
{
    uint32_t e = a >> 23 & 255;
    uint32_t k = e < 127 ? 0 : e > 134 ? 255 : (0x80 | (a >> 16 & 0x7F)) >> (134 - e);
    if (!(a & NEG_ZERO))
        return k > 127 ? INF : (k + 127) << 23;
    return k > 126 ? 0 : (127 - k) << 23;
}

/* Signed int32 to float, rounded to nearest even (the FMA's int mode). */
static uint32_t lane_itof(uint32_t a)
{
    int32_t v = (int32_t)a;
    uint32_t mag = v < 0 ? 0u - a : a;
    if (mag == 0)
        return 0;
    int lead = 31;
    while (!(mag >> lead))
        lead--;
    uint32_t m = mag, e = 127 + lead;
    if (lead > 23) {                      /* drop lead - 23 bits, round to nearest even */
        int drop = lead - 23;
        uint32_t rest = mag & ((1u << drop) - 1), half = 1u << (drop - 1);
        m = mag >> drop;
        if (rest > half || (rest == half && (m & 1)))
            m++;
        if (m >> 24)
            m >>= 1, e++;
    } else
        m = mag << (23 - lead);
    return (v < 0 ? NEG_ZERO : 0) | e << 23 | (m & 0x7FFFFF);
}

/* Float to int32, truncated toward zero; NaN and magnitudes from 2^31 give INT_MIN. */
static uint32_t lane_ftoi(uint32_t a)
{
    uint32_t e = a >> 23 & 255, m = (a & 0x7FFFFF) | 0x800000;
    if (is_nan(a) || e >= 158)
        return NEG_ZERO;
    if (e < 127)
        return 0;
    uint32_t mag = e >= 150 ? m << (e - 150) : m >> (150 - e);
    return (a & NEG_ZERO) ? 0u - mag : mag;
}

uint32_t accel_lane(int op, uint32_t a, uint32_t b, uint32_t c)
{
    uint32_t ea = a >> 23 & 255;
    uint32_t ma = op == F_MAXACC ? c : a;
    bool any_nan = is_nan(ma) || is_nan(b);
    bool both_zero = !(ma & 0x7FFFFFFFu) && !(b & 0x7FFFFFFFu);
    switch (op) {
    case F_ADD: return accel_fma(a, ONE, b);
    case F_SUB: return accel_fma(a, ONE, b ^ NEG_ZERO);
    case F_MUL: return accel_fma(a, b, NEG_ZERO);
    case F_MAX: case F_MAXACC:
        return any_nan ? QNAN : (!both_zero && key(ma) > key(b)) ? ma : b;
    case F_LT: return !any_nan && !both_zero && key(a) < key(b) ? ONE : 0;
    case F_EQ: return !any_nan && (a == b || both_zero) ? ONE : 0;
    case F_RELU: return is_nan(a) ? QNAN : (!(a & NEG_ZERO) && (a & 0x7FFFFFFFu)) ? a : 0;
    case F_NEG: return a ^ NEG_ZERO;
    case F_COPY: return a;
    case F_KEEP: return (a & 0x7FFFFFFFu) ? b : 0;
    case F_DROP: return (a & 0x7FFFFFFFu) ? 0 : b;
    case F_OR: return a | b;
    case F_FLOOR: return lane_floor(a);
    case F_EXP2I: return is_nan(a) ? QNAN : lane_exp2i(a);
    case F_MANT:
        if (is_nan(a) || ((a & NEG_ZERO) && ea))
            return QNAN;
        return ea == 0 || ea == 255 ? ONE : (a & 0x7FFFFF) | ONE;
    case F_EXPO:
        return is_nan(a) ? QNAN : ea == 0 ? NEG_INF : ea == 255 ? INF : as_bits((float)((int)ea - 127));
    case F_IADD: return a + b;
    case F_ISUB: return a - b;
    case F_IMAX: return (int32_t)a > (int32_t)b ? a : b;
    case F_ILT: return (int32_t)a < (int32_t)b;
    case F_IEQ: return a == b;
    case F_ITOF: return lane_itof(a);
    case F_FTOI: return lane_ftoi(a);
    case F_FMA: return accel_fma(a, b, c);
    default: return 0;                    /* reserved int32 funcs */
    }
}

static bool bus_read(Accel *x, uint32_t addr, uint32_t *v)
{
    if (addr - x->base > x->size - 4 || (addr & 3))
        return false;
    memcpy(v, x->mem + (addr - x->base), 4);
    return true;
}

static bool bus_write(Accel *x, uint32_t addr, uint32_t v)
{
    if (addr - x->base > x->size - 4 || (addr & 3))
        return false;
    memcpy(x->mem + (addr - x->base), &v, 4);
    return true;
}

static uint32_t *word(Accel *x, uint32_t addr) { return &x->spad[addr & (SPAD_WORDS - 1)]; }

/* LOAD / STORE: rows x n words, main memory strided in bytes. INDEXED (flag
 * bit 8): row r starts at main + index[r] * row stride, index[r] an int32 in
 * the scratchpad at w7[31:16] + r, in [-bound, bound) (bound = w0[31:16]). */
static bool dma(Accel *x, const uint32_t *d, bool load)
{
    bool indexed = d[0] >> 8 & 1;
    int32_t bound = (int32_t)(d[0] >> 16);
    uint32_t spad_stride = d[7] & 0xFFFF, index_at = d[7] >> 16;
    x->busy_cycles += load || indexed ? 0 : 1;    /* STORE reads its first word first */
    for (uint32_t r = 0; r < d[5]; r++) {
        uint32_t row = d[2] + r * d[6];
        if (indexed) {
            int32_t index = (int32_t)*word(x, index_at + r);
            x->busy_cycles += INDEX_CYCLES - 1;   /* the failing check ends the run */
            if (index < -bound || index >= bound) {
                x->index_error = true;
                return false;
            }
            x->busy_cycles += 1 + !load;          /* STORE: the first word of every row */
            row = d[2] + (uint32_t)(index < 0 ? index + bound : index) * d[6];
        }
        for (uint32_t i = 0; i < d[4]; i++) {
            uint32_t addr = row + i * d[3];
            uint32_t *w = word(x, d[1] + r * spad_stride + i);
            if (!(load ? bus_read(x, addr, w) : bus_write(x, addr, *w))) {
                x->busy_cycles += 1;          /* the access that saw the error */
                return false;
            }
            x->busy_cycles += BUS_CYCLES;
        }
    }
    return true;
}

/* VOP: whole groups per row; lanes past n are not written. */
static void vop(Accel *x, const uint32_t *d)
{
    int func = (d[0] >> 4 & 15) | (d[0] >> 10 & 1) << 4;     /* flag INT: the int32 page */
    bool a_scalar = d[0] >> 8 & 1, b_scalar = d[0] >> 9 & 1;
    uint32_t groups = (d[4] + LANES - 1) / LANES;
    for (uint32_t r = 0; r < d[5]; r++) {
        uint32_t rd = d[1] + r * d[6], ra = d[2] + r * (d[7] & 0xFFFF), rb = d[3] + r * (d[7] >> 16);
        for (uint32_t i = 0; i < d[4]; i++) {
            uint32_t a = *word(x, a_scalar ? ra : (ra & ~(LANES - 1u)) + i);
            uint32_t b = *word(x, b_scalar ? rb : (rb & ~(LANES - 1u)) + i);
            *word(x, (rd & ~(LANES - 1u)) + i) = accel_lane(func, a, b, 0);
        }
    }
    x->busy_cycles += d[5] * groups + 1;
}

/* MM: d[i, j] = init + sum_k a[i, k] * b[k, j], accumulated in k order.
 * MAX_REDUCE: the max over k of b[k, j]; with ARGMAX the first k reaching it. */
static void mm(Accel *x, const uint32_t *d)
{
    bool acc = d[0] >> 8 & 1, max_reduce = d[0] >> 9 & 1, argmax = max_reduce && (d[0] >> 10 & 1);
    uint32_t n = d[4], m = d[5], k = d[6] & 0xFFFF, ldd = d[6] >> 16, lda = d[7] & 0xFFFF, ldb = d[7] >> 16;
    uint32_t db = d[1] & ~(LANES - 1u), bb = d[3] & ~(LANES - 1u);
    for (uint32_t i = 0; i < m; i++)
        for (uint32_t j = 0; j < n; j++) {
            uint32_t *out = word(x, db + i * ldd + j);
            uint32_t sum = acc ? *out : max_reduce ? NEG_INF : 0, best = 0;
            for (uint32_t kk = 0; kk < k; kk++) {
                uint32_t b = *word(x, bb + kk * ldb + j);
                if (argmax) {
                    /* first maximal: later wins only if strictly greater, or the first NaN */
                    bool take = is_nan(b) ? !is_nan(sum)
                                          : !is_nan(sum) && (sum & 0x7FFFFFFFu || b & 0x7FFFFFFFu) && key(b) > key(sum);
                    if (take)
                        sum = b, best = kk;
                } else
                    sum = max_reduce ? accel_lane(F_MAXACC, 0, b, sum)
                                     : accel_fma(*word(x, d[2] + i * lda + kk), b, sum);
            }
            *out = argmax ? best & 0xFFFF : sum;
        }
    uint32_t sets = ((n + LANES - 1) / LANES + PIPE - 1) / PIPE;
    x->busy_cycles += m * sets * PIPE * (k + acc) + 1;
}

/* Runs the command stream at prog until END or an error. */
/* Runs the queued PREFETCH loads; returns false on a bus error. Their cycles
 * go to *cycles (they overlap the command that started them). */
static bool run_queue(Accel *x, uint32_t queue[][8], int *queued, uint32_t *cycles)
{
    uint32_t before = x->busy_cycles;
    bool ok = true;
    for (int q = 0; q < *queued && ok; q++)
        ok = dma(x, queue[q], true);
    *queued = 0;
    *cycles = x->busy_cycles - before;
    x->busy_cycles = before;
    return ok;
}

/* Runs the command stream at prog until END or an error. */
void accel_run(Accel *x)
{
    uint32_t queue[2][8];
    int queued = 0;
    x->pc = x->prog;
    x->busy_cycles = 0;
    x->done = x->error = x->index_error = false;
    for (;;) {
        uint32_t d[8];
        for (int i = 0; i < 8; i++) {
            if (!bus_read(x, x->pc + 4 * i, &d[i])) {
                x->busy_cycles += 1;
                x->error = true;
                goto out;
            }
            x->busy_cycles += BUS_CYCLES;
        }
        x->pc += 32;
        x->busy_cycles += 1;                  /* decode */
        int op = d[0] & 15;
        bool empty = d[4] == 0 || d[5] == 0 || (op == OP_MM && (d[6] & 0xFFFF) == 0);
        bool prefetch = op == OP_LOAD && (d[0] >> 9 & 1) && !(d[0] >> 8 & 1) && !empty;
        if (prefetch && queued < 2) {
            memcpy(queue[queued++], d, sizeof d);
            continue;
        }
        if (queued) {
            /* An MM with K >= 2 runs beside the queued loads; anything else waits. */
            uint32_t dma_cycles, mm_start = x->busy_cycles;
            bool ok = run_queue(x, queue, &queued, &dma_cycles);
            if (op == OP_MM && !empty && (d[6] & 0xFFFF) >= 2) {
                mm(x, d);
                if (x->busy_cycles - mm_start < dma_cycles)
                    x->busy_cycles = mm_start + dma_cycles;
                if (!ok)
                    goto bus_error;
                continue;
            }
            x->busy_cycles += dma_cycles + 1;     /* then decodes again */
            if (!ok)
                goto bus_error;
            if (prefetch) {
                memcpy(queue[queued++], d, sizeof d);
                continue;
            }
        }
        switch (op) {
        case OP_END: x->done = true; goto out;
        case OP_LOAD: case OP_STORE:
            if (!empty && !dma(x, d, op == OP_LOAD))
                goto bus_error;
            break;
        case OP_VOP: if (!empty) vop(x, d); break;
        case OP_MM: if (!empty) mm(x, d); break;
        default: x->error = true; goto out;
        }
    }
bus_error:
    x->error = true;
out:
    x->irq_pending = true;
}

uint32_t accel_csr_read(Accel *x, uint32_t index)
{
    switch (index) {
    case 1: return (uint32_t)x->index_error << 3 | (uint32_t)x->error << 2 | (uint32_t)x->done << 1;
    case 2: return x->prog;
    case 3: return x->irq_en;
    case 4: return x->irq_pending;
    case 6: return x->busy_cycles;
    case 7: return x->pc;
    case 8: return LANES | SPAD_WORDS << 8;
    default: return 0;           /* CTRL: never busy; CYCLES: see docs/accel.md */
    }
}

void accel_csr_write(Accel *x, uint32_t index, uint32_t v)
{
    switch (index) {
    case 0: if (v & 1) accel_run(x); break;
    case 2: x->prog = v; break;
    case 3: x->irq_en = v & 1; break;
    case 4: if (v & 1) x->irq_pending = false; break;
    }
}

#ifdef ACCEL_LIB
/* The library face for tests: one accelerator over a caller's memory. */
Accel *accel_new(uint8_t *mem, uint32_t base, uint32_t size)
{
    Accel *x = calloc(1, sizeof *x);
    x->mem = mem, x->base = base, x->size = size;
    return x;
}
void accel_free(Accel *x) { free(x); }
#else
#include "emu.h"

static Accel accel_device;

bool accel_load(Machine *m, uint32_t off, uint32_t *v)
{
    if (off % 4 || off >= 0x40)
        return false;
    *v = off == 0x14 ? (uint32_t)m->hart.instret : accel_csr_read(&accel_device, off / 4);
    return true;
}

bool accel_store(Machine *m, uint32_t off, uint32_t v)
{
    if (off % 4 || off >= 0x40)
        return false;
    accel_device.mem = m->ram, accel_device.base = RAM_BASE, accel_device.size = m->ram_size;
    accel_csr_write(&accel_device, off / 4, v);
    return true;
}

bool accel_irq(void)
{
    return accel_device.irq_en && accel_device.irq_pending;
}
#endif
