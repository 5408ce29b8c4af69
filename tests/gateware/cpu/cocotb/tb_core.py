"""The whole core on Icarus with Python Wishbone memories: a program (ELF
named by $B2G_PROGRAM, boot stub included) runs until it writes
simctrl.exit; UART bytes are collected. Expected exit status and UART text
come from $B2G_EXPECT_STATUS and $B2G_EXPECT_UART."""
import os

import cocotb
from cocotb.clock import Clock
from cocotb.triggers import FallingEdge

from sim import elf_load

UART_RXTX, UART_TXFULL, SIMCTRL_EXIT = 0xF0000800, 0xF0000804, 0xF0001800
BASES = {"rom": 0x0000_0000, "sram": 0x1000_0000, "main_ram": 0x4000_0000}


class Machine:
    def __init__(self, elf_path):
        with open(elf_path, "rb") as f:
            images = elf_load.memory_images(f.read(), 64 << 20)
        self.words = {}
        for name, words in images.items():
            for index, word in words.items():
                self.words[BASES[name] // 4 + index] = word
        self.uart = bytearray()
        self.exit = None

    def read(self, word_addr):
        if word_addr * 4 == UART_TXFULL:
            return 0
        return self.words.get(word_addr, 0)

    def write(self, word_addr, data, sel):
        addr = word_addr * 4
        if addr == UART_RXTX:
            self.uart.append(data & 0xFF)
        elif addr == SIMCTRL_EXIT:
            self.exit = data & 0xFF
        else:
            old = self.words.get(word_addr, 0)
            mask = sum(0xFF << (8 * i) for i in range(4) if sel >> i & 1)
            self.words[word_addr] = (old & ~mask) | (data & mask)


async def serve(dut, bus, machine, writable):
    """A Wishbone slave answering one cycle after a request."""
    ack = getattr(dut, f"{bus}_ack")
    dat_r = getattr(dut, f"{bus}_dat_r")
    while True:
        await FallingEdge(dut.clk)
        if ack.value:
            ack.value = 0
            continue
        if getattr(dut, f"{bus}_cyc").value and getattr(dut, f"{bus}_stb").value:
            adr = getattr(dut, f"{bus}_adr").value.integer
            if writable and dut.dbus_we.value:
                machine.write(adr, dut.dbus_dat_w.value.integer, dut.dbus_sel.value.integer)
            else:
                dat_r.value = machine.read(adr)
            ack.value = 1


@cocotb.test()
async def program_runs_to_exit(dut):
    machine = Machine(os.environ["B2G_PROGRAM"])
    cocotb.start_soon(Clock(dut.clk, 10, "ns").start())
    for name in ["ibus_ack", "ibus_err", "dbus_ack", "dbus_err", "irq_lines", "msip", "mtip"]:
        getattr(dut, name).value = 0
    dut.ibus_dat_r.value = 0
    dut.dbus_dat_r.value = 0
    dut.rst.value = 1
    for _ in range(3):
        await FallingEdge(dut.clk)
    dut.rst.value = 0
    cocotb.start_soon(serve(dut, "ibus", machine, writable=False))
    cocotb.start_soon(serve(dut, "dbus", machine, writable=True))
    for _ in range(20_000):
        await FallingEdge(dut.clk)
        if machine.exit is not None:
            break
    assert machine.exit == int(os.environ["B2G_EXPECT_STATUS"]), f"exit status {machine.exit}"
    assert machine.uart.decode() == os.environ.get("B2G_EXPECT_UART", "")
