#include "../check.h"
#include <stdint.h>

static int64_t mul(int64_t a, int64_t b) { return a * b; }
static uint64_t shl(uint64_t a, int n) { return a << n; }
static int64_t sar(int64_t a, int n) { return a >> n; }
static long long many(int a, long long b, int c, long long d, int e, long long f, long long g) {
    return a + b + c + d + e + f + g;       /* g is split between a7 and the stack */
}

int main(void) {
    int64_t a = 0x123456789LL, b = -5;
    ASSERT(a + b == 0x123456784LL);
    ASSERT(a - 0x200000000LL == -0xDCBA9877LL);
    ASSERT(mul(a, b) == -0x5B05B05AD);
    ASSERT(mul(-1, -1) == 1);
    uint64_t m1 = 0x123456789ABCDEFULL, m2 = 0xFEDCBA987654321ULL, m3 = 0xFFFFFFFFu;
    ASSERT(m1 * m2 == 0x22236d88fe5618cfULL && m3 * m3 == 0xfffffffe00000001ULL);
    ASSERT(-7LL * (int64_t)0x100000001LL == (int64_t)0xfffffff8fffffff9ULL);
    ASSERT(a / 7 == 698102620LL && a % 7 == 5);
    ASSERT(-a / 7 == -698102620LL && -a % 7 == -5);
    ASSERT((uint64_t)-1 / 3 == 0x5555555555555555ULL);
    ASSERT(shl(1, 40) == 0x10000000000ULL && shl(3, 31) == 0x180000000ULL);
    ASSERT(sar(-0x100000000LL, 4) == -0x10000000LL);
    ASSERT(((uint64_t)0x8000000000000000ULL >> 63) == 1);
    ASSERT(a > b && b < a && a >= a && !(a < a) && (uint64_t)b > (uint64_t)a);
    ASSERT(0x100000000LL > 0xFFFFFFFFLL && -0x100000000LL < -1);
    ASSERT((a & 0xF0F0F0F0F) == 0x103050709LL);
    ASSERT((a ^ a) == 0 && (a | 0) == a && ~0LL == -1);
    int32_t i = -3;
    int64_t w = i;
    ASSERT(w == -3 && (w >> 32) == -1);
    uint32_t u = 0xFFFFFFFFu;
    w = u;
    ASSERT(w == 4294967295LL);
    ASSERT((int)0x1234567890LL == 0x34567890);
    ASSERT((short)0x12345678 == 0x5678 && (signed char)0x1FF == -1);
    ASSERT(many(1, 2, 3, 4, 5, 6, 0x700000000LL) == 21 + 0x700000000LL);
    long long c = 10;
    c += 5; c *= 3; c -= 1; c /= 2; c <<= 33; c >>= 32;
    ASSERT(c == 44);
    ASSERT(sizeof(1LL) == 8 && sizeof(4294967295) == 8 && sizeof(0xFFFFFFFF) == 4);
    ASSERT(-9223372036854775807LL - 1 < 0);
    int64_t neg = -0x123456789ALL;
    uint64_t pat = 0x8123456789ABCDEFULL;
    ASSERT((neg >> 4) == -0x123456789LL - 1 && (neg >> 36) == -2 && (neg << 8) == -0x123456789A00LL);
    ASSERT((pat >> 1) == 0x4091A2B3C4D5E6F7ULL && (pat >> 40) == 0x812345ULL && (pat << 40) == 0xABCDEF0000000000ULL);
    ASSERT((pat << 32) == 0x89ABCDEF00000000ULL && (pat >> 32) == 0x81234567ULL && (pat << 0) == pat);
    uint64_t big = 18446744073709551615ULL;
    ASSERT(big + 1 == 0);
    PASS();
}
