/* exp, expm1 and the hyperbolic functions.
   exp: x = k*ln2 + r with |r| <= ln2/2, exp(x) = 2^k * (1 + p(r)), where
   p(r) = exp(r) - 1 is the Taylor series to r^13 (truncation error below
   2^-60 relative). ln2 is split in two (LN2_HI has 32 significant bits) so
   that k*LN2_HI is exact and r keeps full precision. */
#include <math.h>
#include <errno.h>
#include "internal.h"
#include "dd.h"

#define LN2_HI 0.6931471803691238
#define LN2_LO 1.9082149292705877e-10
#define INV_LN2 1.4426950408889634
#define EXP_OVERFLOW 709.782712893384       /* log(2^1024) */
#define EXP_UNDERFLOW (-745.1332191019412)  /* log(2^-1075) */

/* 1/n! for n = 2..13. */
static const double inverse_factorial[] = {
    0.5, 0.16666666666666666, 0.041666666666666664, 0.008333333333333333,
    0.001388888888888889, 0.0001984126984126984, 2.48015873015873e-05,
    2.7557319223985893e-06, 2.755731922398589e-07, 2.505210838544172e-08,
    2.08767569878681e-09, 1.6059043836821613e-10,
};

/* exp(r) - 1 - r for |r| <= ln2/2: the series after its first term. */
static double series_tail(double r) {
    double q = 0.0;
    for (int i = 11; i >= 0; i--)
        q = inverse_factorial[i] + r * q;
    return r * r * q;
}

/* Nearest integer to x (|x| < 2^31). */
static int nearest_int(double x) {
    return (int)(x < 0 ? x - 0.5 : x + 0.5);
}

double __exp_split(double hi, double lo) {
    if (__isnan(hi))
        return hi;
    if (hi > EXP_OVERFLOW) {
        errno = ERANGE;
        return __inf();
    }
    if (hi < EXP_UNDERFLOW) {
        errno = ERANGE;
        return 0.0;
    }
    /* r = r_hi + r_lo; 1 + r_hi is summed exactly so that only the last
       addition rounds. */
    int k = nearest_int(hi * INV_LN2);
    DD r = two_sum(hi - k * LN2_HI, -(k * LN2_LO)); /* the first difference is exact */
    double r_hi = r.hi, r_lo = r.lo + lo;
    double tail = series_tail(r_hi);
    DD one_plus = two_sum(1.0, r_hi);               /* exp(r) ~ exp(r_hi)(1 + r_lo) */
    double y = one_plus.hi + (one_plus.lo + (tail + r_lo * (1.0 + r_hi + tail)));
    if (k > -1020 && k < 1020)
        return y * __bits_double((uint64_t)(k + 1023) << 52);  /* exact */
    return scalbn(y, k);
}

double exp(double x) {
    return __exp_split(x, 0.0);
}

/* expm1 = (2^k - 1) + 2^k * p(r): both parts exact for small k, so only the
   final addition rounds. */
double expm1(double x) {
    if (__isnan(x))
        return x;
    if (x > EXP_OVERFLOW)
        return exp(x);
    if (x < -40.0)
        return -1.0;
    int k = nearest_int(x * INV_LN2);
    double r = (x - k * LN2_HI) - k * LN2_LO;
    double p = r + series_tail(r);
    if (k == 0)
        return p;
    if (k > 56)
        return exp(x) - 1.0;
    double two_k = scalbn(1.0, k);
    return (two_k - 1.0) + two_k * p;
}

double sinh(double x) {
    double a = fabs(x), r;
    if (a < 22.0) {
        double e = expm1(a);            /* sinh = (e + e/(e+1)) / 2 */
        r = 0.5 * (e + e / (e + 1.0));
    } else if (a < EXP_OVERFLOW) {
        r = 0.5 * exp(a);
    } else {
        double w = exp(0.5 * a);        /* exp(a)/2 without overflowing early */
        r = (0.5 * w) * w;
    }
    return x < 0 ? -r : r;
}

double cosh(double x) {
    double a = fabs(x);
    if (a < 22.0) {
        double e = expm1(a);            /* cosh = 1 + e^2 / (2(e+1)) */
        return 1.0 + (e * e) / (2.0 * (e + 1.0));
    }
    if (a < EXP_OVERFLOW)
        return 0.5 * exp(a);
    double w = exp(0.5 * a);
    return (0.5 * w) * w;
}

double tanh(double x) {
    double a = fabs(x), r;
    if (__isnan(x))
        return x;
    if (a > 22.0) {
        r = 1.0;
    } else {
        double e = expm1(2.0 * a);      /* tanh = e / (e + 2) */
        r = e / (e + 2.0);
    }
    return x < 0 ? -r : r;
}
