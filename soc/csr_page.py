"""Devices written in Verilog that decode their own CSR page.

LiteX builds its CSR pages from Migen CSR objects; the SD controller and the
accelerator are Verilog modules with their own register files (docs/
sd-image.md, docs/accel.md), so they get a whole 2 KiB page each instead: a
Wishbone decoder in front of LiteX's CSR bridge sends their pages to a
bridge of their own, and every other page to LiteX's."""
from functools import reduce
from operator import and_

from litex.gen import LiteXModule
from litex.soc.interconnect import csr_bus, wishbone

PAGE_WORDS = 0x800 // 4     # the SoC's csr_paging, in 32-bit words
PAGE_BITS = 5               # 64 KiB of CSR space = 32 pages


class CSRPagePort(LiteXModule):
    """A LiteX CSR-bus style port for one page (word address, write strobe,
    read data one cycle after the address), driven by its own bridge."""

    def __init__(self):
        self.wishbone = wishbone.Interface(data_width=32, address_width=32, addressing="word")
        self.csr = csr_bus.Interface(data_width=32, address_width=9)
        self.bridge = wishbone.Wishbone2CSR(self.wishbone, self.csr)


def _page(word_adr):
    low = PAGE_WORDS.bit_length() - 1
    return word_adr[low:low + PAGE_BITS]


def route_csr_pages(soc, ports):
    """Puts a decoder in front of the SoC's CSR region: page n goes to
    ports[n], the other pages to LiteX's CSR bridge. Call before finalize."""
    if not ports:
        return
    litex_bridge = soc.bus.slaves["csr"]
    front = wishbone.Interface(data_width=32, address_width=litex_bridge.address_width,
                               addressing=litex_bridge.addressing)
    slaves = [(lambda adr, n=n: _page(adr) == n, port.wishbone) for n, port in ports.items()]
    slaves.append((lambda adr: reduce(and_, [_page(adr) != n for n in ports]), litex_bridge))
    soc.csr_pages = wishbone.Decoder(front, slaves)
    soc.bus.slaves["csr"] = front
