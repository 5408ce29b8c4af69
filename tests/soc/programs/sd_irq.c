/* Interrupt line 2 of the SD controller in the SoC: with cs bit 1 set the
 * line is high while the controller is idle and low while an operation
 * runs. Exit status: 0, or the failing check. */
#include "port.h"

#define SD(off) (*(volatile unsigned *)(0xF0002000u + (off)))
enum { CTRL = 0x00, CLKDIV = 0x14, CS = 0x1C, IRQ_ENABLE = 2, OP_CLOCKS = 1, LINE = 1 << 2 };

static unsigned irq_lines(void)
{
    unsigned v;
    __asm__ volatile(".option push\n.option arch, +zicsr\ncsrr %0, 0xFC0\n.option pop" : "=r"(v));
    return v;
}

int main(void)
{
    if (irq_lines() & LINE)
        return 1;                   /* disabled after reset */
    SD(CS) = IRQ_ENABLE;
    if (!(irq_lines() & LINE))
        return 2;                   /* idle */
    SD(CTRL) = OP_CLOCKS;           /* 80 clocks at the slow reset divider: long enough to see */
    if (irq_lines() & LINE)
        return 3;
    while (SD(CTRL) & 1)
        ;
    if (!(irq_lines() & LINE))
        return 4;
    SD(CS) = 0;
    if (irq_lines() & LINE)
        return 5;
    return 0;
}
