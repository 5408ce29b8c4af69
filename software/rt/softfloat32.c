/* binary32 operations. +, -, *, / are computed exactly enough in binary64 and
   rounded once to binary32: binary64 has more than 2*24+2 bits, so this double
   rounding always gives the correctly rounded single-precision result. */
#include "rt.h"

double __adddf3(double a, double b);
double __subdf3(double a, double b);
double __muldf3(double a, double b);
double __divdf3(double a, double b);
int __eqdf2(double a, double b);
int __nedf2(double a, double b);
int __ltdf2(double a, double b);
int __ledf2(double a, double b);
int __gtdf2(double a, double b);
int __gedf2(double a, double b);
int __unorddf2(double a, double b);
double __floatdidf(i64 i);
i64 __fixdfdi(double x);
u64 __fixunsdfdi(double x);
i32 __fixdfsi(double x);
u32 __fixunsdfsi(double x);

#define WIDEN(x) __extendsfdf2(x)
float __addsf3(float a, float b) { return __truncdfsf2(__adddf3(WIDEN(a), WIDEN(b))); }
float __subsf3(float a, float b) { return __truncdfsf2(__subdf3(WIDEN(a), WIDEN(b))); }
float __mulsf3(float a, float b) { return __truncdfsf2(__muldf3(WIDEN(a), WIDEN(b))); }
float __divsf3(float a, float b) { return __truncdfsf2(__divdf3(WIDEN(a), WIDEN(b))); }

int __eqsf2(float a, float b) { return __eqdf2(WIDEN(a), WIDEN(b)); }
int __nesf2(float a, float b) { return __nedf2(WIDEN(a), WIDEN(b)); }
int __ltsf2(float a, float b) { return __ltdf2(WIDEN(a), WIDEN(b)); }
int __lesf2(float a, float b) { return __ledf2(WIDEN(a), WIDEN(b)); }
int __gtsf2(float a, float b) { return __gtdf2(WIDEN(a), WIDEN(b)); }
int __gesf2(float a, float b) { return __gedf2(WIDEN(a), WIDEN(b)); }
int __unordsf2(float a, float b) { return __unorddf2(WIDEN(a), WIDEN(b)); }

/* Integers go straight to binary32 so that 64-bit values are rounded only once. */
static float float_of_bits(u32 v) { fbits x; x.v = v; return x.f; }
float __floatundisf(u64 i) { return float_of_bits(i ? lo32(rt_round_pack(0, 0, i, 23, 8)) : 0); }
float __floatdisf(i64 i) {
    u64 m = i < 0 ? -(u64)i : (u64)i;
    return float_of_bits(m ? lo32(rt_round_pack(i < 0, 0, m, 23, 8)) : 0);
}
float __floatsisf(i32 i) { return __floatdisf(i); }
float __floatunsisf(u32 i) { return __floatundisf(i); }

i32 __fixsfsi(float f) { return __fixdfsi(WIDEN(f)); }
u32 __fixunssfsi(float f) { return __fixunsdfsi(WIDEN(f)); }
i64 __fixsfdi(float f) { return __fixdfdi(WIDEN(f)); }
u64 __fixunssfdi(float f) { return __fixunsdfdi(WIDEN(f)); }
