/* Runs a command stream on the emulator's accelerator model through CSR page 5
 * and checks the results, the cycle count and interrupt line 3. Exit status:
 * 0, or the number of the first failing check. */
#include "port.h"

#define ACCEL(off) (*(volatile unsigned *)(0xF0002800u + (off)))
#define CTRL 0x00
#define STATUS 0x04
#define PROG 0x08
#define IRQ_EN 0x0C
#define IRQ_PENDING 0x10
#define BUSY_CYCLES 0x18
#define CONFIG 0x20

static unsigned commands[5][8] __attribute__((aligned(32)));
static float a[8], b[8], d[8];

static unsigned irq_pending_lines(void)
{
    unsigned v;
    /* mirqpending; the C programs are built for rv32im, so enable Zicsr here */
    __asm__ volatile(".option push\n.option arch, +zicsr\ncsrr %0, 0xFC0\n.option pop" : "=r"(v));
    return v;
}

static void command(int i, unsigned w0, unsigned w1, unsigned w2, unsigned w3,
                    unsigned w4, unsigned w5, unsigned w6, unsigned w7)
{
    unsigned *c = commands[i];
    c[0] = w0, c[1] = w1, c[2] = w2, c[3] = w3, c[4] = w4, c[5] = w5, c[6] = w6, c[7] = w7;
}

int main(void)
{
    for (int i = 0; i < 8; i++)
        a[i] = (float)i, b[i] = 0.5f, d[i] = -1.0f;
    command(0, 1, 0, (unsigned)a, 4, 8, 1, 32, 8);          /* LOAD a -> spad 0 */
    command(1, 1, 8, (unsigned)b, 4, 8, 1, 32, 8);          /* LOAD b -> spad 8 */
    command(2, 3 | 0 << 4, 16, 0, 8, 8, 1, 8, 8 | 8 << 16); /* VOP add */
    command(3, 2, 16, (unsigned)d, 4, 8, 1, 32, 8);         /* STORE -> d */
    command(4, 0, 0, 0, 0, 0, 0, 0, 0);                     /* END */
    if (ACCEL(CONFIG) != (4u | 16384u << 8))
        port_exit(1);
    ACCEL(PROG) = (unsigned)commands;
    ACCEL(IRQ_EN) = 1;
    ACCEL(CTRL) = 1;
    while (ACCEL(STATUS) & 1)
        ;
    if (ACCEL(STATUS) != 2)
        port_exit(2);
    for (int i = 0; i < 8; i++)
        if (d[i] != (float)i + 0.5f)
            port_exit(3);
    /* 5 fetches of 17, two LOADs of 16, VOP 2 + 1, STORE 1 + 16 (docs/accel.md) */
    if (ACCEL(BUSY_CYCLES) != 5 * 17 + 2 * 16 + 3 + 17)
        port_exit(4);
    if (!(irq_pending_lines() & 8))
        port_exit(5);
    ACCEL(IRQ_PENDING) = 1;
    if (irq_pending_lines() & 8)
        port_exit(6);
    port_exit(0);
}
