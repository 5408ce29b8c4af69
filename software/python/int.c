/* int.c - integers: tagged small ints plus sign-magnitude bigints with
 * 16-bit digits (so every digit product fits in 32 bits on any target).
 */
#include "py.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct { int neg, n; uint16_t *d; uint16_t buf[4]; } Mag;

static void int_release(Obj *o) { gc_free(((BigInt *)o)->d); }

int is_int(Obj *o) { return IS_SMALL(o) || TYPE(o) == &IntType || TYPE(o) == &BoolType; }
Obj *int_norm(Obj *o) { if (o == True) return MK_SMALL(1); if (o == False) return MK_SMALL(0); return o; }

static void mag_of(Obj *o, Mag *m) {
    o = int_norm(o);
    if (IS_SMALL(o)) {
        long v = SMALL_VAL(o);
        unsigned long u;
        m->neg = v < 0;
        u = v < 0 ? (unsigned long)(-(v + 1)) + 1 : (unsigned long)v;
        m->n = 0;
        m->d = m->buf;
        while (u) { m->buf[m->n++] = (uint16_t)(u & 0xffff); u >>= 16; }
    } else {
        BigInt *b = (BigInt *)o;
        m->neg = b->neg; m->n = b->n; m->d = b->d;
    }
}

/* build an int from digits (takes ownership of d, allocated with gc_malloc) */
static Obj *from_mag(int neg, uint16_t *d, int n) {
    BigInt *b;
    while (n > 0 && d[n - 1] == 0) n--;
    if (n <= 2) {
        long long v = 0;
        int i;
        for (i = n - 1; i >= 0; i--) v = (v << 16) | d[i];
        if (neg) v = -v;
        if (v >= SMALL_MIN && v <= SMALL_MAX) { gc_free(d); return MK_SMALL(v); }
    }
    b = gc_new(&IntType, sizeof(BigInt));
    b->neg = neg && n > 0; b->n = n; b->d = d;
    return (Obj *)b;
}

static uint16_t *digits(int n) { uint16_t *d = gc_malloc(sizeof(uint16_t) * (n > 0 ? n : 1)); memset(d, 0, sizeof(uint16_t) * (n > 0 ? n : 1)); return d; }

Obj *int_from_ll(long long v) {
    unsigned long long u;
    uint16_t *d;
    int n = 0;
    if (v >= SMALL_MIN && v <= SMALL_MAX) return MK_SMALL(v);
    u = v < 0 ? (unsigned long long)(-(v + 1)) + 1 : (unsigned long long)v;
    d = digits(4);
    while (u) { d[n++] = (uint16_t)(u & 0xffff); u >>= 16; }
    return from_mag(v < 0, d, n);
}

int int_to_ll(Obj *o, long long *out) {
    Mag m;
    unsigned long long u = 0;
    int i;
    o = int_norm(o);
    if (IS_SMALL(o)) { *out = SMALL_VAL(o); return 1; }
    mag_of(o, &m);
    if (m.n > 4) return 0;
    for (i = m.n - 1; i >= 0; i--) u = (u << 16) | m.d[i];
    if (u > (unsigned long long)9223372036854775807LL + (m.neg ? 1 : 0)) return 0;
    *out = m.neg ? (long long)(0 - u) : (long long)u;
    return 1;
}

double int_to_double(Obj *o) {
    Mag m;
    double v = 0;
    int i;
    o = int_norm(o);
    if (IS_SMALL(o)) return (double)SMALL_VAL(o);
    mag_of(o, &m);
    for (i = m.n - 1; i >= 0; i--) v = v * 65536.0 + m.d[i];
    if (isinf(v)) py_raise_type(OverflowError, "int too large to convert to float");
    return m.neg ? -v : v;
}

Obj *int_from_double(double d) {
    int e, n, i;
    double m;
    uint16_t *dg;
    if (isnan(d)) py_raise_type(ValueError, "cannot convert float NaN to integer");
    if (isinf(d)) py_raise_type(OverflowError, "cannot convert float infinity to integer");
    d = d < 0 ? ceil(d) : floor(d);
    if (d >= -4e18 && d <= 4e18) return int_from_ll((long long)d);
    m = frexp(fabs(d), &e);     /* |d| = m * 2^e, 0.5 <= m < 1 */
    n = e / 16 + 1;
    dg = digits(n);
    for (i = n - 1; i >= 0; i--) {
        double scaled = ldexp(m, e - 16 * i);
        double dig = floor(scaled);
        dg[i] = (uint16_t)dig;
        m -= ldexp(dig, 16 * i - e);
    }
    return from_mag(d < 0, dg, n);
}

static int mag_cmp(Mag *a, Mag *b) {
    int i;
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    for (i = a->n - 1; i >= 0; i--) if (a->d[i] != b->d[i]) return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}

static uint16_t *mag_add(Mag *a, Mag *b, int *n) {
    int len = (a->n > b->n ? a->n : b->n) + 1, i;
    uint16_t *r = digits(len);
    uint32_t carry = 0;
    for (i = 0; i < len; i++) {
        uint32_t s = carry + (i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0);
        r[i] = (uint16_t)s;
        carry = s >> 16;
    }
    *n = len;
    return r;
}

static uint16_t *mag_sub(Mag *a, Mag *b, int *n) {   /* |a| >= |b| */
    uint16_t *r = digits(a->n);
    int32_t borrow = 0;
    int i;
    for (i = 0; i < a->n; i++) {
        int32_t s = (int32_t)a->d[i] - (i < b->n ? b->d[i] : 0) - borrow;
        borrow = s < 0;
        r[i] = (uint16_t)(s + (borrow ? 65536 : 0));
    }
    *n = a->n;
    return r;
}

static Obj *add_signed(Mag *a, Mag *b, int negate_b) {
    int bneg = b->neg ^ negate_b, n;
    uint16_t *r;
    if (a->neg == bneg) { r = mag_add(a, b, &n); return from_mag(a->neg, r, n); }
    if (mag_cmp(a, b) >= 0) { r = mag_sub(a, b, &n); return from_mag(a->neg, r, n); }
    r = mag_sub(b, a, &n);
    return from_mag(bneg, r, n);
}

static Obj *mul(Mag *a, Mag *b) {
    int n = a->n + b->n, i, j;
    uint16_t *r = digits(n);
    for (i = 0; i < a->n; i++) {
        uint32_t carry = 0, ai = a->d[i];
        if (!ai) continue;
        for (j = 0; j < b->n; j++) {
            uint32_t t = ai * b->d[j] + r[i + j] + carry;
            r[i + j] = (uint16_t)t;
            carry = t >> 16;
        }
        for (j = i + b->n; carry; j++) {
            uint32_t t = r[j] + carry;
            r[j] = (uint16_t)t;
            carry = t >> 16;
        }
    }
    return from_mag(a->neg != b->neg, r, n);
}

/* magnitude division: q = u / v, r = u % v (Knuth algorithm D) */
static void mag_divmod(Mag *u, Mag *v, uint16_t **qo, int *qn, uint16_t **ro, int *rn) {
    int m = u->n, n = v->n, i, j, s = 0;
    uint16_t *q, *r;
    if (mag_cmp(u, v) < 0) {
        *qo = digits(1); *qn = 0;
        *ro = digits(m); memcpy(*ro, u->d, m * sizeof(uint16_t)); *rn = m;
        return;
    }
    if (n == 1) {
        uint32_t rem = 0, dv = v->d[0];
        q = digits(m);
        for (i = m - 1; i >= 0; i--) {
            uint32_t cur = (rem << 16) | u->d[i];
            q[i] = (uint16_t)(cur / dv);
            rem = cur % dv;
        }
        r = digits(1); r[0] = (uint16_t)rem;
        *qo = q; *qn = m; *ro = r; *rn = 1;
        return;
    }
    {
        uint16_t *vn = digits(n), *un = digits(m + 1);
        uint16_t top = v->d[n - 1];
        while (!(top & 0x8000)) { top <<= 1; s++; }
        for (i = n - 1; i > 0; i--) vn[i] = (uint16_t)((v->d[i] << s) | (s ? v->d[i - 1] >> (16 - s) : 0));
        vn[0] = (uint16_t)(v->d[0] << s);
        un[m] = (uint16_t)(s ? u->d[m - 1] >> (16 - s) : 0);
        for (i = m - 1; i > 0; i--) un[i] = (uint16_t)((u->d[i] << s) | (s ? u->d[i - 1] >> (16 - s) : 0));
        un[0] = (uint16_t)(u->d[0] << s);
        q = digits(m - n + 1);
        for (j = m - n; j >= 0; j--) {
            uint32_t num = ((uint32_t)un[j + n] << 16) | un[j + n - 1];
            uint32_t qhat = num / vn[n - 1], rhat = num % vn[n - 1];
            long long borrow = 0, t;
            while (qhat >= 65536 || qhat * vn[n - 2] > ((rhat << 16) | un[j + n - 2])) {
                qhat--;
                rhat += vn[n - 1];
                if (rhat >= 65536) break;
            }
            for (i = 0; i < n; i++) {
                uint32_t p = qhat * vn[i];
                t = (long long)un[i + j] - borrow - (p & 0xffff);
                un[i + j] = (uint16_t)(t & 0xffff);
                borrow = (long long)(p >> 16) - (t >> 16);
            }
            t = (long long)un[j + n] - borrow;
            un[j + n] = (uint16_t)(t & 0xffff);
            q[j] = (uint16_t)qhat;
            if (t < 0) {
                uint32_t carry = 0;
                q[j]--;
                for (i = 0; i < n; i++) {
                    uint32_t sum = (uint32_t)un[i + j] + vn[i] + carry;
                    un[i + j] = (uint16_t)sum;
                    carry = sum >> 16;
                }
                un[j + n] = (uint16_t)(un[j + n] + carry);
            }
        }
        r = digits(n);
        for (i = 0; i < n; i++) r[i] = (uint16_t)((un[i] >> s) | (s && i + 1 <= m ? (uint32_t)un[i + 1] << (16 - s) : 0));
        gc_free(vn); gc_free(un);
        *qo = q; *qn = m - n + 1; *ro = r; *rn = n;
    }
}

/* floor division and modulo with Python's sign rules */
static void divmod_int(Obj *a, Obj *b, Obj **qo, Obj **ro) {
    Mag ma, mb;
    uint16_t *q, *r;
    int qn, rn, rzero, i;
    mag_of(a, &ma); mag_of(b, &mb);
    if (mb.n == 0) py_raise_type(ZeroDivisionError, "integer division or modulo by zero");
    mag_divmod(&ma, &mb, &q, &qn, &r, &rn);
    rzero = 1;
    for (i = 0; i < rn; i++) if (r[i]) rzero = 0;
    if (ma.neg != mb.neg && !rzero) {
        /* q = -(q+1), r = b - r (with b's sign) */
        Obj *qq = from_mag(0, q, qn), *rr = from_mag(0, r, rn);
        Obj *bb = mb.neg ? int_binop(OP_SUB, MK_SMALL(0), b) : b;
        qq = int_binop(OP_ADD, qq, MK_SMALL(1));
        if (qo) *qo = int_binop(OP_SUB, MK_SMALL(0), qq);
        rr = int_binop(OP_SUB, bb, rr);
        if (ro) *ro = mb.neg ? int_binop(OP_SUB, MK_SMALL(0), rr) : rr;
        return;
    }
    if (qo) *qo = from_mag(ma.neg != mb.neg, q, qn); else gc_free(q);
    if (ro) *ro = from_mag(mb.neg, r, rn); else gc_free(r);
}

/* two's complement helpers for bitwise operators */
static uint16_t *twos(Mag *m, int len) {
    uint16_t *r = digits(len);
    int i;
    for (i = 0; i < len; i++) r[i] = i < m->n ? m->d[i] : 0;
    if (m->neg) {
        uint32_t carry = 1;
        for (i = 0; i < len; i++) {
            uint32_t t = (uint32_t)(uint16_t)~r[i] + carry;
            r[i] = (uint16_t)t;
            carry = t >> 16;
        }
    }
    return r;
}

static Obj *bitwise(int op, Obj *a, Obj *b) {
    Mag ma, mb;
    int len, i, neg;
    uint16_t *x, *y;
    mag_of(a, &ma); mag_of(b, &mb);
    len = (ma.n > mb.n ? ma.n : mb.n) + 1;
    x = twos(&ma, len); y = twos(&mb, len);
    for (i = 0; i < len; i++) x[i] = op == OP_AND ? x[i] & y[i] : op == OP_OR ? x[i] | y[i] : x[i] ^ y[i];
    gc_free(y);
    neg = (x[len - 1] & 0x8000) != 0;
    if (neg) {
        uint32_t carry = 1;
        for (i = 0; i < len; i++) {
            uint32_t t = (uint32_t)(uint16_t)~x[i] + carry;
            x[i] = (uint16_t)t;
            carry = t >> 16;
        }
    }
    return from_mag(neg, x, len);
}

static Obj *shift(Obj *a, long k, int left) {
    Mag m;
    int i, words, bits, n;
    uint16_t *r;
    mag_of(a, &m);
    if (k < 0) py_raise_type(ValueError, "negative shift count");
    if (m.n == 0) return MK_SMALL(0);
    if (!left) {
        if (m.neg) {
            /* floor: -((|a| - 1) >> k) - 1 */
            Obj *t = int_binop(OP_SUB, int_binop(OP_SUB, MK_SMALL(0), a), MK_SMALL(1));
            return int_binop(OP_SUB, MK_SMALL(-1), shift(t, k, 0));
        }
        words = (int)(k / 16); bits = (int)(k % 16);
        if (words >= m.n) return MK_SMALL(0);
        n = m.n - words;
        r = digits(n);
        for (i = 0; i < n; i++) {
            uint32_t lo = m.d[i + words], hi = i + words + 1 < m.n ? m.d[i + words + 1] : 0;
            r[i] = (uint16_t)(((hi << 16) | lo) >> bits);
        }
        return from_mag(0, r, n);
    }
    if (k > 1000000000L) py_raise(exc_new(MemoryError, NULL));
    words = (int)(k / 16); bits = (int)(k % 16);
    n = m.n + words + 1;
    r = digits(n);
    for (i = 0; i < m.n; i++) {
        uint32_t v = (uint32_t)m.d[i] << bits;
        r[i + words] |= (uint16_t)v;
        r[i + words + 1] |= (uint16_t)(v >> 16);
    }
    return from_mag(m.neg, r, n);
}

static Obj *int_pow(Obj *a, Obj *b) {
    Obj *result = MK_SMALL(1);
    Mag mb;
    int i, bit;
    mag_of(b, &mb);
    if (mb.neg) return NULL;
    for (i = mb.n - 1; i >= 0; i--)
        for (bit = 15; bit >= 0; bit--) {
            result = int_binop(OP_MUL, result, result);
            if ((mb.d[i] >> bit) & 1) result = int_binop(OP_MUL, result, a);
        }
    return result;
}

Obj *int_binop(int op, Obj *a, Obj *b) {
    op &= 0xff;
    if (!is_int(a) || !is_int(b)) return NULL;
    a = int_norm(a); b = int_norm(b);
    if (IS_SMALL(a) && IS_SMALL(b)) {
        long long x = SMALL_VAL(a), y = SMALL_VAL(b), q, r;
        switch (op) {
        case OP_ADD: return int_from_ll(x + y);
        case OP_SUB: return int_from_ll(x - y);
        case OP_MUL: return int_from_ll(x * y);
        case OP_FLOORDIV: case OP_MOD:
            if (y == 0) py_raise_type(ZeroDivisionError, op == OP_MOD ? "integer modulo by zero" : "integer division or modulo by zero");
            q = x / y; r = x % y;
            if (r != 0 && ((r < 0) != (y < 0))) { q--; r += y; }
            return int_from_ll(op == OP_MOD ? r : q);
        case OP_AND: return MK_SMALL(x & y);
        case OP_OR: return MK_SMALL(x | y);
        case OP_XOR: return MK_SMALL(x ^ y);
        case OP_LSHIFT:
            if (y < 0) py_raise_type(ValueError, "negative shift count");
            if (y < 32) return int_from_ll(x * ((long long)1 << y));
            break;
        case OP_RSHIFT:
            if (y < 0) py_raise_type(ValueError, "negative shift count");
            return MK_SMALL(y >= 63 ? (x < 0 ? -1 : 0) : x >> y);
        default: break;
        }
    }
    switch (op) {
    case OP_ADD: { Mag ma, mb; mag_of(a, &ma); mag_of(b, &mb); return add_signed(&ma, &mb, 0); }
    case OP_SUB: { Mag ma, mb; mag_of(a, &ma); mag_of(b, &mb); return add_signed(&ma, &mb, 1); }
    case OP_MUL: { Mag ma, mb; mag_of(a, &ma); mag_of(b, &mb); return mul(&ma, &mb); }
    case OP_FLOORDIV: { Obj *q; divmod_int(a, b, &q, NULL); return q; }
    case OP_MOD: {
        Obj *r;
        if (int_sign(b) == 0) py_raise_type(ZeroDivisionError, "integer modulo by zero");
        divmod_int(a, b, NULL, &r);
        return r;
    }
    case OP_TRUEDIV: {
        double x, y;
        if (int_sign(b) == 0) py_raise_type(ZeroDivisionError, "division by zero");
        x = int_to_double(a); y = int_to_double(b);
        return float_new(x / y);
    }
    case OP_POW: {
        Obj *r;
        if (int_sign(b) < 0) {
            double x = int_to_double(a);
            if (x == 0) py_raise_type(ZeroDivisionError, "0.0 cannot be raised to a negative power");
            return float_new(pow(x, int_to_double(b)));
        }
        r = int_pow(a, b);
        return r;
    }
    case OP_AND: case OP_OR: case OP_XOR: return bitwise(op, a, b);
    case OP_LSHIFT: case OP_RSHIFT: {
        long long k;
        if (int_sign(b) < 0) py_raise_type(ValueError, "negative shift count");
        if (!int_to_ll(b, &k)) {
            if (op == OP_RSHIFT) return MK_SMALL(int_sign(a) < 0 ? -1 : 0);
            py_raise_type(OverflowError, "too many digits in integer");
        }
        return shift(a, (long)k, op == OP_LSHIFT);
    }
    }
    return NULL;
}

int int_sign(Obj *o) {
    o = int_norm(o);
    if (IS_SMALL(o)) return SMALL_VAL(o) > 0 ? 1 : SMALL_VAL(o) < 0 ? -1 : 0;
    return ((BigInt *)o)->neg ? -1 : ((BigInt *)o)->n ? 1 : 0;
}

int int_cmp(Obj *a, Obj *b) {
    Mag ma, mb;
    int c;
    a = int_norm(a); b = int_norm(b);
    if (IS_SMALL(a) && IS_SMALL(b)) return SMALL_VAL(a) < SMALL_VAL(b) ? -1 : SMALL_VAL(a) > SMALL_VAL(b);
    mag_of(a, &ma); mag_of(b, &mb);
    if (ma.neg != mb.neg) return ma.neg ? -1 : 1;
    c = mag_cmp(&ma, &mb);
    return ma.neg ? -c : c;
}

Obj *int_to_str(Obj *o, int base) {
    Mag m;
    Buf b;
    uint16_t *work;
    int n, i, start;
    static const char dig[] = "0123456789abcdef";
    o = int_norm(o);
    mag_of(o, &m);
    buf_init(&b);
    if (m.n == 0) { buf_addc(&b, '0'); return buf_to_str(&b); }
    work = digits(m.n);
    memcpy(work, m.d, m.n * sizeof(uint16_t));
    n = m.n;
    while (n > 0) {
        uint32_t rem = 0;
        for (i = n - 1; i >= 0; i--) {
            uint32_t cur = (rem << 16) | work[i];
            work[i] = (uint16_t)(cur / (uint32_t)base);
            rem = cur % (uint32_t)base;
        }
        buf_addc(&b, dig[rem]);
        while (n > 0 && work[n - 1] == 0) n--;
    }
    gc_free(work);
    if (m.neg) buf_addc(&b, '-');
    /* reverse */
    start = 0;
    for (i = 0; i < (b.len - start) / 2; i++) {
        char t = b.s[start + i];
        b.s[start + i] = b.s[b.len - 1 - i];
        b.s[b.len - 1 - i] = t;
    }
    return buf_to_str(&b);
}

/* decimal conversion in chunks of 4 digits is much faster for big numbers */
static Obj *int_to_dec(Obj *o) {
    Mag m;
    Buf b;
    uint16_t *work;
    int n, i, neg;
    char *chunks;
    int nch = 0;
    o = int_norm(o);
    if (IS_SMALL(o)) return str_fmt("%ld", SMALL_VAL(o));
    mag_of(o, &m);
    neg = m.neg;
    work = digits(m.n);
    memcpy(work, m.d, m.n * sizeof(uint16_t));
    n = m.n;
    chunks = gc_malloc(m.n * 5 + 8);
    while (n > 0) {
        uint32_t rem = 0;
        for (i = n - 1; i >= 0; i--) {
            uint32_t cur = (rem << 16) | work[i];
            work[i] = (uint16_t)(cur / 10000u);
            rem = cur % 10000u;
        }
        for (i = 0; i < 4; i++) { chunks[nch++] = (char)('0' + rem % 10); rem /= 10; }
        while (n > 0 && work[n - 1] == 0) n--;
    }
    while (nch > 1 && chunks[nch - 1] == '0') nch--;
    buf_init(&b);
    if (neg) buf_addc(&b, '-');
    for (i = nch - 1; i >= 0; i--) buf_addc(&b, chunks[i]);
    gc_free(work);
    gc_free(chunks);
    return buf_to_str(&b);
}

Obj *int_from_str(const char *s, int len, int base) {
    Obj *r = MK_SMALL(0);
    int i, neg = 0, any = 0;
    long long acc = 0;
    int accn = 0;
    long long accmul = 1;
    i = 0;
    if (i < len && (s[i] == '+' || s[i] == '-')) { neg = s[i] == '-'; i++; }
    for (; i < len; i++) {
        int c = (unsigned char)s[i], v;
        if (c == '_') continue;
        if (c >= '0' && c <= '9') v = c - '0';
        else if (c >= 'a' && c <= 'z') v = c - 'a' + 10;
        else if (c >= 'A' && c <= 'Z') v = c - 'A' + 10;
        else return NULL;
        if (v >= base) return NULL;
        any = 1;
        acc = acc * base + v;
        accmul *= base;
        accn++;
        if (accmul > 100000000LL) {
            r = int_binop(OP_ADD, int_binop(OP_MUL, r, int_from_ll(accmul)), int_from_ll(acc));
            acc = 0; accmul = 1; accn = 0;
        }
    }
    if (!any) return NULL;
    if (accn) r = int_binop(OP_ADD, int_binop(OP_MUL, r, int_from_ll(accmul)), int_from_ll(acc));
    return neg ? int_binop(OP_SUB, MK_SMALL(0), r) : r;
}

intptr_t int_hash(Obj *o) {
    Mag m;
    uintptr_t h = 0;
    const uintptr_t P = sizeof(uintptr_t) > 4 ? (((uintptr_t)1 << 61) - 1) : (((uintptr_t)1 << 31) - 1);
    const int bitsP = sizeof(uintptr_t) > 4 ? 61 : 31;
    int i;
    o = int_norm(o);
    if (IS_SMALL(o)) return SMALL_VAL(o) == -1 ? -2 : SMALL_VAL(o);
    mag_of(o, &m);
    for (i = m.n - 1; i >= 0; i--) {
        h = ((h << 16) & P) | (h >> (bitsP - 16));
        h += m.d[i];
        if (h >= P) h -= P;
    }
    if (m.neg) { intptr_t r = -(intptr_t)h; return r == -1 ? -2 : r; }
    return (intptr_t)h;
}

Obj *int_bit_length(Obj *o) {
    Mag m;
    int bits;
    uint16_t top;
    mag_of(o, &m);
    if (m.n == 0) return MK_SMALL(0);
    bits = (m.n - 1) * 16;
    top = m.d[m.n - 1];
    while (top) { bits++; top >>= 1; }
    return MK_SMALL(bits);
}

Obj *int_to_bytes(Obj *o, int len, int little, int sign) {
    Mag m;
    int i, tlen;
    uint16_t *t;
    Obj *r;
    mag_of(o, &m);
    if (m.neg && !sign) py_raise_type(OverflowError, "can't convert negative int to unsigned");
    tlen = len / 2 + 2;
    if (m.n > tlen) py_raise_type(OverflowError, "int too big to convert");
    t = twos(&m, tlen);
    r = bytes_new(NULL, len);
    for (i = 0; i < len; i++) {
        unsigned char byte = (unsigned char)(t[i / 2] >> ((i % 2) * 8));
        ((Bytes *)r)->s[little ? i : len - 1 - i] = byte;
    }
    /* check that the value fits */
    for (i = len; i < tlen * 2; i++) {
        unsigned char byte = (unsigned char)(t[i / 2] >> ((i % 2) * 8));
        if (byte != (m.neg ? 0xff : 0)) { gc_free(t); py_raise_type(OverflowError, "int too big to convert"); }
    }
    if (sign && len > 0) {
        unsigned char topb = ((Bytes *)r)->s[little ? len - 1 : 0];
        if (((topb & 0x80) != 0) != (m.neg != 0)) { gc_free(t); py_raise_type(OverflowError, "int too big to convert"); }
    }
    gc_free(t);
    return r;
}

Obj *int_from_bytes(const unsigned char *s, int len, int little, int sign) {
    int n = len / 2 + 1, i, neg = 0;
    uint16_t *d = digits(n);
    for (i = 0; i < len; i++) {
        unsigned char byte = s[little ? i : len - 1 - i];
        d[i / 2] |= (uint16_t)(byte << ((i % 2) * 8));
    }
    if (sign && len > 0 && (s[little ? len - 1 : 0] & 0x80)) {
        /* negative: value - 2^(8*len) */
        Obj *v = from_mag(0, d, n);
        return int_binop(OP_SUB, v, shift(MK_SMALL(1), 8L * len, 1));
    }
    (void)neg;
    return from_mag(0, d, n);
}

/* ---- the int type ---- */
static Obj *int_repr(Obj *o) { return int_to_dec(o); }
static Obj *int_compare(int op, Obj *a, Obj *b) {
    int c;
    if (!is_int(a) || !is_int(b)) {
        if ((is_int(a) && TYPE(b) == &FloatType) || (is_int(b) && TYPE(a) == &FloatType)) return FloatType.compare(op, a, b);
        return NULL;
    }
    c = int_cmp(a, b);
    switch (op) {
    case CMP_LT: return BOOL(c < 0); case CMP_LE: return BOOL(c <= 0);
    case CMP_EQ: return BOOL(c == 0); case CMP_NE: return BOOL(c != 0);
    case CMP_GT: return BOOL(c > 0); case CMP_GE: return BOOL(c >= 0);
    }
    return NULL;
}
static int int_truth(Obj *o) { return int_sign(o) != 0; }

Obj *int_parse_obj(Obj *s, int base) {
    const char *p = CSTR(s);
    int len = STR(s)->len, i = 0, j;
    Obj *r;
    char *tmp;
    while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r' || p[i] == '\f' || p[i] == '\v')) i++;
    while (len > i && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\n' || p[len - 1] == '\r')) len--;
    tmp = gc_malloc(len - i + 1);
    memcpy(tmp, p + i, len - i);
    tmp[len - i] = 0;
    j = 0;
    {
        int neg = 0, k = 0, n = len - i;
        if (k < n && (tmp[k] == '+' || tmp[k] == '-')) { neg = tmp[k] == '-'; k++; }
        if (k + 1 < n && tmp[k] == '0' && strchr("xXoObB", tmp[k + 1]) && tmp[k + 1]) {
            char c = (char)(tmp[k + 1] | 0x20);
            int pb = c == 'x' ? 16 : c == 'o' ? 8 : 2;
            if (base == 0) base = pb;
            if (base == pb) k += 2;
        }
        if (base == 0) {
            base = 10;
            if (k + 1 < n && tmp[k] == '0') {
                int z;
                for (z = k; z < n; z++) if (tmp[z] != '0' && tmp[z] != '_') { j = -1; break; }
            }
        }
        if (k < n && tmp[k] == '_') j = -1;
        if (n > 0 && tmp[n - 1] == '_') j = -1;
        for (i = k; i + 1 < n; i++) if (tmp[i] == '_' && tmp[i + 1] == '_') j = -1;
        r = j < 0 ? NULL : int_from_str(tmp + k, n - k, base);
        if (r && neg) r = int_binop(OP_SUB, MK_SMALL(0), r);
    }
    gc_free(tmp);
    return r;
}

static Obj *int_make(Type *t, int n, Obj **args, Obj *kw) {
    Obj *x, *basearg = kw ? dict_gets(kw, "base") : NULL;
    (void)t;
    if (n == 0 && !basearg) return MK_SMALL(0);
    check_args("int", n, 0, 2);
    x = args[0];
    if (n == 2) basearg = args[1];
    if (basearg) {
        long base = as_long(basearg);
        Obj *r;
        if (TYPE(x) != &StrType && TYPE(x) != &BytesType && TYPE(x) != &ByteArrayType)
            py_raise_type(TypeError, "int() can't convert non-string with explicit base");
        if (base != 0 && (base < 2 || base > 36)) py_raise_type(ValueError, "int() base must be >= 2 and <= 36, or 0");
        if (TYPE(x) != &StrType) x = str_new((char *)((Bytes *)x)->s, ((Bytes *)x)->len);
        r = int_parse_obj(x, (int)base);
        if (!r) py_raise_type(ValueError, "invalid literal for int() with base %ld: %s", base, CSTR(repr(x)));
        return r;
    }
    if (is_int(x)) return int_norm(x);
    if (TYPE(x) == &FloatType) return int_from_double(((Float *)x)->v);
    if (TYPE(x) == &StrType) {
        Obj *r = int_parse_obj(x, 10);
        if (!r) py_raise_type(ValueError, "invalid literal for int() with base 10: %s", CSTR(repr(x)));
        return r;
    }
    if (TYPE(x) == &BytesType || TYPE(x) == &ByteArrayType) {
        Obj *r = int_parse_obj(str_new((char *)((Bytes *)x)->s, ((Bytes *)x)->len), 10);
        if (!r) py_raise_type(ValueError, "invalid literal for int() with base 10: %s", CSTR(repr(x)));
        return r;
    }
    if (TYPE(x)->flags & TF_USER) {
        Obj *m = type_lookup_s(TYPE(x), "__int__");
        if (!m) m = type_lookup_s(TYPE(x), "__index__");
        if (m) return call1(m, x);
    }
    py_raise_type(TypeError, "int() argument must be a string, a bytes-like object or a real number, not '%s'", type_name(x));
    return NULL;
}

static Obj *m_bit_length(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return int_bit_length(a[0]); }
static Obj *m_to_bytes(int n, Obj **a, Obj *kw) {
    Obj *order = n > 2 ? a[2] : kwarg(kw, "byteorder"), *sg = kwarg(kw, "signed");
    long len = n > 1 ? as_long(a[1]) : kwarg(kw, "length") ? as_long(kwarg(kw, "length")) : 1;
    int little = order && !strcmp(CSTR(order), "little");
    return int_to_bytes(a[0], (int)len, little, sg && truth(sg));
}
static Obj *m_from_bytes(int n, Obj **a, Obj *kw) {
    Obj *b = a[1], *order = n > 2 ? a[2] : kwarg(kw, "byteorder"), *sg = kwarg(kw, "signed");
    int little = order && !strcmp(CSTR(order), "little");
    if (TYPE(b) == &BytesType) return int_from_bytes(((Bytes *)b)->s, ((Bytes *)b)->len, little, sg && truth(sg));
    if (TYPE(b) == &ByteArrayType) return int_from_bytes(((ByteArray *)b)->s, ((ByteArray *)b)->len, little, sg && truth(sg));
    b = call1((Obj *)&BytesType, b);
    return int_from_bytes(((Bytes *)b)->s, ((Bytes *)b)->len, little, sg && truth(sg));
}
static Obj *m_conjugate(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return int_norm(a[0]); }

static Obj *int_getattr(Obj *o, Obj *name) {
    if (!strcmp(CSTR(name), "real") || !strcmp(CSTR(name), "numerator")) return int_norm(o);
    if (!strcmp(CSTR(name), "imag")) return MK_SMALL(0);
    if (!strcmp(CSTR(name), "denominator")) return MK_SMALL(1);
    return generic_getattr(o, name);
}

static intptr_t int_hash_slot(Obj *o) { return int_hash(o); }

Type IntType = {{&TypeType}, "int", 0};
Type BoolType = {{&TypeType}, "bool", &IntType};
Obj TrueObj = {&BoolType}, FalseObj = {&BoolType};

static Obj *bool_repr(Obj *o) { return str_c(o == True ? "True" : "False"); }
static Obj *bool_make(Type *t, int n, Obj **a, Obj *kw) { (void)t; (void)kw; check_args("bool", n, 0, 1); return n ? BOOL(truth(a[0])) : False; }
static Obj *bool_binop(int op, Obj *a, Obj *b) {
    op &= 0xff;
    if ((a == True || a == False) && (b == True || b == False)) {
        if (op == OP_AND) return BOOL(a == True && b == True);
        if (op == OP_OR) return BOOL(a == True || b == True);
        if (op == OP_XOR) return BOOL((a == True) != (b == True));
    }
    return int_binop(op, a, b);
}

void int_init(void) {
    IntType.repr = int_repr; IntType.hash = int_hash_slot; IntType.binop = int_binop;
    IntType.compare = int_compare; IntType.truth = int_truth; IntType.make = int_make;
    IntType.release = int_release; IntType.getattr = int_getattr;
    IntType.flags = TF_BASETYPE;
    add_method(&IntType, "bit_length", m_bit_length);
    add_method(&IntType, "to_bytes", m_to_bytes);
    add_method(&IntType, "conjugate", m_conjugate);
    {
        Obj *fb = native_new("from_bytes", m_from_bytes);
        Wrapper *cm = gc_new(&ClassMethodType, sizeof(Wrapper));
        cm->f = fb;
        dict_sets(IntType.dict, "from_bytes", (Obj *)cm);
    }
    BoolType.repr = bool_repr; BoolType.hash = int_hash_slot; BoolType.binop = bool_binop;
    BoolType.compare = int_compare; BoolType.truth = int_truth; BoolType.make = bool_make;
    BoolType.getattr = int_getattr;
}
