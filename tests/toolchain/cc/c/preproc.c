#include "../check.h"
#include <stdint.h>
#include <stdbool.h>
#include <limits.h>
#include "preproc_once.h"
#include "preproc_once.h"

#define SQUARE(x) ((x) * (x))
#define CAT(a, b) a ## b
#define STR(x) #x
#define XSTR(x) STR(x)
#define COUNT(...) count_args(sizeof((int[]){__VA_ARGS__}) / sizeof(int))
#define LOG(fmt, ...) log_it(fmt, ##__VA_ARGS__)
#define EMPTY
#define VERSION 3

static int count_args(unsigned n) { return n; }
static int logged;
static int log_it(const char *fmt, ...) { (void)fmt; return ++logged; }
static int streq(const char *a, const char *b) { while (*a && *a == *b) a++, b++; return *a == *b; }

int main(void) {
    ASSERT(SQUARE(1 + 2) == 9);
    int CAT(my, var) = 5;
    ASSERT(myvar == 5);
    ASSERT(streq(STR(a + b), "a + b") && streq(XSTR(VERSION), "3"));
    ASSERT(streq(STR("q\n"), "\"q\\n\""));
    ASSERT(COUNT(1, 2, 3) == 3);
    LOG("x");
    LOG("y", 1, 2);
    ASSERT(logged == 2);
    int z = 2;
#define z (z * 3)                     /* a macro never expands inside itself */
    ASSERT(z == 6);
#undef z
#if VERSION >= 3 && defined(VERSION) && !defined(NOT_DEFINED)
    int ok = 1;
#elif VERSION == 2
    int ok = 2;
#else
    int ok = 3;
#endif
    ASSERT(ok == 1);
#ifdef __riscv
    ASSERT(__riscv_xlen == 32);
#else
    ASSERT(0);
#endif
#if defined(__ILP32__) && __STDC_VERSION__ >= 201112L && __STDC__
    ASSERT(1);
#else
    ASSERT(0);
#endif
#if (-1 > 0u) && (1 ? 2 : 0) == 2 && 'A' == 65 && (0x10 << 2) == 64
    ASSERT(ONCE_VALUE == 42);
#else
    ASSERT(0);
#endif
    ASSERT(__LINE__ == 59);
    ASSERT(streq(__func__, "main"));
    ASSERT(streq(__FILE__ + sizeof(__FILE__) - 10, "preproc.c"));
#line 1000
    ASSERT(__LINE__ == 1000);
    ASSERT(INT64_MAX == 9223372036854775807LL && UINT8_MAX == 255 && CHAR_MAX == 255);
    bool flag = true;
    ASSERT(flag EMPTY == 1);
    ASSERT(streq("con" "cat" "\x41\101", "concatAA"));
    PASS();
}
