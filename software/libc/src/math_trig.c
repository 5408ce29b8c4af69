/* sin, cos, tan. The argument is reduced to r = x - k*pi/2, |r| <= pi/4, as
   a double-double, then a Taylor kernel evaluates sin or cos of r.
   Reduction: for |x| < 2^19 * pi/2, pi/2 in three pieces of which the first
   two have 33 significant bits, so k times them is exact (Cody and Waite).
   Beyond, x = m * 2^e times the bits of 2/pi that matter (Payne and Hanek):
   bits of weight 4 and more only add multiples of 2*pi, and 192 bits after
   those give the fraction to more than 120 bits. */
#include <math.h>
#include <errno.h>
#include "internal.h"
#include "dd.h"

#define PIO4 0.7853981633974483
#define TWO_OVER_PI 0.6366197723675814
#define PIO2_1 1.5707963267341256
#define PIO2_2 6.077100506303966e-11
#define PIO2_3 2.0222662487959506e-21
#define PIO2_HI 1.5707963267948966
#define PIO2_LO 6.123233995736766e-17

/* 2/pi in binary, 32 bits a word, after 64 zero bits (so that a window may
   start before the binary point). */
static const uint32_t two_over_pi_bits[] = {
    0x00000000, 0x00000000, 0xa2f9836e, 0x4e441529, 0xfc2757d1, 0xf534ddc0,
    0xdb629599, 0x3c439041, 0xfe5163ab, 0xdebbc561, 0xb7246e3a, 0x424dd2e0,
    0x06492eea, 0x09d1921c, 0xfe1deb1c, 0xb129a73e, 0xe88235f5, 0x2ebb4484,
    0xe99c7026, 0xb45f7e41, 0x3991d639, 0x835339f4, 0x9c845f8b, 0xbdf9283b,
    0x1ff897ff, 0xde05980f, 0xef2f118b, 0x5a0a6d1f, 0x6d367ecf, 0x27cb09b7,
    0x4f463f66, 0x9e5fea2d, 0x7527bac7, 0xebe5f17b, 0x3d0739f7, 0x8a5292ea,
    0x6bfb5fb1, 0x1f8d5d08, 0x56033046, 0xfc7b6bab, 0xf0cfbc20,
};

/* 32 bits of the table starting at bit j (bit 0 = top of word 0). */
static uint32_t window_word(int j) {
    int q = j / 32, shift = j % 32;
    if (shift == 0)
        return two_over_pi_bits[q];
    return two_over_pi_bits[q] << shift | two_over_pi_bits[q + 1] >> (32 - shift);
}

static int reduce_large(double x, double *hi, double *lo) {
    uint64_t bits = __double_bits(x);
    uint64_t m = (bits & ((1ULL << 52) - 1)) | (1ULL << 52);
    int e = (int)((bits >> 52) & 0x7ff) - 1075;      /* |x| = m * 2^e */
    /* W = the 192 bits of 2/pi of weights 2^-(e-1) .. 2^-(e+190), as
       little-endian words. Bits of higher weight add multiples of 4 to
       |x| * 2/pi, which is m * W * 2^-190 modulo 4. */
    uint32_t w[6];
    for (int i = 0; i < 6; i++)
        w[5 - i] = window_word(e - 2 + 64 + 32 * i);
    uint32_t p[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    uint32_t halves[2] = {(uint32_t)m, (uint32_t)(m >> 32)};
    for (int h = 0; h < 2; h++) {
        uint64_t carry = 0;
        for (int i = 0; i < 6; i++) {
            uint64_t t = (uint64_t)halves[h] * w[i] + p[i + h] + carry;
            p[i + h] = (uint32_t)t;
            carry = t >> 32;
        }
        p[6 + h] += (uint32_t)carry;
    }
    int k = (int)(p[5] >> 30);      /* product bits 191..190 */
    /* the fraction: product bits 189..62, as two 64-bit halves */
    uint64_t f1 = (uint64_t)(p[5] & 0x3fffffff) << 34 | (uint64_t)p[4] << 2 | p[3] >> 30;
    uint64_t f2 = (uint64_t)(p[3] & 0x3fffffff) << 34 | (uint64_t)p[2] << 2 | p[1] >> 30;
    int negative = (int)(f1 >> 63);
    if (negative) {             /* fraction >= 1/2: round k up, take 1 - f */
        k = (k + 1) & 3;
        f1 = ~f1;
        f2 = ~f2 + 1;
        if (f2 == 0)
            f1++;
    }
    double two_m64 = 5.421010862427522e-20;         /* 2^-64 */
    DD f = fast_two_sum((double)(f1 & ~0x7ffULL) * two_m64,
                        ((double)(f1 & 0x7ff) + (double)f2 * two_m64) * two_m64);
    DD pio2 = {PIO2_HI, PIO2_LO};
    DD r = dd_mul(f, pio2);
    if (negative != (x < 0)) {
        r.hi = -r.hi;
        r.lo = -r.lo;
    }
    if (x < 0)
        k = (4 - k) & 3;
    *hi = r.hi;
    *lo = r.lo;
    return k;
}

int __reduce_pio2(double x, double *hi, double *lo) {
    double a = fabs(x);
    if (a <= PIO4) {
        *hi = x;
        *lo = 0.0;
        return 0;
    }
    if (a >= 823549.6) /* 2^19 * pi/2 */
        return reduce_large(x, hi, lo);
    double kf = trunc(x * TWO_OVER_PI + (x < 0 ? -0.5 : 0.5));
    double t = x - kf * PIO2_1;                     /* exact */
    DD r = two_sum(t, -(kf * PIO2_2));              /* kf * PIO2_2 exact */
    r = fast_two_sum(r.hi, r.lo - kf * PIO2_3);
    *hi = r.hi;
    *lo = r.lo;
    return (int)((long long)kf & 3);
}

/* (-1)^k / (2k+1)! for k = 1..8 and (-1)^k / (2k)! for k = 2..9. */
static const double sin_coefficients[] = {
    -0.16666666666666666, 0.008333333333333333, -0.0001984126984126984,
    2.7557319223985893e-06, -2.505210838544172e-08, 1.6059043836821613e-10,
    -7.647163731819816e-13, 2.8114572543455206e-15,
};
static const double cos_coefficients[] = {
    0.041666666666666664, -0.001388888888888889, 2.48015873015873e-05,
    -2.755731922398589e-07, 2.08767569878681e-09, -1.1470745597729725e-11,
    4.779477332387385e-14, -1.5619206968586225e-16,
};

/* sin(x + y) for |x| <= pi/4, |y| tiny: sin x + y cos x. */
static double sin_kernel(double x, double y) {
    double z = x * x, s = 0.0;
    for (int i = 7; i >= 0; i--)
        s = sin_coefficients[i] + z * s;
    return x + (x * z * s + y * (1.0 - 0.5 * z));
}

/* cos(x + y) = cos x - y sin x, with 1 - x^2/2 summed so that its rounding
   error is recovered. */
static double cos_kernel(double x, double y) {
    double z = x * x, c = 0.0;
    for (int i = 7; i >= 0; i--)
        c = cos_coefficients[i] + z * c;
    double hz = 0.5 * z;
    double w = 1.0 - hz;
    return w + (((1.0 - w) - hz) + (z * z * c - x * y));
}

static int bad_argument(double x, double *r) {
    if (__isnan(x) || __isinf(x)) {
        if (__isinf(x))
            errno = EDOM;
        *r = __nan();
        return 1;
    }
    return 0;
}

double sin(double x) {
    double hi, lo, r;
    if (bad_argument(x, &r))
        return r;
    switch (__reduce_pio2(x, &hi, &lo)) {
    case 0: return sin_kernel(hi, lo);
    case 1: return cos_kernel(hi, lo);
    case 2: return -sin_kernel(hi, lo);
    default: return -cos_kernel(hi, lo);
    }
}

double cos(double x) {
    double hi, lo, r;
    if (bad_argument(x, &r))
        return r;
    switch (__reduce_pio2(x, &hi, &lo)) {
    case 0: return cos_kernel(hi, lo);
    case 1: return -sin_kernel(hi, lo);
    case 2: return -cos_kernel(hi, lo);
    default: return sin_kernel(hi, lo);
    }
}

double tan(double x) {
    double hi, lo, r;
    if (bad_argument(x, &r))
        return r;
    int k = __reduce_pio2(x, &hi, &lo);
    if (hi == 0.0)
        return hi;              /* keeps the sign of zero */
    double s = sin_kernel(hi, lo), c = cos_kernel(hi, lo);
    return (k & 1) ? -c / s : s / c;
}
