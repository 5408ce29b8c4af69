/* 32- and 64-bit arithmetic (libgcc's 64-bit division), shifts of signed
 * values, and a sort: the results printed in decimal and hex. */
#include "port.h"

static unsigned long long lcg(unsigned long long *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return *s >> 11;
}

static void sort(int *v, int n)
{
    for (int i = 1; i < n; i++) {
        int x = v[i], j = i - 1;
        while (j >= 0 && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

int main(void)
{
    unsigned long long seed = 42;
    long long acc = 0;
    for (int i = 0; i < 2000; i++) {
        long long a = (long long)lcg(&seed) - (1ll << 52);
        long long b = (long long)(lcg(&seed) % 100000) - 50000;
        if (b == 0)
            b = 7;
        acc += a / b + a % b;
        acc ^= (acc << 3) >> 1;
    }
    print_str("acc ");
    print_int(acc);
    port_putc('\n');
    int v[64];
    for (int i = 0; i < 64; i++)
        v[i] = (int)(lcg(&seed) & 0xFFFF) - 0x8000;
    sort(v, 64);
    for (int i = 0; i < 64; i += 8) {
        print_int(v[i]);
        port_putc(i == 56 ? '\n' : ' ');
    }
    int x = -1000;
    unsigned u = 0x80000000u;
    print_int(x >> 3);
    port_putc(' ');
    print_uint(u >> 3, 16);
    port_putc(' ');
    print_int(x / 7);
    port_putc(' ');
    print_int(x % 7);
    port_putc('\n');
    return 3;
}
