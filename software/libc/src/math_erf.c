/* erf and erfc.
   |x| < 0.5: the Taylor series of erf, whose terms alternate but shrink fast.
   Up to 1.5: erf(x) = 2x/sqrt(pi) * exp(-x^2) * sum (2x^2)^n / (1*3*...*(2n+1)),
   all terms positive. Beyond (erf = 1 - erfc, and erfc beyond 0.75, where 1 - erf
   would cancel): the continued fraction
   erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))),
   evaluated backwards from a depth that shrinks as x grows. exp(-x^2) takes
   x^2 as an exact double-double so large x lose nothing there. */
#include <math.h>
#include "internal.h"
#include "dd.h"

#define TWO_OVER_SQRT_PI 1.1283791670955126
#define ONE_OVER_SQRT_PI 0.5641895835477563

static double exp_minus_square(double x) {
    DD sq = two_prod(x, x);
    return __exp_split(-sq.hi, -sq.lo);
}

static double erf_taylor(double x) {
    double x2 = x * x, term = x, sum = x;
    for (int n = 1; n < 40; n++) {
        term *= -x2 / n;
        double add = term / (2 * n + 1);
        sum += add;
        if (fabs(add) < 1e-18 * fabs(sum))
            break;
    }
    return TWO_OVER_SQRT_PI * sum;
}

static double erf_positive_series(double x) {
    double x2 = x * x, term = 1.0, sum = 1.0;
    for (int n = 1; n < 200; n++) {
        term *= 2 * x2 / (2 * n + 1);
        sum += term;
        if (term < 1e-18 * sum)
            break;
    }
    return TWO_OVER_SQRT_PI * x * exp_minus_square(x) * sum;
}

/* erfc(x) for x >= 0.75: the depth keeps the truncation below half an ulp. */
static double erfc_fraction(double x) {
    if (x > 27.3)           /* erfc underflows to 0 */
        return 0.0;
    int depth = x < 1 ? 600 : x < 1.5 ? 300 : x < 2 ? 150 : x < 3 ? 80 : 40;
    double tail = x;
    for (int k = depth; k >= 1; k--)
        tail = x + (k * 0.5) / tail;
    return ONE_OVER_SQRT_PI * exp_minus_square(x) / tail;
}

double erf(double x) {
    if (__isnan(x))
        return x;
    double a = fabs(x), r;
    if (a < 0.5)
        return erf_taylor(x);
    if (a < 1.5)
        r = erf_positive_series(a);
    else
        r = 1.0 - erfc_fraction(a);
    return x < 0 ? -r : r;
}

double erfc(double x) {
    if (__isnan(x))
        return x;
    if (x < 0.75)           /* erfc(0.75) = 0.29: the subtraction loses 2 bits */
        return 1.0 - erf(x);
    return erfc_fraction(x);
}
