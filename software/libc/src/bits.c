/* Moving between a double and its IEEE-754 bit pattern through a union. */
#include "internal.h"

#define TWO52 (1ULL << 52)
#define TWO53 (1ULL << 53)

typedef union {
    double d;
    uint64_t u;
} DoubleBits;

uint64_t __double_bits(double x) {
    DoubleBits b;
    b.d = x;
    return b.u;
}

double __bits_double(uint64_t bits) {
    DoubleBits b;
    b.u = bits;
    return b.d;
}

/* m * 2^e with 2^52 <= m < 2^53, or a subnormal m < 2^52 with e = -1074. */
static double compose(uint64_t m, int e) {
    if (m >= TWO52)
        return __bits_double(((uint64_t)(e + 1075) << 52) | (m - TWO52));
    return __bits_double(m);
}

/* Rounds m * 2^e (any 64-bit m, sticky = nonzero bits shifted out below m)
   to a double, ties to even. */
double __round_binary(uint64_t m, int e, int sticky) {
    if (m == 0)
        return 0.0;
    while (m < TWO52 && e > -1074) {
        m <<= 1;
        e--;
    }
    int half = 0;
    while (m >= TWO53 || e < -1074) {
        sticky |= half;
        half = (int)(m & 1);
        m >>= 1;
        e++;
    }
    if (half && (sticky || (m & 1)))
        m++;
    if (m == TWO53) {
        m >>= 1;
        e++;
    }
    if (m >= TWO52 && e + 1075 >= 2047)
        return __bits_double(0x7ffULL << 52);
    return compose(m, e);
}


