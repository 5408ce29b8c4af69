# Machine interrupts from the CLINT: software (msip), timer (mtimecmp), the
# vectored mtvec mode, wfi waking up, and mie/mstatus.MIE gating.
#include "check.h"
BEGIN
main:
    la t0, vectors + 1         # vectored mode
    csrw mtvec, t0
    li s0, CLINT_MSIP
    li s1, 0                   # interrupts seen
    # software interrupt: pending but disabled -> nothing happens
    li t0, 1
    sw t0, 0(s0)
    li t0, 8
    csrw mie, t0               # MSIE
    nop
    CHECK(1, s1, 0)
    csrsi mstatus, 8           # MIE: taken now
    nop
    nop
    CHECK(2, s1, 1)
    CHECK(3, s2, 0x80000003)
    # timer interrupt through wfi
    li t0, CLINT_MTIME
    lw t1, 0(t0)
    addi t1, t1, 200
    li t0, CLINT_MTIMECMP
    sw zero, 4(t0)
    sw t1, 0(t0)
    li t0, 0x80
    csrw mie, t0               # MTIE
    wfi
    nop
    CHECK(4, s1, 2)
    CHECK(5, s2, 0x80000007)
    csrw mie, zero
    j pass

    .balign 64
vectors:
    j fail                     # 0: exceptions are not expected here
    j fail
    j fail
    j msi                      # 3
    j fail
    j fail
    j fail
    j mti                      # 7
msi:
    addi s1, s1, 1
    csrr s2, mcause
    sw zero, 0(s0)             # clear msip
    mret
mti:
    addi s1, s1, 1
    csrr s2, mcause
    li t5, CLINT_MTIMECMP
    li t6, -1
    sw t6, 4(t5)               # push mtimecmp away
    mret
END
