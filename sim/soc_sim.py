"""Generates the Verilog of the SoC for the Verilator model: B2GSoC with the
UART as a byte stream and memories that load their contents at start-up
(sim/rtl/b2g_sim_mem.v), and the SD card slot as four pins.
Usage: python -m sim.soc_sim OUT_DIR [--no-accel] [--no-mmu]"""
import os
import sys

from migen import ClockSignal, Instance, Module
from litex.build.generic_platform import GenericPlatform, Pins, Subsignal
from litex.build.io import CRG
from litex.soc.integration.soc import SoCRegion
from litex.soc.interconnect import wishbone

from soc.soc import B2GSoC, MAIN_RAM_BASE, ROM_BASE, ROM_SIZE, SRAM_BASE, SRAM_SIZE

SIM_DIR = os.path.dirname(os.path.abspath(__file__))
MAIN_RAM_SIZE = 64 * 1024 * 1024   # the most; +main_ram_size fits less at run time
CLK_FREQ = 100_000_000   # what simctrl.cpu_hz reports: mtime counts cycles

_io = [
    ("sys_clk", 0, Pins(1)),
    ("sys_rst", 0, Pins(1)),
    ("serial", 0,
        Subsignal("source_valid", Pins(1)), Subsignal("source_ready", Pins(1)),
        Subsignal("source_data", Pins(8)),
        Subsignal("sink_valid", Pins(1)), Subsignal("sink_ready", Pins(1)),
        Subsignal("sink_data", Pins(8))),
    ("simctrl", 0, Subsignal("exit_valid", Pins(1)), Subsignal("exit_code", Pins(8))),
    # The SD card slot: the harness puts the card model (sim/sdcard) on it.
    ("spisdcard", 0, Subsignal("clk", Pins(1)), Subsignal("mosi", Pins(1)),
        Subsignal("cs_n", Pins(1)), Subsignal("miso", Pins(1))),
]


class SimMemory(Module):
    def __init__(self, size, plusarg):
        self.bus = bus = wishbone.Interface(data_width=32, address_width=32, addressing="word")
        self.specials += Instance(
            "b2g_sim_mem", p_ADDR_BITS=(size // 4).bit_length() - 1, p_PLUSARG=plusarg + "=%s",
            p_LATENCY_PLUSARG=plusarg + "_latency=%d", p_SIZE_PLUSARG=plusarg + "_size=%d",
            i_clk=ClockSignal("sys"), i_adr=bus.adr, i_dat_w=bus.dat_w, o_dat_r=bus.dat_r,
            i_sel=bus.sel, i_cyc=bus.cyc, i_stb=bus.stb, i_we=bus.we, o_ack=bus.ack, o_err=bus.err)


class SimSoC(B2GSoC):
    def __init__(self, platform, accel=True, mmu=True):
        self.crg = CRG(platform.request("sys_clk"), platform.request("sys_rst"))
        B2GSoC.__init__(self, platform, CLK_FREQ, uart_name="sim", accel_lanes=4 if accel else 0,
                        cpu_variant="standard" if mmu else "nommu")
        for name, base, size in [("rom", ROM_BASE, ROM_SIZE), ("sram", SRAM_BASE, SRAM_SIZE),
                                 ("main_ram", MAIN_RAM_BASE, MAIN_RAM_SIZE)]:
            memory = SimMemory(size, name)
            setattr(self, name + "_mem", memory)
            self.bus.add_slave(name, memory.bus, SoCRegion(origin=base, size=size, cached=True))
        self.cpu.set_main_ram_size(MAIN_RAM_SIZE)
        pads = platform.request("simctrl")
        self.comb += [pads.exit_valid.eq(self.simctrl.exit_valid),
                      pads.exit_code.eq(self.simctrl.exit_code)]


def generate(out_dir, accel=True, mmu=True):
    platform = GenericPlatform("sim", _io)
    platform.add_source(os.path.join(SIM_DIR, "rtl", "b2g_sim_mem.v"))
    soc = SimSoC(platform, accel, mmu)
    soc.finalize()
    os.makedirs(out_dir, exist_ok=True)
    platform.get_verilog(soc, name="b2g_sim").write(os.path.join(out_dir, "b2g_sim.v"))
    return [os.path.join(out_dir, "b2g_sim.v")] + [s[0] for s in platform.sources]


if __name__ == "__main__":
    for path in generate(sys.argv[1], accel="--no-accel" not in sys.argv, mmu="--no-mmu" not in sys.argv):
        print(path)
