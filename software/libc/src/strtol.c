/* Integer parsing: one unsigned 64-bit engine with overflow detection, and
   the strto* and ato* functions as clamps around it. */
#include <stdlib.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>

/* Parses [space][sign][0x|0]digits. Sets *neg, *overflow and *end; returns
   the magnitude (saturated at UINT64_MAX on overflow). */
static uint64_t parse(const char *s, char **end, int base, int *neg, int *overflow) {
    const char *p = s;
    *neg = 0;
    *overflow = 0;
    if (end)
        *end = (char *)s;
    if (base < 0 || base == 1 || base > 36) {
        errno = EINVAL;
        return 0;
    }
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        *neg = *p++ == '-';
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 32) == 'x' && isxdigit((unsigned char)p[2])) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = *p == '0' ? 8 : 10;
    }
    uint64_t v = 0;
    const char *digits = p;
    for (;; p++) {
        int c = (unsigned char)*p, d;
        if (isdigit(c))
            d = c - '0';
        else if (isalpha(c))
            d = (c | 32) - 'a' + 10;
        else
            break;
        if (d >= base)
            break;
        if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
            *overflow = 1;
        v = *overflow ? UINT64_MAX : v * (uint64_t)base + (uint64_t)d;
    }
    if (p > digits && end)
        *end = (char *)p;
    return v;
}

/* Signed result in [min, max], with ERANGE outside. */
static long long clamp_signed(uint64_t v, int neg, int overflow, long long min, long long max) {
    uint64_t limit = neg ? (uint64_t)max + 1 : (uint64_t)max;
    if (overflow || v > limit) {
        errno = ERANGE;
        return neg ? min : max;
    }
    return neg ? (long long)(0 - v) : (long long)v;
}

/* Unsigned result: a minus sign negates in the unsigned type, as C says. */
static uint64_t clamp_unsigned(uint64_t v, int neg, int overflow, uint64_t max) {
    if (overflow || v > max) {
        errno = ERANGE;
        return max;
    }
    return neg ? (0 - v) & max : v;
}

long long strtoll(const char *s, char **end, int base) {
    int neg, overflow;
    uint64_t v = parse(s, end, base, &neg, &overflow);
    return clamp_signed(v, neg, overflow, LLONG_MIN, LLONG_MAX);
}

long strtol(const char *s, char **end, int base) {
    int neg, overflow;
    uint64_t v = parse(s, end, base, &neg, &overflow);
    return (long)clamp_signed(v, neg, overflow, LONG_MIN, LONG_MAX);
}

unsigned long long strtoull(const char *s, char **end, int base) {
    int neg, overflow;
    uint64_t v = parse(s, end, base, &neg, &overflow);
    return clamp_unsigned(v, neg, overflow, ULLONG_MAX);
}

unsigned long strtoul(const char *s, char **end, int base) {
    int neg, overflow;
    uint64_t v = parse(s, end, base, &neg, &overflow);
    return (unsigned long)clamp_unsigned(v, neg, overflow, ULONG_MAX);
}

int atoi(const char *s) { return (int)strtol(s, NULL, 10); }
long atol(const char *s) { return strtol(s, NULL, 10); }
long long atoll(const char *s) { return strtoll(s, NULL, 10); }
double atof(const char *s) { return strtod(s, NULL); }
