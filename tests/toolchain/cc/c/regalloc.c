/* -O1's register allocation and branches: more live locals than s registers,
   address-taken locals, narrow locals that must wrap, loops of every shape and
   if bodies too long for a direct branch (settled by the range check). */
#include "../check.h"

static int sum_many(int n) {
    int a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8, i = 9, j = 10, k = 11, l = 12, m = 13;
    for (int t = 0; t < n; t++) {
        a += b; b += c; c += d; d += e; e += f; f += g; g += h;
        h += i; i += j; j += k; k += l; l += m; m += t;
    }
    return a ^ b ^ c ^ d ^ e ^ f ^ g ^ h ^ i ^ j ^ k ^ l ^ m;
}

static void bump(int *p) { *p += 5; }

static int address_taken(void) {
    int x = 1, y = 2;
    bump(&x);
    for (int i = 0; i < 3; i++) y += x;
    return x * 100 + y;
}

static int narrow(void) {
    unsigned char u = 250;
    signed char s = 120;
    short h = 32767;
    for (int i = 0; i < 10; i++) { u++; s++; }
    h++;
    return u * 1000000 + (s + 200) * 1000 + (h == -32768);
}

#define STEP(v) v = v * 3 + 1; v ^= v >> 3;
#define STEP8(v) STEP(v) STEP(v) STEP(v) STEP(v) STEP(v) STEP(v) STEP(v) STEP(v)
#define STEP64(v) STEP8(v) STEP8(v) STEP8(v) STEP8(v) STEP8(v) STEP8(v) STEP8(v) STEP8(v)

static unsigned long_bodies(unsigned v, int n) {
    unsigned r = 0;
    for (int i = 0; i < n; i++) {
        if (v & 1) {                      /* a body of several hundred instructions */
            STEP64(v) STEP64(v)
        } else {
            v += 7;
        }
        r += v;
    }
    return r;
}

static unsigned long_bodies_reference(unsigned v, int n) {
    unsigned r = 0;
    for (int i = 0; i < n; i++) {
        if (v & 1)
            for (int k = 0; k < 128; k++) { v = v * 3 + 1; v ^= v >> 3; }
        else
            v += 7;
        r += v;
    }
    return r;
}

static int conditions(int a, int b, unsigned ua, unsigned ub) {
    int r = 0;
    if (a < b) r |= 1;
    if (a <= b) r |= 2;
    if (a > b) r |= 4;
    if (a >= b) r |= 8;
    if (a == b) r |= 16;
    if (a != b) r |= 32;
    if (ua < ub) r |= 64;
    if (ua >= ub) r |= 128;
    if ((a < 0 && b > 0) || !(ua > 5)) r |= 256;
    if (a - 3 < -5) r |= 512;
    return r;
}

static int loops(int n) {
    int total = 0, i = 0;
    while (i < n) total += i++;
    do { total--; } while (--i > 0);
    for (;;) { if (++i == 4) break; total += 100; }
    for (int j = n; j; j--) { if (j & 1) continue; total += j; }
    return total;
}

int main(void) {
    int expect = 0;
    {   /* the same computation through memory, to compare with */
        volatile int v[13] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
        for (int t = 0; t < 10; t++) {
            for (int q = 0; q < 12; q++) v[q] += v[q + 1];
            v[12] += t;
        }
        for (int q = 0; q < 13; q++) expect ^= v[q];
    }
    ASSERT(sum_many(10) == expect);
    ASSERT(address_taken() == 620);
    ASSERT(narrow() == 4074001);
    ASSERT(long_bodies(12345, 50) == long_bodies_reference(12345, 50));
    ASSERT(long_bodies(2, 50) == long_bodies_reference(2, 50));
    ASSERT(conditions(1, 2, 1, 2) == (1 | 2 | 32 | 64 | 256));
    ASSERT(conditions(2, 2, 7, 7) == (2 | 8 | 16 | 128));
    ASSERT(conditions(-4, 1, 3, 9) == (1 | 2 | 32 | 64 | 256 | 512));
    ASSERT(loops(5) == 10 - 5 + 300 + 6);
    PASS();
}
