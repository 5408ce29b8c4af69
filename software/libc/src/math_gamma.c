/* lgamma and tgamma.
   Near 1 and 2, where lgamma crosses zero, a series keeps the relative
   accuracy: with z = x - 1 and |z| <= 1/2,
     lgamma(1 + z) = -gamma*z + (z - log1p(z)) + sum_k (-1)^k (zeta(k) - 1) z^k / k
   (the zeta(k) - 1 are about 2^-k, so 30 terms reach 2^-60), and
   lgamma(2 + z) = lgamma(1 + z) + log1p(z). Below 1/2: lgamma(x) =
   lgamma(1 + x) - log(x). From 2.5 to 12 the recurrence steps down to
   [1.5, 2.5) while multiplying the factors; above 12 Stirling's series.
   Negative x go through the reflection formula with sin(pi*x) on the
   exactly reduced argument. tgamma multiplies integers and small factors
   exactly, so tgamma(n) is exact for n! < 2^53. */
#include <math.h>
#include <errno.h>
#include "internal.h"

#define EULER_GAMMA 0.5772156649015329
#define HALF_LOG_2PI 0.9189385332046728
#define LOG_PI 1.1447298858494002
#define SQRT_2PI 2.5066282746310002

/* zeta(k) - 1 for k = 2..33 */
static const double zeta_minus_one[] = {
    0.64493406684822641, 0.20205690315959429, 0.082323233711138186, 0.036927755143369927,
    0.01734306198444914, 0.0083492773819228271, 0.0040773561979443396, 0.0020083928260822143,
    0.00099457512781808526, 0.00049418860411946453, 0.00024608655330804832, 0.00012271334757848915,
    6.1248135058704828e-05, 3.0588236307020493e-05, 1.5282259408651871e-05, 7.6371976378997626e-06,
    3.8172932649998402e-06, 1.908212716553939e-06, 9.5396203387279621e-07, 4.7693298678780645e-07,
    2.38450502727733e-07, 1.1921992596531106e-07, 5.960818905125948e-08, 2.9803503514652279e-08,
    1.4901554828365043e-08, 7.4507117898354301e-09, 3.7253340247884573e-09, 1.8626597235130491e-09,
    9.3132743241966817e-10, 4.6566290650337837e-10, 2.3283118336765053e-10, 1.1641550172700519e-10,
};

/* Stirling's series: B(2k) / (2k (2k - 1)) for k = 1..7 */
static const double stirling[] = {
    1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360, 1.0 / 156,
};

/* lgamma(1 + z) for |z| <= 1/2. */
static double lgamma_near_one(double z) {
    double sum = 0.0;
    for (int k = 33; k >= 2; k--)
        sum = z * (zeta_minus_one[k - 2] / k - sum);
    sum *= z;                       /* sum_k (-1)^k (zeta(k)-1) z^k / k */
    return -EULER_GAMMA * z + (z - log1p(z)) + sum;
}

/* lgamma(x) for x in [0.5, 2.5). */
static double lgamma_small(double x) {
    if (x < 1.5)
        return lgamma_near_one(x - 1.0);
    return lgamma_near_one(x - 2.0) + log1p(x - 2.0);
}

/* lgamma(x) - ((x - 1/2) log(x) - x + log(2 pi)/2) for x >= 12 */
static double stirling_series(double x) {
    double inv = 1.0 / x, inv2 = inv * inv, series = 0.0;
    for (int k = 6; k >= 0; k--)
        series = stirling[k] + inv2 * series;
    return series * inv;
}

static double lgamma_stirling(double x) {
    return (x - 0.5) * (log(x) - 1.0) - 0.5 + HALF_LOG_2PI + stirling_series(x);
}

static double lgamma_positive(double x) {
    if (x < 0.5)
        return lgamma_small(x + 1.0) - log(x);
    if (x < 2.5)
        return lgamma_small(x);
    if (x < 12) {
        double product = 1.0;
        while (x >= 2.5) {
            x -= 1.0;
            product *= x;
        }
        return log(product) + lgamma_small(x);
    }
    return lgamma_stirling(x);
}

/* sin(pi * x), with x reduced modulo 2 exactly first. */
static double sin_pi(double x) {
    double r = fmod(fabs(x), 2.0);              /* exact */
    double sign = x < 0 ? -1.0 : 1.0;
    if (r > 1.0) {
        r -= 1.0;
        sign = -sign;
    }
    if (r > 0.5)
        r = 1.0 - r;
    return sign * sin(M_PI * r);
}

double lgamma(double x) {
    if (__isnan(x))
        return x;
    if (__isinf(x))
        return __inf();
    if (x <= 0 && floor(x) == x) {
        errno = ERANGE;
        return __inf();
    }
    if (x > 0)
        return lgamma_positive(x);
    if (x > -1e-300)        /* tiny negative: -log|x| */
        return -log(-x);
    return LOG_PI - log(fabs(sin_pi(x))) - lgamma_positive(1.0 - x);
}

/* tgamma(x) for x in [0.5, 2.5): exp of a small lgamma loses nothing. */
static double tgamma_small(double x) {
    return exp(lgamma_small(x));
}

static double tgamma_positive(double x) {
    if (x > 171.7)
        return __inf();
    if (x < 0.5)
        return tgamma_small(x + 1.0) / x;
    if (x < 30) {
        double product = 1.0;
        while (x >= 2.5) {
            x -= 1.0;
            product *= x;
        }
        return product * tgamma_small(x);
    }
    /* Stirling: x^(x-1/2) e^-x sqrt(2 pi) e^series, the power in halves so
       that it does not overflow before e^-x brings it down */
    double half = pow(x, 0.5 * (x - 0.5));
    return half * (half * exp(-x)) * (SQRT_2PI * exp(stirling_series(x)));
}

double tgamma(double x) {
    if (__isnan(x))
        return x;
    if (x == 0) {
        errno = ERANGE;
        return 1.0 / x;
    }
    if (x < 0 && floor(x) == x) {
        errno = EDOM;
        return __nan();
    }
    if (__isinf(x))
        return x > 0 ? x : __nan();
    if (x > 0)
        return tgamma_positive(x);
    if (x < -190)
        return 0.0 * sin_pi(x);
    return M_PI / (sin_pi(x) * tgamma_positive(1.0 - x));
}
