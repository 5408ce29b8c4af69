/* A TLB stress: loads that visit 32 pages in turn (128 KiB, four times the
 * 8-entry DTLB's reach), 16 loads per visit, so every visit to a page misses
 * the DTLB once the table has cycled. Measures what a walk costs. */
#include "io.h"

#define PAGES 32
#define WORDS_PER_PAGE 1024
#define ROUNDS 8

static volatile uint32_t buffer[PAGES * WORDS_PER_PAGE];

int main(void)
{
    uint32_t sum = 0;
    uint32_t c0 = rdcycle(), i0 = rdinstret();
    for (int round = 0; round < ROUNDS; round++)
        for (int page = 0; page < PAGES; page++)
            for (int word = 0; word < WORDS_PER_PAGE; word += 64)
                sum += buffer[page * WORDS_PER_PAGE + word] + (uint32_t)word;
    uint32_t cycles = rdcycle() - c0, insns = rdinstret() - i0;
    report("iterations", ROUNDS * PAGES * (WORDS_PER_PAGE / 64));
    report("cycles", cycles);
    report("instructions", insns);
    report("check", sum);
    return 0;
}
