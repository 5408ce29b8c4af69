/* M-mode interrupts from the CLINT: software (msip) and timer (mtimecmp),
 * global enable, priority, WFI (also with MIE off), vectored mtvec. */
#include "check.h"

#define SET_MTIMECMP_FROM_NOW(delta)            \
    li t0, CLINT_MTIMECMP;                      \
    li t1, -1;                                  \
    sw t1, 4(t0);                               \
    li t2, CLINT_MTIME;                         \
    lw t1, 0(t2);                               \
    lw t2, 4(t2);                               \
    addi t1, t1, delta;                         \
    sw t1, 0(t0);                               \
    sw t2, 4(t0)

#define CHECK_LOG(n, i, cause)                  \
    la t0, irq_log;                             \
    lw t0, 4 * (i)(t0);                         \
    CHECK(n, t0, cause)

BEGIN
main:
    la t0, irq_handler
    csrw mtvec, t0
    /* msip pending but MIE off: visible in mip, not taken */
    csrsi mie, 8
    li t0, CLINT_MSIP
    li t1, 1
    sw t1, 0(t0)
    csrr a0, mip
    andi a0, a0, 8
    CHECK(1, a0, 8)
    lw a0, irq_count
    CHECK(2, a0, 0)
    /* MIE on: taken before the next instruction */
    csrsi mstatus, 8
s1: csrci mstatus, 8
    lw a0, irq_count
    CHECK(3, a0, 1)
    CHECK_LOG(4, 0, 0x80000003)
    lw a0, irq_epc
    la a1, s1
    CHECK_SAME(5, a0, a1)
    csrr a0, mip
    andi a0, a0, 8
    CHECK(6, a0, 0)                  /* the handler cleared msip */
    /* timer interrupt, waited for with wfi */
    csrw mie, zero
    li t0, 0x80
    csrs mie, t0
    SET_MTIMECMP_FROM_NOW(200)
1:  lw a0, irq_count                 /* MIE on only after the wfi: no race */
    li a1, 2
    beq a0, a1, 3f
    wfi
    csrsi mstatus, 8
    csrci mstatus, 8
    j 1b
3:
    CHECK_LOG(7, 1, 0x80000007)
    /* wfi wakes on a pending enabled interrupt even with MIE off */
    SET_MTIMECMP_FROM_NOW(100)
2:  wfi
    csrr a0, mip
    andi a0, a0, 0x80
    beqz a0, 2b
    lw a0, irq_count
    CHECK(8, a0, 2)
    li t0, CLINT_MTIMECMP
    li t1, -1
    sw t1, 4(t0)
    sw t1, 0(t0)
    csrr a0, mip
    andi a0, a0, 0x80
    CHECK(9, a0, 0)
    /* MTIP cannot be set by software */
    li t0, 0x80
    csrs mip, t0
    csrr a0, mip
    andi a0, a0, 0x80
    CHECK(10, a0, 0)
    /* both pending: software before timer */
    li t0, CLINT_MSIP
    li t1, 1
    sw t1, 0(t0)
    li t0, CLINT_MTIMECMP
    sw zero, 0(t0)
    sw zero, 4(t0)
    li t0, 0x88
    csrw mie, t0
    csrsi mstatus, 8
    nop
    csrci mstatus, 8
    lw a0, irq_count
    CHECK(11, a0, 4)
    CHECK_LOG(12, 2, 0x80000003)
    CHECK_LOG(13, 3, 0x80000007)
    /* vectored mtvec: interrupts go to base + 4 * cause, exceptions to base */
    la t0, vectors
    ori t0, t0, 1
    csrw mtvec, t0
    ecall
    CHECK_TRAP(14, 11, 0)
    li t0, CLINT_MSIP
    li t1, 1
    sw t1, 0(t0)
    csrsi mstatus, 8
    nop
    csrci mstatus, 8
    lw a0, vector_hits
    CHECK(15, a0, 1)
    CHECK_LOG(16, 4, 0x80000003)
    j pass

    .balign 64
vectors:
    j trap_skip                      /* 0: exceptions */
    j fail
    j fail
    j vector_msi                     /* 3: machine software */
    j fail
    j fail
    j fail
    j irq_handler                    /* 7: machine timer */
    j fail
    j fail
    j fail
    j fail
vector_msi:
    addi sp, sp, -16
    sw t0, 0(sp)
    sw t1, 4(sp)
    la t0, vector_hits
    lw t1, 0(t0)
    addi t1, t1, 1
    sw t1, 0(t0)
    lw t0, 0(sp)
    lw t1, 4(sp)
    addi sp, sp, 16
    j irq_handler

/* Logs mcause, silences the source, returns to the interrupted code. */
    .balign 4
irq_handler:
    addi sp, sp, -16
    sw t0, 0(sp)
    sw t1, 4(sp)
    sw t2, 8(sp)
    csrr t0, mcause
    bltz t0, 1f
    lw t0, 0(sp)                     /* an exception: the default handler */
    lw t1, 4(sp)
    lw t2, 8(sp)
    addi sp, sp, 16
    j trap_skip
1:  la t1, irq_count
    lw t2, 0(t1)
    addi t2, t2, 1
    sw t2, 0(t1)
    slli t2, t2, 2
    la t1, irq_log - 4
    add t1, t1, t2
    sw t0, 0(t1)
    csrr t1, mepc
    la t2, irq_epc
    sw t1, 0(t2)
    andi t0, t0, 31
    li t1, 3
    bne t0, t1, 2f
    li t1, CLINT_MSIP
    sw zero, 0(t1)
2:  li t1, 7
    bne t0, t1, 3f
    li t1, CLINT_MTIMECMP
    li t2, -1
    sw t2, 4(t1)
    sw t2, 0(t1)
3:  lw t0, 0(sp)
    lw t1, 4(sp)
    lw t2, 8(sp)
    addi sp, sp, 16
    mret

    .data
    .balign 4
irq_count: .word 0
irq_epc: .word 0
vector_hits: .word 0
irq_log: .space 64
END
