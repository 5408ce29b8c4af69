# Every synchronous trap of the core, with mcause/mtval/mepc checked
# (check.h's handler skips the trapping instruction).
#include "check.h"

/* Check n: trapped with this cause and tval = address of label + offset. */
#define CHECK_TVAL_LABEL(n, cause, label, offset) \
    li gp, n;                                   \
    la t6, trap_cause;                          \
    lw t5, 0(t6);                               \
    li t4, cause;                               \
    bne t5, t4, fail;                           \
    lw t5, 4(t6);                               \
    la t4, label;                               \
    addi t4, t4, offset;                        \
    bne t5, t4, fail;                           \
    call clear_trap

BEGIN
main:
    li s0, 0x40020000          # a word in main RAM
    la s1, trap_epc

    ecall
    CHECK_TRAP(1, 11, 0)
brk:
    ebreak
    CHECK_TVAL_LABEL(2, 3, brk, 0) # tval = pc of the ebreak
    .word 0x00000000           # illegal instruction (all zeros)
    CHECK_TRAP(3, 2, 0)
    .word 0xffffffff
    CHECK_TRAP(4, 2, 0xffffffff)
    csrr a0, 0x7c0             # no such CSR
    CHECK_TRAP(5, 2, 0x7c002573)
    csrw mvendorid, a0         # read-only CSR
    CHECK_TRAP(6, 2, 0xf1151073)

    lw a0, 1(s0)               # misaligned load
    CHECK_TRAP(7, 4, 0x40020001)
    lh a0, 3(s0)
    CHECK_TRAP(8, 4, 0x40020003)
    sw a0, 2(s0)               # misaligned store
    CHECK_TRAP(9, 6, 0x40020002)
    sh a0, 1(s0)
    CHECK_TRAP(10, 6, 0x40020001)
    lb a0, 1(s0)               # bytes are never misaligned
    CHECK_NO_TRAP(11)

    li a1, 0x20000000          # nothing there
    lw a0, 0(a1)
    CHECK_TRAP(12, 5, 0x20000000)
    sw a0, 4(a1)
    CHECK_TRAP(13, 7, 0x20000004)

    la a1, target
    jalr ra, 2(a1)             # misaligned jump target
    CHECK_TVAL_LABEL(14, 0, target, 2)
    li a0, 1
    beq a0, a0, target + 2     # misaligned branch target
    CHECK_TVAL_LABEL(15, 0, target, 2)
    j pass
target:
    j fail
END
