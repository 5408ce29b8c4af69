/* The exact math.h functions: classification, rounding to integers, the
   exponent field, fmod and sqrt work on the bit pattern and are exact (sqrt
   is correctly rounded). */
#include <math.h>
#include <errno.h>
#include "internal.h"

#define SIGN (1ULL << 63)
#define EXP_MASK (0x7ffULL << 52)
#define FRAC_MASK ((1ULL << 52) - 1)

static int exponent_field(double x) { return (int)((__double_bits(x) >> 52) & 0x7ff); }

double __inf(void) { return __bits_double(EXP_MASK); }
double __nan(void) { return __bits_double(EXP_MASK | (1ULL << 51)); }
int __isnan(double x) { return (__double_bits(x) & ~SIGN) > EXP_MASK; }
int __isinf(double x) { return (__double_bits(x) & ~SIGN) == EXP_MASK; }
int __isfinite(double x) { return exponent_field(x) != 0x7ff; }
int __signbit(double x) { return (int)(__double_bits(x) >> 63); }

double fabs(double x) { return __bits_double(__double_bits(x) & ~SIGN); }

double copysign(double x, double y) {
    return __bits_double((__double_bits(x) & ~SIGN) | (__double_bits(y) & SIGN));
}

double fmin(double a, double b) { return __isnan(a) ? b : __isnan(b) ? a : a < b ? a : b; }
double fmax(double a, double b) { return __isnan(a) ? b : __isnan(b) ? a : a > b ? a : b; }

double trunc(double x) {
    int e = exponent_field(x) - 1023;   /* unbiased */
    uint64_t bits = __double_bits(x);
    if (e >= 52)
        return x;                       /* already an integer, inf or nan */
    if (e < 0)
        return __bits_double(bits & SIGN);
    return __bits_double(bits & ~(FRAC_MASK >> e));
}

double floor(double x) {
    double t = trunc(x);
    return t != x && x < 0 ? t - 1.0 : t;
}

double ceil(double x) {
    double t = trunc(x);
    return t != x && x > 0 ? t + 1.0 : t;
}

/* Halfway cases away from zero. x - trunc(x) is exact. */
double round(double x) {
    double t = trunc(x);
    double frac = x - t;
    if (frac >= 0.5)
        return t + 1.0;
    if (frac <= -0.5)
        return t - 1.0;
    return t;
}

double modf(double x, double *ip) {
    *ip = trunc(x);
    if (__isinf(x))
        return copysign(0.0, x);
    return copysign(x - *ip, x);
}

double frexp(double x, int *exp) {
    int e = exponent_field(x);
    *exp = 0;
    if (x == 0.0 || e == 0x7ff)
        return x;
    if (e == 0) {                       /* subnormal: normalize first */
        x *= 18014398509481984.0;       /* 2^54 */
        e = exponent_field(x) - 54;
    }
    *exp = e - 1022;
    uint64_t bits = (__double_bits(x) & ~EXP_MASK) | (1022ULL << 52);
    return __bits_double(bits);
}

/* x * 2^n with one correct rounding, also into the subnormals. */
double scalbn(double x, int n) {
    int e = exponent_field(x);
    if (x == 0.0 || e == 0x7ff)
        return x;
    uint64_t bits = __double_bits(x);
    uint64_t m = bits & FRAC_MASK;
    if (e == 0)
        e = 1;
    else
        m |= 1ULL << 52;
    if (n > 3000)
        n = 3000;
    if (n < -3000)
        n = -3000;
    double r = __round_binary(m, e - 1075 + n, 0);
    if (__isinf(r) || r == 0.0)
        errno = ERANGE;
    return (bits & SIGN) ? -r : r;
}

double ldexp(double x, int n) { return scalbn(x, n); }

/* x - n*y with n = trunc(x/y), exact: long division on the mantissas, one
   bit of the quotient per step. */
double fmod(double x, double y) {
    if (__isnan(x) || __isnan(y) || __isinf(x) || y == 0.0) {
        if (!__isnan(x) && !__isnan(y))
            errno = EDOM;
        return __nan();
    }
    if (__isinf(y) || fabs(x) < fabs(y))
        return x;
    uint64_t xb = __double_bits(x) & ~SIGN, yb = __double_bits(y) & ~SIGN;
    int ex = (int)(xb >> 52), ey = (int)(yb >> 52);
    uint64_t mx = xb & FRAC_MASK, my = yb & FRAC_MASK;
    if (ex) mx |= 1ULL << 52; else ex = 1;
    if (ey) my |= 1ULL << 52; else ey = 1;
    uint64_t r = mx % my;
    for (int i = ex; i > ey; i--) {
        r <<= 1;
        if (r >= my)
            r -= my;
    }
    double result = __round_binary(r, ey - 1075, 0);
    return __signbit(x) ? -result : result;
}

/* Square root digit by digit in base 4 on the integer mantissa: 54 result
   bits from 108 input bits, the last one and the remainder round the result
   to nearest (an exact tie cannot happen). */
double sqrt(double x) {
    if (__isnan(x) || x == 0.0 || (__isinf(x) && x > 0))
        return x;
    if (x < 0) {
        errno = EDOM;
        return __nan();
    }
    uint64_t bits = __double_bits(x);
    int e = (int)(bits >> 52);
    uint64_t m = bits & FRAC_MASK;
    if (e) {
        m |= 1ULL << 52;
    } else {
        e = 1;
        while (m < (1ULL << 52)) {
            m <<= 1;
            e--;
        }
    }
    e -= 1075;                          /* x = m * 2^e, 2^52 <= m < 2^53 */
    if (e & 1) {
        m <<= 1;
        e--;
    }
    /* sqrt(m * 2^54) has 54 bits; bring in the input two bits at a time. */
    uint64_t root = 0, rem = 0;
    for (int i = 0; i < 54; i++) {
        int shift = 106 - 2 * i - 54;   /* position of this pair within m */
        uint64_t pair = shift >= 0 ? (m >> shift) & 3 : 0;
        rem = (rem << 2) | pair;
        uint64_t trial = (root << 2) | 1;
        root <<= 1;
        if (rem >= trial) {
            rem -= trial;
            root |= 1;
        }
    }
    return __round_binary(root, (e - 54) / 2, rem != 0);
}

double hypot(double x, double y) {
    x = fabs(x);
    y = fabs(y);
    if (__isinf(x) || __isinf(y))
        return __inf();
    if (__isnan(x) || __isnan(y))
        return __nan();
    if (x < y) {
        double t = x;
        x = y;
        y = t;
    }
    if (y == 0.0)
        return x;
    int e;
    frexp(x, &e);
    x = scalbn(x, -e);
    y = scalbn(y, -e);
    return scalbn(sqrt(x * x + y * y), e);
}
