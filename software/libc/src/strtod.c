/* strtod, correctly rounded (round to nearest, ties to even).
   The decimal digits D and exponent E of the input give the value D*10^E.
   A double-precision estimate lands within a few units in the last place;
   then exact big-integer comparisons of D*10^E against the halfway points
   between neighbouring doubles move the estimate to the right answer.
   Hexadecimal input ("0x1.8p3") is exact binary and is rounded directly. */
#include <stdlib.h>
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include "internal.h"
#include "bignum.h"

/* 768 significant digits decide every rounding of a double; beyond that a
   trailing nonzero digit only needs to be known to exist. */
#define MAX_DIGITS 780
#define TWO52 (1ULL << 52)
#define TWO53 (1ULL << 53)

typedef struct {
    char digits[MAX_DIGITS + 1];
    int n;          /* significant digits, no leading zeros */
    long exp10;     /* value = digits * 10^exp10 */
} Decimal;

/* Compares D * 10^E with M * 2^k exactly. */
static int compare_exact(const Decimal *dec, uint64_t M, int k) {
    Big left, right;
    big_set(&left, 0);
    for (int i = 0; i < dec->n;) {      /* nine digits at a time */
        uint32_t chunk = 0, scale = 1;
        for (int j = 0; j < 9 && i < dec->n; j++, i++) {
            chunk = chunk * 10 + (uint32_t)(dec->digits[i] - '0');
            scale *= 10;
        }
        big_mul_small(&left, scale);
        big_add_small(&left, chunk);
    }
    big_set(&right, M);
    int e10 = (int)dec->exp10;
    if (e10 >= 0)
        big_mul_pow5(&left, e10);
    else
        big_mul_pow5(&right, -e10);
    int p2 = e10 - k;
    if (p2 >= 0)
        big_mul_pow2(&left, p2);
    else
        big_mul_pow2(&right, -p2);
    return big_compare(&left, &right);
}

static const double exact_powers[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static double estimate(const Decimal *dec) {
    uint64_t lead = 0;
    int used = dec->n < 19 ? dec->n : 19;
    for (int i = 0; i < used; i++)
        lead = lead * 10 + (uint64_t)(dec->digits[i] - '0');
    double x = (double)lead;
    long e = dec->exp10 + (dec->n - used);
    if (e >= 0 && e <= 22 && dec->n <= 15)
        return x * exact_powers[e];     /* both exact: one correct rounding */
    if (e < 0 && e >= -22 && dec->n <= 15)
        return x / exact_powers[-e];
    for (; e > 22; e -= 22)
        x *= 1e22;
    if (e > 0)
        x *= exact_powers[e];
    for (; e < -22; e += 22)
        x /= 1e22;
    if (e < 0)
        x /= exact_powers[-e];
    return x;
}

static double decimal_to_double(const Decimal *dec) {
    if (dec->n == 0)
        return 0.0;
    long magnitude = dec->n + dec->exp10;      /* value < 10^magnitude */
    if (magnitude > 310) {
        errno = ERANGE;
        return __bits_double(0x7ffULL << 52);
    }
    if (magnitude < -324) {
        errno = ERANGE;
        return 0.0;
    }
    double x = estimate(dec);
    if (dec->n <= 15 && dec->exp10 >= -22 && dec->exp10 <= 22)
        return x;
    uint64_t bits = __double_bits(x);
    if ((bits >> 52) >= 0x7ff)          /* estimate overflowed: start at max */
        bits = 0x7feFFFFFFFFFFFFFULL;
    uint64_t m = bits & (TWO52 - 1);
    int e = (int)(bits >> 52);
    if (e == 0) {
        e = -1074;
    } else {
        m |= TWO52;
        e -= 1075;
    }
    for (int step = 0; step < 2000; step++) {
        /* Halfway up to the next double: (2m+1) * 2^(e-1). */
        int up = compare_exact(dec, 2 * m + 1, e - 1);
        if (up > 0 || (up == 0 && (m & 1))) {
            m++;
            if (m == TWO53) {
                m = TWO52;
                e++;
            }
            if (e + 1075 >= 2047)
                break;
            if (up == 0)
                break;
            continue;
        }
        if (up == 0 || m == 0)
            break;
        /* Halfway down; at a power of two the gap below is half as wide. */
        int narrow = m == TWO52 && e > -1074;
        int down = narrow ? compare_exact(dec, 4 * m - 1, e - 2)
                          : compare_exact(dec, 2 * m - 1, e - 1);
        if (down < 0 || (down == 0 && (m & 1))) {
            m--;
            if (narrow) {
                m = TWO53 - 1;
                e--;
            }
            if (down == 0)
                break;
            continue;
        }
        break;
    }
    double r = __round_binary(m, e, 0);     /* exact: m fits */
    uint64_t rbits = __double_bits(r);
    if ((rbits >> 52) == 0x7ff || rbits == 0)
        errno = ERANGE;
    return r;
}

static int match_word(const char *p, const char *word) {
    int i = 0;
    for (; word[i]; i++)
        if (tolower((unsigned char)p[i]) != word[i])
            return 0;
    return i;
}

/* An exponent "e-12" (or "p+3"): adds it to *exp and moves *p past it; an
   incomplete one ("e", "e+") is not part of the number. */
static void parse_exponent(const char **p, int letter, long *exp) {
    const char *q = *p;
    if ((*q | 32) != letter)
        return;
    int neg = 0;
    long v = 0;
    q++;
    if (*q == '+' || *q == '-')
        neg = *q++ == '-';
    if (!isdigit((unsigned char)*q))
        return;
    for (; isdigit((unsigned char)*q); q++)
        if (v < 1000000)
            v = v * 10 + (*q - '0');
    *exp += neg ? -v : v;
    *p = q;
}

/* Hex digits after "0x", an optional point and "p" exponent. Returns where
   parsing stopped, or NULL if there was no digit. */
static const char *parse_hex(const char *p, double *out) {
    uint64_t m = 0;
    long e = 0;
    int sticky = 0, any = 0, seen_point = 0;
    for (;; p++) {
        int c = (unsigned char)*p;
        if (c == '.' && !seen_point) {
            seen_point = 1;
            continue;
        }
        if (!isxdigit(c))
            break;
        int d = isdigit(c) ? c - '0' : (c | 32) - 'a' + 10;
        any = 1;
        if (m >> 60) {          /* beyond 60 bits only "nonzero" matters */
            sticky |= d != 0;
            e += seen_point ? 0 : 4;
        } else {
            m = m * 16 + (uint64_t)d;
            e -= seen_point ? 4 : 0;
        }
    }
    if (!any)
        return NULL;
    parse_exponent(&p, 'p', &e);
    if (e < -2000)          /* far outside the doubles: keeps the loops short */
        e = -2000;
    if (e > 2000)
        e = 2000;
    *out = __round_binary(m, (int)e, sticky);
    return p;
}

/* Decimal digits, an optional point and exponent. Returns where parsing
   stopped, or NULL if there was no digit. */
static const char *parse_decimal(const char *p, Decimal *dec) {
    int any = 0, seen_point = 0, dropped = 0;
    dec->n = 0;
    dec->exp10 = 0;
    for (;; p++) {
        if (*p == '.' && !seen_point) {
            seen_point = 1;
            continue;
        }
        if (!isdigit((unsigned char)*p))
            break;
        any = 1;
        if (*p == '0' && dec->n == 0) {             /* leading zero */
            dec->exp10 -= seen_point;
        } else if (dec->n < MAX_DIGITS) {
            dec->digits[dec->n++] = *p;
            dec->exp10 -= seen_point;
        } else {
            dropped |= *p != '0';
            dec->exp10 += !seen_point;
        }
    }
    if (!any)
        return NULL;
    parse_exponent(&p, 'e', &dec->exp10);
    if (dropped) {              /* stands for the dropped nonzero tail */
        dec->digits[dec->n++] = '1';
        dec->exp10--;
    }
    return p;
}

double strtod(const char *s, char **end) {
    static Decimal dec;         /* 800 bytes: kept off small stacks */
    const char *p = s;
    while (isspace((unsigned char)*p))
        p++;
    int neg = 0;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    double result = 0.0;
    const char *stop;
    int n;
    if ((n = match_word(p, "infinity")) || (n = match_word(p, "inf"))) {
        result = __bits_double(0x7ffULL << 52);
        stop = p + n;
    } else if (match_word(p, "nan")) {
        result = __bits_double(0x7ff8000000000000ULL);
        stop = p + 3;
        const char *q = stop + 1;   /* "nan(chars)": the chars are ignored */
        while (*stop == '(' && (isalnum((unsigned char)*q) || *q == '_'))
            q++;
        if (*stop == '(' && *q == ')')
            stop = q + 1;
    } else if (p[0] == '0' && (p[1] | 32) == 'x' && (stop = parse_hex(p + 2, &result))) {
        /* hexadecimal float parsed */
    } else if ((stop = parse_decimal(p, &dec))) {
        result = decimal_to_double(&dec);
    }
    if (end)
        *end = (char *)(stop ? stop : s);
    if (!stop)
        return 0.0;             /* no number: +0 even after a minus sign */
    return neg ? -result : result;
}

float strtof(const char *s, char **end) {
    return (float)strtod(s, end);
}
