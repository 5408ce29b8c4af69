/* Declarations shared between the libc's own source files. */
#ifndef LIBC_INTERNAL_H
#define LIBC_INTERNAL_H
#include <stdint.h>

/* The bits of a double, without type punning through pointers. */
uint64_t __double_bits(double x);
double __bits_double(uint64_t bits);

/* m * 2^e rounded to the nearest double, ties to even; sticky says nonzero
   bits were already dropped below m. Overflows to infinity. */
double __round_binary(uint64_t m, int e, int sticky);

/* exp(hi + lo) for |lo| <= ulp(hi), and log(x) = *hi + *lo to about 2^-65
   relative (x > 0, finite): the extra precision pow needs. */
double __exp_split(double hi, double lo);
void __log_split(double x, double *hi, double *lo);

/* x reduced by multiples of pi/2: returns k mod 4, x - k*pi/2 = *hi + *lo. */
int __reduce_pio2(double x, double *hi, double *lo);

/* Exact decimal expansion of a finite x > 0: value = 0.DIGITS * 10^point.
   Returns the number of digits written to out (at most 800). */
#define DTOA_MAX_DIGITS 800
int __dtoa_exact(double x, char *out, int *point);

/* Rounds the n digits in d to keep digits, halfway cases to even. Returns 1
   if rounding carried into a new leading digit (d then holds "1000..."). */
int __round_digits(char *d, int n, int keep);
#endif
