/* Shared helpers for the compiler runtime. The runtime is compiled by our own
   compiler, which turns 64-bit multiply/divide/shift and every float operation
   into calls to this very runtime: so the 64-bit helpers below only use 32-bit
   operations, and the soft-float code only integer ones. */
#ifndef RT_H
#define RT_H

typedef unsigned int u32;
typedef int i32;
typedef unsigned long long u64;
typedef long long i64;

typedef union { u64 v; struct { u32 lo, hi; } w; } word64;
typedef union { double d; u64 v; } dbits;
typedef union { float f; u32 v; } fbits;

static inline u64 pack64(u32 hi, u32 lo) { word64 x; x.w.lo = lo; x.w.hi = hi; return x.v; }
static inline u32 hi32(u64 v) { word64 x; x.v = v; return x.w.hi; }
static inline u32 lo32(u64 v) { word64 x; x.v = v; return x.w.lo; }

u64 __ashldi3(u64 a, int n);
u64 __lshrdi3(u64 a, int n);
u64 __muldi3(u64 a, u64 b);
u64 __udivdi3(u64 a, u64 b);
u64 __umoddi3(u64 a, u64 b);

/* Soft-float core (softfloat.c): results are IEEE-754 binary64/binary32 bit patterns. */
u64 rt_round_pack(int sign, int exp, u64 sig, int mant_bits, int exp_bits);
double __extendsfdf2(float a);
float __truncdfsf2(double a);
#endif
