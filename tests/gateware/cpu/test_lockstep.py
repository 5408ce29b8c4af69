"""Random programs run on the core (Verilator SoC) and on the emulator, the
golden model: their retired-instruction traces must be identical."""
import subprocess

import pytest

from tests.gateware.cpu import randprog, simtools

# (seed, main-RAM wait cycles): slow memory stretches every bus stall.
CASES = [(seed, 0) for seed in range(10)] + [(seed, 7) for seed in range(10, 14)]


@pytest.fixture(scope="module")
def emulator():
    return simtools.build_emu()


@pytest.mark.parametrize("seed,latency", CASES)
def test_random_program_matches_emulator(seed, latency, tmp_path, emulator):
    source = tmp_path / "random.S"
    source.write_text(randprog.generate(seed))
    elf = simtools.assemble(source, tmp_path / "random.elf")
    emu_trace, rtl_trace = tmp_path / "emu.trace", tmp_path / "rtl.trace"
    emu = subprocess.run([emulator, "--trace-file", str(emu_trace), str(elf)], capture_output=True)
    assert emu.returncode == 0
    rtl = simtools.run_sim(elf, "--trace", str(rtl_trace), "--ram-latency", str(latency))
    assert rtl.returncode == 0, rtl.stderr
    difference = simtools.first_difference(emu_trace.read_text().splitlines(),
                                           rtl_trace.read_text().splitlines())
    assert difference is None, difference
