/* Functions of every argument and return type, defined in abi_lib.c and called from abi_main.c.
   One side is compiled by GCC, the other by our compiler, both ways round. */
#include <stdarg.h>

typedef struct { char a; } S1;
typedef struct { short a; } S2;
typedef struct { char a[3]; } S3;
typedef struct { int a; } S4;
typedef struct { char a[5]; } S5;
typedef struct { short a[3]; } S6;
typedef struct { int a, b; } S8;
typedef struct { double d; } SD;
typedef struct { long long v; } SLL;
typedef struct { float f; int i; } SFI;
typedef struct { int a[3]; } S12;
typedef struct { int a[4]; } S16;
typedef struct { char c; double d; int i; } S24;
typedef union { int i; char c[6]; } U6;

char f_char(char a, signed char b, unsigned char c);
short f_short(short a, unsigned short b);
int f_int(int a, unsigned b, long c, unsigned long d);
long long f_ll(long long a, unsigned long long b);
float f_float(float a, float b);
double f_double(double a, float b, double c);
_Bool f_bool(_Bool a, int b);
S1 f_s1(S1 v); S2 f_s2(S2 v); S3 f_s3(S3 v); S4 f_s4(S4 v); S5 f_s5(S5 v); S6 f_s6(S6 v);
S8 f_s8(S8 v); SD f_sd(SD v); SLL f_sll(SLL v); SFI f_sfi(SFI v);
S12 f_s12(S12 v); S16 f_s16(S16 v); S24 f_s24(S24 v); U6 f_u6(U6 v);
long long f_spill(int a, long long b, int c, long long d, int e, long long f, int g, long long h, int i);
double f_split(int a, int b, int c, int d, int e, int f, int g, double h, S8 s, S12 big, char last);
double f_variadic(const char *fmt, ...);
int f_callback(int (*cb)(int, long long, double), int x);
void *f_ptr(void *p, int *q);
