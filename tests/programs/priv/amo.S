/* The A extension: LR/SC (success, failure, reservation lost) and every
 * AMO, with the signed/unsigned min/max cases and misaligned addresses. */
#include "check.h"

#define TEST_AMO(n, op, init, src, old_expected, new_expected) \
    li t0, init;                                \
    sw t0, 0(s0);                               \
    li a1, src;                                 \
    op a0, a1, (s0);                            \
    CHECK(n, a0, old_expected);                 \
    lw a0, 0(s0);                               \
    CHECK(n, a0, new_expected)

BEGIN
main:
    la s0, word
    TEST_AMO(1, amoswap.w, 5, 9, 5, 9)
    TEST_AMO(2, amoadd.w, 5, -9, 5, -4)
    TEST_AMO(3, amoxor.w, 0xff00, 0x0ff0, 0xff00, 0xf0f0)
    TEST_AMO(4, amoand.w, 0xff00, 0x0ff0, 0xff00, 0x0f00)
    TEST_AMO(5, amoor.w, 0xff00, 0x0ff0, 0xff00, 0xfff0)
    TEST_AMO(6, amomin.w, -1, 1, -1, -1)
    TEST_AMO(7, amomax.w, -1, 1, -1, 1)
    TEST_AMO(8, amominu.w, -1, 1, -1, 1)
    TEST_AMO(9, amomaxu.w, -1, 1, -1, -1)
    TEST_AMO(10, amoadd.w.aqrl, 0x7fffffff, 1, 0x7fffffff, 0x80000000)
    /* rd = x0 still does the operation */
    li t0, 3
    sw t0, 0(s0)
    li a1, 4
    amoadd.w x0, a1, (s0)
    lw a0, 0(s0)
    CHECK(11, a0, 7)
    /* LR/SC succeed: sc writes 0 to rd */
    lr.w a0, (s0)
    CHECK(12, a0, 7)
    li a1, 42
    sc.w a2, a1, (s0)
    CHECK(13, a2, 0)
    lw a0, 0(s0)
    CHECK(14, a0, 42)
    /* a second sc without lr fails and writes nothing */
    li a1, 43
    sc.w a2, a1, (s0)
    CHECK(15, a2, 1)
    lw a0, 0(s0)
    CHECK(16, a0, 42)
    /* sc to another address than the reservation fails */
    addi s3, s0, 4
    lr.w a0, (s0)
    sc.w a2, a1, (s3)
    li gp, 17
    beqz a2, fail
    /* a trap between lr and sc drops the reservation */
    lr.w a0, (s0)
    ecall
    sc.w a2, a1, (s0)
    CHECK(18, a2, 1)
    CHECK_TRAP(19, 11, 0)
    /* a retry loop: atomic increment */
    li s1, 0
1:  lr.w a0, (s0)
    addi a0, a0, 1
    sc.w a2, a0, (s0)
    bnez a2, 1b
    lw a0, 0(s0)
    CHECK(20, a0, 43)
    /* misaligned: store/AMO address misaligned, LR is a load */
    addi s2, s0, 2
    amoadd.w a0, a1, (s2)
    CHECK_TRAP_SYM(21, 6, word + 2)
    lr.w a0, (s2)
    CHECK_TRAP_SYM(22, 4, word + 2)
    sc.w a0, a1, (s2)
    CHECK_TRAP_SYM(23, 6, word + 2)
    /* an AMO on the read-only boot ROM is a store access fault */
    li s2, 0x100
    amoor.w a0, a1, (s2)
    CHECK_TRAP(24, 7, 0x100)
    /* illegal: a reserved AMO funct5 and lr with rs2 != 0 */
    .word 0x3005a52f                 /* funct5 0x06 */
    CHECK_TRAP(25, 2, 0x3005a52f)
    .word 0x1015252f                 /* lr.w with rs2 = 1 */
    CHECK_TRAP(26, 2, 0x1015252f)
    .word 0x0805352f                 /* amoswap.d: funct3 3 */
    CHECK_TRAP(27, 2, 0x0805352f)
    j pass
    .data
    .balign 4
word: .word 0, 0
END
