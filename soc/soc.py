"""The bits2gpt SoC: our core, ROM, SRAM, main RAM, UART, timer0, simctrl,
the SD controller, the accelerator and CLINT on LiteX's Wishbone bus, at the
addresses of docs/memory-map.md.

Memories are left to the caller (the Verilator model and each board attach
their own); this class pins everything software depends on."""
from litex.build.generic_platform import ConstraintError
from litex.soc.integration.soc import SoCRegion
from litex.soc.integration.soc_core import SoCCore

from soc import b2g_cpu  # noqa: F401  (registers cpu_type "b2g")
from soc.accel import Accel
from soc.clint import CLINT
from soc.csr_page import route_csr_pages
from soc.sdcard import SDCard
from soc.simctrl import SimCtrl

ROM_BASE, ROM_SIZE = 0x0000_0000, 32 * 1024
SRAM_BASE, SRAM_SIZE = 0x1000_0000, 8 * 1024
MAIN_RAM_BASE = 0x4000_0000
CSR_BASE = 0xF000_0000
CLINT_BASE = 0xF001_0000


class B2GSoC(SoCCore):
    csr_map = {"ctrl": 0, "uart": 1, "timer0": 2, "simctrl": 3, "sdcard": 4, "accel": 5}
    interrupt_map = {"uart": 0, "timer0": 1, "sdcard": 2, "accel": 3}
    mem_map = {"rom": ROM_BASE, "sram": SRAM_BASE, "main_ram": MAIN_RAM_BASE, "csr": CSR_BASE}

    def __init__(self, platform, clk_freq, uart_name="serial", rom_init=None,
                 accel_lanes=4, accel_spad_words=16384, **kwargs):
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
        self.comb += [self.cpu.msip.eq(self.clint.msip), self.cpu.mtip.eq(self.clint.mtip),
                      self.cpu.mtime.eq(self.clint.mtime)]
        # The Verilog devices own whole CSR pages and drive their interrupt
        # lines directly (the names in interrupt_map only reserve the lines).
        self.csr_page_ports = {}
        pads = self._sdcard_pads(platform)
        if pads is not None:
            self.sdcard_spi = SDCard(platform, pads)
            self.csr_page_ports[self.csr_map["sdcard"]] = self.sdcard_spi.port
            self.comb += self.cpu.interrupt[self.interrupt_map["sdcard"]].eq(self.sdcard_spi.irq)
        if accel_lanes:
            self.accel_unit = Accel(platform, accel_lanes, accel_spad_words)
            self.csr_page_ports[self.csr_map["accel"]] = self.accel_unit.port
            self.bus.add_master("accel", self.accel_unit.dma)
            self.comb += self.cpu.interrupt[self.interrupt_map["accel"]].eq(self.accel_unit.irq)

    def add_csr_bridge(self, *args, **kwargs):
        """LiteX adds its CSR bridge while finalizing; the pages of the
        Verilog devices are split off right behind it."""
        SoCCore.add_csr_bridge(self, *args, **kwargs)
        route_csr_pages(self, self.csr_page_ports)

    @staticmethod
    def _sdcard_pads(platform):
        """The card slot in SPI mode, if the platform has one ("spisdcard")."""
        try:
            return platform.request("spisdcard")
        except ConstraintError:
            return None
