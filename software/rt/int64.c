/* 64-bit integer helpers (libgcc names) for RV32: shifts, multiply, divide. */
#include "rt.h"

u64 __ashldi3(u64 a, int n) {
    u32 hi = hi32(a), lo = lo32(a);
    if (n == 0) return a;
    if (n >= 32) return pack64(lo << (n - 32), 0);
    return pack64((hi << n) | (lo >> (32 - n)), lo << n);
}

u64 __lshrdi3(u64 a, int n) {
    u32 hi = hi32(a), lo = lo32(a);
    if (n == 0) return a;
    if (n >= 32) return pack64(0, hi >> (n - 32));
    return pack64(hi >> n, (lo >> n) | (hi << (32 - n)));
}

i64 __ashrdi3(i64 a, int n) {
    i32 hi = (i32)hi32((u64)a);
    u32 lo = lo32((u64)a);
    if (n == 0) return a;
    if (n >= 32) return (i64)pack64((u32)(hi >> 31), (u32)(hi >> (n - 32)));
    return (i64)pack64((u32)(hi >> n), (lo >> n) | ((u32)hi << (32 - n)));
}

/* 32x32 -> 64 from the RV32M `mul` and `mulhu` semantics, written with 16-bit halves. */
static u64 mul32x32(u32 a, u32 b) {
    u32 al = a & 0xFFFF, ah = a >> 16, bl = b & 0xFFFF, bh = b >> 16;
    u32 ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    u32 mid = (ll >> 16) + (lh & 0xFFFF) + (hl & 0xFFFF);
    u32 lo = (ll & 0xFFFF) | (mid << 16);
    u32 hi = hh + (lh >> 16) + (hl >> 16) + (mid >> 16);
    return pack64(hi, lo);
}

u64 __muldi3(u64 a, u64 b) {
    u64 low = mul32x32(lo32(a), lo32(b));
    u32 cross = lo32(a) * hi32(b) + hi32(a) * lo32(b);
    return pack64(hi32(low) + cross, lo32(low));
}

/* Unsigned division by shift-and-subtract; *rem gets the remainder. */
static u64 udivmod(u64 num, u64 den, u64 *rem) {
    if (hi32(num) == 0 && hi32(den) == 0) {
        if (lo32(den) == 0) { *rem = num; return 0; }       /* undefined in C; keep it quiet */
        *rem = lo32(num) % lo32(den);
        return lo32(num) / lo32(den);
    }
    u64 q = 0, r = 0;
    for (int i = 63; i >= 0; i--) {
        r = (r << 1) | (__lshrdi3(num, i) & 1);    /* constant shifts are inline */
        q = q << 1;
        if (r >= den) { r -= den; q |= 1; }
    }
    *rem = r;
    return q;
}

u64 __udivdi3(u64 a, u64 b) { u64 r; return udivmod(a, b, &r); }
u64 __umoddi3(u64 a, u64 b) { u64 r; udivmod(a, b, &r); return r; }

i64 __divdi3(i64 a, i64 b) {
    u64 r;
    u64 q = udivmod(a < 0 ? -(u64)a : (u64)a, b < 0 ? -(u64)b : (u64)b, &r);
    return (a < 0) != (b < 0) ? -(i64)q : (i64)q;
}

i64 __moddi3(i64 a, i64 b) {
    u64 r;
    udivmod(a < 0 ? -(u64)a : (u64)a, b < 0 ? -(u64)b : (u64)b, &r);
    return a < 0 ? -(i64)r : (i64)r;
}
