"""The SPI-mode SD controller (gateware/sdcard/sdcard_spi.v) as an SoC
device: its registers fill CSR page 4, its interrupt is line 2."""
import os

from migen import ClockSignal, Instance, ResetSignal, Signal
from litex.gen import LiteXModule

from soc.csr_page import CSRPagePort

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "gateware", "sdcard", "sdcard_spi.v")


class SDCard(LiteXModule):
    """pads: a litex-boards "spisdcard" resource (clk, mosi, cs_n, miso)."""

    def __init__(self, platform, pads):
        self.port = CSRPagePort()
        self.irq = Signal()
        csr = self.port.csr
        platform.add_source(SOURCE)
        self.specials += Instance(
            "sdcard_spi", i_clk=ClockSignal("sys"), i_rst=ResetSignal("sys"),
            i_adr=csr.adr, i_we=csr.we, i_dat_w=csr.dat_w, o_dat_r=csr.dat_r,
            o_sck=pads.clk, o_mosi=pads.mosi, i_miso=pads.miso, o_cs_n=pads.cs_n, o_irq=self.irq)
