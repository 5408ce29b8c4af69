# Self-modifying code: a stored instruction runs only after fence.i makes
# the instruction cache drop its stale copy (the D-cache writes through).
#include "check.h"
BEGIN
main:
    la s0, patch
    li a0, 0
    jalr ra, 0(s0)             # runs "addi a0, a0, 1" once: fills the I-cache
    CHECK(1, a0, 1)
    li t0, 0x00550513          # addi a0, a0, 5
    sw t0, 0(s0)
    fence.i
    jalr ra, 0(s0)
    CHECK(2, a0, 6)
    j pass
patch:
    addi a0, a0, 1
    ret
END
