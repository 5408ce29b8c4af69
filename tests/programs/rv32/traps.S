/* M-mode exceptions: ecall, ebreak, illegal instructions, misaligned and
 * faulting loads, stores, jumps and fetches, and what trap entry and mret
 * do to mstatus. tval is 0 for ecall, the pc for ebreak, the instruction
 * word for an illegal instruction, and the address for the rest. */
#include "check.h"

/* Jump to addr with ra = the next line; the fetch must fault. */
#define FETCH_FAULT(n, addr)                    \
    la t0, trap_to_ra;                          \
    csrw mtvec, t0;                             \
    li a1, addr;                                \
    jalr ra, 0(a1);                             \
    la t0, trap_skip;                           \
    csrw mtvec, t0;                             \
    CHECK_TRAP(n, 1, addr)

BEGIN
main:
e1: ecall
    CHECK_TRAP_AT(1, 11, 0, e1)
e2: ebreak
    CHECK_TRAP_AT(2, 3, e2, e2)
    /* illegal instructions */
i1: .word 0x00000000
    CHECK_TRAP_AT(3, 2, 0, i1)
    .word 0xffffffff
    CHECK_TRAP(4, 2, 0xffffffff)
    .word 0x00000001                /* compressed encodings are not implemented */
    CHECK_TRAP(5, 2, 0x00000001)
    .word 0x40001033                /* sll with funct7 0x20 */
    CHECK_TRAP(6, 2, 0x40001033)
    .word 0x00003003                /* ld */
    CHECK_TRAP(7, 2, 0x00003003)
    .word 0x00003023                /* sd */
    CHECK_TRAP(8, 2, 0x00003023)
    .word 0x00002063                /* branch funct3 2 */
    CHECK_TRAP(9, 2, 0x00002063)
    .word 0x00001067                /* jalr funct3 1 */
    CHECK_TRAP(10, 2, 0x00001067)
    .word 0x0000007b                /* custom-3 opcode */
    CHECK_TRAP(11, 2, 0x0000007b)
    .word 0x02001013                /* slli with imm[5] set */
    CHECK_TRAP(12, 2, 0x02001013)
    .word 0x00004073                /* SYSTEM funct3 4 */
    CHECK_TRAP(13, 2, 0x00004073)
    .word 0x00200073                /* uret: not implemented */
    CHECK_TRAP(14, 2, 0x00200073)
    /* misaligned loads and stores trap and change nothing */
    la s0, buf
    li a0, 0x55
    lw a0, 1(s0)
    CHECK_TRAP_SYM(15, 4, buf + 1)
    CHECK(16, a0, 0x55)
    lh a0, 3(s0)
    CHECK_TRAP_SYM(17, 4, buf + 3)
    lhu a0, 1(s0)
    CHECK_TRAP_SYM(18, 4, buf + 1)
    lb a0, 3(s0)                    /* bytes are never misaligned */
    lbu a0, 1(s0)
    CHECK_NO_TRAP(19)
    li a1, 0x11223344
    sw a1, 0(s0)
    sw zero, 2(s0)
    CHECK_TRAP_SYM(20, 6, buf + 2)
    sh zero, 1(s0)
    CHECK_TRAP_SYM(21, 6, buf + 1)
    lw a0, 0(s0)
    CHECK(22, a0, 0x11223344)
    /* jumps and taken branches to a misaligned target trap at the jump */
    li s1, 0x77
    la a1, j1 + 2
j3: jalr s1, 0(a1)
j1: CHECK_TRAP_AT(23, 0, j1 + 2, j3)
    CHECK(24, s1, 0x77)
b1: .word 0x00000363                /* beq x0, x0, . + 6 */
    CHECK_TRAP_AT(25, 0, b1 + 6, b1)
b2: .word 0x0060006f                /* jal x0, . + 6 */
    CHECK_TRAP_AT(26, 0, b2 + 6, b2)
    .word 0x00001363                /* bne x0, x0, . + 6: not taken, no trap */
    CHECK_NO_TRAP(27)
    /* access faults: nothing mapped, a store to the boot ROM, an I/O hole */
    li a1, 0x20000000
    lw a0, 0(a1)
    CHECK_TRAP(28, 5, 0x20000000)
    li a1, 0x100
    sw a0, 0(a1)
    CHECK_TRAP(29, 7, 0x100)
    li a1, 0xf0007000
    lw a0, 0(a1)
    CHECK_TRAP(30, 5, 0xf0007000)
    li a1, 0x50000000
    sb a0, 3(a1)
    CHECK_TRAP(31, 7, 0x50000003)
    FETCH_FAULT(32, 0x20000000)
    FETCH_FAULT(33, 0xf0000000)     /* I/O is never executed */
    /* trap entry: MPIE = MIE, MIE = 0, MPP = M; mret undoes it */
    csrsi mstatus, 8                /* MIE = 1 (no interrupt is enabled in mie) */
    la t0, trap_mstatus
    csrw mtvec, t0
    ecall
    la t0, trap_skip
    csrw mtvec, t0
    lw a0, seen_mstatus
    li a1, 0x1888
    and a0, a0, a1
    CHECK(34, a0, 0x1880)           /* MPP = 3, MPIE = 1, MIE = 0 in the handler */
    csrr a0, mstatus
    andi a0, a0, 0x88
    CHECK(35, a0, 0x88)             /* back: MIE = 1, MPIE = 1 */
    csrci mstatus, 8
    /* mret goes to mepc with MIE = MPIE */
    la a0, m1
    csrw mepc, a0
    li a0, 0x80
    csrc mstatus, a0                /* MPIE = 0 */
    li a0, 0x1800
    csrs mstatus, a0                /* MPP = M */
    mret
    j fail
m1: csrr a0, mstatus
    andi a0, a0, 0x88
    CHECK(36, a0, 0x80)             /* MIE = 0, MPIE = 1 */
    CHECK_NO_TRAP(37)
    j pass

    .balign 4
trap_to_ra:                          /* records like trap_skip, returns to ra */
    la t1, trap_cause
    csrr t0, mcause
    sw t0, 0(t1)
    csrr t0, mtval
    sw t0, 4(t1)
    csrw mepc, ra
    mret

    .balign 4
trap_mstatus:
    csrr t0, mstatus
    la t1, seen_mstatus
    sw t0, 0(t1)
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    mret

    .data
    .balign 4
buf: .space 8
seen_mstatus: .word 0
END
