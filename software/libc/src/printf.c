/* The printf front ends: each wraps __format (format.c) around a Sink that
   writes into a FILE or into a string. */
#include <stdio.h>
#include <string.h>
#include "format.h"

static void file_write(Sink *s, const char *p, size_t n) {
    if (fwrite(p, 1, n, (FILE *)s->target) != n)
        s->failed = 1;
}

static void string_write(Sink *s, const char *p, size_t n) {
    size_t take = n < s->room ? n : s->room;
    memcpy(s->target, p, take);
    s->target = (char *)s->target + take;
    s->room -= take;
}

int vfprintf(FILE *f, const char *fmt, va_list ap) {
    Sink s = {file_write, f, 0, 0};
    return __format(&s, fmt, ap);
}

int vsnprintf(char *str, size_t n, const char *fmt, va_list ap) {
    char dummy;
    Sink s = {string_write, n ? str : &dummy, n ? n - 1 : 0, 0};
    int r = __format(&s, fmt, ap);
    if (n)
        *(char *)s.target = 0;
    return r;
}

int vsprintf(char *str, const char *fmt, va_list ap) {
    return vsnprintf(str, (size_t)0x7fffffff, fmt, ap);
}

int vprintf(const char *fmt, va_list ap) {
    return vfprintf(stdout, fmt, ap);
}

int printf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int r = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return r;
}

int fprintf(FILE *f, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int r = vfprintf(f, fmt, ap);
    va_end(ap);
    return r;
}

int sprintf(char *str, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int r = vsprintf(str, fmt, ap);
    va_end(ap);
    return r;
}

int snprintf(char *str, size_t n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(str, n, fmt, ap);
    va_end(ap);
    return r;
}
