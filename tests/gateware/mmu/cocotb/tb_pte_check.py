"""b2g_pte_check against sv32ref.check: every flags x access x privilege x
SUM x MXR combination."""
import itertools

import cocotb
from cocotb.triggers import Timer

from tests.gateware.mmu import sv32ref


@cocotb.test()
async def every_combination(dut):
    mismatches = []
    for flags, acc, priv, sum_, mxr in itertools.product(range(256), range(3), (0, 1, 3), (0, 1), (0, 1)):
        dut.flags.value, dut.acc.value, dut.priv.value = flags, acc, priv
        dut.sum.value, dut.mxr.value = sum_, mxr
        await Timer(1, "ns")
        expect = sv32ref.check(flags, acc, 0 if priv == 0 else 1, sum_, mxr)
        got = (bool(dut.allowed.value), bool(dut.need_ad.value))
        if got != expect:
            mismatches.append((hex(flags), acc, priv, sum_, mxr, got, expect))
    assert not mismatches, f"{len(mismatches)} mismatches, first: {mismatches[:5]}"
