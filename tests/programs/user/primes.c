/* Sieve of Eratosthenes, then sums and a checksum of the primes. */
#include "port.h"

#define LIMIT 200000
static unsigned char composite[LIMIT];

int main(void)
{
    unsigned count = 0, sum = 0, hash = 0;
    for (unsigned i = 2; i < LIMIT; i++) {
        if (composite[i])
            continue;
        count++;
        sum += i;
        hash = hash * 31 + i;
        for (unsigned j = i * 2; j < LIMIT; j += i)
            composite[j] = 1;
    }
    print_str("primes below ");
    print_int(LIMIT);
    print_str(": ");
    print_int(count);
    print_str(" sum ");
    print_uint(sum, 10);
    print_str(" hash ");
    print_uint(hash, 16);
    port_putc('\n');
    return 0;
}
