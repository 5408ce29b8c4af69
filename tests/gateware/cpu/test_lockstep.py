"""Random programs run on the core (Verilator SoC) and on the emulator, the
golden model: their retired-instruction traces must be identical. Two
generators: randprog (RV32IM in M mode) and the MMU engineer's randpriv
(M/S/U, delegation, interrupts, page remaps and faults, A/D bits, AMOs)."""

import pytest

from tests.gateware.cpu import randprog, simtools
from tests.gateware.mmu import randpriv

# (generator, seed, main-RAM wait cycles): slow memory stretches every bus stall.
CASES = [("randprog", seed, 0) for seed in range(10)] + \
        [("randprog", seed, 7) for seed in range(10, 14)] + \
        [("randpriv", seed, 0) for seed in range(12)] + \
        [("randpriv", seed, 5) for seed in range(12, 16)]
GENERATORS = {"randprog": randprog.generate, "randpriv": randpriv.generate}


@pytest.fixture(scope="module")
def emulator():
    return simtools.build_emu()


@pytest.mark.parametrize("generator,seed,latency", CASES)
def test_random_program_matches_emulator(generator, seed, latency, tmp_path, emulator):
    source = tmp_path / "random.S"
    source.write_text(GENERATORS[generator](seed))
    elf = simtools.assemble(source, tmp_path / "random.elf")
    difference = simtools.lockstep(elf, tmp_path, latency)
    assert difference is None, difference
