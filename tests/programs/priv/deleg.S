/* Page faults delegated to S (medeleg): from U and from S, each kind with
 * stval, sepc and sstatus.SPP; M never delegates to a lower mode (an
 * MPRV fault stays in M) and undelegated causes still reach M. Then demand
 * paging: the S handler maps the faulting page, flushes it with sfence.vma
 * and retries the instruction; the hardware's A and D bits are visible in
 * the new PTE; a remapped page is seen after sfence.vma.
 *
 * The program's 4 MiB are mapped 1:1 with 4 KiB S pages but for user_page
 * (U), so every mode runs the same code at the same addresses. */
#include "check.h"
#include "modes.h"
#include "vm.h"

#define SPP (1 << 8)

/* Run a snippet of user_page in U; it comes back here in M. */
#define RUN_U(snippet)                          \
    la s10, 1f;                                 \
    li t0, MPP_MASK;                            \
    csrc mstatus, t0;                           \
    la t0, snippet;                             \
    csrw mepc, t0;                              \
    mret;                                       \
1:

/* Check n: no trap reached S since the last CHECK_S_TRAP. */
#define CHECK_NO_S_TRAP(n)                      \
    li gp, n;                                   \
    lw t5, s_record;                            \
    li t4, NO_TRAP;                             \
    bne t5, t4, fail

/* Check n: the last S trap came from mode spp (SPP) at pc label. */
#define CHECK_S_FROM(n, spp, label)             \
    li gp, n;                                   \
    lw t5, s_record + 12;                       \
    andi t5, t5, SPP;                           \
    li t4, spp;                                 \
    bne t5, t4, fail;                           \
    lw t5, s_record + 8;                        \
    la t4, label;                               \
    bne t5, t4, fail

/* Check n: the last S trap had this cause and tval the address of sym. */
#define CHECK_S_TRAP_SYM(n, cause, sym)         \
    li gp, n;                                   \
    la t6, s_record;                            \
    lw t5, 0(t6);                               \
    li t4, cause;                               \
    bne t5, t4, fail;                           \
    lw t5, 4(t6);                               \
    la t4, sym;                                 \
    bne t5, t4, fail;                           \
    li t4, NO_TRAP;                             \
    sw t4, 0(t6)

BEGIN
main:
    la t0, vm_m_handler
    csrw mtvec, t0
    la t0, s_vm_handler
    csrw stvec, t0
    li t0, (1 << 12) | (1 << 13) | (1 << 15)
    csrw medeleg, t0
    li t0, 0x11111111
    sw t0, p0, t1
    li t0, 0x22222222
    sw t0, p1, t1
    li t0, 0x07700513                /* li a0, 0x77 */
    sw t0, p2, t1
    li t0, 0x00008067                /* jalr x0, 0(ra) */
    sw t0, p2 + 4, t1
    fence.i
    /* the program's 4 MiB, 1:1, S only ... */
    la t1, l0_prog
    li t0, (0x40000 << 10) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_AD
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
    PTE(t0, user_page, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A)
    sw t0, 0(t1)
    SET_PTE(root, 1, l0_test, PTE_V)
    SET_PTE(l0_test, 0, p0, PTE_V | PTE_R | PTE_W | PTE_U | PTE_AD)
    SET_PTE(l0_test, 1, p1, PTE_V | PTE_R | PTE_U | PTE_A)
    PTE(a0, l0_prog, PTE_V)
    VM_ON(root, a0)

    /* ---- page faults from U go to S ---- */
    li a1, PAGE(3)                   /* invalid */
    RUN_U(u_load)
    CHECK_S_TRAP(1, 13, PAGE(3))
    CHECK_S_FROM(2, 0, u_load)
    CHECK_NO_TRAP(3)
    li a1, PAGE(1)                   /* read-only */
    RUN_U(u_store)
    CHECK_S_TRAP(4, 15, PAGE(1))
    CHECK_S_FROM(5, 0, u_store)
    li a1, PAGE(0)                   /* not executable */
    RUN_U(u_fetch)
    CHECK_S_TRAP(6, 12, PAGE(0))
    CHECK_NO_TRAP(7)
    la a1, main                      /* an S page */
    RUN_U(u_load)
    CHECK_S_TRAP_SYM(8, 13, main)
    CHECK_S_FROM(9, 0, u_load)
    RUN_U(u_illegal)                 /* illegal instructions are not delegated */
    CHECK_TRAP(10, 2, 0xffffffff)
    CHECK_NO_S_TRAP(11)

    /* ---- from S to S ---- */
    li a1, PAGE(3)
    ENTER(PRIV_S)
s_load:
    lw a0, 0(a1)
    CHECK_S_TRAP(12, 13, PAGE(3))
    CHECK_S_FROM(13, SPP, s_load)
    ecall                            /* back to M */
    CHECK_NO_TRAP(14)

    /* ---- M never traps to S: an MPRV fault stays in M ---- */
    SET_MPP(PRIV_S)
    li t0, MSTATUS_MPRV
    li a1, PAGE(3)
    csrs mstatus, t0
    lw a0, 0(a1)
    csrc mstatus, t0
    CHECK_TRAP(15, 13, PAGE(3))
    CHECK_NO_S_TRAP(16)

    /* ---- demand paging by the S handler ---- */
    PTE(t0, p0, PTE_V | PTE_R | PTE_W | PTE_U)
    sw t0, fixup, t1
    li a1, PAGE(6)
    RUN_U(u_load)                    /* maps PAGE(6) and runs the load again */
    CHECK(17, a0, 0x11111111)
    CHECK_S_FROM(18, 0, u_load)
    CHECK_S_TRAP(19, 13, PAGE(6))
    GET_PTE(a0, l0_test, 6)
    andi a0, a0, PTE_AD
    CHECK(20, a0, PTE_A)
    li a0, 0x66666666
    RUN_U(u_store)                   /* already writable: no fault, D set */
    CHECK_NO_S_TRAP(21)
    GET_PTE(a0, l0_test, 6)
    andi a0, a0, PTE_AD
    CHECK(22, a0, PTE_AD)
    lw a0, p0
    CHECK(23, a0, 0x66666666)
    li a1, PAGE(8)                   /* a store maps its page too: A and D */
    li a0, 0x88888888
    RUN_U(u_store)
    CHECK_S_TRAP(24, 15, PAGE(8))
    GET_PTE(a0, l0_test, 8)
    andi a0, a0, PTE_AD
    CHECK(25, a0, PTE_AD)
    lw a0, p0
    CHECK(26, a0, 0x88888888)
    PTE(t0, p2, PTE_V | PTE_X | PTE_U)   /* and a fetch */
    sw t0, fixup, t1
    li a1, PAGE(7)
    li a0, 0
    RUN_U(u_fetch)
    CHECK(27, a0, 0x77)
    CHECK_S_TRAP(28, 12, PAGE(7))
    GET_PTE(a0, l0_test, 7)
    andi a0, a0, PTE_AD
    CHECK(29, a0, PTE_A)
    sw zero, fixup, t1

    /* ---- remapping: the new page after sfence.vma ---- */
    li a1, PAGE(6)
    RUN_U(u_load)
    CHECK(30, a0, 0x88888888)
    SET_PTE(l0_test, 6, p1, PTE_V | PTE_R | PTE_U | PTE_A)
    li a1, PAGE(6)
    sfence.vma a1, zero
    RUN_U(u_load)
    CHECK(31, a0, 0x22222222)
    CHECK_NO_S_TRAP(32)
    RUN_U(u_store)                   /* read-only now */
    CHECK_S_TRAP(33, 15, PAGE(6))
    CHECK_NO_TRAP(34)
    csrw satp, zero
    sfence.vma
    j pass

/* Delegated traps: recorded in s_record. With a fixup PTE set, a page
 * fault maps that PTE at the faulting page and retries; otherwise the
 * instruction is skipped (a fetch fault returns to ra). */
    .balign 4
s_vm_handler:
    addi sp, sp, -16
    sw t0, 0(sp)
    sw t1, 4(sp)
    sw t2, 8(sp)
    la t1, s_record
    csrr t0, scause
    sw t0, 0(t1)
    csrr t0, stval
    sw t0, 4(t1)
    csrr t0, sepc
    sw t0, 8(t1)
    csrr t0, sstatus
    sw t0, 12(t1)
    lw t2, fixup
    beqz t2, 1f
    csrr t0, stval
    srli t0, t0, 12
    andi t0, t0, 0x3ff
    slli t0, t0, 2
    la t1, l0_test
    add t1, t1, t0
    sw t2, 0(t1)
    csrr t0, stval
    sfence.vma t0, zero
    j 3f
1:  csrr t0, scause
    li t1, 12
    bne t0, t1, 2f
    csrw sepc, ra
    j 3f
2:  csrr t0, sepc
    addi t0, t0, 4
    csrw sepc, t0
3:  lw t0, 0(sp)
    lw t1, 4(sp)
    lw t2, 8(sp)
    addi sp, sp, 16
    sret

VM_M_HANDLER

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
u_illegal:
    .word 0xffffffff
    ecall
    jr s10
    .balign 4096

    .data
    .balign 4
s_record: .word -1, -1, -1, -1
fixup: .word 0

    .bss
    .balign 4096
root: .space 4096
l0_prog: .space 4096
l0_test: .space 4096
p0: .space 4096
p1: .space 4096
p2: .space 4096

    .text
END
