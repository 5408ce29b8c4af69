"""b2g_decoder: instruction words assembled by hand from the RISC-V spec's
encodings give the right fields and control bits; reserved encodings are
illegal."""
import random

import cocotb
from cocotb.triggers import Timer

ALU = {"add": 0, "sub": 1, "sll": 2, "slt": 3, "sltu": 4, "xor": 5, "srl": 6, "sra": 7, "or": 8, "and": 9}


def r_type(f7, rs2, rs1, f3, rd, op):
    return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op


def i_type(imm, rs1, f3, rd, op):
    return ((imm & 0xFFF) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op


def s_type(imm, rs2, rs1, f3):
    imm &= 0xFFF
    return ((imm >> 5) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 31) << 7) | 0x23


def b_type(imm, rs2, rs1, f3):
    imm &= 0x1FFF
    return (((imm >> 12) & 1) << 31) | (((imm >> 5) & 63) << 25) | (rs2 << 20) | (rs1 << 15) \
        | (f3 << 12) | (((imm >> 1) & 15) << 8) | (((imm >> 11) & 1) << 7) | 0x63


def j_type(imm, rd):
    imm &= 0x1FFFFF
    return (((imm >> 20) & 1) << 31) | (((imm >> 1) & 0x3FF) << 21) | (((imm >> 11) & 1) << 20) \
        | (((imm >> 12) & 0xFF) << 12) | (rd << 7) | 0x6F


async def decode(dut, word):
    dut.insn.value = word
    await Timer(1, "ns")
    return dut


def signed(value, bits=32):
    return value - (1 << bits) if value >> (bits - 1) else value


@cocotb.test()
async def register_and_immediate_forms(dut):
    rng = random.Random(4)
    for name, f3, f7 in [("add", 0, 0), ("sub", 0, 32), ("sll", 1, 0), ("slt", 2, 0), ("sltu", 3, 0),
                         ("xor", 4, 0), ("srl", 5, 0), ("sra", 5, 32), ("or", 6, 0), ("and", 7, 0)]:
        rd, rs1, rs2 = rng.randrange(32), rng.randrange(32), rng.randrange(32)
        d = await decode(dut, r_type(f7, rs2, rs1, f3, rd, 0x33))
        assert (d.rd.value, d.rs1.value, d.rs2.value) == (rd, rs1, rs2)
        assert d.alu_op.value == ALU[name] and d.rd_we.value == 1 and d.b_is_imm.value == 0
        assert d.uses_rs1.value == 1 and d.uses_rs2.value == 1 and d.illegal.value == 0
    for imm in [0, 1, -1, 2047, -2048, 0x123]:
        d = await decode(dut, i_type(imm, 5, 0, 6, 0x13))          # addi
        assert signed(d.imm.value.integer) == imm and d.b_is_imm.value == 1
        assert d.alu_op.value == ALU["add"] and d.uses_rs2.value == 0
    d = await decode(dut, i_type(0x400 | 7, 1, 5, 2, 0x13))        # srai x2, x1, 7
    assert d.alu_op.value == ALU["sra"] and d.imm.value.integer & 31 == 7
    for f7 in range(1, 8):
        assert (await decode(dut, r_type(f7, 1, 1, 0, 1, 0x33))).illegal.value == (f7 != 1)
    assert (await decode(dut, i_type(0x20, 1, 1, 1, 0x13))).illegal.value == 1   # slli with bit 25


@cocotb.test()
async def control_transfer_and_memory(dut):
    for imm in [-4096, -2, 2, 4094, 0x7FE]:
        d = await decode(dut, b_type(imm, 2, 1, 4))
        assert d.is_branch.value == 1 and signed(d.imm.value.integer) == imm
    for imm in [-(1 << 20), 2, (1 << 20) - 2]:
        d = await decode(dut, j_type(imm, 1))
        assert d.is_jal.value == 1 and signed(d.imm.value.integer) == imm and d.rd.value == 1
    d = await decode(dut, i_type(-8, 3, 0, 1, 0x67))
    assert d.is_jalr.value == 1 and signed(d.imm.value.integer) == -8
    for f3 in range(8):
        d = await decode(dut, i_type(4, 2, f3, 3, 0x03))
        assert d.illegal.value == (f3 in (3, 6, 7)) and d.is_load.value == 1
        d = await decode(dut, s_type(-12, 4, 2, f3))
        assert d.illegal.value == (f3 > 2)
        if f3 <= 2:
            assert d.is_store.value == 1 and signed(d.imm.value.integer) == -12
    d = await decode(dut, 0xABCDE0B7)                              # lui x1, 0xabcde
    assert d.a_is_zero.value == 1 and d.imm.value.integer == 0xABCDE000
    d = await decode(dut, 0x00001097)                              # auipc x1, 1
    assert d.a_is_pc.value == 1 and d.imm.value.integer == 0x1000


@cocotb.test()
async def system_and_m_extension(dut):
    expectations = {0x00000073: "is_ecall", 0x00100073: "is_ebreak", 0x30200073: "is_mret",
                    0x10500073: "is_wfi", 0x0000100F: "is_fence_i", 0x34011173: "is_csr",
                    0x02C5C533: "is_muldiv", 0x10200073: "is_sret", 0x12B50073: "is_sfence"}
    for word, flag in expectations.items():
        d = await decode(dut, word)
        assert getattr(d, flag).value == 1 and d.illegal.value == 0, hex(word)
    d = await decode(dut, 0x0FF0000F)                              # fence: a no-op
    assert d.illegal.value == 0 and d.rd_we.value == 0
    for word in [0x00000000, 0xFFFFFFFF, 0x00004073, 0x0000200F, 0x0000007F,
                 0x12B500F3]:                                      # sfence.vma with rd != 0
        assert (await decode(dut, word)).illegal.value == 1, hex(word)


def amo(funct5, rs2, rs1, rd, f3=2, aq=0, rl=0):
    return (funct5 << 27) | (aq << 26) | (rl << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | 0x2F


@cocotb.test()
async def atomics(dut):
    d = await decode(dut, amo(0b00010, 0, 11, 10))                  # lr.w a0, (a1)
    assert d.is_lr.value == 1 and d.is_load.value == 1 and d.illegal.value == 0
    assert d.imm.value.integer == 0 and d.uses_rs2.value == 0 and d.rd_we.value == 1
    assert (await decode(dut, amo(0b00010, 3, 11, 10))).illegal.value == 1   # lr with rs2 != 0
    d = await decode(dut, amo(0b00011, 12, 11, 10, aq=1, rl=1))     # sc.w.aqrl
    assert d.is_sc.value == 1 and d.is_store.value == 1 and d.uses_rs2.value == 1
    for funct5 in range(32):
        d = await decode(dut, amo(funct5, 12, 11, 10))
        known = funct5 in (0, 1, 4, 8, 12, 16, 20, 24, 28)
        if funct5 not in (2, 3):
            assert d.is_amo.value == known and d.illegal.value == (not known), funct5
        if known:
            assert d.is_store.value == 1 and d.imm.value.integer == 0
    for f3 in (0, 1, 3, 4, 5, 6, 7):                                # only .w exists on RV32
        assert (await decode(dut, amo(1, 12, 11, 10, f3=f3))).illegal.value == 1
