"""The bits2gpt SoC: our core, ROM, SRAM, main RAM, UART, timer0, simctrl and
CLINT on LiteX's Wishbone bus, at the addresses of docs/memory-map.md.

Memories are left to the caller (the Verilator model and each board attach
their own); this class pins everything software depends on."""
from litex.soc.integration.soc import SoCRegion
from litex.soc.integration.soc_core import SoCCore

from soc import b2g_cpu  # noqa: F401  (registers cpu_type "b2g")
from soc.clint import CLINT
from soc.simctrl import SimCtrl

ROM_BASE, ROM_SIZE = 0x0000_0000, 32 * 1024
SRAM_BASE, SRAM_SIZE = 0x1000_0000, 8 * 1024
MAIN_RAM_BASE = 0x4000_0000
CSR_BASE = 0xF000_0000
CLINT_BASE = 0xF001_0000


class B2GSoC(SoCCore):
    csr_map = {"ctrl": 0, "uart": 1, "timer0": 2, "simctrl": 3, "sdcard": 4, "accel": 5}
    interrupt_map = {"uart": 0, "timer0": 1}
    mem_map = {"rom": ROM_BASE, "sram": SRAM_BASE, "main_ram": MAIN_RAM_BASE, "csr": CSR_BASE}

    def __init__(self, platform, clk_freq, uart_name="serial", rom_init=None, **kwargs):
        SoCCore.__init__(
            self, platform, clk_freq, cpu_type="b2g", cpu_reset_address=ROM_BASE,
            integrated_rom_size=ROM_SIZE if rom_init is not None else 0,
            integrated_rom_init=rom_init or [],
            integrated_sram_size=0, uart_name=uart_name,
            csr_address_width=14, csr_paging=0x800, **kwargs)
        self.simctrl = SimCtrl(clk_freq)
        self.clint = CLINT()
        self.bus.add_slave("clint", self.clint.bus,
                           SoCRegion(origin=CLINT_BASE, size=0x1_0000, cached=False))
        self.comb += [self.cpu.msip.eq(self.clint.msip), self.cpu.mtip.eq(self.clint.mtip)]
