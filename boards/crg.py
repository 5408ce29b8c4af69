"""Clocks for the ECP5 boards: the 25 MHz oscillator through a PLL gives
sys and a phase-shifted copy that clocks the SDRAM chip."""
from migen import ClockDomain, ClockSignal, Signal
from litex.gen import LiteXModule
from litex.build.io import DDROutput
from litex.soc.cores.clock import ECP5PLL


class CRG(LiteXModule):   # LiteXModule: attributes become submodules
    def __init__(self, platform, sys_clk_freq, reset, sdram_phase):
        self.rst = Signal()
        self.cd_sys = ClockDomain()
        self.cd_sys_ps = ClockDomain()
        self.pll = pll = ECP5PLL()
        self.comb += pll.reset.eq(reset | self.rst)
        pll.register_clkin(platform.request("clk25"), 25e6)
        pll.create_clkout(self.cd_sys, sys_clk_freq)
        pll.create_clkout(self.cd_sys_ps, sys_clk_freq, phase=sdram_phase)
        self.specials += DDROutput(1, 0, platform.request("sdram_clock"), ClockSignal("sys_ps"))
