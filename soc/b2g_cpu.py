"""LiteX wrapper for our core (gateware/cpu): two Wishbone masters, 32
interrupt lines and the CLINT's msip/mtip. Registered as cpu_type "b2g".
Variants: "standard" (Sv32 MMU) and "nommu" (no TLBs or walker: satp only
Bare, M/S/U kept; the core's MMU=0)."""
import glob
import os

from migen import ClockSignal, Instance, ResetSignal, Signal
from litex.soc.cores import cpu as litex_cpu
from litex.soc.cores.cpu import CPU, CPU_GCC_TRIPLE_RISCV32
from litex.soc.interconnect import wishbone

GATEWARE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "gateware")
CPU_DIR = os.path.join(GATEWARE, "cpu")
MMU_DIR = os.path.join(GATEWARE, "mmu")


def core_sources():
    """The core's Verilog: gateware/cpu and the MMU units it instantiates."""
    return sorted(glob.glob(os.path.join(CPU_DIR, "*.v")) + glob.glob(os.path.join(MMU_DIR, "*.v")))


class B2GCPU(CPU):
    category = "softcore"
    family = "riscv"
    name = "b2g"
    human_name = "bits2gpt RV32IMA"
    variants = ["standard", "nommu"]
    data_width = 32
    endianness = "little"
    gcc_triple = CPU_GCC_TRIPLE_RISCV32
    linker_output_format = "elf32-littleriscv"
    nop = "nop"
    io_regions = {0x8000_0000: 0x8000_0000}   # everything above 2 GiB is I/O
    gcc_flags = "-march=rv32ima -mabi=ilp32"
    interrupts = {}
    mem_map = {"rom": 0x0000_0000, "sram": 0x1000_0000, "main_ram": 0x4000_0000, "csr": 0xF000_0000}

    def __init__(self, platform, variant="standard", icache_lines=128, dcache_lines=128):
        self.main_ram_size = 64 * 1024 * 1024   # set_main_ram_size() before finalize
        self.platform = platform
        self.variant = variant
        self.reset = Signal()
        self.interrupt = Signal(32)
        self.msip = Signal()
        self.mtip = Signal()
        self.mtime = Signal(64)   # the CLINT's mtime, for the time CSR
        self.ibus = ibus = wishbone.Interface(data_width=32, address_width=32, addressing="word")
        self.dbus = dbus = wishbone.Interface(data_width=32, address_width=32, addressing="word")
        self.periph_buses = [ibus, dbus]
        self.memory_buses = []
        if variant not in self.variants:
            raise ValueError(f"b2g CPU variants: {', '.join(self.variants)}")
        self.cpu_params = dict(
            p_ICACHE_LINES=icache_lines, p_DCACHE_LINES=dcache_lines, p_MMU=int(variant != "nommu"),
            i_clk=ClockSignal("sys"), i_rst=ResetSignal("sys") | self.reset,
            o_ibus_adr=ibus.adr, o_ibus_cyc=ibus.cyc, o_ibus_stb=ibus.stb,
            i_ibus_dat_r=ibus.dat_r, i_ibus_ack=ibus.ack, i_ibus_err=ibus.err,
            o_dbus_adr=dbus.adr, o_dbus_dat_w=dbus.dat_w, o_dbus_sel=dbus.sel,
            o_dbus_we=dbus.we, o_dbus_cyc=dbus.cyc, o_dbus_stb=dbus.stb,
            i_dbus_dat_r=dbus.dat_r, i_dbus_ack=dbus.ack, i_dbus_err=dbus.err,
            i_irq_lines=self.interrupt, i_msip=self.msip, i_mtip=self.mtip, i_mtime=self.mtime,
        )
        self.comb += ibus.sel.eq(0b1111)
        for source in core_sources():
            platform.add_source(source)

    def set_reset_address(self, reset_address):
        if reset_address != 0:
            raise ValueError("the b2g core resets at 0x00000000 (docs/memory-map.md)")
        self.reset_address = reset_address

    def set_main_ram_size(self, size):
        """The core faults on main-RAM addresses beyond what is fitted."""
        self.main_ram_size = size

    def do_finalize(self):
        self.cpu_params.update(p_RAM_SIZE=self.main_ram_size)
        self.specials += Instance("b2g_core", **self.cpu_params)


litex_cpu.CPUS["b2g"] = B2GCPU
