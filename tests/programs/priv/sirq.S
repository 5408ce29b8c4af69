/* Interrupts delivered to S mode through mideleg: software (SSIP), timer
 * (the M timer handler raises STIP, as an SBI does) and external (timer0
 * through sirqmask raises SEIP); when S interrupts are taken or not. */
#include "check.h"
#include "modes.h"
#define TIMER 0xF0001000
#define sirqmask 0x9C0

BEGIN
main:
    la t0, m_irq
    csrw mtvec, t0
    la t0, s_irq
    csrw stvec, t0
    li t0, 0x222
    csrw mideleg, t0
    /* software interrupt raised and taken by S itself */
    ENTER(PRIV_S)
    csrsi sie, 2
    csrsi sip, 2                     /* SIE off: pending, not taken */
    lw a0, s_count
    CHECK(1, a0, 0)
    csrsi sstatus, 2
    nop
    csrci sstatus, 2
    lw a0, s_count
    CHECK(2, a0, 1)
    lw a0, s_record
    CHECK(3, a0, 0x80000001)
    lw a0, s_record + 12
    andi a0, a0, 0x120
    CHECK(4, a0, 0x120)              /* from S with SIE: SPP = S, SPIE = 1 */
    LEAVE
    /* the machine timer, passed down as STIP while U runs */
    li t0, 0xa0                      /* MTIE, STIE */
    csrw mie, t0
    li t0, 0xF0014000
    li t1, -1
    sw t1, 4(t0)
    li t2, 0xF001BFF8
    lw t1, 0(t2)
    addi t1, t1, 300
    sw t1, 0(t0)
    sw zero, 4(t0)
    ENTER(PRIV_U)
1:  lw a0, s_count
    li t0, 2
    bne a0, t0, 1b
    LEAVE
    lw a0, s_record
    CHECK(5, a0, 0x80000005)
    lw a0, s_record + 12
    andi a0, a0, 0x100
    CHECK(6, a0, 0)                  /* it came from U */
    lw a0, m_timer_count
    CHECK(7, a0, 1)
    /* STIP pending and enabled, but M mode never takes S interrupts */
    li t0, 0x20
    csrs mie, t0
    csrsi mstatus, 8
    nop
    csrci mstatus, 8
    lw a0, s_count
    CHECK(8, a0, 2)
    /* nor does S with SIE off; with SIE on it does */
    ENTER(PRIV_S)
    nop
    lw a0, s_count
    CHECK(9, a0, 2)
    csrsi sstatus, 2
    nop
    csrci sstatus, 2
    lw a0, s_count
    CHECK(10, a0, 3)
    LEAVE
    li t0, 0x20
    csrc mip, t0
    /* an external line routed to S with sirqmask */
    li t0, 2
    csrw sirqmask, t0
    li t0, 0x200
    csrs mie, t0                     /* SEIE */
    li s0, TIMER
    li t0, 100
    sw t0, 0(s0)                     /* load */
    sw zero, 4(s0)                   /* reload */
    li t0, 1
    sw t0, 0x1c(s0)                  /* ev_enable */
    sw t0, 0x08(s0)                  /* en */
    ENTER(PRIV_U)
2:  lw a0, s_count
    li t0, 4
    bne a0, t0, 2b
    LEAVE
    lw a0, s_record
    CHECK(11, a0, 0x80000009)
    csrr a0, sirqmask
    CHECK(12, a0, 2)
    csrw mie, zero
    csrw mideleg, zero
    j pass

/* M: the timer becomes STIP; the rest is m_handler's. */
    .balign 4
m_irq:
    addi sp, sp, -16
    sw t0, 0(sp)
    sw t1, 4(sp)
    csrr t0, mcause
    li t1, 0x80000007
    bne t0, t1, 1f
    li t0, 0x20
    csrs mip, t0
    li t0, 0xF0014000
    li t1, -1
    sw t1, 4(t0)
    la t0, m_timer_count
    lw t1, 0(t0)
    addi t1, t1, 1
    sw t1, 0(t0)
    lw t0, 0(sp)
    lw t1, 4(sp)
    addi sp, sp, 16
    mret
1:  lw t0, 0(sp)
    lw t1, 4(sp)
    addi sp, sp, 16
    j m_handler

/* S: records the interrupt and silences its source. */
    .balign 4
s_irq:
    addi sp, sp, -16
    sw t0, 0(sp)
    sw t1, 4(sp)
    la t1, s_record
    csrr t0, scause
    sw t0, 0(t1)
    csrr t0, sstatus
    sw t0, 12(t1)
    la t1, s_count
    lw t0, 0(t1)
    addi t0, t0, 1
    sw t0, 0(t1)
    csrr t0, scause
    andi t0, t0, 31
    li t1, 1
    bne t0, t1, 1f
    csrci sip, 2
1:  li t1, 5
    bne t0, t1, 2f
    li t0, 0x20
    csrc sie, t0
2:  li t1, 9
    bne t0, t1, 3f
    li t0, TIMER
    sw zero, 0x08(t0)                /* en = 0 */
    li t1, 1
    sw t1, 0x18(t0)                  /* ack */
3:  lw t0, 0(sp)
    lw t1, 4(sp)
    addi sp, sp, 16
    sret

    MODE_HANDLERS
    .data
    .balign 4
s_count: .word 0
m_timer_count: .word 0
END
