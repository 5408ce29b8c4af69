/* CPI on straight-line code: 256 independent ALU instructions (no loads,
 * no branches) between two counter reads. Run twice; the second pass runs
 * from a warm instruction cache and is the one reported. */
#include "io.h"

static __attribute__((noinline)) void measure(uint32_t *cycles, uint32_t *insns)
{
    uint32_t c0, i0, c1, i1;
    __asm__ volatile(
        "csrr %0, mcycle\n csrr %1, minstret\n"
        ".rept 32\n"
        "addi a1, a1, 1\n xor a2, a2, a3\n add a4, a4, a5\n sub a6, a6, a7\n"
        "slli t0, t0, 1\n or t1, t1, t2\n andi t3, t3, 255\n srai t4, t4, 1\n"
        ".endr\n"
        "csrr %2, mcycle\n csrr %3, minstret\n"
        : "=&r"(c0), "=&r"(i0), "=&r"(c1), "=&r"(i1)
        :
        : "a1", "a2", "a4", "a6", "t0", "t1", "t3", "t4");
    *cycles = c1 - c0;
    *insns = i1 - i0;
}

int main(void)
{
    uint32_t cycles, insns;
    measure(&cycles, &insns);
    measure(&cycles, &insns);
    report("cycles", cycles);
    report("instructions", insns);
    return 0;
}
