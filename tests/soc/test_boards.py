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


def build(board, build_dir, *options):
    return subprocess.run([sys.executable, "-m", "boards.build", board, "--build-dir", str(build_dir),
                           *options], cwd=simtools.ROOT, capture_output=True, text=True, timeout=3600)


@pytest.mark.parametrize("board", BOARDS)
def test_board_soc_elaborates(board, tmp_path):
    result = build(board, tmp_path, "--no-compile")
    assert result.returncode == 0, result.stderr[-3000:]
    verilog = (tmp_path / "gateware" / f"{board}.v").read_text()
    assert "b2g_core" in verilog and "EHXPLLL" in verilog
    rom = (tmp_path / "gateware" / f"{board}_rom.init").read_text().split()
    assert rom[0] != "00000000"          # the boot ROM is in it


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
    assert brams <= 56                   # fits the Colorlight i5 too
