#include "../check.h"
#include <stdarg.h>

static int sum_ints(int n, ...) {
    va_list ap;
    va_start(ap, n);
    int s = 0;
    for (int i = 0; i < n; i++) s += va_arg(ap, int);
    va_end(ap);
    return s;
}

struct pair { int a, b; };
struct wide { int v[4]; };

static double mix(const char *fmt, ...) {
    va_list ap, copy;
    va_start(ap, fmt);
    va_copy(copy, ap);
    double total = 0;
    for (; *fmt; fmt++) {
        switch (*fmt) {
        case 'i': total += va_arg(ap, int); break;
        case 'l': total += va_arg(ap, long long); break;
        case 'd': total += va_arg(ap, double); break;
        case 'p': { struct pair p = va_arg(ap, struct pair); total += p.a * p.b; break; }
        case 'w': { struct wide w = va_arg(ap, struct wide); total += w.v[3]; break; }
        }
    }
    va_end(ap);
    total += va_arg(copy, int) * 1000;       /* the copy starts again from the first */
    va_end(copy);
    return total;
}

static int vsum(int n, va_list ap) {
    int s = 0;
    while (n--) s += va_arg(ap, int);
    return s;
}
static int forward(int n, ...) {
    va_list ap;
    va_start(ap, n);
    int r = vsum(n, ap);
    va_end(ap);
    return r;
}

int main(void) {
    ASSERT(sum_ints(3, 1, 2, 3) == 6);
    ASSERT(sum_ints(10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) == 55);
    struct pair p = {3, 4};
    struct wide w = {{1, 2, 3, 40}};
    ASSERT(mix("ildpw", 7, 1LL << 33, 0.5, p, w) == 7000 + 7 + 8589934592.0 + 0.5 + 12 + 40);
    ASSERT(mix("iiiiiiid", 1, 1, 1, 1, 1, 1, 1, 2.5) == 1000 + 7 + 2.5);
    ASSERT(mix("iiiiiil", 1, 1, 1, 1, 1, 1, 5LL) == 1000 + 11);
    ASSERT(forward(4, 10, 20, 30, 40) == 100);
    PASS();
}
