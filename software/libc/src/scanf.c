/* sscanf: %d %i %u %o %x %f %e %g %s %c %[set] %n %% with widths, '*' and
   the h/hh/l/ll sizes. Numbers go through strtoll/strtoull/strtod on a copy
   of at most `width` characters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

/* Is c in the scanset that starts after '[' at *set? Moves *set past ']'. */
static int in_scanset(const char *set, int c, const char **after) {
    int negate = *set == '^';
    if (negate)
        set++;
    int found = 0;
    const char *p = set;
    if (*p == ']') {            /* a leading ']' is a member */
        found |= c == ']';
        p++;
    }
    for (; *p && *p != ']'; p++) {
        if (p[1] == '-' && p[2] && p[2] != ']') {
            found |= c >= (unsigned char)p[0] && c <= (unsigned char)p[2];
            p += 2;
        } else {
            found |= c == (unsigned char)*p;
        }
    }
    *after = *p ? p + 1 : p;
    return found != negate;
}

int vsscanf(const char *s, const char *fmt, va_list ap) {
    const char *in = s;
    int assigned = 0;
    while (*fmt) {
        if (isspace((unsigned char)*fmt)) {
            while (isspace((unsigned char)*in))
                in++;
            fmt++;
            continue;
        }
        if (*fmt != '%' || fmt[1] == '%') {
            if (*fmt == '%') {
                fmt++;
                while (isspace((unsigned char)*in))
                    in++;
            }
            if (*in != *fmt)
                break;
            in++;
            fmt++;
            continue;
        }
        fmt++;
        int skip = *fmt == '*';
        if (skip)
            fmt++;
        int width = 0;
        while (isdigit((unsigned char)*fmt))
            width = width * 10 + (*fmt++ - '0');
        int size = 0;           /* -2 hh, -1 h, 1 l, 2 ll */
        for (;; fmt++) {
            if (*fmt == 'l') size = size == 1 ? 2 : 1;
            else if (*fmt == 'h') size = size == -1 ? -2 : -1;
            else if (*fmt == 'z' || *fmt == 'j' || *fmt == 't' || *fmt == 'L') size = *fmt == 'j' ? 2 : 1;
            else break;
        }
        char conv = *fmt;
        if (!conv)
            break;              /* a lone '%' at the end of the format */
        fmt++;
        if (conv == 'n') {
            if (!skip)
                *va_arg(ap, int *) = (int)(in - s);
            continue;
        }
        if (conv != 'c' && conv != '[')
            while (isspace((unsigned char)*in))
                in++;
        if (!*in)
            return assigned ? assigned : EOF;
        if (conv == 'c' || conv == 's' || conv == '[') {
            char *out = skip ? NULL : va_arg(ap, char *);
            int n = 0, limit = width ? width : (conv == 'c' ? 1 : 0x7fffffff);
            const char *after = fmt;
            while (n < limit && *in) {
                int c = (unsigned char)*in;
                if (conv == 's' && isspace(c))
                    break;
                if (conv == '[' && !in_scanset(fmt, c, &after))
                    break;
                if (out)
                    out[n] = (char)c;
                n++;
                in++;
            }
            if (conv == '[') {          /* step over the set itself */
                in_scanset(fmt, 0, &after);
                fmt = after;
            }
            if (n == 0 || (conv == 'c' && n < limit))
                break;
            if (out && conv != 'c')
                out[n] = 0;
            assigned += out != NULL;
            continue;
        }
        char field[64];
        int limit = width && width < 63 ? width : 63;
        strncpy(field, in, (size_t)limit);
        field[limit] = 0;
        char *end;
        if (conv == 'f' || conv == 'e' || conv == 'g' || conv == 'E' || conv == 'G' || conv == 'a') {
            double v = strtod(field, &end);
            if (end == field)
                break;
            if (!skip) {
                if (size >= 1)
                    *va_arg(ap, double *) = v;
                else
                    *va_arg(ap, float *) = (float)v;
            }
        } else if (strchr("diuoxXp", conv)) {
            int base = conv == 'd' || conv == 'u' ? 10 : conv == 'o' ? 8 : conv == 'i' ? 0 : 16;
            unsigned long long v = conv == 'd' || conv == 'i'
                ? (unsigned long long)strtoll(field, &end, base) : strtoull(field, &end, base);
            if (end == field)
                break;
            if (!skip) {
                if (conv == 'p')
                    *va_arg(ap, void **) = (void *)(unsigned long)v;
                else if (size == 2)
                    *va_arg(ap, long long *) = (long long)v;
                else if (size == 1)
                    *va_arg(ap, long *) = (long)v;
                else if (size == -1)
                    *va_arg(ap, short *) = (short)v;
                else if (size == -2)
                    *va_arg(ap, signed char *) = (signed char)v;
                else
                    *va_arg(ap, int *) = (int)v;
            }
        } else {
            break;              /* unknown conversion */
        }
        in += end - field;
        assigned += !skip;
    }
    return assigned;
}

int sscanf(const char *s, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int r = vsscanf(s, fmt, ap);
    va_end(ap);
    return r;
}
