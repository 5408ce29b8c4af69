"""b2g_tlb against a Python TLB with the same documented policy: lookups
after random fills (4 KiB pages and superpages over a small set of pages,
so entries are replaced and refreshed), flushes, and every output checked
every cycle."""
import os
import random

import cocotb
from cocotb.clock import Clock
from cocotb.triggers import FallingEdge, Timer


class ModelTlb:
    """Fully associative; a fill invalidates every entry overlapping its
    page and goes into the lowest of their slots, else into the
    round-robin victim. So no lookup ever matches two entries."""

    def __init__(self, entries):
        self.slots = [None] * entries        # (vpn, ppn20, flags, superpage)
        self.victim = 0

    @staticmethod
    def covers(entry, vpn, superpage=False):
        tag, _, _, big = entry
        return tag >> 10 == vpn >> 10 and (big or superpage or tag == vpn)

    def lookup(self, vpn):
        found = [entry for entry in self.slots if entry and self.covers(entry, vpn)]
        assert len(found) <= 1, "two entries translate one page"
        if not found:
            return False, None, None
        tag, ppn, flags, big = found[0]
        return True, ((ppn & ~0x3FF) | (vpn & 0x3FF)) if big else ppn, flags

    def fill(self, vpn, ppn, flags, superpage):
        overlapping = [i for i, entry in enumerate(self.slots) if entry and self.covers(entry, vpn, superpage)]
        for i in overlapping:
            self.slots[i] = None
        if overlapping:
            slot = overlapping[0]
        else:
            slot = self.victim
            self.victim = (self.victim + 1) % len(self.slots)
        self.slots[slot] = (vpn, ppn, flags, superpage)

    def flush(self):
        self.slots = [None] * len(self.slots)


@cocotb.test()
async def random_fills_lookups_flushes(dut):
    entries = int(os.environ["TLB_ENTRIES"])
    rng = random.Random(11 + entries)
    cocotb.start_soon(Clock(dut.clk, 10, "ns").start())
    for name in ["flush", "vpn", "fill", "fill_vpn", "fill_pte_ppn", "fill_flags", "fill_super"]:
        getattr(dut, name).value = 0
    dut.rst.value = 1
    await FallingEdge(dut.clk)
    dut.rst.value = 0
    model = ModelTlb(entries)
    # Few regions and pages, so fills collide with what is there.
    regions = [rng.randrange(1024) for _ in range(4)]
    pages = [(r << 10) | rng.choice([0, 1, 2, 0x3FF, rng.randrange(1024)]) for r in regions for _ in range(4)]
    hits = 0
    for cycle in range(4000):
        vpn = rng.choice(pages) if rng.random() < 0.8 else rng.randrange(1 << 20)
        dut.vpn.value = vpn
        fill = rng.random() < 0.3
        flush = rng.random() < 0.03          # sometimes with a fill: the flush wins
        dut.fill.value, dut.flush.value = fill, flush
        if fill:
            fill_vpn, big = rng.choice(pages), rng.random() < 0.2
            ppn, flags = rng.randrange(1 << 20), rng.randrange(256)
            dut.fill_vpn.value, dut.fill_pte_ppn.value = fill_vpn, ppn
            dut.fill_flags.value, dut.fill_super.value = flags, big
        await Timer(1, "ns")
        hit, ppn_out, flags_out = model.lookup(vpn)
        assert bool(dut.hit.value) == hit, f"cycle {cycle}: vpn {vpn:#x} hit {dut.hit.value}, model {hit}"
        if hit:
            hits += 1
            assert dut.ppn.value.integer == ppn_out, f"cycle {cycle}: ppn {dut.ppn.value.integer:#x} != {ppn_out:#x}"
            assert dut.flags.value.integer == flags_out, f"cycle {cycle}: flags"
        await FallingEdge(dut.clk)
        if flush:
            model.flush()
        elif fill:
            model.fill(fill_vpn, ppn, flags, big)
    assert hits > 200      # the sequence really exercised hits
