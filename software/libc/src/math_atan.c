/* atan, atan2, asin, acos.
   atan: for |x| > 1, atan(x) = pi/2 - atan(1/x). For |x| <= 1 pick the
   nearest c = i/8 and use atan(x) = atan(c) + atan(t), t = (x - c)/(1 + x*c),
   |t| <= 1/16, where a Taylor series of 8 terms is exact to 2^-64; atan(c)
   comes from a table as hi + lo. asin and acos go through atan2. */
#include <math.h>
#include <errno.h>
#include "internal.h"

#define PIO2_HI 1.5707963267948966
#define PIO2_LO 6.123233995736766e-17
#define PI_HI 3.141592653589793
#define PI_LO 1.2246467991473532e-16

/* atan(i/8) = hi + lo for i = 1..8. */
static const double atan_hi[] = {
    0.12435499454676144, 0.24497866312686414, 0.35877067027057225, 0.4636476090008061,
    0.5585993153435624, 0.6435011087932844, 0.7188299996216245, 0.7853981633974483,
};
static const double atan_lo[] = {
    -3.1253241424539383e-18, 1.0698755618734451e-17, -2.4623815582638635e-17,
    2.2698777452961687e-17, -5.4556305485916264e-18, 1.5834785051444286e-17,
    -2.1478388444456983e-17, 3.061616997868383e-17,
};
/* (-1)^k / (2k+1) for k = 1..8. */
static const double atan_coefficients[] = {
    -0.3333333333333333, 0.2, -0.14285714285714285, 0.1111111111111111,
    -0.09090909090909091, 0.07692307692307693, -0.06666666666666667, 0.058823529411764705,
};

/* atan(t) - t for |t| <= 1/16. */
static double atan_series_tail(double t) {
    double z = t * t, s = 0.0;
    for (int i = 7; i >= 0; i--)
        s = atan_coefficients[i] + z * s;
    return t * z * s;
}

/* atan(a) for 0 <= a <= 1. */
static double atan_unit(double a) {
    int i = (int)(a * 8.0 + 0.5);
    if (i == 0)
        return a + atan_series_tail(a);
    double c = i * 0.125;
    double t = (a - c) / (1.0 + a * c);
    return atan_hi[i - 1] + (t + (atan_series_tail(t) + atan_lo[i - 1]));
}

double atan(double x) {
    if (__isnan(x))
        return x;
    double a = fabs(x), r;
    if (a <= 1.0)
        r = atan_unit(a);
    else if (__isinf(x))
        r = PIO2_HI;
    else
        r = PIO2_HI - (atan_unit(1.0 / a) - PIO2_LO);
    return x < 0 ? -r : r;
}

double atan2(double y, double x) {
    if (__isnan(x) || __isnan(y))
        return x + y;
    int y_negative = __signbit(y);
    double r;
    if (y == 0.0) {
        r = __signbit(x) ? PI_HI : 0.0;
    } else if (x == 0.0) {
        r = PIO2_HI;
    } else if (__isinf(x)) {
        if (__isinf(y))
            r = x > 0 ? 0.25 * PI_HI : 0.75 * PI_HI;
        else
            r = x > 0 ? 0.0 : PI_HI;
    } else if (__isinf(y)) {
        r = PIO2_HI;
    } else {
        double q = fabs(y / x);
        double a;
        if (q <= 1.0)
            a = atan_unit(q);
        else if (__isinf(q))
            a = PIO2_HI;
        else
            a = PIO2_HI - (atan_unit(1.0 / q) - PIO2_LO);
        r = x > 0 ? a : PI_HI - (a - PI_LO);
    }
    return y_negative ? -r : r;
}

double asin(double x) {
    if (fabs(x) > 1.0) {
        errno = EDOM;
        return __nan();
    }
    return atan2(x, sqrt((1.0 - x) * (1.0 + x)));
}

double acos(double x) {
    if (fabs(x) > 1.0) {
        errno = EDOM;
        return __nan();
    }
    return atan2(sqrt((1.0 - x) * (1.0 + x)), x);
}
