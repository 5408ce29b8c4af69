/* Exact decimal arithmetic for printf's %f/%e/%g and strtod: nonnegative
   integers as base-10^9 limbs, least significant first. 128 limbs (1152
   digits) hold every value the two need: at most 2^1077 * 5^1124. */
#ifndef BIGNUM_H
#define BIGNUM_H
#include <stdint.h>

#define BIG_LIMBS 128
#define BIG_BASE 1000000000u

typedef struct {
    int len;                    /* limbs in use; 0 means the value 0 */
    uint32_t limb[BIG_LIMBS];
} Big;

void big_set(Big *b, uint64_t v);
void big_mul_small(Big *b, uint32_t factor);
void big_add_small(Big *b, uint32_t addend);
void big_mul_pow2(Big *b, int k);
void big_mul_pow5(Big *b, int k);
int big_compare(const Big *a, const Big *b);
/* Writes the decimal digits (no leading zeros, no terminator); returns how
   many. The value 0 gives no digits. */
int big_to_digits(const Big *b, char *out);
#endif
