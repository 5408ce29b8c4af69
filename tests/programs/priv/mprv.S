/* MPRV: M-mode loads, stores and AMOs translated and checked with MPP's
 * privilege (U and S pages, SUM, MXR, A and D set through MPRV, MPP = M
 * meaning no translation), fetches never translated, a trap taken with MPRV
 * set, and mret / sret leaving M clearing MPRV. */
#include "check.h"
#include "modes.h"
#include "vm.h"

#define PROGRAM_PTE ((0x40000 << 10) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_AD)
#define SRAM 0x10000000                  /* memory that no PTE maps */

/* One access of M with MPRV set and MPP = mode; a0 holds the result. */
#define MPRV_ACCESS(mode, ...)                  \
    SET_MPP(mode);                              \
    li t0, MSTATUS_MPRV;                        \
    csrs mstatus, t0;                           \
    __VA_ARGS__;                                \
    li t0, MSTATUS_MPRV;                        \
    csrc mstatus, t0

BEGIN
main:
    la t0, vm_m_handler
    csrw mtvec, t0
    li t0, 0x11111111
    sw t0, p0, t1
    li t0, 0x33333333
    sw t0, p2, t1
    li t0, 0x44444444
    li t1, SRAM
    sw t0, 0(t1)
    SET_PTE(root, 1, l0_test, PTE_V)
    SET_PTE(l0_test, 0, p0, PTE_V | PTE_R | PTE_W | PTE_U | PTE_AD)   /* U data */
    SET_PTE(l0_test, 1, p0, PTE_V | PTE_R | PTE_W | PTE_AD)           /* S data */
    SET_PTE(l0_test, 2, p2, PTE_V | PTE_X | PTE_U | PTE_A)            /* U code */
    SET_PTE(l0_test, 3, p2, PTE_V | PTE_X | PTE_A)                    /* S code */
    SET_PTE(l0_test, 4, p0, PTE_V | PTE_R | PTE_W | PTE_U)            /* no A, D */
    li a0, PROGRAM_PTE
    VM_ON(root, a0)

    /* MPP = U: U pages only */
    li a1, PAGE(0)
    MPRV_ACCESS(PRIV_U, lw a0, 0(a1))
    CHECK(1, a0, 0x11111111)
    CHECK_NO_TRAP(2)
    li a1, PAGE(1)
    MPRV_ACCESS(PRIV_U, lw a0, 0(a1))
    CHECK_TRAP(3, 13, PAGE(1))
    MPRV_ACCESS(PRIV_U, sw a0, 8(a1))
    CHECK_TRAP(4, 15, PAGE(1) + 8)
    MPRV_ACCESS(PRIV_U, amoswap.w a0, a0, (a1))
    CHECK_TRAP(5, 15, PAGE(1))
    li t0, MSTATUS_SUM               /* SUM is for S only */
    csrs mstatus, t0
    MPRV_ACCESS(PRIV_U, lw a0, 0(a1))
    CHECK_TRAP(6, 13, PAGE(1))
    li t0, MSTATUS_SUM
    csrc mstatus, t0

    /* MPP = S: S pages, U pages only with SUM */
    li a1, PAGE(1)
    MPRV_ACCESS(PRIV_S, lw a0, 0(a1))
    CHECK(7, a0, 0x11111111)
    li a1, PAGE(0)
    MPRV_ACCESS(PRIV_S, lw a0, 0(a1))
    CHECK_TRAP(8, 13, PAGE(0))
    li t0, MSTATUS_SUM
    csrs mstatus, t0
    li a0, 0x12121212
    MPRV_ACCESS(PRIV_S, sw a0, 4(a1))
    CHECK_NO_TRAP(9)
    lw a0, p0 + 4
    CHECK(10, a0, 0x12121212)
    li a0, 1
    addi a2, a1, 4
    MPRV_ACCESS(PRIV_S, amoadd.w a0, a0, (a2))
    CHECK(11, a0, 0x12121212)
    lw a0, p0 + 4
    CHECK(12, a0, 0x12121213)
    li t0, MSTATUS_SUM
    csrc mstatus, t0

    /* MXR: execute-only pages become readable, for the mode in MPP */
    li a1, PAGE(2)
    MPRV_ACCESS(PRIV_U, lw a0, 0(a1))
    CHECK_TRAP(13, 13, PAGE(2))
    li t0, MSTATUS_MXR
    csrs mstatus, t0
    MPRV_ACCESS(PRIV_U, lw a0, 0(a1))
    CHECK(14, a0, 0x33333333)
    li a1, PAGE(3)
    MPRV_ACCESS(PRIV_S, lw a0, 0(a1))
    CHECK(15, a0, 0x33333333)
    MPRV_ACCESS(PRIV_U, lw a0, 0(a1))  /* an S page is still not U's */
    CHECK_TRAP(16, 13, PAGE(3))
    li t0, MSTATUS_MXR
    csrc mstatus, t0

    /* A and D set by accesses made through MPRV */
    li a1, PAGE(4)
    MPRV_ACCESS(PRIV_U, lw a0, 0(a1))
    GET_PTE(a0, l0_test, 4)
    andi a0, a0, PTE_AD
    CHECK(17, a0, PTE_A)
    MPRV_ACCESS(PRIV_U, sw a0, 0(a1))
    GET_PTE(a0, l0_test, 4)
    andi a0, a0, PTE_AD
    CHECK(18, a0, PTE_AD)
    CHECK_NO_TRAP(19)

    /* MPP = M: no translation, even of what no PTE maps */
    li a1, SRAM
    MPRV_ACCESS(PRIV_M, lw a0, 0(a1))
    CHECK(20, a0, 0x44444444)
    MPRV_ACCESS(PRIV_S, lw a0, 0(a1))
    CHECK_TRAP(21, 13, SRAM)

    /* fetches ignore MPRV: M keeps running its S-only, U-less code with
     * MPP = U, and a trap taken meanwhile (which sets MPP = M) leaves MPRV */
    SET_MPP(PRIV_U)
    li t0, MSTATUS_MPRV
    csrs mstatus, t0
    li a0, 5
    addi a0, a0, 1
brk:
    ebreak                           /* mret back to M keeps MPRV (and sets MPP = U) */
    csrr a2, mstatus
    li t0, MSTATUS_MPRV
    csrc mstatus, t0
    CHECK(22, a0, 6)
    CHECK_TRAP_WITH(23, 3, la, brk)
    li t0, MSTATUS_MPRV
    and a2, a2, t0
    CHECK(24, a2, MSTATUS_MPRV)

    /* mret to S and sret to U clear MPRV */
    li t0, MSTATUS_MPRV
    csrs mstatus, t0
    ENTER(PRIV_S)
    ecall
    csrr a2, mstatus
    li t0, MSTATUS_MPRV
    and a2, a2, t0
    CHECK(25, a2, 0)
    csrw satp, zero
    sfence.vma
    j pass

VM_M_HANDLER

    .bss
    .balign 4096
root: .space 4096
l0_test: .space 4096
p0: .space 4096
p2: .space 4096

    .text
END
