/* Double-double arithmetic: a value held as the unevaluated sum hi + lo of
   two doubles, about 106 bits. Only what log, pow and the pi/2 reduction
   need. The functions are static: each user gets its own copy. */
#ifndef DD_H
#define DD_H

typedef struct {
    double hi, lo;
} DD;

/* a + b exactly, as hi + lo (Knuth's two-sum). */
static inline DD two_sum(double a, double b) {
    DD r;
    r.hi = a + b;
    double bb = r.hi - a;
    r.lo = (a - (r.hi - bb)) + (b - bb);
    return r;
}

/* Requires |a| >= |b|. */
static inline DD fast_two_sum(double a, double b) {
    DD r;
    r.hi = a + b;
    r.lo = b - (r.hi - a);
    return r;
}

/* a * b exactly (Dekker: split each factor into two 26-bit halves). */
static inline DD two_prod(double a, double b) {
    double ca = 134217729.0 * a, cb = 134217729.0 * b;     /* 2^27 + 1 */
    double ah = ca - (ca - a), al = a - ah;
    double bh = cb - (cb - b), bl = b - bh;
    DD r;
    r.hi = a * b;
    r.lo = ((ah * bh - r.hi) + ah * bl + al * bh) + al * bl;
    return r;
}

static inline DD dd_add(DD a, DD b) {
    DD s = two_sum(a.hi, b.hi);
    return fast_two_sum(s.hi, s.lo + a.lo + b.lo);
}

static inline DD dd_mul(DD a, DD b) {
    DD p = two_prod(a.hi, b.hi);
    return fast_two_sum(p.hi, p.lo + a.hi * b.lo + a.lo * b.hi);
}

#endif
