/* The LiteX timer0 and the interrupt-line CSRs: mirqpending shows the
 * line, mirqmask turns it into mip.MEIP, the handler acknowledges it. */
#include "check.h"
#define TIMER 0xF0001000
#define T_LOAD 0x00
#define T_RELOAD 0x04
#define T_EN 0x08
#define T_UPDATE 0x0C
#define T_VALUE 0x10
#define T_STATUS 0x14
#define T_PENDING 0x18
#define T_ENABLE 0x1C
#define mirqmask 0xBC0
#define mirqpending 0xFC0

BEGIN
main:
    li s0, TIMER
    /* disabled: value follows load */
    sw zero, T_EN(s0)
    li t0, 1234
    sw t0, T_LOAD(s0)
    sw t0, T_UPDATE(s0)
    lw a0, T_VALUE(s0)
    CHECK(1, a0, 1234)
    /* enabled: it counts down */
    li t0, 1
    sw t0, T_EN(s0)
    nop
    nop
    sw t0, T_UPDATE(s0)
    lw a0, T_VALUE(s0)
    li gp, 2
    li t1, 1234
    bgeu a0, t1, fail
    beqz a0, fail
    /* one-shot to zero: the event is pending, the line follows ev_enable */
    sw zero, T_EN(s0)
    li t0, 50
    sw t0, T_LOAD(s0)
    sw zero, T_RELOAD(s0)
    li t0, 1
    sw t0, T_PENDING(s0)             /* clear an old event */
    sw t0, T_EN(s0)
1:  lw a0, T_PENDING(s0)
    beqz a0, 1b
    lw a0, T_STATUS(s0)
    CHECK(3, a0, 1)                  /* stays at zero without reload */
    csrr a0, mirqpending
    andi a0, a0, 2
    CHECK(4, a0, 0)                  /* ev_enable is off */
    li t0, 1
    sw t0, T_ENABLE(s0)
    csrr a0, mirqpending
    andi a0, a0, 2
    CHECK(5, a0, 2)
    csrr a0, mip
    li t1, 0x800
    and a0, a0, t1
    CHECK(6, a0, 0)                  /* not in mirqmask: no MEIP */
    li t0, 2
    csrw mirqmask, t0
    csrr a0, mirqmask
    CHECK(7, a0, 2)
    csrr a0, mip
    and a0, a0, t1
    CHECK(8, a0, 0x800)
    li t0, 1
    sw t0, T_PENDING(s0)             /* acknowledge */
    csrr a0, mirqpending
    andi a0, a0, 2
    CHECK(9, a0, 0)
    /* the same as an interrupt, with reload: two periods */
    sw zero, T_EN(s0)
    la t0, irq_handler
    csrw mtvec, t0
    li t0, 300
    sw t0, T_LOAD(s0)
    sw t0, T_RELOAD(s0)
    li t0, 0x800
    csrw mie, t0
    li t0, 1
    sw t0, T_EN(s0)
2:  lw a0, irq_count                 /* MIE on only after the wfi: no race */
    li t0, 2
    bgeu a0, t0, 3f
    wfi
    csrsi mstatus, 8
    csrci mstatus, 8
    j 2b
3:
    sw zero, T_EN(s0)
    lw a0, irq_cause
    CHECK(10, a0, 0x8000000b)
    /* mirqpending is read-only */
    csrw mirqmask, zero
    la t0, trap_skip
    csrw mtvec, t0
    li t0, 3
    csrs mirqpending, t0
    CHECK_TRAP(11, 2, 0xfc02a073)
    j pass

    .balign 4
irq_handler:
    addi sp, sp, -16
    sw t0, 0(sp)
    sw t1, 4(sp)
    csrr t0, mcause
    la t1, irq_cause
    sw t0, 0(t1)
    la t1, irq_count
    lw t0, 0(t1)
    addi t0, t0, 1
    sw t0, 0(t1)
    li t1, TIMER
    li t0, 1
    sw t0, T_PENDING(t1)
    lw t0, 0(sp)
    lw t1, 4(sp)
    addi sp, sp, 16
    mret

    .data
    .balign 4
irq_count: .word 0
irq_cause: .word 0
END
