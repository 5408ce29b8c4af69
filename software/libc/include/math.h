#ifndef _MATH_H
#define _MATH_H
/* double only; accuracy against glibc is listed in software/libc/README.md. */
double __inf(void);
double __nan(void);
#define HUGE_VAL (__inf())
#define INFINITY ((float)__inf())
#define NAN ((float)__nan())
#define M_E 2.7182818284590452354
#define M_LN2 0.69314718055994530942
#define M_LN10 2.30258509299404568402
#define M_PI 3.14159265358979323846
#define M_PI_2 1.57079632679489661923
#define M_SQRT2 1.41421356237309504880
int __isnan(double x);
int __isinf(double x);
int __isfinite(double x);
int __signbit(double x);
#define isnan(x) __isnan(x)
#define isinf(x) __isinf(x)
#define isfinite(x) __isfinite(x)
#define signbit(x) __signbit(x)
double fabs(double x);
double sqrt(double x);
double exp(double x);
double expm1(double x);
double log(double x);
double log1p(double x);
double log2(double x);
double log10(double x);
double pow(double x, double y);
double sin(double x);
double cos(double x);
double tan(double x);
double asin(double x);
double acos(double x);
double atan(double x);
double atan2(double y, double x);
double sinh(double x);
double cosh(double x);
double tanh(double x);
double floor(double x);
double ceil(double x);
double round(double x);
double trunc(double x);
double fmod(double x, double y);
double frexp(double x, int *exp);
double ldexp(double x, int exp);
double scalbn(double x, int exp);
double modf(double x, double *ip);
double copysign(double x, double y);
double hypot(double x, double y);
double fmin(double a, double b);
double fmax(double a, double b);
double erf(double x);
double erfc(double x);
double lgamma(double x);
double tgamma(double x);
#endif
