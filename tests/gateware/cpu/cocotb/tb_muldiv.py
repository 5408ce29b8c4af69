"""b2g_muldiv: every M-extension operation, including division by zero and
overflow, against Python; the result waits for ack, kill abandons."""
import random

import cocotb
from cocotb.clock import Clock
from cocotb.triggers import FallingEdge

M = 0xFFFFFFFF


def s32(x):
    return x - (1 << 32) if x & 0x80000000 else x


def trunc_div(a, b):
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


def reference(f3, a, b):
    sa, sb = s32(a), s32(b)
    if f3 == 0: return (a * b) & M
    if f3 == 1: return ((sa * sb) >> 32) & M
    if f3 == 2: return ((sa * b) >> 32) & M
    if f3 == 3: return ((a * b) >> 32) & M
    if f3 == 4: return M if b == 0 else (a if (sa == -2**31 and sb == -1) else trunc_div(sa, sb) & M)
    if f3 == 5: return M if b == 0 else a // b
    if f3 == 6:
        if b == 0: return a
        if sa == -2**31 and sb == -1: return 0
        return (sa - trunc_div(sa, sb) * sb) & M
    return a if b == 0 else a % b


async def run(dut, f3, a, b, delay_ack=0):
    dut.start.value, dut.funct3.value, dut.a.value, dut.b.value = 1, f3, a, b
    dut.ack.value = 0
    for _ in range(100):
        await FallingEdge(dut.clk)
        if dut.done.value:
            break
    assert dut.done.value, "no result"
    for _ in range(delay_ack):   # the pipeline is held: the result stays
        await FallingEdge(dut.clk)
        assert dut.done.value
    result = dut.result.value.integer
    dut.ack.value, dut.start.value = 1, 0
    await FallingEdge(dut.clk)
    dut.ack.value = 0
    return result


@cocotb.test()
async def every_operation(dut):
    cocotb.start_soon(Clock(dut.clk, 10, "ns").start())
    dut.rst.value, dut.kill.value, dut.start.value, dut.ack.value = 1, 0, 0, 0
    await FallingEdge(dut.clk)
    dut.rst.value = 0
    rng = random.Random(3)
    edges = [0, 1, M, 0x80000000, 0x7FFFFFFF, 7, 0xFFFFFFF9]
    cases = [(a, b) for a in edges for b in edges]
    cases += [(rng.getrandbits(32), rng.getrandbits(32)) for _ in range(40)]
    for f3 in range(8):
        for i, (a, b) in enumerate(cases):
            got = await run(dut, f3, a, b, delay_ack=i % 3)
            assert got == reference(f3, a, b), f"funct3 {f3}: {a:#x}, {b:#x} -> {got:#x}"


@cocotb.test()
async def kill_abandons_a_divide(dut):
    cocotb.start_soon(Clock(dut.clk, 10, "ns").start())
    dut.rst.value, dut.kill.value, dut.ack.value = 1, 0, 0
    await FallingEdge(dut.clk)
    dut.rst.value = 0
    dut.start.value, dut.funct3.value, dut.a.value, dut.b.value = 1, 5, 100, 7
    await FallingEdge(dut.clk)
    dut.start.value, dut.kill.value = 0, 1
    await FallingEdge(dut.clk)
    dut.kill.value = 0
    for _ in range(40):
        await FallingEdge(dut.clk)
        assert not dut.done.value
    assert await run(dut, 5, 100, 7) == 14
