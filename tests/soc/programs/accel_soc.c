/* Runs a small command stream on the accelerator (CSR page 5, docs/accel.md):
 * D = A (4x8) times B (8x4) with MM, then E = D * D + D with two VOPs, both
 * stored to RAM by the DMA, and prints their bits in hex, so the emulator's
 * model and the RTL in the Verilator SoC can be compared line by line.
 * Exit status: 0, or the failing check (1 config, 2 status, 3-4 line 3). */
#include "port.h"

#define ACCEL(off) (*(volatile unsigned *)(0xF0002800u + (off)))
#define UART_TXEMPTY (*(volatile unsigned *)0xF0000818u)
enum { CTRL = 0x00, STATUS = 0x04, PROG = 0x08, IRQ_EN = 0x0C, IRQ_PENDING = 0x10, CONFIG = 0x20 };
enum { END = 0, LOAD = 1, STORE = 2, VOP = 3, MM = 4 };
enum { ADD = 0, MUL = 2 };

/* Each array fills whole 32-byte data-cache lines: the CPU never loads
 * D or E before the DMA writes them, so no stale line can hide the result. */
static unsigned program[8][8] __attribute__((aligned(32)));
static float a[4][8] __attribute__((aligned(32)));
static float b[8][4] __attribute__((aligned(32)));
static float d[4][4] __attribute__((aligned(32)));
static float e[4][4] __attribute__((aligned(32)));

static unsigned irq_lines(void)
{
    unsigned v;
    __asm__ volatile(".option push\n.option arch, +zicsr\ncsrr %0, 0xFC0\n.option pop" : "=r"(v));
    return v;
}

static void command(int i, unsigned w0, unsigned w1, unsigned w2, unsigned w3,
                    unsigned w4, unsigned w5, unsigned w6, unsigned w7)
{
    unsigned *c = program[i];
    c[0] = w0, c[1] = w1, c[2] = w2, c[3] = w3, c[4] = w4, c[5] = w5, c[6] = w6, c[7] = w7;
}

static void print_words(const float *x, int n)
{
    for (int i = 0; i < n; i++) {
        union { float f; unsigned u; } bits = { x[i] };
        print_uint(bits.u, 16);
        port_putc(i % 4 == 3 ? '\n' : ' ');
    }
}

int main(void)
{
    for (int i = 0; i < 4; i++)
        for (int k = 0; k < 8; k++) {
            a[i][k] = (float)(i * 8 + k) / 7.0f - 2.0f;
            b[k][i] = 1.0f / (float)(k + i + 1);
        }
    /* scratchpad: A at 0 (32 words), B at 32, D at 64, E at 80 */
    command(0, LOAD, 0, (unsigned)a, 4, 32, 1, 0, 0);
    command(1, LOAD, 32, (unsigned)b, 4, 32, 1, 0, 0);
    command(2, MM, 64, 0, 32, 4, 4, 8 | 4 << 16, 8 | 4 << 16);       /* D = A B */
    command(3, VOP | MUL << 4, 80, 64, 64, 16, 1, 0, 0);             /* E = D * D */
    command(4, VOP | ADD << 4, 80, 80, 64, 16, 1, 0, 0);             /* E = E + D */
    command(5, STORE, 64, (unsigned)d, 4, 16, 1, 0, 0);
    command(6, STORE, 80, (unsigned)e, 4, 16, 1, 0, 0);
    command(7, END, 0, 0, 0, 0, 0, 0, 0);
    if ((ACCEL(CONFIG) & 0xFF) == 0)
        return 1;
    ACCEL(PROG) = (unsigned)program;
    ACCEL(IRQ_EN) = 1;
    ACCEL(CTRL) = 1;
    while (ACCEL(STATUS) & 1)
        ;
    if (ACCEL(STATUS) != 2)
        return 2;
    if (!(irq_lines() & 8))
        return 3;
    ACCEL(IRQ_PENDING) = 1;
    if (irq_lines() & 8)
        return 4;
    print_words(&d[0][0], 16);
    print_words(&e[0][0], 16);
    while (!UART_TXEMPTY)
        ;
    return 0;
}
