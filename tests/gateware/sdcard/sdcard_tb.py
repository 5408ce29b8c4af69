"""cocotb tests of gateware/sdcard/sdcard_spi.v against the C SD card model (sim/sdcard),
loaded with ctypes and driven bit by bit from the SPI pins."""
import ctypes
import os

import cocotb
from cocotb.triggers import Edge, First, RisingEdge, Timer

# Register word offsets and operations (docs/sd-image.md).
CTRL, CMD, ARG, R1, RESP, CLKDIV, TIMEOUT, CS = range(8)
BUFFER = 0x80
OP_CLOCKS, OP_CMD, OP_READ, OP_WRITE, OP_WRITE_MULTI, OP_STOP = range(1, 7)
BUSY, TIMED_OUT, CRC_ERROR, DATA_ERROR = 1, 2, 4, 8
LONG, R1B = 1 << 8, 1 << 9
OK, SILENT, STUCK_IDLE, DATA_ERRORS = 0, 1, 2, 4


class Card:
    """The C model behind the SPI pins: sdcard_miso when a byte starts, sdcard_mosi when it ends."""

    def __init__(self, dut, faults=OK):
        self.lib = ctypes.CDLL(os.environ["SDCARD_LIB"])
        self.lib.sdcard_open.restype = ctypes.c_void_p
        for name in ("sdcard_close", "sdcard_select", "sdcard_miso", "sdcard_mosi", "sdcard_blocks"):
            getattr(self.lib, name).argtypes = [ctypes.c_void_p] + ([ctypes.c_int] if name in ("sdcard_select", "sdcard_mosi") else [])
        self.card = self.lib.sdcard_open(os.environ["SDCARD_IMAGE"].encode(), faults)
        assert self.card
        self.blocks = self.lib.sdcard_blocks(self.card)
        self.dut = dut
        self.flip_after = None          # corrupt one MISO byte, counted from when this is set
        self.sck_edges = 0
        self.task = cocotb.start_soon(self.run())

    def next_out(self):
        out = self.lib.sdcard_miso(self.card)
        if self.flip_after is not None:
            self.flip_after -= 1
            if self.flip_after == 0:
                out ^= 0x10
        return out

    async def run(self):
        dut, selected, bits, inb, out = self.dut, False, 0, 0, 0xFF
        dut.miso.value = 1
        while True:
            await First(RisingEdge(dut.sck), Edge(dut.cs_n))
            if bool(dut.cs_n.value) == selected:        # CS changed
                selected = not selected
                self.lib.sdcard_select(self.card, int(selected))
                bits, inb = 0, 0
                out = self.next_out() if selected else 0xFF
                dut.miso.value = out >> 7 & 1
                continue
            if not dut.sck.value:
                continue
            self.sck_edges += 1
            if not selected:
                continue
            inb = (inb << 1 | int(dut.mosi.value)) & 0xFF
            bits += 1
            if bits == 8:
                self.lib.sdcard_mosi(self.card, inb)
                bits, out = 0, self.next_out()
            dut.miso.value = out >> (7 - bits) & 1

    def close(self):
        self.task.kill()
        self.lib.sdcard_close(self.card)


class Controller:
    """The register-level driver software would run."""

    def __init__(self, dut):
        self.dut = dut

    async def write(self, adr, value):
        self.dut.adr.value, self.dut.dat_w.value, self.dut.we.value = adr, value, 1
        await RisingEdge(self.dut.dut.clk)
        self.dut.we.value = 0

    async def read(self, adr):
        self.dut.adr.value, self.dut.we.value = adr, 0
        await RisingEdge(self.dut.dut.clk)
        await RisingEdge(self.dut.dut.clk)
        return int(self.dut.dat_r.value)

    async def op(self, op, limit=5_000_000):
        """Starts an operation and waits for it to end; a bounded wait, so a hang fails the test."""
        await self.write(CTRL, op)
        for _ in range(limit // 32):
            await Timer(300, "ns")
            status = await self.read(CTRL)
            if not status & BUSY:
                return status
        raise AssertionError("controller still busy")

    async def cmd(self, index, arg=0, flags=0):
        await self.write(CMD, index | flags)
        await self.write(ARG, arg)
        status = await self.op(OP_CMD)
        return status, await self.read(R1)

    async def init(self, fast_div=0):
        """CMD0, CMD8, CMD59 (CRC on), ACMD41 until ready, CMD58, then the fast clock."""
        await self.write(CLKDIV, 4)     # "400 kHz": slow, as the spec wants during init
        await self.write(CS, 1)
        assert await self.op(OP_CLOCKS) == 0
        assert await self.cmd(0) == (0, 0x01)
        assert await self.cmd(8, 0x1AA, LONG) == (0, 0x01)
        assert await self.read(RESP) == 0x1AA
        assert await self.cmd(59, 1) == (0, 0x01)
        for _ in range(10):
            await self.cmd(55)
            if (await self.cmd(41, 1 << 30))[1] == 0:
                break
        else:
            return False
        assert await self.cmd(58, 0, LONG) == (0, 0)
        assert await self.read(RESP) >> 30 == 0b11          # powered up, block addressed
        await self.write(CLKDIV, fast_div)
        return True

    async def fill(self, data):
        for i in range(0, 512, 4):
            await self.write(BUFFER + i // 4, int.from_bytes(data[i:i + 4], "little"))

    async def buffer(self):
        words = [await self.read(BUFFER + i) for i in range(128)]
        return b"".join(w.to_bytes(4, "little") for w in words)


async def setup(dut, faults=OK):
    dut.rst.value, dut.we.value, dut.adr.value = 1, 0, 0
    await Timer(20, "ns")
    await RisingEdge(dut.dut.clk)
    dut.rst.value = 0
    return Card(dut, faults), Controller(dut)


def image_block(n):
    with open(os.environ["SDCARD_IMAGE"], "rb") as f:
        f.seek(n * 512)
        return f.read(512)


def pattern(seed):
    return bytes((i * seed + 7) & 0xFF for i in range(512))


@cocotb.test()
async def single_blocks(dut):
    card, sd = await setup(dut)
    assert await sd.init()
    for n in (0, 1, card.blocks - 1):
        assert await sd.cmd(17, n) == (0, 0)
        edges = card.sck_edges
        assert await sd.op(OP_READ) == 0
        dut._log.info("read block %d: %d SPI clocks", n, card.sck_edges - edges)
        assert await sd.buffer() == image_block(n)
    await sd.fill(pattern(3))
    assert await sd.cmd(24, 20) == (0, 0)
    assert await sd.op(OP_WRITE) == 0
    assert await sd.read(R1) & 0x1F == 0x05
    assert image_block(20) == pattern(3)
    assert await sd.cmd(17, card.blocks) == (0, 0x40)       # out of range
    card.close()


@cocotb.test()
async def multi_blocks(dut):
    card, sd = await setup(dut)
    assert await sd.init()
    assert await sd.cmd(18, 100) == (0, 0)
    for i in range(4):
        assert await sd.op(OP_READ) == 0
        assert await sd.buffer() == image_block(100 + i)
    assert await sd.cmd(12, 0, R1B) == (0, 0)
    assert await sd.cmd(25, 200) == (0, 0)
    for i in range(3):
        await sd.fill(pattern(i + 5))
        assert await sd.op(OP_WRITE_MULTI) == 0
    assert await sd.op(OP_STOP) == 0
    for i in range(3):
        assert image_block(200 + i) == pattern(i + 5)
    assert await sd.cmd(13) == (0, 0x04)                    # still answering (CMD13 unknown here)
    card.close()


@cocotb.test()
async def data_crc_error_is_reported(dut):
    card, sd = await setup(dut)
    assert await sd.init(fast_div=1)
    assert await sd.cmd(17, 5) == (0, 0)
    card.flip_after = 40                                    # a data byte, after the token
    assert await sd.op(OP_READ) == CRC_ERROR
    card.close()


@cocotb.test()
async def silent_card_times_out(dut):
    card, sd = await setup(dut, SILENT)
    await sd.write(CS, 1)
    await sd.write(CLKDIV, 0)
    await sd.write(TIMEOUT, 2000)
    assert await sd.op(OP_CLOCKS) == 0
    assert await sd.cmd(0) == (TIMED_OUT, 0xFF)
    assert await sd.op(OP_READ) == TIMED_OUT
    assert await sd.cmd(12, 0, R1B) == (TIMED_OUT, 0xFF)
    card.close()


@cocotb.test()
async def card_errors_are_reported(dut):
    card, sd = await setup(dut, DATA_ERRORS)
    assert await sd.init()
    assert await sd.cmd(17, 3) == (0, 0)
    assert await sd.op(OP_READ) == DATA_ERROR
    assert await sd.read(R1) == 0x01                        # the card's error token
    assert await sd.cmd(24, 3) == (0, 0)
    assert await sd.op(OP_WRITE) == DATA_ERROR
    assert await sd.read(R1) & 0x1F == 0x0D                 # write error
    card.close()
    card, sd = Card(dut, STUCK_IDLE), sd
    assert not await sd.init()                              # never ready: the driver gives up
    assert await sd.cmd(17, 0) == (0, 0x05)                 # idle + illegal command
    card.close()
