/* The LiteX ctrl, uart and simctrl registers: scratch's reset value,
 * bus_errors counting faulting accesses, the uart's status bits and its
 * tx interrupt line, cpu_hz, and a soft reset through ctrl.reset that
 * restarts the hart at 0 with memory kept. */
#include "check.h"
#define CTRL 0xF0000000
#define UART 0xF0000800
#define mirqpending 0xFC0

BEGIN
main:
    lw a0, resets                    /* second time round: after the reset */
    bnez a0, after_reset
    li s0, CTRL
    lw a0, 4(s0)
    CHECK(1, a0, 0x12345678)
    lw s1, 8(s0)                     /* bus_errors */
    li a1, 0x20000000
    lw a0, 0(a1)
    CHECK_TRAP(2, 5, 0x20000000)
    lw a0, 8(s0)
    sub a0, a0, s1
    CHECK(3, a0, 1)
    li s0, UART
    lw a0, 0x04(s0)
    CHECK(4, a0, 0)                  /* txfull */
    lw a0, 0x18(s0)
    CHECK(5, a0, 1)                  /* txempty */
    lw a0, 0x0c(s0)
    andi a0, a0, 1
    CHECK(6, a0, 1)                  /* ev_status.tx: room to send */
    csrr a0, mirqpending
    andi a0, a0, 1
    CHECK(7, a0, 0)                  /* ev_enable off: line low */
    li t0, 1
    sw t0, 0x14(s0)
    csrr a0, mirqpending
    andi a0, a0, 1
    CHECK(8, a0, 1)
    sw zero, 0x14(s0)
    li t0, 0xF0001804
    lw a0, 0(t0)
    CHECK(9, a0, 100000000)          /* simctrl.cpu_hz, the default */
    /* soft reset: registers and CSRs go back to zero, memory stays */
    la t0, resets
    li t1, 1
    sw t1, 0(t0)
    li t0, 0x5a
    csrw mscratch, t0
    li t0, CTRL
    li t1, 1
    sw t1, 0(t0)
    j fail                           /* not reached */
after_reset:
    csrr a0, mscratch
    CHECK(10, a0, 0)
    csrr a0, minstret
    li gp, 11
    li t0, 100
    bgeu a0, t0, fail                /* counting from the reset */
    j pass
    .data
    .balign 4
resets: .word 0
END
