"""Board targets: our SoC on LiteX platform definitions from litex-boards,
with a PLL (boards/crg.py) and the board's SDRAM as main RAM through
LiteDRAM. The boot ROM comes from software/boot."""
from litedram.modules import M12L64322A, MT48LC16M16
from litedram.phy import GENSDRPHY
from litex_boards.platforms import colorlight_i5 as colorlight_i5_platform
from litex_boards.platforms import radiona_ulx3s as ulx3s_platform

from boards.crg import CRG

from software.boot import build as boot_build
from soc.soc import SRAM_BASE, SRAM_SIZE, B2GSoC


class BoardSoC(B2GSoC):
    """B2GSoC plus block-RAM SRAM and SDRAM main RAM."""

    def __init__(self, platform, crg, clk_freq, sdram_pads, sdram_module, **soc_options):
        self.crg = crg
        _, rom = boot_build.build()
        B2GSoC.__init__(self, platform, clk_freq, rom_init=rom, **soc_options)
        self.add_ram("sram", origin=SRAM_BASE, size=SRAM_SIZE)
        self.sdrphy = GENSDRPHY(sdram_pads, clk_freq)
        module = sdram_module(clk_freq, "1:1")
        self.add_sdram("sdram", phy=self.sdrphy, module=module, l2_cache_size=2048)
        # 32 MiB on the ULX3S, 8 MiB on the i5: beyond it the core raises access faults
        self.cpu.set_main_ram_size(self.bus.regions["main_ram"].size)


def ulx3s(clk_freq=25e6, cpu_variant="standard"):
    platform = ulx3s_platform.Platform(device="LFE5U-85F", revision="2.0", toolchain="trellis")
    crg = CRG(platform, clk_freq, reset=platform.request("rst"), sdram_phase=90)
    platform.add_period_constraint(platform.lookup_request("clk25"), 1e9 / 25e6)
    return BoardSoC(platform, crg, int(clk_freq), platform.request("sdram"), MT48LC16M16,
                    cpu_variant=cpu_variant)


def colorlight_i5(clk_freq=25e6, cpu_variant="standard"):
    platform = colorlight_i5_platform.Platform(board="i5", revision="7.0", toolchain="trellis")
    # The i5 has no card slot: the SD card sits on litex-boards' SD PMOD.
    platform.add_extension(colorlight_i5_platform._sdcard_pmod_io)
    crg = CRG(platform, clk_freq, reset=~platform.request("cpu_reset_n"), sdram_phase=180)
    platform.add_period_constraint(platform.lookup_request("clk25"), 1e9 / 25e6)
    # Its 25F (24K LUT4, 56 DP16KD) holds the CPU but not the accelerator
    # (about 16K LUT4 and 64 DP16KD): ml runs on the CPU there.
    return BoardSoC(platform, crg, int(clk_freq), platform.request("sdram"), M12L64322A,
                    accel_lanes=0, cpu_variant=cpu_variant)


BOARDS = {"ulx3s": ulx3s, "colorlight_i5": colorlight_i5}
