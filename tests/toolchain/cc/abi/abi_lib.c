#include "abi.h"

char f_char(char a, signed char b, unsigned char c) { return a + b + c; }
short f_short(short a, unsigned short b) { return a * 3 - b; }
int f_int(int a, unsigned b, long c, unsigned long d) { return a - (int)b + c * 2 - (long)d; }
long long f_ll(long long a, unsigned long long b) { return a * 3 + (long long)(b >> 4); }
float f_float(float a, float b) { return a * b + 0.25f; }
double f_double(double a, float b, double c) { return a / b - c; }
_Bool f_bool(_Bool a, int b) { return a && b > 3; }
S1 f_s1(S1 v) { v.a += 1; return v; }
S2 f_s2(S2 v) { v.a *= -2; return v; }
S3 f_s3(S3 v) { v.a[0] += 1; v.a[2] += 3; return v; }
S4 f_s4(S4 v) { v.a ^= 0x5555; return v; }
S5 f_s5(S5 v) { for (int i = 0; i < 5; i++) v.a[i] += i; return v; }
S6 f_s6(S6 v) { v.a[1] = v.a[0] + v.a[2]; return v; }
S8 f_s8(S8 v) { S8 r = {v.b, v.a}; return r; }
SD f_sd(SD v) { v.d *= 1.5; return v; }
SLL f_sll(SLL v) { v.v = -v.v; return v; }
SFI f_sfi(SFI v) { v.f += v.i; v.i = 7; return v; }
S12 f_s12(S12 v) { v.a[0] += v.a[1] + v.a[2]; return v; }
S16 f_s16(S16 v) { S16 r = {{v.a[3], v.a[2], v.a[1], v.a[0]}}; return r; }
S24 f_s24(S24 v) { v.c += 1; v.d += v.i; v.i = -v.i; return v; }
U6 f_u6(U6 v) { v.c[5] = 'z'; v.i += 1; return v; }
long long f_spill(int a, long long b, int c, long long d, int e, long long f, int g, long long h, int i) {
    return a + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + g * 7 + h * 8 + i * 9;
}
double f_split(int a, int b, int c, int d, int e, int f, int g, double h, S8 s, S12 big, char last) {
    return a + b + c + d + e + f + g + h + s.a * s.b + big.a[0] + big.a[2] + last;
}
double f_variadic(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    double total = 0;
    for (; *fmt; fmt++) {
        if (*fmt == 'i') total += va_arg(ap, int);
        else if (*fmt == 'l') total += va_arg(ap, long long);
        else if (*fmt == 'd') total += va_arg(ap, double);
        else if (*fmt == 's') { S8 s = va_arg(ap, S8); total += s.a - s.b; }
        else if (*fmt == 'S') { S16 s = va_arg(ap, S16); total += s.a[3]; }
        else if (*fmt == 'D') { SD s = va_arg(ap, SD); total += s.d; }
    }
    va_end(ap);
    return total;
}
int f_callback(int (*cb)(int, long long, double), int x) { return cb(x, 1LL << 40, 0.5) + 1; }
void *f_ptr(void *p, int *q) { *q += 1; return (char *)p + 4; }
