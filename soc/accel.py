"""The tensor accelerator (gateware/accel/accel.v) as an SoC device: its
registers fill CSR page 5, its DMA engine is a Wishbone master on the
shared bus, its interrupt is line 3. Programming model: docs/accel.md."""
import glob
import os

from migen import ClockSignal, Instance, ResetSignal, Signal
from litex.gen import LiteXModule
from litex.soc.interconnect import wishbone

from soc.csr_page import CSRPagePort

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = sorted(glob.glob(os.path.join(ROOT, "gateware", "accel", "*.v")))


class Accel(LiteXModule):
    def __init__(self, platform, lanes=4, spad_words=16384):
        self.port = CSRPagePort()
        self.dma = dma = wishbone.Interface(data_width=32, address_width=32, addressing="word")
        self.irq = Signal()
        csr = self.port.csr
        for source in SOURCES:
            platform.add_source(source)
        self.specials += Instance(
            "accel", p_LANES=lanes, p_SPAD_WORDS=spad_words,
            i_clk=ClockSignal("sys"), i_rst=ResetSignal("sys"),
            i_csr_adr=csr.adr[:6], i_csr_we=csr.we, i_csr_dat_w=csr.dat_w, o_csr_dat_r=csr.dat_r,
            o_irq=self.irq,
            o_wb_adr=dma.adr, o_wb_dat_w=dma.dat_w, i_wb_dat_r=dma.dat_r, o_wb_sel=dma.sel,
            o_wb_cyc=dma.cyc, o_wb_stb=dma.stb, o_wb_we=dma.we, i_wb_ack=dma.ack, i_wb_err=dma.err)
