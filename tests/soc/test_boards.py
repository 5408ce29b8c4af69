"""Board targets: the SoC elaborates for each board (fast, in make test);
the full yosys/nextpnr/ecppack bitstream build writes a report with LUT4,
FF, DSP, block RAM and Fmax (long: make test-long)."""
import os
import re
import subprocess
import sys

import pytest

from tests.gateware.cpu import simtools

BOARDS = ["ulx3s", "colorlight_i5"]
HAS_ACCEL = {"ulx3s": True, "colorlight_i5": False}      # the i5's 25F is too small for it
BLOCK_RAMS = {"ulx3s": 208, "colorlight_i5": 56}          # DP16KD on the board's ECP5


def build(board, build_dir, *options):
    return subprocess.run([sys.executable, "-m", "boards.build", board, "--build-dir", str(build_dir),
                           *options], cwd=simtools.ROOT, capture_output=True, text=True, timeout=3600)


@pytest.mark.parametrize("board", BOARDS)
def test_board_soc_elaborates(board, tmp_path):
    result = build(board, tmp_path, "--no-compile")
    assert result.returncode == 0, result.stderr[-3000:]
    verilog = (tmp_path / "gateware" / f"{board}.v").read_text()
    assert "b2g_core" in verilog and "EHXPLLL" in verilog
    assert ("accel " in verilog) == HAS_ACCEL[board]          # the accelerator and its DMA
    rom = (tmp_path / "gateware" / f"{board}_rom.init").read_text().split()
    assert rom[0] != "00000000"          # the boot ROM is in it


def test_ulx3s_without_mmu_elaborates(tmp_path):
    """--no-mmu (CPU variant "nommu") builds the core with MMU=0."""
    result = build("ulx3s", tmp_path, "--no-compile", "--no-mmu")
    assert result.returncode == 0, result.stderr[-3000:]
    verilog = (tmp_path / "gateware" / "ulx3s.v").read_text()
    assert re.search(r"\.MMU\s*\(1'd0\)", verilog)
    assert build("ulx3s", tmp_path / "mmu", "--no-compile").returncode == 0
    assert re.search(r"\.MMU\s*\(1'd1\)", (tmp_path / "mmu" / "gateware" / "ulx3s.v").read_text())


def test_ulx3s_sd_slot_pins(tmp_path):
    """The SD controller sits on the ULX3S card slot (litex-boards' "spisdcard"
    pins of board revision 2.0)."""
    assert build("ulx3s", tmp_path, "--no-compile").returncode == 0
    pins = {}
    for line in (tmp_path / "gateware" / "ulx3s.lpf").read_text().splitlines():
        m = re.match(r'LOCATE COMP "(spisdcard_\w+)" SITE "(\w+)";', line)
        if m:
            pins[m.group(1)] = m.group(2)
    assert pins == {"spisdcard_clk": "H2", "spisdcard_mosi": "J1", "spisdcard_cs_n": "K2",
                    "spisdcard_miso": "J3"}
    assert "sdcard_spi" in (tmp_path / "gateware" / "ulx3s.v").read_text()


def test_colorlight_i5_sd_pmod_pins(tmp_path):
    """The i5 has no card slot of its own: the SD controller goes on the pins
    of litex-boards' SD card PMOD extension."""
    assert build("colorlight_i5", tmp_path, "--no-compile").returncode == 0
    assert "sdcard_spi" in (tmp_path / "gateware" / "colorlight_i5.v").read_text()
    assert 'LOCATE COMP "spisdcard_clk" SITE' in (tmp_path / "gateware" / "colorlight_i5.lpf").read_text()


@pytest.mark.long
@pytest.mark.parametrize("board", BOARDS)
def test_bitstream_builds_with_report(board):
    build_dir = os.path.join(simtools.ROOT, "build", board)
    result = build(board, build_dir)
    assert result.returncode == 0, result.stderr[-3000:]
    assert os.path.getsize(os.path.join(build_dir, "gateware", f"{board}.bit")) > 100_000
    report = open(os.path.join(build_dir, "report.txt")).read()
    print(report)
    luts = int(re.search(r"LUT4 \(yosys\): (\d+)", report).group(1))
    assert luts > 2000                   # the SoC is in there
    assert re.search(r"Fmax .*: [\d.]+ MHz", report)
    brams = int(re.search(r"block RAM \(DP16KD\): (\d+) / (\d+)", report).group(1))
    assert brams <= BLOCK_RAMS[board]
