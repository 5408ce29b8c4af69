/* Sv32: two-level walks, 4 MiB superpages, every page-fault kind with its
 * tval (invalid, W without R, missing R/W/X, U against S and S against U,
 * misaligned superpage, a pointer at the last level), SUM, MXR, MPRV,
 * hardware-set A and D bits, and sfence.vma after a PTE change.
 *
 * The program's own 4 MiB are mapped 1:1 with 4 KiB pages (S only, but
 * user_page is U), so M, S and U run the same code at the same addresses.
 * Test pages live at 0x0040_0000 + n * 0x1000 (table l0_test). */
#include "check.h"
#include "modes.h"

#define V 0x01
#define R 0x02
#define W 0x04
#define X 0x08
#define U 0x10
#define A 0x40
#define D 0x80
#define SUM (1 << 18)
#define MXR (1 << 19)
#define MPRV (1 << 17)
#define PAGE(n) (0x00400000 + (n) * 0x1000)

/* reg = PTE for the physical page at symbol sym with flags */
#define PTE(reg, sym, flags)                    \
    la reg, sym;                                \
    srli reg, reg, 12;                          \
    slli reg, reg, 10;                          \
    ori reg, reg, flags

#define SET_TEST_PTE(n, sym, flags)             \
    PTE(t0, sym, flags);                        \
    la t1, l0_test;                             \
    sw t0, 4 * (n)(t1)

/* Run a snippet of user_page in U mode; it comes back here. */
#define RUN_U(snippet)                          \
    la s10, 1f;                                 \
    li t0, 0x1800;                              \
    csrc mstatus, t0;                           \
    la t0, snippet;                             \
    csrw mepc, t0;                              \
    mret;                                       \
1:

/* Jump to a1, which must fault on fetch, and come back. */
#define FETCH(n, addr, cause)                   \
    li a1, addr;                                \
    la ra, 1f;                                  \
    jalr x0, 0(a1);                             \
1:  CHECK_TRAP(n, cause, addr)

BEGIN
main:
    la t0, vm_handler
    csrw mtvec, t0
    /* the data pages */
    li t0, 0x11111111
    sw t0, p0, t1
    li t0, 0x22222222
    sw t0, p1, t1
    li t0, 0x33333333                /* an illegal instruction */
    sw t0, p2, t1
    li t0, 0x00008067                /* jalr x0, 0(ra) */
    sw t0, p2 + 4, t1
    /* the program's 4 MiB, 1:1 */
    la t1, l0_prog
    li t0, (0x40000 << 10) | V | R | W | X | A | D
    li t2, 1024
    li t3, 1 << 10
2:  sw t0, 0(t1)
    add t0, t0, t3
    addi t1, t1, 4
    addi t2, t2, -1
    bnez t2, 2b
    la t0, user_page                 /* ... but for user_page */
    li t1, 0x3ff000
    and t0, t0, t1
    srli t0, t0, 10
    la t1, l0_prog
    add t1, t1, t0
    PTE(t0, user_page, V | R | X | U | A)
    sw t0, 0(t1)
    /* the root */
    la s0, root
    PTE(t0, l0_prog, V)
    sw t0, 0x100 * 4(s0)
    li t0, (0xf0000 << 10) | V | R | W | A | D    /* I/O */
    li t1, 0x3c0 * 4
    add t1, t1, s0
    sw t0, 0(t1)
    PTE(t0, l0_test, V)
    sw t0, 1 * 4(s0)
    li t0, (0x40001 << 10) | V | R | W | X | A | D  /* misaligned superpage */
    sw t0, 2 * 4(s0)
    PTE(t0, l0_bad, V)
    sw t0, 3 * 4(s0)
    PTE(t0, root, V)                 /* a pointer where a leaf must be */
    sw t0, l0_bad, t1
    /* the test pages */
    SET_TEST_PTE(0, p0, V | R | W | U | A | D)
    SET_TEST_PTE(1, p1, V | R | U | A | D)
    SET_TEST_PTE(2, p2, V | X | U | A)
    SET_TEST_PTE(4, p0, V | R | W | A | D)
    SET_TEST_PTE(5, p0, V | W | A | D)
    SET_TEST_PTE(6, p0, V | R | W | U)
    SET_TEST_PTE(7, p0, V | R | W | A | D)
    SET_TEST_PTE(8, p0, V | R | W | A)
    la t0, root
    srli t0, t0, 12
    li t1, 0x80000000
    or t0, t0, t1
    csrw satp, t0
    sfence.vma

    /* ---- S mode ---- */
    ENTER(PRIV_S)
    li a1, PAGE(4)
    lw a0, 0(a1)
    CHECK(1, a0, 0x11111111)
    CHECK_NO_TRAP(2)
    li a1, PAGE(0)
    lw a0, 0(a1)                     /* a U page without SUM */
    CHECK_TRAP(3, 13, PAGE(0))
    sw a0, 0(a1)
    CHECK_TRAP(4, 15, PAGE(0))
    li t0, SUM
    csrs sstatus, t0
    lw a0, 0(a1)
    CHECK(5, a0, 0x11111111)
    CHECK_NO_TRAP(6)
    FETCH(7, PAGE(2), 12)            /* S never executes U pages, even with SUM */
    li a1, PAGE(3)                   /* invalid */
    lw a0, 0(a1)
    CHECK_TRAP(8, 13, PAGE(3))
    sw a0, 0(a1)
    CHECK_TRAP(9, 15, PAGE(3))
    FETCH(10, PAGE(3), 12)
    li a1, PAGE(5) + 8               /* W without R is reserved */
    lw a0, 0(a1)
    CHECK_TRAP(11, 13, PAGE(5) + 8)
    li a1, 0x00800000 + 0x1234       /* misaligned superpage */
    lw a0, 0(a1)
    CHECK_TRAP(12, 13, 0x00801234)
    li a1, 0x00c00000                /* the last level holds a pointer */
    lw a0, 0(a1)
    CHECK_TRAP(13, 13, 0x00c00000)
    li a1, PAGE(2)                   /* execute-only: readable only with MXR */
    lw a0, 0(a1)
    CHECK_TRAP(14, 13, PAGE(2))
    li t0, MXR
    csrs sstatus, t0
    lw a0, 0(a1)
    CHECK(15, a0, 0x33333333)
    csrc sstatus, t0
    li a1, PAGE(1) + 4               /* read-only */
    sw a0, 0(a1)
    CHECK_TRAP(16, 15, PAGE(1) + 4)
    lw a0, -4(a1)
    CHECK(17, a0, 0x22222222)
    /* A and D are set by the hardware */
    lw a0, l0_test + 6 * 4
    andi a0, a0, A | D
    CHECK(18, a0, 0)
    li a1, PAGE(6)
    lw a0, 0(a1)
    lw a0, l0_test + 6 * 4
    andi a0, a0, A | D
    CHECK(19, a0, A)
    sw a0, 4(a1)
    lw a0, l0_test + 6 * 4
    andi a0, a0, A | D
    CHECK(20, a0, A | D)
    li a1, PAGE(8)
    sw zero, 8(a1)
    lw a0, l0_test + 8 * 4
    andi a0, a0, A | D
    CHECK(21, a0, A | D)
    /* a changed PTE is seen after sfence.vma */
    li a1, PAGE(7)
    lw a0, 0(a1)
    CHECK(22, a0, 0x11111111)
    PTE(t0, p1, V | R | W | A | D)
    sw t0, l0_test + 7 * 4, t1
    sfence.vma a1, zero
    lw a0, 0(a1)
    CHECK(23, a0, 0x22222222)
    li t0, SUM
    csrc sstatus, t0
    ecall                            /* back to M */

    /* ---- U mode ---- */
    li a1, PAGE(0)
    RUN_U(u_load)
    CHECK(24, a0, 0x11111111)
    CHECK_NO_TRAP(25)
    li a1, PAGE(4)                   /* an S page */
    RUN_U(u_load)
    CHECK_TRAP(26, 13, PAGE(4))
    li a1, PAGE(1)
    RUN_U(u_store)
    CHECK_TRAP(27, 15, PAGE(1))
    li a1, PAGE(2)
    RUN_U(u_load)
    CHECK_TRAP(28, 13, PAGE(2))
    li t0, MXR
    csrs mstatus, t0
    li a0, 0
    RUN_U(u_load)
    CHECK(29, a0, 0x33333333)
    li t0, MXR
    csrc mstatus, t0
    li a1, PAGE(2)                   /* fetch works: the word there is illegal */
    RUN_U(u_fetch)
    CHECK_TRAP(30, 2, 0x33333333)
    la a1, main                      /* an S page */
    RUN_U(u_fetch)
    CHECK_TRAP_SYM(31, 12, main)
    li a1, PAGE(0)                   /* a U page without X */
    RUN_U(u_fetch)
    CHECK_TRAP(32, 12, PAGE(0))

    /* ---- MPRV: M-mode loads and stores with MPP's translation ---- */
    li s1, MPRV
    li a1, PAGE(4)
    li t0, 0x1800
    csrc mstatus, t0
    li t0, PRIV_S << 11
    csrs mstatus, t0
    csrs mstatus, s1
    lw a0, 0(a1)
    csrc mstatus, s1
    CHECK(33, a0, 0x11111111)
    CHECK_NO_TRAP(34)
    li a1, PAGE(0)                   /* U page, as S without SUM */
    csrs mstatus, s1
    lw a0, 0(a1)
    csrc mstatus, s1
    CHECK_TRAP(35, 13, PAGE(0))
    li t0, 0x1800                    /* the trap set MPP = M: back to U */
    csrc mstatus, t0
    li a1, PAGE(4)                   /* S page, as U */
    csrs mstatus, s1
    sw a0, 0(a1)
    csrc mstatus, s1
    CHECK_TRAP(36, 15, PAGE(4))
    csrw satp, zero
    sfence.vma
    j pass

/* ecall from S or U comes back to M after it; a fetch fault returns to
 * ra; any other trap is recorded and skipped. */
    .balign 4
vm_handler:
    addi sp, sp, -16
    sw t0, 0(sp)
    sw t1, 4(sp)
    csrr t0, mcause
    addi t0, t0, -8
    li t1, 1
    bleu t0, t1, 3f                  /* ecall from U or S */
    la t1, trap_cause
    csrr t0, mcause
    sw t0, 0(t1)
    csrr t0, mtval
    sw t0, 4(t1)
    csrr t0, mepc
    sw t0, 8(t1)
    addi t0, t0, 4
    csrw mepc, t0
    csrr t0, mcause
    li t1, 12
    bne t0, t1, 4f
    csrw mepc, ra
    j 4f
3:  li t0, 0x1800
    csrs mstatus, t0
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
4:  lw t0, 0(sp)
    lw t1, 4(sp)
    addi sp, sp, 16
    mret

    .balign 4096
user_page:
u_load:
    lw a0, 0(a1)
    ecall
    jr s10
u_store:
    sw a0, 0(a1)
    ecall
    jr s10
u_fetch:
    la ra, u_back
    jalr x0, 0(a1)
u_back:
    ecall
    jr s10
    .balign 4096

    .bss
    .balign 4096
root: .space 4096
l0_prog: .space 4096
l0_test: .space 4096
l0_bad: .space 4096
p0: .space 4096
p1: .space 4096
p2: .space 4096

    .text
END
