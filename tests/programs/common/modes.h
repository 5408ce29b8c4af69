/* Helpers for programs that run code in S and U mode (tests/programs/priv).
 *
 * ENTER(mode) drops from M to that mode and goes on with the next line.
 * An ecall or ebreak from S or U that reaches M comes back to M at the
 * instruction after it (m_handler); any other exception taken to M is
 * recorded and skipped, staying in its mode. A trap delegated to S is
 * recorded in s_record (cause, tval, epc, sstatus) and skipped (s_handler).
 * trap_mpp holds the mode the last M trap came from. */
#define PRIV_U 0
#define PRIV_S 1
#define PRIV_M 3

#define ENTER(mode)                             \
    li t0, 0x1800;                              \
    csrc mstatus, t0;                           \
    li t0, (mode) << 11;                        \
    csrs mstatus, t0;                           \
    auipc t0, 0;                                \
    addi t0, t0, 16;                            \
    csrw mepc, t0;                              \
    mret

/* Back to M from S or U (with ebreak, which S never gets delegated here). */
#define LEAVE                                   \
    ebreak;                                     \
    call clear_trap

#define USE_MODE_HANDLERS                       \
    la t0, m_handler;                           \
    csrw mtvec, t0;                             \
    la t0, s_handler;                           \
    csrw stvec, t0

/* Check n: the last trap into S had this cause and tval. */
#define CHECK_S_TRAP(n, cause, tval)            \
    li gp, n;                                   \
    la t6, s_record;                            \
    lw t5, 0(t6);                               \
    li t4, cause;                               \
    bne t5, t4, fail;                           \
    lw t5, 4(t6);                               \
    li t4, tval;                                \
    bne t5, t4, fail;                           \
    li t4, NO_TRAP;                             \
    sw t4, 0(t6)

#define CHECK_MPP(n, mode)                      \
    lw t5, trap_mpp;                            \
    CHECK(n, t5, mode)

#define MODE_HANDLERS                           \
    .balign 4;                                  \
m_handler:                                      \
    M_TRAP_RECORD_AND_SKIP;                     \
    csrr t0, mstatus;                           \
    srli t0, t0, 11;                            \
    andi t0, t0, 3;                             \
    la t1, trap_mpp;                            \
    sw t0, 0(t1);                               \
    csrr t0, mcause;                            \
    li t1, 3;                                   \
    beq t0, t1, 1f;                             \
    li t1, 8;                                   \
    beq t0, t1, 1f;                             \
    li t1, 9;                                   \
    bne t0, t1, 2f;                             \
1:  li t1, 0x1800;                              \
    csrs mstatus, t1;                           \
2:  lw t0, 0(sp);                               \
    lw t1, 4(sp);                               \
    addi sp, sp, 16;                            \
    mret;                                       \
    .balign 4;                                  \
s_handler:                                      \
    addi sp, sp, -16;                           \
    sw t0, 0(sp);                               \
    sw t1, 4(sp);                               \
    la t1, s_record;                            \
    csrr t0, scause;                            \
    sw t0, 0(t1);                               \
    csrr t0, stval;                             \
    sw t0, 4(t1);                               \
    csrr t0, sepc;                              \
    sw t0, 8(t1);                               \
    addi t0, t0, 4;                             \
    csrw sepc, t0;                              \
    csrr t0, sstatus;                           \
    sw t0, 12(t1);                              \
    lw t0, 0(sp);                               \
    lw t1, 4(sp);                               \
    addi sp, sp, 16;                            \
    sret;                                       \
    .data;                                      \
    .balign 4;                                  \
trap_mpp: .word 0;                              \
s_record: .word -1, -1, -1, -1;                 \
    .text
