/* Exact binary-to-decimal conversion for printf. A double is m * 2^e with
   an integer m; for e >= 0 that is the integer m * 2^e, and for e < 0 it is
   m * 5^-e / 10^-e. Either way a big integer gives every decimal digit, and
   printf rounds that exact string, so %f/%e/%g round correctly even for
   halfway cases. */
#include "internal.h"
#include "bignum.h"

int __dtoa_exact(double x, char *out, int *point) {
    uint64_t bits = __double_bits(x);
    int biased = (int)(bits >> 52) & 0x7ff;
    uint64_t m = bits & 0xfffffffffffffULL;
    int e;
    if (biased == 0) {
        e = -1074;
    } else {
        m |= 1ULL << 52;
        e = biased - 1075;
    }
    while (!(m & 1)) {          /* smaller numbers, less work */
        m >>= 1;
        e++;
    }
    Big b;
    big_set(&b, m);
    if (e >= 0)
        big_mul_pow2(&b, e);
    else
        big_mul_pow5(&b, -e);
    int n = big_to_digits(&b, out);
    *point = e >= 0 ? n : n + e;
    while (n > 1 && out[n - 1] == '0')
        n--;
    return n;
}

int __round_digits(char *d, int n, int keep) {
    if (keep >= n)
        return 0;
    if (keep < 0)
        return 0;
    int up;
    if (d[keep] != '5') {
        up = d[keep] > '5';
    } else {
        int rest_nonzero = 0;
        for (int i = keep + 1; i < n; i++)
            if (d[i] != '0')
                rest_nonzero = 1;
        int previous_odd = keep > 0 && ((d[keep - 1] - '0') & 1);
        up = rest_nonzero || previous_odd;
    }
    for (int i = keep; i < n; i++)
        d[i] = '0';
    if (!up)
        return 0;
    int i = keep - 1;
    while (i >= 0 && d[i] == '9')
        d[i--] = '0';
    if (i >= 0) {
        d[i]++;
        return 0;
    }
    d[0] = '1';                 /* 999.. became 1000..: one more digit */
    return 1;
}
