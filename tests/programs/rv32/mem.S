/* Loads and stores of every width, sign and zero extension, offsets. */
#include "check.h"
BEGIN
main:
    la s0, buf
    li a0, 0x80c1e2f3
    sw a0, 0(s0)
    lw a1, 0(s0)
    CHECK(1, a1, 0x80c1e2f3)
    lb a1, 0(s0)
    CHECK(2, a1, 0xfffffff3)
    lbu a1, 0(s0)
    CHECK(3, a1, 0xf3)
    lb a1, 1(s0)
    CHECK(4, a1, 0xffffffe2)
    lb a1, 2(s0)
    CHECK(5, a1, 0xffffffc1)
    lbu a1, 3(s0)
    CHECK(6, a1, 0x80)
    lh a1, 0(s0)
    CHECK(7, a1, 0xffffe2f3)
    lhu a1, 0(s0)
    CHECK(8, a1, 0xe2f3)
    lh a1, 2(s0)
    CHECK(9, a1, 0xffff80c1)
    lhu a1, 2(s0)
    CHECK(10, a1, 0x80c1)
    /* narrow stores leave the other bytes alone */
    li a0, 0x11
    sb a0, 1(s0)
    lw a1, 0(s0)
    CHECK(11, a1, 0x80c111f3)
    li a0, 0x12345678
    sh a0, 2(s0)
    lw a1, 0(s0)
    CHECK(12, a1, 0x567811f3)
    sb a0, 3(s0)
    lw a1, 0(s0)
    CHECK(13, a1, 0x787811f3)
    /* negative offsets and little-endian order */
    addi s1, s0, 8
    li a0, 0x01020304
    sw a0, -4(s1)
    lbu a1, -4(s1)
    CHECK(14, a1, 4)
    lbu a1, -1(s1)
    CHECK(15, a1, 1)
    /* a positive lb stays positive */
    li a0, 0x7f
    sb a0, 8(s0)
    lb a1, 8(s0)
    CHECK(16, a1, 0x7f)
    /* a load into x0 is dropped */
    lw x0, 0(s0)
    CHECK(17, x0, 0)
    /* SRAM at 0x1000_0000 works like RAM */
    li s2, 0x10000000
    li a0, 0xcafef00d
    sw a0, 0x100(s2)
    lw a1, 0x100(s2)
    CHECK(18, a1, 0xcafef00d)
    /* the boot ROM is readable: the stub's last word is jalr x0, 0(t0) */
    li s2, 0
    lw a1, 8(s2)
    CHECK(19, a1, 0x00028067)
    /* ctrl.scratch keeps what is written */
    li s2, 0xf0000000
    li a0, 0x5a5a1234
    sw a0, 4(s2)
    lw a1, 4(s2)
    CHECK(20, a1, 0x5a5a1234)
    j pass
    .data
    .balign 4
buf: .space 16
END
