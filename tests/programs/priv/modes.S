/* S and U modes: getting there and back, ecall causes, CSR privilege,
 * TVM/TSR/TW, counter enables, delegation with medeleg, the sstatus and
 * sie/sip views, and the WARL masks of the delegation registers. */
#include "check.h"
#include "modes.h"
BEGIN
main:
    USE_MODE_HANDLERS
    /* ecall from S and from U come to M with causes 9 and 8 */
    ENTER(PRIV_S)
s1: ecall
    CHECK_TRAP_AT(1, 9, 0, s1)
    CHECK_MPP(2, PRIV_S)
    ENTER(PRIV_U)
    ecall
    CHECK_TRAP(3, 8, 0)
    CHECK_MPP(4, PRIV_U)
    /* after mret, MPP is U */
    csrr a0, mstatus
    srli a0, a0, 11
    andi a0, a0, 3
    CHECK(5, a0, 0)
    /* U mode: every M and S CSR is out of reach, and so are the privileged instructions */
    ENTER(PRIV_U)
u1: csrr a0, mstatus
    CHECK_TRAP_AT(6, 2, 0x30002573, u1)
    csrr a0, sstatus
    CHECK_TRAP(7, 2, 0x10002573)
    csrr a0, cycle                   /* mcounteren = 0 */
    CHECK_TRAP(8, 2, 0xc0002573)
    wfi
    CHECK_TRAP(9, 2, 0x10500073)
    sret
    CHECK_TRAP(10, 2, 0x10200073)
    mret
    CHECK_TRAP(11, 2, 0x30200073)
    sfence.vma
    CHECK_TRAP(12, 2, 0x12000073)
    LEAVE
    /* S mode: S CSRs yes, M CSRs no */
    ENTER(PRIV_S)
    csrr a0, sstatus
    csrr a0, sscratch
    csrw satp, zero
    sfence.vma
    CHECK_NO_TRAP(13)
    csrr a0, mstatus
    CHECK_TRAP(14, 2, 0x30002573)
    csrr a0, mscratch
    CHECK_TRAP(15, 2, 0x34002573)
    csrw mepc, a0
    CHECK_TRAP(16, 2, 0x34151073)
    mret
    CHECK_TRAP(17, 2, 0x30200073)
    LEAVE
    /* TVM, TSR, TW trap the S-mode instructions they guard */
    li t0, (1 << 20) | (1 << 21) | (1 << 22)
    csrs mstatus, t0
    ENTER(PRIV_S)
    csrr a0, satp
    CHECK_TRAP(18, 2, 0x18002573)
    sfence.vma
    CHECK_TRAP(19, 2, 0x12000073)
    sret
    CHECK_TRAP(20, 2, 0x10200073)
    wfi
    CHECK_TRAP(21, 2, 0x10500073)
    LEAVE
    li t0, (1 << 20) | (1 << 21) | (1 << 22)
    csrc mstatus, t0
    /* counters: mcounteren opens them to S, scounteren also to U */
    li t0, 7
    csrw mcounteren, t0
    ENTER(PRIV_S)
    csrr a0, cycle
    csrr a0, time
    csrr a0, instret
    CHECK_NO_TRAP(22)
    LEAVE
    li t0, 2
    csrw scounteren, t0              /* time only */
    ENTER(PRIV_U)
    csrr a0, time
    CHECK_NO_TRAP(23)
    csrr a0, instret
    CHECK_TRAP(24, 2, 0xc0202573)
    LEAVE
    /* time reads mtime */
    li t0, CLINT_MTIME
    lw a0, 0(t0)
    csrr a1, time
    sub a1, a1, a0
    li gp, 25
    bltz a1, fail
    li t0, 10
    bgeu a1, t0, fail
    /* delegation: ecall from U handled in S, ebreak still in M */
    li t0, 1 << 8
    csrw medeleg, t0
    ENTER(PRIV_U)
d1: ecall
d2: ebreak
    CHECK_TRAP_AT(26, 3, d2, d2)
    CHECK_S_TRAP(27, 8, 0)
    lw a0, s_record + 8
    la a1, d1
    CHECK_SAME(28, a0, a1)
    lw a0, s_record + 12
    andi a0, a0, 0x100
    CHECK(29, a0, 0)                 /* SPP = U */
    /* illegal instructions in S delegated to S; SPP = S; M's own stay in M */
    li t0, (1 << 8) | (1 << 2)
    csrw medeleg, t0
    ENTER(PRIV_S)
    csrsi sstatus, 2                 /* SIE = 1 */
    csrr a0, mscratch
    CHECK_S_TRAP(30, 2, 0x34002573)
    lw a0, s_record + 12
    andi a0, a0, 0x122
    CHECK(31, a0, 0x120)             /* in the handler: SPP = S, SPIE = 1, SIE = 0 */
    csrr a0, sstatus
    andi a0, a0, 0x122
    CHECK(32, a0, 0x22)              /* after sret: SIE = SPIE = 1, SPP = U */
    csrci sstatus, 2
    LEAVE
    .word 0
    CHECK_TRAP(33, 2, 0)             /* in M: never delegated */
    lw a0, s_record
    CHECK(34, a0, NO_TRAP)
    csrw medeleg, zero
    /* sret from S to U at sepc */
    ENTER(PRIV_S)
    la t0, r1
    csrw sepc, t0
    li t0, 0x100
    csrc sstatus, t0
    sret
    j fail
r1: csrr a0, sstatus             /* illegal in U: proves where we are */
    CHECK_TRAP(35, 2, 0x10002573)
    CHECK_MPP(36, PRIV_U)
    LEAVE
    /* mret to a lower mode clears MPRV */
    li t0, 1 << 17
    csrs mstatus, t0
    ENTER(PRIV_U)
    LEAVE
    csrr a0, mstatus
    li t0, 1 << 17
    and a0, a0, t0
    CHECK(37, a0, 0)
    /* sstatus is a view of mstatus */
    li t0, 0x8
    csrs mstatus, t0                 /* MIE */
    csrr a0, sstatus
    andi a0, a0, 0x8
    CHECK(38, a0, 0)
    csrci mstatus, 0x8
    csrsi sstatus, 2
    csrr a0, mstatus
    andi a0, a0, 2
    CHECK(39, a0, 2)
    csrci sstatus, 2
    /* WARL masks */
    li t0, -1
    csrw medeleg, t0
    csrr a0, medeleg
    CHECK(40, a0, 0xb3ff)
    csrw mideleg, t0
    csrr a0, mideleg
    CHECK(41, a0, 0x222)
    li t0, 0xaaa
    csrw mie, t0
    csrr a0, sie
    CHECK(42, a0, 0x222)
    csrw sie, zero
    csrr a0, mie
    CHECK(43, a0, 0x888)
    csrw mie, zero
    li t0, 0x222
    csrw mip, t0                     /* M may set SSIP, STIP, SEIP */
    csrr a0, mip
    CHECK(44, a0, 0x222)
    csrw sip, zero                   /* S may clear only SSIP */
    csrr a0, mip
    CHECK(45, a0, 0x220)
    csrw mip, zero
    csrw mideleg, zero
    csrw medeleg, zero
    csrr s0, mstatus
    li t0, -1
    csrw mstatus, t0
    csrr a0, mstatus
    csrw mstatus, s0
    CHECK(46, a0, 0x007e19aa)
    li t0, 0x1800
    csrs mstatus, t0
    li t0, 0x0800
    csrc mstatus, t0                 /* MPP = 2 is reserved: the write keeps 3 */
    csrr a0, mstatus
    srli a0, a0, 11
    andi a0, a0, 3
    CHECK(47, a0, 3)
    csrr a0, satp
    li t0, 0x803fffff
    csrw satp, t0
    csrr a1, satp
    csrw satp, zero
    CHECK(48, a1, 0x803fffff)
    j pass
    MODE_HANDLERS
END
