/* Every RV32I computational instruction, and FENCE / FENCE.I. */
#include "check.h"
BEGIN
main:
    TEST_RR(1, add, 5, 7, 12)
    TEST_RR(2, add, 0x7fffffff, 1, 0x80000000)
    TEST_RR(3, sub, 5, 7, -2)
    TEST_RR(4, sub, 0, 0x80000000, 0x80000000)
    TEST_RR(5, sll, 1, 31, 0x80000000)
    TEST_RR(6, sll, 3, 33, 6)                 /* only the low 5 bits shift */
    TEST_RR(7, slt, -1, 1, 1)
    TEST_RR(8, slt, 1, -1, 0)
    TEST_RR(9, sltu, -1, 1, 0)
    TEST_RR(10, sltu, 1, -1, 1)
    TEST_RR(11, xor, 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0)
    TEST_RR(12, srl, 0x80000000, 31, 1)
    TEST_RR(13, srl, 0x80000000, 32, 0x80000000)
    TEST_RR(14, sra, 0x80000000, 31, -1)
    TEST_RR(15, sra, 0x40000000, 30, 1)
    TEST_RR(16, or, 0xff00ff00, 0x0ff00ff0, 0xfff0fff0)
    TEST_RR(17, and, 0xff00ff00, 0x0ff00ff0, 0x0f000f00)
    TEST_RI(18, addi, 5, -7, -2)
    TEST_RI(19, addi, 0, 2047, 2047)
    TEST_RI(20, addi, 0, -2048, -2048)
    TEST_RI(21, slti, -5, -4, 1)
    TEST_RI(22, slti, -4, -5, 0)
    TEST_RI(23, sltiu, 1, -1, 1)              /* the immediate is sign-extended, then unsigned */
    TEST_RI(24, sltiu, -1, 1, 0)
    TEST_RI(25, xori, 0x00ff00ff, -1, 0xff00ff00)
    TEST_RI(26, ori, 0x12340000, 0x567, 0x12340567)
    TEST_RI(27, andi, 0x12345678, 0xff, 0x78)
    TEST_RI(28, andi, 0x12345678, -16, 0x12345670)
    TEST_RI(29, slli, 1, 31, 0x80000000)
    TEST_RI(30, srli, 0x80000000, 4, 0x08000000)
    TEST_RI(31, srai, 0x80000000, 4, 0xf8000000)
    TEST_RI(32, srai, 0x7fffffff, 0, 0x7fffffff)
    lui a0, 0xfffff
    CHECK(33, a0, 0xfffff000)
    lui a0, 0
    CHECK(34, a0, 0)
1:  auipc a0, 0x1
    la a1, 1b
    sub a0, a0, a1
    CHECK(35, a0, 0x1000)
    /* x0 stays zero */
    li a1, 5
    add x0, a1, a1
    addi x0, x0, 1
    lui x0, 0x12345
    CHECK(36, x0, 0)
    /* rd = rs1 = rs2 */
    li a0, 3
    add a0, a0, a0
    CHECK(37, a0, 6)
    fence
    fence rw, rw
    fence.i
    li a0, 1
    CHECK(38, a0, 1)
    j pass
END
