"""b2g_csr: CSR reads and writes, trap entry and mret, vectored mtvec,
interrupt enables and priority, illegal accesses, delegation to S, sret,
privilege checks and the S views of M's registers."""
import cocotb
from cocotb.clock import Clock
from cocotb.triggers import FallingEdge, Timer


async def setup(dut):
    cocotb.start_soon(Clock(dut.clk, 10, "ns").start())
    for name in ["csr_addr", "csr_write_intent", "check_addr", "check_write", "csr_commit", "csr_op", "csr_operand", "trap_take",
                 "trap_cause", "trap_pc", "trap_tval", "mret_take", "sret_take", "retire", "msip", "mtip",
                 "irq_lines", "mtime"]:
        getattr(dut, name).value = 0
    dut.rst.value = 1
    await FallingEdge(dut.clk)
    dut.rst.value = 0


async def csr_write(dut, addr, value, op=1):
    dut.csr_addr.value, dut.csr_op.value, dut.csr_operand.value = addr, op, value
    dut.csr_write_intent.value, dut.csr_commit.value = 1, 1
    await FallingEdge(dut.clk)
    dut.csr_commit.value, dut.csr_write_intent.value = 0, 0


async def csr_read(dut, addr):
    dut.csr_addr.value = addr
    await Timer(1, "ns")
    return dut.csr_rdata.value.integer


@cocotb.test()
async def read_write_set_clear(dut):
    await setup(dut)
    await csr_write(dut, 0x340, 0xF0F0)
    assert await csr_read(dut, 0x340) == 0xF0F0
    await csr_write(dut, 0x340, 0x000F, op=2)
    assert await csr_read(dut, 0x340) == 0xF0FF
    await csr_write(dut, 0x340, 0x00F0, op=3)
    assert await csr_read(dut, 0x340) == 0xF00F
    await csr_write(dut, 0x341, 0x12345677)       # mepc drops the low bits
    assert await csr_read(dut, 0x341) == 0x12345674
    assert await csr_read(dut, 0x301) == 0x40141101   # RV32 A I M S U
    assert await csr_read(dut, 0xF14) == 0
    dut.check_addr.value = 0x7C5                  # legality: checked on X's address
    await Timer(1, "ns")
    assert dut.csr_illegal.value == 1
    dut.check_addr.value, dut.check_write.value = 0xF11, 1
    await Timer(1, "ns")
    assert dut.csr_illegal.value == 1
    dut.check_write.value = 0
    dut.check_addr.value = 0x340
    await Timer(1, "ns")
    assert dut.csr_illegal.value == 0


@cocotb.test()
async def trap_and_mret(dut):
    await setup(dut)
    await csr_write(dut, 0x305, 0x40000101)       # vectored at 0x40000100
    await csr_write(dut, 0x300, 0x8)              # MIE
    dut.trap_cause.value, dut.trap_pc.value, dut.trap_tval.value = 2, 0x40000040, 0xDEAD
    await Timer(1, "ns")
    assert dut.trap_target.value.integer == 0x40000100   # exceptions go to the base
    dut.trap_take.value = 1
    await FallingEdge(dut.clk)
    dut.trap_take.value = 0
    assert await csr_read(dut, 0x341) == 0x40000040
    assert await csr_read(dut, 0x342) == 2
    assert await csr_read(dut, 0x343) == 0xDEAD
    assert await csr_read(dut, 0x300) & 0x1888 == 0x1880   # MPP=M, MPIE=1, MIE=0
    dut.mret_take.value = 1
    await FallingEdge(dut.clk)
    dut.mret_take.value = 0
    assert await csr_read(dut, 0x300) & 0x88 == 0x88
    dut.trap_cause.value = 0x80000007
    await Timer(1, "ns")
    assert dut.trap_target.value.integer == 0x4000011C    # interrupts: base + 4 * cause


@cocotb.test()
async def interrupt_enables_and_priority(dut):
    await setup(dut)
    dut.mtip.value, dut.msip.value = 1, 1
    await FallingEdge(dut.clk)   # the inputs are registered: one cycle late
    assert dut.irq_pending.value == 0 and dut.wfi_wake.value == 0
    await csr_write(dut, 0x304, 0x888)            # all three enabled in mie
    await Timer(1, "ns")
    assert dut.wfi_wake.value == 1 and dut.irq_pending.value == 0   # mstatus.MIE still 0
    await csr_write(dut, 0x300, 0x8)
    await Timer(1, "ns")
    assert dut.irq_pending.value == 1 and dut.irq_cause.value.integer == 0x80000003
    dut.irq_lines.value = 0b10                    # timer0's line, masked
    await FallingEdge(dut.clk)
    assert await csr_read(dut, 0x344) == 0x88
    await csr_write(dut, 0xBC0, 0b10)             # mirqmask
    assert await csr_read(dut, 0x344) == 0x888
    assert await csr_read(dut, 0xFC0) == 0b10
    assert dut.irq_cause.value.integer == 0x8000000B      # external first
    dut.msip.value, dut.irq_lines.value = 0, 0
    await FallingEdge(dut.clk)
    assert dut.irq_cause.value.integer == 0x80000007


@cocotb.test()
async def counters(dut):
    await setup(dut)
    start = await csr_read(dut, 0xB00)
    for _ in range(5):
        await FallingEdge(dut.clk)
    assert await csr_read(dut, 0xB00) - start == 5
    dut.retire.value = 1
    for _ in range(3):
        await FallingEdge(dut.clk)
    dut.retire.value = 0
    assert await csr_read(dut, 0xB02) == 3
    await csr_write(dut, 0xB82, 7)
    assert await csr_read(dut, 0xB82) == 7 and await csr_read(dut, 0xC82) == 7


async def take_trap(dut, cause, pc, tval=0):
    await FallingEdge(dut.clk)
    dut.trap_cause.value, dut.trap_pc.value, dut.trap_tval.value = cause, pc, tval
    dut.trap_take.value = 1
    await FallingEdge(dut.clk)
    dut.trap_take.value = 0


@cocotb.test()
async def delegation_sret_and_privilege(dut):
    await setup(dut)
    await csr_write(dut, 0x305, 0x100)            # mtvec
    await csr_write(dut, 0x105, 0x200)            # stvec
    await csr_write(dut, 0x302, 1 << 8)           # medeleg: ecall from U
    await csr_write(dut, 0x300, 0x2)              # SIE; MPP = U
    dut.mret_take.value = 1                       # M -> U
    await FallingEdge(dut.clk)
    dut.mret_take.value = 0
    assert dut.priv.value == 0
    dut.check_addr.value = 0x100                  # sstatus: above U
    await Timer(1, "ns")
    assert dut.csr_illegal.value == 1
    dut.trap_cause.value = 8
    await Timer(1, "ns")
    assert dut.trap_target.value.integer == 0x200          # delegated: stvec
    await take_trap(dut, 8, 0x40000010)
    assert dut.priv.value == 1
    assert await csr_read(dut, 0x142) == 8 and await csr_read(dut, 0x141) == 0x40000010
    status = await csr_read(dut, 0x100)
    assert status & 0x122 == 0x20                          # SPP = U, SPIE = 1, SIE = 0
    assert await csr_read(dut, 0x100) == await csr_read(dut, 0x300) & 0x000C0122
    dut.trap_cause.value = 2                               # not delegated: mtvec
    await Timer(1, "ns")
    assert dut.trap_target.value.integer == 0x100
    await FallingEdge(dut.clk)                             # (the reads above took time)
    dut.sret_take.value = 1                                # S -> U, SIE back
    await FallingEdge(dut.clk)
    dut.sret_take.value = 0
    assert dut.priv.value == 0
    assert await csr_read(dut, 0x100) & 0x22 == 0x22
    await take_trap(dut, 2, 0x40000020)                    # illegal: to M
    assert dut.priv.value == 3 and (await csr_read(dut, 0x300) >> 11) & 3 == 0
    await csr_write(dut, 0x300, 0x1000)                    # MPP = 2 is reserved: stays U
    assert (await csr_read(dut, 0x300) >> 11) & 3 == 0
    await csr_write(dut, 0x180, 0xFFFFFFFF)                # satp: no ASID bits
    assert await csr_read(dut, 0x180) == 0x803FFFFF
    assert dut.satp_mode.value == 1 and dut.satp_ppn.value.integer == 0x3FFFFF
