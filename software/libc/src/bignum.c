#include "bignum.h"

void big_set(Big *b, uint64_t v) {
    b->len = 0;
    while (v) {
        b->limb[b->len++] = (uint32_t)(v % BIG_BASE);
        v /= BIG_BASE;
    }
}

void big_mul_small(Big *b, uint32_t factor) {
    uint64_t carry = 0;
    for (int i = 0; i < b->len; i++) {
        uint64_t t = (uint64_t)b->limb[i] * factor + carry;
        carry = t / BIG_BASE;       /* one 64-bit division, not two */
        b->limb[i] = (uint32_t)(t - carry * BIG_BASE);
    }
    while (carry && b->len < BIG_LIMBS) {
        b->limb[b->len++] = (uint32_t)(carry % BIG_BASE);
        carry /= BIG_BASE;
    }
}

void big_add_small(Big *b, uint32_t addend) {
    uint64_t carry = addend;
    for (int i = 0; carry && i < b->len; i++) {
        uint64_t t = b->limb[i] + carry;
        b->limb[i] = (uint32_t)(t % BIG_BASE);
        carry = t / BIG_BASE;
    }
    if (carry && b->len < BIG_LIMBS)
        b->limb[b->len++] = (uint32_t)carry;
}

void big_mul_pow2(Big *b, int k) {
    for (; k >= 29; k -= 29)
        big_mul_small(b, 1u << 29);
    if (k > 0)
        big_mul_small(b, 1u << k);
}

void big_mul_pow5(Big *b, int k) {
    for (; k >= 13; k -= 13)
        big_mul_small(b, 1220703125u);      /* 5^13 */
    uint32_t rest = 1;
    while (k-- > 0)
        rest *= 5;
    big_mul_small(b, rest);
}

int big_compare(const Big *a, const Big *b) {
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    for (int i = a->len - 1; i >= 0; i--)
        if (a->limb[i] != b->limb[i])
            return a->limb[i] < b->limb[i] ? -1 : 1;
    return 0;
}

int big_to_digits(const Big *b, char *out) {
    int n = 0;
    for (int i = b->len - 1; i >= 0; i--) {
        char group[9];
        uint32_t v = b->limb[i];
        for (int j = 8; j >= 0; j--) {
            group[j] = (char)('0' + v % 10);
            v /= 10;
        }
        int j = 0;
        if (i == b->len - 1)        /* no leading zeros in the top limb */
            while (j < 8 && group[j] == '0')
                j++;
        for (; j < 9; j++)
            out[n++] = group[j];
    }
    return n;
}
