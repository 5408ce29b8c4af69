/* IEEE-754 binary64 arithmetic in software, round to nearest even (libgcc names).
   Values are handled as bit patterns: sign, biased exponent, significand. */
#include "rt.h"

#define DEXP_BITS 11
#define DMANT_BITS 52
#define DBIAS 1023
#define DEXP_MAX 0x7FF
#define DSIGN (1ULL << 63)
#define DNAN 0x7FF8000000000000ULL
#define DINF 0x7FF0000000000000ULL
#define DMANT_MASK 0x000FFFFFFFFFFFFFULL

static u64 bits_of(double d) { dbits x; x.d = d; return x.v; }
static double double_of(u64 v) { dbits x; x.v = v; return x.d; }
static int exp_of(u64 v) { return (hi32(v) >> 20) & DEXP_MAX; }
static int sign_of(u64 v) { return hi32(v) >> 31; }
static int is_nan(u64 v) { return (v & ~DSIGN) > DINF; }
static int is_inf(u64 v) { return (v & ~DSIGN) == DINF; }
static int is_zero(u64 v) { return (v & ~DSIGN) == 0; }

/* The significand with its implicit bit; *exp gets the exponent of its lowest bit. */
static u64 significand(u64 v, int *exp) {
    int e = exp_of(v);
    u64 m = v & DMANT_MASK;
    if (e == 0) {
        *exp = 1 - DBIAS - DMANT_BITS;       /* subnormal */
        return m;
    }
    *exp = e - DBIAS - DMANT_BITS;
    return m | (1ULL << DMANT_BITS);
}

static int clz32(u32 v) {
    int n = 0;
    if (!(v & 0xFFFF0000u)) { n += 16; v <<= 16; }
    if (!(v & 0xFF000000u)) { n += 8; v <<= 8; }
    if (!(v & 0xF0000000u)) { n += 4; v <<= 4; }
    if (!(v & 0xC0000000u)) { n += 2; v <<= 2; }
    if (!(v & 0x80000000u)) { n += 1; }
    return n;
}

static int leading_zeros(u64 v) {
    return hi32(v) ? clz32(hi32(v)) : 32 + clz32(lo32(v));
}

/* Rounds sig * 2^exp (sig != 0) to a format with `mant_bits` fraction bits; returns its bits. */
u64 rt_round_pack(int sign, int exp, u64 sig, int mant_bits, int exp_bits) {
    int max_exp = (1 << exp_bits) - 1;
    int bias = (1 << (exp_bits - 1)) - 1;
    u64 sign_bit = ((u64)sign << (mant_bits + exp_bits));
    int lz = leading_zeros(sig);
    sig = __ashldi3(sig, lz);                /* top bit now at bit 63 */
    int biased = exp - lz + 63 + bias;
    if (biased >= max_exp)
        return sign_bit | __ashldi3((u64)max_exp, mant_bits);
    if (biased <= 0) {                       /* subnormal: shift right, keep a sticky bit */
        int k = 1 - biased;
        sig = k >= 64 ? (sig != 0) : (__lshrdi3(sig, k) | (__ashldi3(sig, 64 - k) != 0));
        biased = 1;
    }
    int shift = 63 - mant_bits;
    u64 mant = __lshrdi3(sig, shift);
    u64 rem = sig & (__ashldi3(1, shift) - 1);
    u64 half = __ashldi3(1, shift - 1);
    if (rem > half || (rem == half && (mant & 1)))
        mant++;
    /* the implicit bit adds one to the exponent field; a rounding carry adds one more */
    u64 bits = __ashldi3((u64)(biased - 1), mant_bits) + mant;
    if (__lshrdi3(bits, mant_bits) >= (u64)max_exp)
        bits = __ashldi3((u64)max_exp, mant_bits);
    return sign_bit | bits;
}

static u64 pack_double(int sign, int exp, u64 sig) {
    if (sig == 0) return sign ? DSIGN : 0;
    return rt_round_pack(sign, exp, sig, DMANT_BITS, DEXP_BITS);
}

static u64 add_bits(u64 a, u64 b) {
    if (is_nan(a) || is_nan(b)) return DNAN;
    if (is_inf(a)) return (is_inf(b) && sign_of(a) != sign_of(b)) ? DNAN : a;
    if (is_inf(b)) return b;
    if (is_zero(a) && is_zero(b)) return sign_of(a) & sign_of(b) ? DSIGN : 0;
    int ea, eb;
    u64 ma = (significand(a, &ea) << 9);     /* room for guard bits, and a carry */
    u64 mb = (significand(b, &eb) << 9);
    ea -= 9;
    eb -= 9;
    int sa = sign_of(a), sb = sign_of(b);
    if (ea < eb || (ea == eb && ma < mb)) {          /* make a the larger magnitude */
        u64 t = ma; ma = mb; mb = t;
        int e = ea; ea = eb; eb = e;
        int s = sa; sa = sb; sb = s;
    }
    int d = ea - eb;
    if (d > 0)
        mb = d >= 64 ? (mb != 0) : (__lshrdi3(mb, d) | (__ashldi3(mb, 64 - d) != 0));
    u64 m = sa == sb ? ma + mb : ma - mb;
    if (m == 0) return 0;                             /* exact cancellation gives +0 */
    return pack_double(sa, ea, m);
}

double __adddf3(double a, double b) { return double_of(add_bits(bits_of(a), bits_of(b))); }
double __subdf3(double a, double b) { return double_of(add_bits(bits_of(a), bits_of(b) ^ DSIGN)); }

/* 64x64 -> 128-bit product of significands, from 32x32 -> 64 pieces (inline mul/mulhu). */
static u64 mul_hi_sticky(u64 a, u64 b) {
    u64 ll = (u64)lo32(a) * lo32(b), lh = (u64)lo32(a) * hi32(b);
    u64 hl = (u64)hi32(a) * lo32(b), hh = (u64)hi32(a) * hi32(b);
    u64 mid = (u64)hi32(ll) + lo32(lh) + lo32(hl);
    u64 hi = hh + hi32(lh) + hi32(hl) + hi32(mid);
    u32 lo_nonzero = (lo32(ll) | lo32(mid)) != 0;
    return hi | lo_nonzero;
}

double __muldf3(double x, double y) {
    u64 a = bits_of(x), b = bits_of(y);
    int sign = sign_of(a) ^ sign_of(b);
    if (is_nan(a) || is_nan(b)) return double_of(DNAN);
    if (is_inf(a) || is_inf(b)) {
        if (is_zero(a) || is_zero(b)) return double_of(DNAN);
        return double_of(DINF | (sign ? DSIGN : 0));
    }
    if (is_zero(a) || is_zero(b)) return double_of(sign ? DSIGN : 0);
    int ea, eb;
    u64 ma = significand(a, &ea), mb = significand(b, &eb);
    int la = leading_zeros(ma), lb = leading_zeros(mb);   /* top bits at 63: the high */
    ma = __ashldi3(ma, la);                              /* half keeps the precision */
    mb = __ashldi3(mb, lb);
    return double_of(pack_double(sign, ea - la + eb - lb + 64, mul_hi_sticky(ma, mb)));
}

double __divdf3(double x, double y) {
    u64 a = bits_of(x), b = bits_of(y);
    int sign = sign_of(a) ^ sign_of(b);
    u64 s = sign ? DSIGN : 0;
    if (is_nan(a) || is_nan(b)) return double_of(DNAN);
    if (is_inf(a)) return double_of(is_inf(b) ? DNAN : DINF | s);
    if (is_inf(b)) return double_of(s);
    if (is_zero(b)) return double_of(is_zero(a) ? DNAN : DINF | s);
    if (is_zero(a)) return double_of(s);
    int ea, eb;
    u64 ma = significand(a, &ea), mb = significand(b, &eb);
    int la = leading_zeros(ma), lb = leading_zeros(mb);
    ma = __ashldi3(ma, la - 1);                       /* both with top bit at 62 */
    mb = __ashldi3(mb, lb - 1);
    ea -= la - 1;
    eb -= lb - 1;
    u64 q = 0;
    for (int i = 0; i < 62; i++) {                    /* 62 quotient bits, then a sticky bit */
        q = (q << 1);
        if (ma >= mb) { ma -= mb; q |= 1; }
        ma = (ma << 1);
    }
    q = (q << 1) | (ma != 0);
    return double_of(pack_double(sign, ea - eb - 62, q));
}

/* Comparisons: libgcc's contract (0 equal, <0 less, >0 greater; unordered per function). */
static int compare(u64 a, u64 b, int unordered) {
    if (is_nan(a) || is_nan(b)) return unordered;
    if (is_zero(a) && is_zero(b)) return 0;
    if (a == b) return 0;
    int sa = sign_of(a), sb = sign_of(b);
    if (sa != sb) return sa ? -1 : 1;
    int less = (a & ~DSIGN) < (b & ~DSIGN);
    return (less ^ sa) ? -1 : 1;
}

int __eqdf2(double a, double b) { return compare(bits_of(a), bits_of(b), 1); }
int __nedf2(double a, double b) { return compare(bits_of(a), bits_of(b), 1); }
int __ltdf2(double a, double b) { return compare(bits_of(a), bits_of(b), 1); }
int __ledf2(double a, double b) { return compare(bits_of(a), bits_of(b), 1); }
int __gtdf2(double a, double b) { return compare(bits_of(a), bits_of(b), -1); }
int __gedf2(double a, double b) { return compare(bits_of(a), bits_of(b), -1); }
int __unorddf2(double a, double b) { return is_nan(bits_of(a)) || is_nan(bits_of(b)); }

/* Integer <-> double conversions. */
double __floatdidf(i64 i) { return double_of(pack_double(i < 0, 0, i < 0 ? -(u64)i : (u64)i)); }
double __floatundidf(u64 i) { return double_of(pack_double(0, 0, i)); }
double __floatsidf(i32 i) { return __floatdidf(i); }
double __floatunsidf(u32 i) { return __floatundidf(i); }

/* Truncates toward zero; out-of-range values saturate (NaN counts as positive). */
static u64 to_unsigned(u64 a, int *negative, u64 limit) {
    *negative = sign_of(a) && !is_nan(a);
    if (is_nan(a)) return limit;
    int e;
    u64 m = significand(a, &e);
    if (e >= 0) {
        if (e >= 12 || __ashldi3(m, e) > limit) return limit;
        return __ashldi3(m, e);
    }
    return -e >= 64 ? 0 : __lshrdi3(m, -e);
}

i64 __fixdfdi(double x) {
    u64 a = bits_of(x);
    int neg;
    u64 m = to_unsigned(a, &neg, sign_of(a) && !is_nan(a) ? 0x8000000000000000ULL : 0x7FFFFFFFFFFFFFFFULL);
    return neg ? (i64)-m : (i64)m;
}

u64 __fixunsdfdi(double x) {
    int neg;
    u64 m = to_unsigned(bits_of(x), &neg, ~0ULL);
    return neg ? 0 : m;
}

i32 __fixdfsi(double x) {
    i64 v = __fixdfdi(x);
    if (v > 0x7FFFFFFF) return 0x7FFFFFFF;
    if (v < -0x7FFFFFFF - 1) return -0x7FFFFFFF - 1;
    return (i32)v;
}

u32 __fixunsdfsi(double x) {
    u64 v = __fixunsdfdi(x);
    return v > 0xFFFFFFFFu ? 0xFFFFFFFFu : (u32)v;
}

/* binary32 <-> binary64. */
double __extendsfdf2(float f) {
    fbits x;
    x.f = f;
    u32 v = x.v;
    int sign = v >> 31, e = (v >> 23) & 0xFF;
    u32 m = v & 0x7FFFFF;
    u64 s = sign ? DSIGN : 0;
    if (e == 0xFF) return double_of(m ? DNAN : DINF | s);
    if (e == 0 && m == 0) return double_of(s);
    if (e == 0) return double_of(pack_double(sign, -149, m));
    return double_of(s | __ashldi3((u64)(e - 127 + DBIAS), DMANT_BITS) | __ashldi3((u64)m, DMANT_BITS - 23));
}

float __truncdfsf2(double d) {
    u64 a = bits_of(d);
    fbits x;
    u32 s = sign_of(a) ? 0x80000000u : 0;
    if (is_nan(a)) x.v = 0x7FC00000;
    else if (is_inf(a)) x.v = s | 0x7F800000;
    else if (is_zero(a)) x.v = s;
    else {
        int e;
        u64 m = significand(a, &e);
        x.v = lo32(rt_round_pack(sign_of(a), e, m, 23, 8));
    }
    return x.f;
}
