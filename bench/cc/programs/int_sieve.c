/* Integer: sieve of Eratosthenes and Collatz chain lengths. */
#include "bench.h"

static char composite[8192];

int main(void) {
    int count = 0;
    for (int i = 2; i < 8192; i++) {
        if (composite[i]) continue;
        count++;
        for (int j = i * 2; j < 8192; j += i) composite[j] = 1;
    }
    unsigned longest = 0;
    for (unsigned n = 1; n < 300; n++) {
        unsigned x = n, steps = 0;
        while (x != 1) { x = (x & 1) ? 3 * x + 1 : x / 2; steps++; }
        if (steps > longest) longest = steps;
    }
    print_result(count * 1000 + longest);
    return 0;
}
