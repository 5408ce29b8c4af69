"""The core built without the MMU (b2g_core MMU=0, CPU variant "nommu"): no
TLBs or walker, satp WARL with only Bare, M/S/U kept. On its own Verilator
SoC model (sim.run --no-mmu), against the emulator with --no-mmu: the
self-check programs that never turn translation on, one of its own for
satp (each ends with the same status on both), and lockstep runs of
randprog and randpriv, whose page tables are then ignored: modes, traps,
interrupts and delegation without translation."""
import glob
import os
import subprocess

import pytest

from tests.gateware.cpu import randprog, simtools
from tests.gateware.mmu import randpriv

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
    emu = subprocess.run([simtools.build_emu(), "--no-mmu", "--max-insns", "2000000", str(elf)],
                         capture_output=True)
    assert emu.returncode == status, f"emulator --no-mmu: exit {emu.returncode}"
    result = simtools.run_sim(elf, "--no-mmu")
    assert result.returncode == status, f"exit {result.returncode}\n{result.stderr}"


GENERATORS = {"randprog": randprog.generate, "randpriv": randpriv.generate}
CASES = [("randprog", 100, 0), ("randprog", 101, 0), ("randprog", 102, 7)] + \
        [("randpriv", seed, 0) for seed in range(4)] + [("randpriv", 4, 5)]


@pytest.mark.parametrize("generator,seed,latency", CASES)
def test_nommu_lockstep(generator, seed, latency, tmp_path, model):
    source = tmp_path / "random.S"
    source.write_text(GENERATORS[generator](seed))
    elf = simtools.assemble(source, tmp_path / "random.elf")
    difference = simtools.lockstep(elf, tmp_path, latency, "--no-mmu")
    assert difference is None, difference
