/* The M extension, with the edge cases the ISA defines: division by zero
 * and the one signed overflow. */
#include "check.h"
BEGIN
main:
    TEST_RR(1, mul, 7, -3, -21)
    TEST_RR(2, mul, 0x12345678, 0x9abcdef0, 0x242d2080)
    TEST_RR(3, mulh, 0x80000000, 0x80000000, 0x40000000)
    TEST_RR(4, mulh, -1, -1, 0)
    TEST_RR(5, mulh, 0x7fffffff, -1, -1)
    TEST_RR(6, mulhu, 0xffffffff, 0xffffffff, 0xfffffffe)
    TEST_RR(7, mulhu, 0x12345678, 0x9abcdef0, 0x0b00ea4e)
    TEST_RR(8, mulhsu, -1, 0xffffffff, 0xffffffff)
    TEST_RR(9, mulhsu, 0x80000000, 0xffffffff, 0x80000000)
    TEST_RR(10, mulhsu, 2, 0x80000000, 1)
    TEST_RR(11, div, 20, 6, 3)
    TEST_RR(12, div, -20, 6, -3)               /* rounds toward zero */
    TEST_RR(13, div, 20, -6, -3)
    TEST_RR(14, div, 5, 0, -1)                 /* by zero */
    TEST_RR(15, div, 0x80000000, -1, 0x80000000) /* overflow */
    TEST_RR(16, divu, 20, 6, 3)
    TEST_RR(17, divu, -1, 2, 0x7fffffff)
    TEST_RR(18, divu, 5, 0, 0xffffffff)
    TEST_RR(19, rem, 20, 6, 2)
    TEST_RR(20, rem, -20, 6, -2)               /* sign of the dividend */
    TEST_RR(21, rem, 20, -6, 2)
    TEST_RR(22, rem, 5, 0, 5)
    TEST_RR(23, rem, 0x80000000, -1, 0)
    TEST_RR(24, remu, 20, 6, 2)
    TEST_RR(25, remu, -1, 10, 5)
    TEST_RR(26, remu, 5, 0, 5)
    TEST_RR(27, mul, 0, 0x80000000, 0)
    j pass
END
