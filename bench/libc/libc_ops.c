/* The libc's hot paths, timed with clock(): prints one line per operation
   with the nanoseconds per call (under qemu-riscv32, so relative numbers). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static volatile double sink;

static int by_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void report(const char *name, clock_t start, long count)
{
    double ns = (double)(clock() - start) * 1e9 / CLOCKS_PER_SEC / (double)count;
    printf("%-22s %10.1f\n", name, ns);
}

int main(void)
{
    char buf[64];
    long n = 20000;
    clock_t t = clock();
    for (long i = 0; i < n; i++)
        snprintf(buf, sizeof buf, "%d %s %x", (int)i, "abc", (unsigned)i);
    report("snprintf %d %s %x", t, n);
    t = clock();
    for (long i = 0; i < n; i++)
        snprintf(buf, sizeof buf, "%.17g", (double)i * 1.37e-3);
    report("snprintf %.17g", t, n);
    t = clock();
    for (long i = 0; i < n; i++)
        sink = strtod("3.14159265358979e-3", NULL);
    report("strtod (17 digits)", t, n);
    t = clock();
    for (long i = 0; i < n; i++)
        sink = exp((double)i * 1e-4);
    report("exp", t, n);
    t = clock();
    for (long i = 0; i < n; i++)
        sink = log((double)i + 0.5);
    report("log", t, n);
    t = clock();
    for (long i = 0; i < n; i++)
        sink = sin((double)i * 1e-3);
    report("sin", t, n);
    t = clock();
    for (long i = 0; i < n; i++)
        sink = pow((double)i * 1e-3, 1.7);
    report("pow", t, n);
    t = clock();
    for (long i = 0; i < n; i++)
        sink = sqrt((double)i);
    report("sqrt", t, n);
    t = clock();
    void *live[64] = {0};
    for (long i = 0; i < n; i++) {
        int k = (int)(i * 7 % 64);
        free(live[k]);
        live[k] = malloc((size_t)(i % 200) + 8);
    }
    report("malloc+free", t, n);
    static char src[4096], dst[4096];
    t = clock();
    for (long i = 0; i < n; i++)
        memcpy(dst, src, sizeof src);
    report("memcpy 4 KiB", t, n);
    static int v[10000];
    for (int i = 0; i < 10000; i++)
        v[i] = (int)((unsigned)i * 2654435761u >> 8);
    t = clock();
    qsort(v, 10000, sizeof v[0], by_int);
    report("qsort 10k ints (per elt)", t, 10000);
    return 0;
}
