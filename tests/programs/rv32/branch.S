/* Branches (taken and not, signed and unsigned), JAL and JALR. */
#include "check.h"

#define TEST_BR(n, op, a, b, taken)             \
    li a1, a;                                   \
    li a2, b;                                   \
    li a0, 0;                                   \
    op a1, a2, 1f;                              \
    li a0, 1;                                   \
1:  CHECK(n, a0, !(taken))

BEGIN
main:
    TEST_BR(1, beq, 3, 3, 1)
    TEST_BR(2, beq, 3, 4, 0)
    TEST_BR(3, bne, 3, 4, 1)
    TEST_BR(4, bne, 3, 3, 0)
    TEST_BR(5, blt, -1, 0, 1)
    TEST_BR(6, blt, 0, -1, 0)
    TEST_BR(7, blt, 5, 5, 0)
    TEST_BR(8, bge, 0, -1, 1)
    TEST_BR(9, bge, 5, 5, 1)
    TEST_BR(10, bge, -1, 0, 0)
    TEST_BR(11, bltu, 0, -1, 1)
    TEST_BR(12, bltu, -1, 0, 0)
    TEST_BR(13, bgeu, -1, 0, 1)
    TEST_BR(14, bgeu, 0, -1, 0)
    TEST_BR(15, bgeu, 7, 7, 1)
    /* backward branch: a loop of 10 */
    li a0, 0
    li a1, 10
2:  addi a0, a0, 1
    blt a0, a1, 2b
    CHECK(16, a0, 10)
    /* jal links pc+4 */
    jal a0, 3f
4:  j fail
3:  la a1, 4b
    li gp, 17
    sub a0, a0, a1
    bnez a0, fail
    /* jalr: target is (rs1 + imm) & ~1, link before reading rs1 */
    la a1, 5f
    addi a1, a1, -3
    jalr a1, 4(a1)           /* (5f - 3 + 4) & ~1 = 5f + 0 */
    j fail
5:  la a2, 5b - 4
    li gp, 18
    bne a1, a2, fail
    /* jalr with rd = x0 and a negative offset */
    la a1, 6f + 8
    jalr x0, -8(a1)
    j fail
6:  li a0, 1
    CHECK(19, a0, 1)
    j pass
END
