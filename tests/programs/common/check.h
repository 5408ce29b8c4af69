/* Self-check conventions shared by every program in tests/programs.
 *
 * gp (x3) holds the number of the check being made; `fail` writes it to
 * simctrl.exit, `pass` writes 0. Checks use t6 (and t4, t5 for traps) as
 * scratch, so programs keep their values elsewhere. The default M-mode
 * trap handler records the trap and skips the trapping instruction. */
#define SIMCTRL_EXIT 0xF0001800
#define CLINT_MSIP 0xF0010000
#define CLINT_MTIMECMP 0xF0014000
#define CLINT_MTIME 0xF001BFF8
#define NO_TRAP 0xFFFFFFFF

#define BEGIN                                   \
    .section .text.start, "ax";                 \
    .globl _start;                              \
_start:                                         \
    la sp, _stack_top;                          \
    li gp, 0;                                   \
    la t0, trap_skip;                           \
    csrw mtvec, t0;                             \
    call clear_trap;                            \
    j main;                                     \
    .text

/* Ends the program: defines pass, fail, the default handler and its record. */
#define END                                     \
    .text;                                      \
pass:                                           \
    li t0, SIMCTRL_EXIT;                        \
    sw zero, 0(t0);                             \
1:  j 1b;                                       \
fail:                                           \
    li t0, SIMCTRL_EXIT;                        \
    sw gp, 0(t0);                               \
2:  j 2b;                                       \
clear_trap:                                     \
    la t6, trap_cause;                          \
    li t5, NO_TRAP;                             \
    sw t5, 0(t6);                               \
    sw t5, 4(t6);                               \
    sw t5, 8(t6);                               \
    ret;                                        \
    .balign 4;                                  \
trap_skip:                                      \
    M_TRAP_RECORD_AND_SKIP;                     \
    lw t0, 0(sp);                               \
    lw t1, 4(sp);                               \
    addi sp, sp, 16;                            \
    mret;                                       \
    .data;                                      \
    .balign 4;                                  \
trap_cause: .word 0;                            \
trap_tval: .word 0;                             \
trap_epc: .word 0;                              \
    .text

/* The M-mode handlers' common start: save t0/t1 on the stack, record mcause,
 * mtval and mepc in trap_cause/trap_tval/trap_epc, and step mepc past the
 * trapping instruction. The handler then restores t0/t1 and returns. */
#define M_TRAP_RECORD_AND_SKIP                  \
    addi sp, sp, -16;                           \
    sw t0, 0(sp);                               \
    sw t1, 4(sp);                               \
    la t1, trap_cause;                          \
    csrr t0, mcause;                            \
    sw t0, 0(t1);                               \
    csrr t0, mtval;                             \
    sw t0, 4(t1);                               \
    csrr t0, mepc;                              \
    sw t0, 8(t1);                               \
    addi t0, t0, 4;                             \
    csrw mepc, t0

/* Check n: reg == value. */
#define CHECK(n, reg, value)                    \
    li gp, n;                                   \
    li t6, value;                               \
    bne reg, t6, fail

/* Check n: the last instruction trapped with this cause and tval (a number,
 * or with CHECK_TRAP_SYM an address expression). */
#define CHECK_TRAP_WITH(n, cause, op, tval)     \
    li gp, n;                                   \
    la t6, trap_cause;                          \
    lw t5, 0(t6);                               \
    li t4, cause;                               \
    bne t5, t4, fail;                           \
    lw t5, 4(t6);                               \
    op t4, tval;                                \
    bne t5, t4, fail;                           \
    call clear_trap
#define CHECK_TRAP(n, cause, tval) CHECK_TRAP_WITH(n, cause, li, tval)
#define CHECK_TRAP_SYM(n, cause, tval) CHECK_TRAP_WITH(n, cause, la, tval)

/* ... and the trap's mepc was this label. */
#define CHECK_TRAP_AT(n, cause, tval, label)    \
    li gp, n;                                   \
    la t6, trap_cause;                          \
    lw t5, 8(t6);                               \
    la t4, label;                               \
    bne t5, t4, fail;                           \
    CHECK_TRAP_SYM(n, cause, tval)

/* Check n: two registers are equal. */
#define CHECK_SAME(n, r1, r2)                   \
    li gp, n;                                   \
    bne r1, r2, fail

/* Check n: no trap happened since the last check. */
#define CHECK_NO_TRAP(n)                        \
    li gp, n;                                   \
    la t6, trap_cause;                          \
    lw t5, 0(t6);                               \
    li t4, NO_TRAP;                             \
    bne t5, t4, fail

/* Check n: an ALU result: op rd, a, b gives expected. */
#define TEST_RR(n, op, a, b, expected)          \
    li a1, a;                                   \
    li a2, b;                                   \
    op a0, a1, a2;                              \
    CHECK(n, a0, expected)

#define TEST_RI(n, op, a, imm, expected)        \
    li a1, a;                                   \
    op a0, a1, imm;                             \
    CHECK(n, a0, expected)
