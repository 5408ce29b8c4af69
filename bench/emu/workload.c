/* The CPU-bound workload of bench/emu: a sieve, CRC-32 over a buffer and
 * an integer matrix product, repeated. Same source on the emulator and on
 * qemu-riscv32 (tests/programs/user/port.h). */
#include "port.h"

#define N 48
static unsigned char buf[1 << 16];
static int a[N][N], b[N][N], c[N][N];
static unsigned char composite[100000];

static unsigned crc32(const unsigned char *p, unsigned n)
{
    unsigned crc = 0xFFFFFFFFu;
    for (unsigned i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
    }
    return ~crc;
}

static unsigned sieve(void)
{
    unsigned count = 0;
    for (unsigned i = 0; i < sizeof composite; i++)
        composite[i] = 0;
    for (unsigned i = 2; i < sizeof composite; i++) {
        if (composite[i])
            continue;
        count++;
        for (unsigned j = i * 2; j < sizeof composite; j += i)
            composite[j] = 1;
    }
    return count;
}

static int matmul(void)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int s = 0;
            for (int k = 0; k < N; k++)
                s += a[i][k] * b[k][j];
            c[i][j] = s;
        }
    return c[N / 2][N / 3];
}

int main(void)
{
    unsigned check = 0;
    for (unsigned i = 0; i < sizeof buf; i++)
        buf[i] = (unsigned char)(i * 7 + (i >> 5));
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = i - j;
            b[i][j] = (i * j) % 7 - 3;
        }
    for (int round = 0; round < ROUNDS; round++) {
        check += crc32(buf, sizeof buf);
        check += sieve();
        check += (unsigned)matmul();
        buf[round & 0xFFFF] ^= 1;
    }
    print_str("workload check ");
    print_uint(check, 16);
    port_putc('\n');
    return 0;
}
