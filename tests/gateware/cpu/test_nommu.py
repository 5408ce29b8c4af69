"""The core built without the MMU (b2g_core MMU=0, CPU variant "nommu"): no
TLBs or walker, satp WARL with only Bare, M/S/U kept. On its own Verilator
SoC model (sim.run --no-mmu): the self-check programs that never
turn translation on, one of its own for satp, and lockstep runs against
the emulator. The emulator has no switch for this: it always has Sv32, so
lockstep uses randprog only (M mode, never writes satp); randpriv maps
pages and is left to the MMU core."""
import glob
import os
import subprocess

import pytest

from tests.gateware.cpu import randprog, simtools

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(simtools.ROOT, "tests", "programs")
# (program, expected exit status): 0 passes. modes.S checks 1-47 pass and
# check 48 reads back an Sv32 satp, which this core does not keep.
PROGRAMS = [(p, 0) for p in sorted(glob.glob(os.path.join(SHARED, "rv32", "*.S")))]
PROGRAMS += [(os.path.join(SHARED, "priv", name), 0) for name in ["amo.S", "sirq.S"]]
PROGRAMS += [(os.path.join(SHARED, "priv", "modes.S"), 48)]
PROGRAMS += [(p, 0) for p in sorted(glob.glob(os.path.join(HERE, "programs", "*.S")))]
PROGRAMS += [(os.path.join(HERE, "programs", "nommu", "satp_bare.S"), 0)]


@pytest.fixture(scope="module")
def model():
    from sim import model as sim_model
    return sim_model.build(accel=False, mmu=False)


@pytest.mark.parametrize("source,status", PROGRAMS, ids=lambda v: os.path.basename(str(v)))
def test_self_check_on_nommu_core(source, status, tmp_path, model):
    elf = simtools.assemble(source, tmp_path / "program.elf")
    result = simtools.run_sim(elf, "--no-mmu")
    assert result.returncode == status, f"exit {result.returncode}\n{result.stderr}"


@pytest.mark.parametrize("seed,latency", [(100, 0), (101, 0), (102, 7)])
def test_nommu_lockstep(seed, latency, tmp_path, model):
    source = tmp_path / "random.S"
    source.write_text(randprog.generate(seed))
    elf = simtools.assemble(source, tmp_path / "random.elf")
    emu_trace, rtl_trace = tmp_path / "emu.trace", tmp_path / "rtl.trace"
    emu = subprocess.run([simtools.build_emu(), "--max-insns", "2000000", "--trace-file", str(emu_trace),
                          str(elf)], capture_output=True)
    assert emu.returncode == 0
    rtl = simtools.run_sim(elf, "--no-mmu", "--trace", str(rtl_trace), "--ram-latency", str(latency),
                           max_cycles=5_000_000)
    assert rtl.returncode == 0, rtl.stderr
    difference = simtools.first_difference(emu_trace.read_text().splitlines(),
                                           rtl_trace.read_text().splitlines())
    assert difference is None, difference
