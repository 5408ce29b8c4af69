"""b2g_ptw against sv32ref.walk on random page tables: pointers and leaves
with random flags, superpages (aligned and misaligned), pointers at level 0,
W without R, V=0, tables in the read-only ROM, outside memory and above
32 bits, leaf frames above 32 bits, bus errors, and a memory answering after
random delays. The A/D write-backs must leave memory as the reference does."""
import random

import cocotb
from cocotb.clock import Clock
from cocotb.triggers import FallingEdge, RisingEdge

from tests.gateware.mmu import sv32ref
from tests.gateware.mmu.sv32ref import A, D, R, U, V, W, X

RAM_BASE, RAM_BYTES, ROM_BYTES = 0x4000_0000, 0x1_0000, 0x8000
RAM_PAGES = [(RAM_BASE >> 12) + i for i in range(RAM_BYTES >> 12)]
ROM_PAGES = list(range(ROM_BYTES >> 12))


class Memory:
    """Words by address; unwritten words read as 0. Words in `errors` give a
    bus error."""

    def __init__(self):
        self.words, self.errors = {}, set()

    def readable(self, addr):
        return addr < ROM_BYTES or RAM_BASE <= addr < RAM_BASE + RAM_BYTES

    def writable(self, addr):
        return RAM_BASE <= addr < RAM_BASE + RAM_BYTES

    def read(self, addr):
        return None if addr in self.errors else self.words.get(addr, 0)

    def write(self, addr, value):
        if addr in self.errors:
            return False
        self.words[addr] = value
        return True

    def copy(self):
        other = Memory()
        other.words, other.errors = dict(self.words), set(self.errors)
        return other


def random_flags(rng):
    if rng.random() < 0.3:
        return rng.randrange(256)
    flags = V | A * (rng.random() < 0.6) | D * (rng.random() < 0.4) | U * (rng.random() < 0.5)
    return flags | rng.choice([R, R | W, X, R | X, R | W | X])


def random_tables(rng, mem, vpn1s):
    """Fills a root table and level-0 tables covering vpn1s with a mix of
    every kind of PTE; returns the root's ppn."""
    root = rng.choice(RAM_PAGES)
    tables = [p for p in RAM_PAGES if p != root] + ROM_PAGES[:2]
    for vpn1 in vpn1s:
        kind = rng.random()
        if kind < 0.55:                       # a pointer to a level-0 table
            pte = rng.choice(tables) << 10 | V
        elif kind < 0.7:                      # an aligned superpage
            pte = rng.randrange(1 << 10) << 20 | random_flags(rng)
        elif kind < 0.75:                     # a misaligned one
            pte = rng.randrange(1, 1 << 20) << 10 | random_flags(rng)
        elif kind < 0.8:                      # a table outside memory
            pte = rng.choice([0x20000, 0x10002, 0xF0000]) << 10 | V
        elif kind < 0.85:                     # a table or superpage above 32 bits
            pte = (rng.randrange(1, 4) << 20 | rng.choice(RAM_PAGES)) << 10 | rng.choice([V, V | R | W | X | A | D])
        else:
            pte = rng.randrange(1 << 32)
        mem.words[(root << 12) + vpn1 * 4] = pte
    # The level-0 tables: every RAM page is one, random entries in each.
    for page in tables:
        for _ in range(24):
            vpn0 = rng.randrange(1024) if rng.random() < 0.5 else rng.randrange(8)
            kind = rng.random()
            if kind < 0.75:
                pte = rng.randrange(1 << 20) << 10 | random_flags(rng)
            elif kind < 0.8:
                pte = rng.choice(RAM_PAGES) << 10 | V      # a pointer at level 0
            elif kind < 0.85:
                pte = rng.randrange(1, 4) << 30 | rng.randrange(1 << 20) << 10 | V | R | W | X | U
            else:
                pte = rng.randrange(1 << 32)
            mem.words[(page << 12) + vpn0 * 4] = pte
    for _ in range(6):
        mem.errors.add(rng.choice(RAM_PAGES) << 12 | rng.randrange(8) * 4)
    return root


async def serve(dut, mem, delays, stats):
    """The memory port: answers a request after one of delays idle cycles
    (0: in the cycle mem_req rises)."""
    rng = random.Random(7)
    while True:
        await FallingEdge(dut.clk)
        dut.mem_ack.value, dut.mem_err.value = 0, 0
        if not dut.mem_req.value:
            continue
        addr, we = dut.mem_addr.value.integer, bool(dut.mem_we.value)
        assert mem.writable(addr) if we else mem.readable(addr), f"a bus cycle at {addr:#x}"
        for _ in range(rng.choice(delays)):
            await FallingEdge(dut.clk)
            assert dut.mem_req.value and dut.mem_addr.value.integer == addr and bool(dut.mem_we.value) == we, \
                "the request changed before its answer"
        stats["accesses"] += 1
        if addr in mem.errors:
            dut.mem_err.value = 1
        elif we:
            mem.words[addr] = dut.mem_wdata.value.integer
            dut.mem_ack.value = 1
        else:
            dut.mem_rdata.value = mem.words.get(addr, 0)
            dut.mem_ack.value = 1
        await RisingEdge(dut.clk)


async def walk(dut, vaddr, acc, priv, sum_, mxr, satp_ppn):
    dut.vaddr.value, dut.acc.value, dut.priv.value = vaddr, acc, priv
    dut.sum.value, dut.mxr.value, dut.satp_ppn.value = sum_, mxr, satp_ppn
    dut.start.value = 1
    await FallingEdge(dut.clk)
    dut.start.value = 0
    for cycles in range(1, 100):
        await RisingEdge(dut.clk)
        if dut.done.value:
            break
        await FallingEdge(dut.clk)
    else:
        raise AssertionError("the walk never finished")
    if dut.page_fault.value:
        result = sv32ref.Outcome("page")
    elif dut.access_fault.value:
        result = sv32ref.Outcome("access")
    else:
        assert dut.fill_vpn.value.integer == vaddr >> 12
        pte = dut.fill_pte_ppn.value.integer << 10 | dut.fill_flags.value.integer
        result = sv32ref.Outcome("ok", pte, bool(dut.fill_super.value))
    await FallingEdge(dut.clk)
    return result, cycles


async def reset(dut, mem, delays):
    cocotb.start_soon(Clock(dut.clk, 10, "ns").start())
    for name in ["start", "vaddr", "acc", "priv", "sum", "mxr", "satp_ppn", "mem_rdata", "mem_ack", "mem_err"]:
        getattr(dut, name).value = 0
    dut.rst.value = 1
    await FallingEdge(dut.clk)
    dut.rst.value = 0
    stats = {"accesses": 0}
    cocotb.start_soon(serve(dut, mem, delays, stats))
    return stats


@cocotb.test()
async def known_walks(dut):
    """Hand-made tables: a 4 KiB store walk that sets A and D, a superpage
    load that sets A, and their costs with memory that answers at once."""
    mem = Memory()
    stats = await reset(dut, mem, [0])
    root, table, page = RAM_BASE >> 12, (RAM_BASE >> 12) + 1, 0x80123
    vaddr = 0x12345678                       # vpn[1] = 0x48, vpn[0] = 0x345
    mem.words[(root << 12) + 0x48 * 4] = table << 10 | V
    mem.words[(table << 12) + 0x345 * 4] = page << 10 | R | W | V
    got, cycles = await walk(dut, vaddr, 2, 1, 0, 0, root)
    assert got.kind == "ok" and not got.superpage and got.pte == page << 10 | D | A | R | W | V
    assert mem.words[(table << 12) + 0x345 * 4] == page << 10 | D | A | R | W | V
    assert stats["accesses"] == 3
    dut._log.info(f"4 KiB walk with an A/D write-back: {cycles} cycles")
    got, cycles = await walk(dut, vaddr, 2, 1, 0, 0, root)      # A and D now set
    assert got.kind == "ok" and stats["accesses"] == 5
    dut._log.info(f"4 KiB walk: {cycles} cycles")
    mem.words[(root << 12) + 0x48 * 4] = 0x12C00 << 10 | X | R | A | V   # a superpage
    got, cycles = await walk(dut, vaddr, 0, 1, 0, 0, root)
    assert got.kind == "ok" and got.superpage and got.paddr(vaddr) == 0x12F45678
    dut._log.info(f"superpage walk: {cycles} cycles")


@cocotb.test()
async def random_page_tables(dut):
    rng = random.Random(2026)
    mem = Memory()
    stats = await reset(dut, mem, [0, 0, 1, 3])
    kinds = {}
    for table_set in range(25):
        mem.words.clear()
        mem.errors.clear()
        vpn1s = rng.sample(range(1024), 24)
        root = random_tables(rng, mem, vpn1s)
        satp_choices = [root] * 20 + [0x20000, 0x100000 | root, 0x2]   # outside memory, above 32 bits, ROM
        for _ in range(150):
            vpn1 = rng.choice(vpn1s) if rng.random() < 0.95 else rng.randrange(1024)
            vpn0 = rng.randrange(1024) if rng.random() < 0.3 else rng.randrange(8)
            vaddr = vpn1 << 22 | vpn0 << 12 | rng.randrange(4096)
            acc, priv = rng.randrange(3), rng.choice([0, 1])
            sum_, mxr, satp_ppn = rng.randrange(2), rng.randrange(2), rng.choice(satp_choices)
            expect_mem = mem.copy()
            expect = sv32ref.walk(expect_mem, satp_ppn, vaddr, acc, priv, sum_, mxr)
            got, cycles = await walk(dut, vaddr, acc, priv, sum_, mxr, satp_ppn)
            where = f"vaddr {vaddr:#x} acc {acc} priv {priv} sum {sum_} mxr {mxr} satp {satp_ppn:#x}"
            expect.pte &= ~0x300               # the fill carries no RSW bits
            assert (got.kind, got.pte, got.superpage) == (expect.kind, expect.pte, expect.superpage), \
                f"{where}: rtl {got}, reference {expect}"
            assert mem.words == expect_mem.words, f"{where}: memory differs after the A/D write-back"
            kinds[expect.kind] = kinds.get(expect.kind, 0) + 1
            if expect.kind == "ok" and expect.pte & A == 0:
                raise AssertionError("a fill without A")
    dut._log.info(f"walk outcomes {kinds}, {stats['accesses']} memory accesses")
    assert min(kinds.get(k, 0) for k in ("ok", "page", "access")) > 50
