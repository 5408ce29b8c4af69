#include "../check.h"
#include <stddef.h>
#include <limits.h>

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static int counter;
int bump(void) { return ++counter; }

int loops(void) {
    int s = 0, i = 0;
    while (i < 10) { i++; if (i == 3) continue; if (i == 8) break; s += i; }
    do { s += 100; } while (0);
    for (int j = 0, k = 10; j < k; j++, k--) s += j * k;
    return s;
}

int classify(int x) {
    switch (x) {
    case 0: return 10;
    case 1:
    case 2: return 20;
    case -5: return 30;
    case 100 ... 200: return 40;
    default: break;
    }
    return -1;
}

int fallthrough(int x) {
    int r = 0;
    switch (x) { case 1: r += 1; case 2: r += 2; break; case 3: r += 3; default: r += 100; }
    return r;
}

int with_goto(int n) {
    int i = 0;
again:
    i++;
    if (i < n) goto again;
    return i;
}

int main(void) {
    ASSERT(fib(15) == 610);
    ASSERT(loops() == 1 + 2 + 4 + 5 + 6 + 7 + 100 + (0 * 10 + 1 * 9 + 2 * 8 + 3 * 7 + 4 * 6));
    ASSERT(classify(0) == 10 && classify(2) == 20 && classify(-5) == 30);
    ASSERT(classify(150) == 40 && classify(201) == -1);
    ASSERT(fallthrough(1) == 3 && fallthrough(3) == 103 && fallthrough(9) == 100);
    ASSERT(with_goto(7) == 7);
    /* integer arithmetic and C's rules */
    int a = -7, b = 2;
    ASSERT(a / b == -3 && a % b == -1);
    ASSERT((unsigned)a / 2 == 2147483644u);
    ASSERT(-1 < 0u == 0);              /* -1 converts to UINT_MAX */
    ASSERT((a >> 1) == -4);
    ASSERT(((unsigned)a >> 28) == 15);
    ASSERT(INT_MAX + 1u == 2147483648u);
    ASSERT(sizeof(int) == 4 && sizeof(long) == 4 && sizeof(long long) == 8 && sizeof(void *) == 4);
    ASSERT(sizeof(short) == 2 && sizeof(char) == 1 && sizeof(_Bool) == 1);
    ASSERT(_Alignof(long long) == 8 && _Alignof(double) == 8);
    char c = 200;
    ASSERT(c == 200);                  /* plain char is unsigned */
    signed char sc = 200;
    ASSERT(sc == -56);
    short s = 40000;
    ASSERT(s == -25536);
    unsigned short us = 65535;
    ASSERT(us + 1 == 65536);           /* promoted to int */
    _Bool t = 42;
    ASSERT(t == 1);
    /* side effects and ordering */
    int x = 5;
    int y = x++ + ++x;
    ASSERT(x == 7 && y == 12);
    x = 10; x += 5; x -= 3; x *= 2; x /= 4; x %= 4; x <<= 3; x >>= 1; x |= 1; x ^= 3; x &= 6;
    ASSERT(x == 2);
    counter = 0;
    ASSERT((bump(), bump(), bump()) == 3);
    ASSERT((0 && bump()) == 0 && counter == 3);
    ASSERT((1 || bump()) == 1 && counter == 3);
    ASSERT(!0 == 1 && !5 == 0 && ~0 == -1);
    int arr[5] = {1, 2, 3};
    ASSERT(arr[3] == 0 && arr[2] == 3);
    ASSERT(sizeof arr / sizeof arr[0] == 5);
    int *p = arr;
    ASSERT(*(p + 2) == 3 && p[1] == 2 && 2[p] == 3);
    ASSERT(&arr[4] - &arr[1] == 3);
    size_t z = sizeof(struct { char a; int b; });
    ASSERT(z == 8);
    ASSERT(offsetof(struct { char a; short b; int c; }, c) == 4);
    PASS();
}
