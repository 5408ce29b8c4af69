"""b2g_regfile: x0 reads 0, writes land, a read of the register being
written returns the new value, against a Python list."""
import random

import cocotb
from cocotb.clock import Clock
from cocotb.triggers import FallingEdge, Timer


@cocotb.test()
async def random_reads_and_writes(dut):
    cocotb.start_soon(Clock(dut.clk, 10, "ns").start())
    model = [0] * 32
    rng = random.Random(2)
    dut.we.value = 0
    for r in range(1, 32):   # registers start undefined: write them all first
        dut.we.value, dut.wa.value, dut.wd.value = 1, r, 0
        await FallingEdge(dut.clk)
    for _ in range(2000):
        we, wa, wd = rng.random() < 0.5, rng.randrange(32), rng.getrandbits(32)
        ra1, ra2 = rng.randrange(32), rng.choice([wa, rng.randrange(32)])
        dut.we.value, dut.wa.value, dut.wd.value = int(we), wa, wd
        dut.ra1.value, dut.ra2.value = ra1, ra2
        await Timer(1, "ns")
        after = list(model)
        if we and wa:
            after[wa] = wd
        assert dut.rd1.value.integer == after[ra1]
        assert dut.rd2.value.integer == after[ra2]
        await FallingEdge(dut.clk)
        model = after
