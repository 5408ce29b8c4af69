/* Sv32 helpers for the MMU programs of this folder (superpage.S, deleg.S,
 * mprv.S): PTE bits, building PTEs, turning translation on, and an M-mode
 * handler for programs that run checks in S and U.
 * Include after check.h and modes.h. */
#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_A 0x40
#define PTE_D 0x80
#define PTE_AD (PTE_A | PTE_D)
#define MSTATUS_MPRV (1 << 17)
#define MSTATUS_SUM (1 << 18)
#define MSTATUS_MXR (1 << 19)
#define MPP_MASK 0x1800
#define PAGE(n) (0x00400000 + (n) * 0x1000)   /* test pages: root[1] -> l0_test */

/* reg = PTE for the physical page at symbol sym */
#define PTE(reg, sym, flags)                    \
    la reg, sym;                                \
    srli reg, reg, 12;                          \
    slli reg, reg, 10;                          \
    ori reg, reg, flags

/* table[index] = PTE for the page at sym (clobbers t0, t1) */
#define SET_PTE(table, index, sym, flags)       \
    PTE(t0, sym, flags);                        \
    la t1, table;                               \
    sw t0, 4 * (index)(t1)

/* table[index] = a constant PTE value (clobbers t0, t1) */
#define SET_PTE_VALUE(table, index, value)      \
    li t0, value;                               \
    la t1, table;                               \
    li t2, 4 * (index);                         \
    add t1, t1, t2;                             \
    sw t0, 0(t1)

/* reg = table[index] (the PTE as the hardware left it; clobbers t6) */
#define GET_PTE(reg, table, index)              \
    la reg, table;                              \
    li t6, 4 * (index);                         \
    add reg, reg, t6;                           \
    lw reg, 0(reg)

/* The root: the program's 4 MiB at 0x4000_0000 mapped 1:1 by the PTE in
 * register pte (a pointer or a superpage), the device registers 1:1 as an
 * S superpage (so pass/fail work in S), satp on. Clobbers t0-t2. */
#define VM_ON(root, pte)                        \
    la t1, root;                                \
    li t2, 0x100 * 4;                           \
    add t2, t2, t1;                             \
    sw pte, 0(t2);                              \
    li t0, (0xf0000 << 10) | PTE_V | PTE_R | PTE_W | PTE_AD; \
    li t2, 0x3c0 * 4;                           \
    add t2, t2, t1;                             \
    sw t0, 0(t2);                               \
    srli t0, t1, 12;                            \
    li t1, 0x80000000;                          \
    or t0, t0, t1;                              \
    csrw satp, t0;                              \
    sfence.vma

/* mstatus.MPP = mode */
#define SET_MPP(mode)                           \
    li t0, MPP_MASK;                            \
    csrc mstatus, t0;                           \
    li t0, (mode) << 11;                        \
    csrs mstatus, t0

/* An M-mode handler: ecall from S or U comes back to M after the ecall;
 * any other trap is recorded (check.h's trap_cause) and skipped, except
 * fetch faults (1, 12), which return to ra. */
#define VM_M_HANDLER                            \
    .balign 4;                                  \
vm_m_handler:                                   \
    addi sp, sp, -16;                           \
    sw t0, 0(sp);                               \
    sw t1, 4(sp);                               \
    csrr t0, mcause;                            \
    addi t0, t0, -8;                            \
    li t1, 1;                                   \
    bleu t0, t1, 3f;                            \
    la t1, trap_cause;                          \
    csrr t0, mcause;                            \
    sw t0, 0(t1);                               \
    csrr t0, mtval;                             \
    sw t0, 4(t1);                               \
    csrr t0, mepc;                              \
    sw t0, 8(t1);                               \
    addi t0, t0, 4;                             \
    csrw mepc, t0;                              \
    csrr t0, mcause;                            \
    li t1, 12;                                  \
    beq t0, t1, 5f;                             \
    li t1, 1;                                   \
    bne t0, t1, 4f;                             \
5:  csrw mepc, ra;                              \
    j 4f;                                       \
3:  li t0, MPP_MASK;                            \
    csrs mstatus, t0;                           \
    csrr t0, mepc;                              \
    addi t0, t0, 4;                             \
    csrw mepc, t0;                              \
4:  lw t0, 0(sp);                               \
    lw t1, 4(sp);                               \
    addi sp, sp, 16;                            \
    mret

/* Jump to addr (which must fault on fetch) and come back; check n: the
 * trap's cause, and tval = addr. */
#define FETCH_FAULT(n, addr, cause)             \
    li a1, addr;                                \
    la ra, 1f;                                  \
    jalr x0, 0(a1);                             \
1:  CHECK_TRAP(n, cause, addr)
