/* log, log2, log10, log1p and pow.
   All share one core that computes log(x) as an unevaluated sum hi + lo of
   two doubles ("double-double", about 100 bits): x = 2^k * m with
   sqrt(1/2) <= m < sqrt(2), f = m - 1 (exact), s = f / (2 + f), and
   log(m) = 2 atanh(s) = 2s + s*T with T = 2s^2/3 + 2s^4/5 + ... (|s| < 0.172,
   so 12 terms suffice). Rounding hi + lo gives log to about half an ulp;
   pow multiplies by y in double-double and exponentiates hi + lo. */
#include <math.h>
#include <errno.h>
#include "internal.h"
#include "dd.h"

#define LN2_HI 0.6931471803691238       /* 32 significant bits: k*LN2_HI exact */
#define LN2_LO 1.9082149292705877e-10
#define SQRT2 1.4142135623730951
#define TWO_THIRDS_HI 0.6666666666666666
#define TWO_THIRDS_LO 3.700743415417188e-17
#define INV_LN2_HI 1.4426950408889634
#define INV_LN2_LO 2.0355273740931033e-17
#define INV_LN10_HI 0.4342944819032518
#define INV_LN10_LO 1.098319650216765e-17

/* 2/(2i+5) for i = 0..10: the coefficients of T after the first. */
static const double atanh_coefficients[] = {
    0.4, 0.2857142857142857, 0.2222222222222222, 0.18181818181818182,
    0.15384615384615385, 0.13333333333333333, 0.11764705882352941,
    0.10526315789473684, 0.09523809523809523, 0.08695652173913043, 0.08,
};

static DD log_dd(double x) {
    int k = 0;
    uint64_t bits = __double_bits(x);
    if ((bits >> 52) == 0) {            /* subnormal */
        x *= 18014398509481984.0;       /* 2^54 */
        bits = __double_bits(x);
        k = -54;
    }
    k += (int)(bits >> 52) - 1023;
    double m = __bits_double((bits & ((1ULL << 52) - 1)) | (1023ULL << 52));
    if (m > SQRT2) {
        m *= 0.5;
        k++;
    }
    double f = m - 1.0;
    DD den = two_sum(2.0, f);
    DD s;
    s.hi = f / den.hi;
    DD p = two_prod(s.hi, den.hi);
    s.lo = (((f - p.hi) - p.lo) - s.hi * den.lo) / den.hi;
    DD s2 = dd_mul(s, s);
    double rest = 0.0;
    for (int i = 10; i >= 0; i--)
        rest = atanh_coefficients[i] + s2.hi * rest;
    DD c = two_sum(TWO_THIRDS_HI, s2.hi * rest);
    c.lo += TWO_THIRDS_LO;
    DD t = dd_mul(s2, c);
    DD two_s = {2.0 * s.hi, 2.0 * s.lo};
    DD log_m = dd_add(two_s, dd_mul(s, t));
    DD k_ln2_hi = {(double)k * LN2_HI, 0.0};
    DD k_ln2 = dd_add(k_ln2_hi, two_prod((double)k, LN2_LO));
    return dd_add(k_ln2, log_m);
}

void __log_split(double x, double *hi, double *lo) {
    DD r = log_dd(x);
    *hi = r.hi;
    *lo = r.lo;
}

/* The special cases shared by the logarithms; returns 1 if *r is the answer. */
static int log_special(double x, double *r) {
    if (__isnan(x) || (__isinf(x) && x > 0)) {
        *r = x;
        return 1;
    }
    if (x == 0.0) {
        errno = ERANGE;
        *r = -__inf();
        return 1;
    }
    if (x < 0) {
        errno = EDOM;
        *r = __nan();
        return 1;
    }
    return 0;
}

double log(double x) {
    double r;
    if (log_special(x, &r))
        return r;
    DD l = log_dd(x);
    return l.hi + l.lo;
}

static double log_scaled(double x, double scale_hi, double scale_lo) {
    double r;
    if (log_special(x, &r))
        return r;
    DD scale = {scale_hi, scale_lo};
    DD l = dd_mul(log_dd(x), scale);
    return l.hi + l.lo;
}

double log2(double x) { return log_scaled(x, INV_LN2_HI, INV_LN2_LO); }
double log10(double x) { return log_scaled(x, INV_LN10_HI, INV_LN10_LO); }

/* log1p(x) = log(u) * x / (u - 1) with u = 1 + x: the quotient corrects for
   the rounding of u (Goldberg, "What every computer scientist should know
   about floating-point arithmetic", theorem 4). */
double log1p(double x) {
    if (x == -1.0) {
        errno = ERANGE;
        return -__inf();
    }
    if (x < -1.0) {
        errno = EDOM;
        return __nan();
    }
    double u = 1.0 + x;
    if (u == 1.0 || __isinf(x) || __isnan(x))
        return x;
    return log(u) * (x / (u - 1.0));
}

static int is_integer(double y) { return trunc(y) == y; }
static int is_odd_integer(double y) { return is_integer(y) && fabs(y) < 9007199254740992.0 && trunc(y * 0.5) != y * 0.5; }

double pow(double x, double y) {
    if (y == 0.0 || x == 1.0)
        return 1.0;
    if (__isnan(x) || __isnan(y))
        return __nan();
    int odd = is_odd_integer(y);
    if (x == 0.0) {
        if (y < 0) {
            errno = ERANGE;
            return odd ? copysign(__inf(), x) : __inf();
        }
        return odd ? x : 0.0;
    }
    if (__isinf(y)) {
        double a = fabs(x);
        if (a == 1.0)
            return 1.0;
        return (a < 1.0) == (y < 0) ? __inf() : 0.0;
    }
    if (__isinf(x)) {
        double r = y < 0 ? 0.0 : __inf();
        return x < 0 && odd ? -r : r;
    }
    int negate = 0;
    if (x < 0) {
        if (!is_integer(y)) {
            errno = EDOM;
            return __nan();
        }
        negate = odd;
        x = -x;
    }
    DD l = log_dd(x);
    double estimate = y * l.hi;
    double r;
    if (estimate > 1000.0 || estimate < -1000.0) {  /* surely out of range */
        r = __exp_split(estimate, 0.0);
    } else {
        DD p = two_prod(y, l.hi);
        p = fast_two_sum(p.hi, p.lo + y * l.lo);
        r = __exp_split(p.hi, p.lo);
    }
    return negate ? -r : r;
}
