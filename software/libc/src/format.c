/* The printf family's formatter: parses each %-directive (flags, width,
   precision, length, conversion) and emits the converted text with padding
   into a Sink through a small staging buffer. Floating-point conversions use
   the exact decimal expansion from dtoa.c and round it (half to even). */
#include "format.h"
#include "internal.h"
#include <stdint.h>
#include <string.h>

enum {
    LEFT = 1,       /* '-' */
    PLUS = 2,       /* '+' */
    SPACE = 4,      /* ' ' */
    ALT = 8,        /* '#' */
    ZERO = 16,      /* '0' */
};

typedef struct {
    Sink *sink;
    int count;
    int used;
    char stage[128];
} Out;

static void flush(Out *o) {
    if (o->used)
        o->sink->write(o->sink, o->stage, (size_t)o->used);
    o->used = 0;
}

static void put(Out *o, char c) {
    if (o->used == (int)sizeof o->stage)
        flush(o);
    o->stage[o->used++] = c;
    o->count++;
}

static void put_n(Out *o, const char *p, int n) {
    while (n-- > 0)
        put(o, *p++);
}

static void pad(Out *o, char c, int n) {
    while (n-- > 0)
        put(o, c);
}

typedef struct {
    int flags, width, prec;     /* prec < 0: none given */
    char conv;
} Spec;

/* Padding: spaces before the prefix (sign, 0x), or zeros after it with the
   '0' flag, or spaces after everything with '-'. pad_before emits the
   prefix and returns the fill that pad_after may still owe. */
static int pad_before(Out *o, const Spec *sp, const char *prefix, int body_len) {
    int plen = (int)strlen(prefix);
    int fill = sp->width > plen + body_len ? sp->width - plen - body_len : 0;
    if (!(sp->flags & (LEFT | ZERO)))
        pad(o, ' ', fill);
    put_n(o, prefix, plen);
    if ((sp->flags & (LEFT | ZERO)) == ZERO)
        pad(o, '0', fill);
    return fill;
}

static void pad_after(Out *o, const Spec *sp, int fill) {
    if (sp->flags & LEFT)
        pad(o, ' ', fill);
}

/* prefix, then `zeros` zeros (integer precision), then the body. */
static void emit_padded(Out *o, const Spec *sp, const char *prefix, int body_len,
                        int zeros, const char *body)
{
    int fill = pad_before(o, sp, prefix, zeros + body_len);
    pad(o, '0', zeros);
    put_n(o, body, body_len);
    pad_after(o, sp, fill);
}

static void format_integer(Out *o, Spec sp, uint64_t v, int negative) {
    char digits[24];
    int n = 0;
    unsigned base = sp.conv == 'o' ? 8 : (sp.conv == 'x' || sp.conv == 'X' || sp.conv == 'p') ? 16 : 10;
    const char *hex = sp.conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    uint64_t rest = v;
    while (rest > 0xffffffffu) {    /* 64-bit division is a library call */
        digits[n++] = hex[rest % base];
        rest /= base;
    }
    for (uint32_t small = (uint32_t)rest; small; small /= base)
        digits[n++] = hex[small % base];
    char body[24];
    for (int i = 0; i < n; i++)
        body[i] = digits[n - 1 - i];
    int min_digits = sp.prec < 0 ? 1 : sp.prec;
    if (sp.prec >= 0)
        sp.flags &= ~ZERO;
    int zeros = min_digits > n ? min_digits - n : 0;
    if (sp.conv == 'o' && (sp.flags & ALT) && zeros == 0 && (n == 0 || body[0] != '0'))
        zeros = 1;
    const char *prefix = "";
    if (sp.conv == 'd' || sp.conv == 'i')
        prefix = negative ? "-" : (sp.flags & PLUS) ? "+" : (sp.flags & SPACE) ? " " : "";
    else if (sp.conv == 'p' || ((sp.flags & ALT) && v != 0 && sp.conv == 'x'))
        prefix = "0x";
    else if ((sp.flags & ALT) && v != 0 && sp.conv == 'X')
        prefix = "0X";
    emit_padded(o, &sp, prefix, n, zeros, body);
}

static char digit_at(const char *d, int n, int i) {
    return i >= 0 && i < n ? d[i] : '0';
}

static void format_float(Out *o, Spec sp, double x) {
    uint64_t bits = __double_bits(x);
    int upper = sp.conv == 'F' || sp.conv == 'E' || sp.conv == 'G';
    const char *sign = (bits >> 63) ? "-" : (sp.flags & PLUS) ? "+" : (sp.flags & SPACE) ? " " : "";
    if (((bits >> 52) & 0x7ff) == 0x7ff) {
        int is_nan = (bits & 0xfffffffffffffULL) != 0;
        sp.flags &= ~ZERO;
        emit_padded(o, &sp, sign, 3, 0, is_nan ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"));
        return;
    }
    char d[DTOA_MAX_DIGITS];
    int n, point;
    bits &= ~(1ULL << 63);
    if (bits == 0) {
        d[0] = '0';
        n = 1;
        point = 1;
    } else {
        n = __dtoa_exact(__bits_double(bits), d, &point);
    }
    int prec = sp.prec < 0 ? 6 : sp.prec;
    char style = (char)(sp.conv | 32);
    int strip_zeros = 0;
    if (style == 'g') {
        /* %g: the exponent %e would print decides between %e and %f. */
        /* Either way %g shows p significant digits, so round there once;
           the rounding below then changes nothing. */
        int p = prec == 0 ? 1 : prec;
        point += __round_digits(d, n, p);
        int x10 = bits == 0 ? 0 : point - 1;
        if (p > x10 && x10 >= -4) {
            style = 'f';
            prec = p - 1 - x10;
        } else {
            style = 'e';
            prec = p - 1;
        }
        strip_zeros = !(sp.flags & ALT);
    }
    int keep = style == 'e' ? prec + 1 : point + prec;
    if (keep < 0) {
        n = 0;                  /* far below the last printed digit: 0 */
    } else if (__round_digits(d, n, keep)) {
        point++;
        if (keep == 0)
            n = 1;              /* rounded up to a single 1 */
    } else if (keep == 0) {
        n = 0;
    }
    if (bits == 0)
        point = 1;
    int first = style == 'e' ? 1 : point;   /* index of the first fraction digit */
    if (strip_zeros)
        while (prec > 0 && digit_at(d, n, first + prec - 1) == '0')
            prec--;
    int point_len = (prec > 0 || (sp.flags & ALT)) ? 1 : 0;
    char tail[8];               /* exponent of %e */
    int tail_len = 0;
    int int_len;
    if (style == 'e') {
        int x10 = n == 0 || d[0] == '0' ? 0 : point - 1;
        tail[tail_len++] = upper ? 'E' : 'e';
        tail[tail_len++] = x10 < 0 ? '-' : '+';
        if (x10 < 0)
            x10 = -x10;
        if (x10 >= 100)
            tail[tail_len++] = (char)('0' + x10 / 100);
        tail[tail_len++] = (char)('0' + x10 / 10 % 10);
        tail[tail_len++] = (char)('0' + x10 % 10);
        int_len = 1;
    } else {
        int_len = point > 0 ? point : 1;
    }
    /* The body is generated digit by digit (a %f of 1e308 has 309 digits). */
    int fill = pad_before(o, &sp, sign, int_len + point_len + prec + tail_len);
    if (style == 'e')
        put(o, digit_at(d, n, 0));
    else if (point <= 0)
        put(o, '0');
    else
        for (int i = 0; i < point; i++)
            put(o, digit_at(d, n, i));
    if (point_len)
        put(o, '.');
    for (int i = 0; i < prec; i++)
        put(o, digit_at(d, n, first + i));
    put_n(o, tail, tail_len);
    pad_after(o, &sp, fill);
}

static void format_string(Out *o, Spec sp, const char *s) {
    if (!s)
        s = (sp.prec < 0 || sp.prec >= 6) ? "(null)" : "";
    int len = 0;
    while ((sp.prec < 0 || len < sp.prec) && s[len])
        len++;
    sp.flags &= ~ZERO;
    emit_padded(o, &sp, "", len, 0, s);
}

static int parse_number(const char **fmt) {
    int v = 0;
    while (**fmt >= '0' && **fmt <= '9') {
        if (v < 100000000)
            v = v * 10 + (**fmt - '0');
        (*fmt)++;
    }
    return v;
}

int __format(Sink *sink, const char *fmt, va_list ap) {
    Out o;
    o.sink = sink;
    o.count = 0;
    o.used = 0;
    while (*fmt) {
        if (*fmt != '%') {
            put(&o, *fmt++);
            continue;
        }
        fmt++;
        Spec sp = {0, 0, -1, 0};
        for (;; fmt++) {
            if (*fmt == '-') sp.flags |= LEFT;
            else if (*fmt == '+') sp.flags |= PLUS;
            else if (*fmt == ' ') sp.flags |= SPACE;
            else if (*fmt == '#') sp.flags |= ALT;
            else if (*fmt == '0') sp.flags |= ZERO;
            else break;
        }
        if (*fmt == '*') {
            fmt++;
            sp.width = va_arg(ap, int);
            if (sp.width < 0) {
                sp.flags |= LEFT;
                sp.width = -sp.width;
            }
        } else {
            sp.width = parse_number(&fmt);
        }
        if (*fmt == '.') {
            fmt++;
            if (*fmt == '*') {
                fmt++;
                sp.prec = va_arg(ap, int);
                if (sp.prec < 0)
                    sp.prec = -1;
            } else {
                sp.prec = parse_number(&fmt);
            }
        }
        int longs = 0;      /* 0 int, 1 long (32-bit), 2 long long, -1 short, -2 char */
        for (;; fmt++) {
            if (*fmt == 'l') longs = longs == 1 ? 2 : 1;
            else if (*fmt == 'h') longs = longs == -1 ? -2 : -1;
            else if (*fmt == 'j' || *fmt == 'q') longs = 2;
            else if (*fmt == 'z' || *fmt == 't') longs = 1;
            else if (*fmt == 'L') longs = 0;
            else break;
        }
        sp.conv = *fmt;
        if (!*fmt)
            break;
        fmt++;
        switch (sp.conv) {
        case 'd':
        case 'i': {
            long long v = longs == 2 ? va_arg(ap, long long) : longs == 1 ? va_arg(ap, long) : va_arg(ap, int);
            if (longs == -1)
                v = (short)v;
            else if (longs == -2)
                v = (signed char)v;
            uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
            format_integer(&o, sp, mag, v < 0);
            break;
        }
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
            uint64_t v = longs == 2 ? va_arg(ap, unsigned long long)
                       : longs == 1 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
            if (longs == -1)
                v = (unsigned short)v;
            else if (longs == -2)
                v = (unsigned char)v;
            format_integer(&o, sp, v, 0);
            break;
        }
        case 'p': {
            void *p = va_arg(ap, void *);
            if (!p) {
                sp.prec = -1;
                format_string(&o, sp, "(nil)");
            } else {
                sp.flags |= ALT;
                format_integer(&o, sp, (uintptr_t)p, 0);
            }
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            sp.flags &= ~ZERO;
            emit_padded(&o, &sp, "", 1, 0, &c);
            break;
        }
        case 's':
            format_string(&o, sp, va_arg(ap, const char *));
            break;
        case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
            format_float(&o, sp, va_arg(ap, double));
            break;
        case 'n':
            if (longs == 2)
                *va_arg(ap, long long *) = o.count;
            else
                *va_arg(ap, int *) = o.count;
            break;
        case '%':
            put(&o, '%');
            break;
        default:            /* unknown conversion: print it as written */
            put(&o, '%');
            put(&o, sp.conv);
            break;
        }
    }
    flush(&o);
    return sink->failed ? -1 : o.count;
}
