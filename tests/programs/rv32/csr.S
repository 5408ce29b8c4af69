/* Zicsr: every CSR instruction form, the machine information registers,
 * WARL fields, counters, and illegal CSR accesses. */
#include "check.h"
BEGIN
main:
    li a0, 0x12345678
    csrw mscratch, a0
    li a1, 0xff
    csrrw a2, mscratch, a1          /* returns the old value */
    CHECK(1, a2, 0x12345678)
    csrr a2, mscratch
    CHECK(2, a2, 0xff)
    li a1, 0xf00
    csrrs a2, mscratch, a1
    CHECK(3, a2, 0xff)
    csrr a2, mscratch
    CHECK(4, a2, 0xfff)
    li a1, 0x0f0
    csrrc a2, mscratch, a1
    CHECK(5, a2, 0xfff)
    csrr a2, mscratch
    CHECK(6, a2, 0xf0f)
    csrrwi a2, mscratch, 0x15
    CHECK(7, a2, 0xf0f)
    csrrsi a2, mscratch, 0x0a
    csrr a2, mscratch
    CHECK(8, a2, 0x1f)
    csrrci a2, mscratch, 0x03
    csrr a2, mscratch
    CHECK(9, a2, 0x1c)
    csrrw x0, mscratch, x0          /* rd = x0 */
    csrr a2, mscratch
    CHECK(10, a2, 0)
    /* rd and rs1 the same register: the old value lands, the new is written */
    li a3, 0x55
    csrw mscratch, a3
    li a3, 0xaa
    csrrw a3, mscratch, a3
    CHECK(11, a3, 0x55)
    csrr a3, mscratch
    CHECK(12, a3, 0xaa)
    /* machine information */
    csrr a0, misa                   /* MXL = 32-bit, I and M; A/S/U vary by target */
    li a1, 0xC0001100
    and a0, a0, a1
    CHECK(13, a0, 0x40001100)
    csrr a0, mhartid
    CHECK(14, a0, 0)
    csrr a0, mvendorid
    CHECK(15, a0, 0)
    csrr a0, marchid
    CHECK(16, a0, 0)
    csrr a0, mimpid
    CHECK(17, a0, 0)
    /* WARL: mtvec mode 2 and 3 are reserved, mepc is 4-byte aligned */
    csrr s0, mtvec
    li a0, 0x40000002
    csrw mtvec, a0
    csrr a1, mtvec
    csrw mtvec, s0
    CHECK(18, a1, 0x40000000)
    li a0, 0x40000003
    csrw mepc, a0
    csrr a1, mepc
    CHECK(19, a1, 0x40000000)
    /* minstret counts retired instructions: a read sees the ones before it */
    csrr a0, minstret
    nop
    nop
    csrr a1, minstret
    sub a1, a1, a0
    CHECK(20, a1, 3)
    csrr a0, mcycle
    nop
    csrr a1, mcycle
    li gp, 21
    bgeu a0, a1, fail               /* mcycle moves forward */
    li a0, 1000
    csrw minstret, a0
    csrr a1, minstret               /* the next instruction reads the value written */
    CHECK(22, a1, 1000)
    csrw minstreth, zero
    csrr a1, minstreth
    CHECK(23, a1, 0)
    /* mie/mip exist; mstatus.MIE and MPIE are writable */
    li a0, 0x88
    csrs mstatus, a0
    csrr a1, mstatus
    andi a1, a1, 0x88
    CHECK(24, a1, 0x88)
    csrc mstatus, a0
    csrr a1, mstatus
    andi a1, a1, 0x88
    CHECK(25, a1, 0)
    li a0, 0x888
    csrw mie, a0
    csrr a1, mie
    CHECK(26, a1, 0x888)
    csrw mie, zero
    CHECK_NO_TRAP(27)
    /* illegal: a CSR that does not exist, and writes to read-only ones */
1:  csrr a0, 0x123
    CHECK_TRAP(28, 2, 0x12302573)
    li a0, 7
2:  csrw mhartid, a0
    CHECK_TRAP(29, 2, 0xf1451073)
    csrrs a0, mvendorid, x0         /* only reads: allowed */
    CHECK_NO_TRAP(30)
    li a1, 0
    csrrs a0, misa, a1              /* a write of nothing, but a write */
    CHECK_NO_TRAP(31)               /* misa is read-write (WARL): fine */
    csrrs a0, mimpid, a1
    CHECK_TRAP(32, 2, 0xf135a573)
    csrrsi a0, cycle, 1             /* the user counters are read-only */
    CHECK_TRAP(33, 2, 0xc000e573)
    csrr a0, instret
    csrr a1, instret
    sub a1, a1, a0
    CHECK(34, a1, 1)
    j pass
END
