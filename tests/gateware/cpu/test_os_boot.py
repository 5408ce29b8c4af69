"""The OS on the core: the Verilator SoC boots software/kernel from the SD
card model to its shell (M-mode firmware, S-mode kernel, U-mode programs
in their own Sv32 address spaces). A user program that faults is killed
with the kernel's message and the shell goes on, as in the emulator
(tests/kernel). About 150 M simulated cycles: make test-long only."""
import os
import re
import shutil
import subprocess
import sys

import pytest

from tests.gateware.cpu import simtools

sys.path.insert(0, simtools.ROOT)
from software.kernel import build as os_build  # noqa: E402


@pytest.mark.long
@pytest.mark.timeout(3600)
def test_os_boots_and_survives_a_faulting_program(tmp_path):
    out = os.path.join(simtools.ROOT, "build", "cpu_os")
    subprocess.run(["make", "-s", "emu"], cwd=simtools.ROOT, check=True, capture_output=True)
    os_build.build(out, with_tests=True)
    card = tmp_path / "sd.img"
    shutil.copyfile(os.path.join(out, "sd.img"), card)
    result = subprocess.run(
        [sys.executable, "-m", "sim.run", "--max-cycles", "1000000000", "--sd", str(card),
         os.path.join(out, "kernel.elf")],
        cwd=simtools.ROOT, input="usertests crash\necho after $?\nls /bin\nexit 0\n",
        capture_output=True, text=True, timeout=3600)
    console = result.stdout
    assert "bits2gpt kernel" in console, result.stderr
    assert re.search(r"pid \d+ \(usertests\): store page fault at pc 0x[0-9a-f]+, address 0x0: killed",
                     console), console
    assert re.search(r"^after [1-9]\d*$", console, re.M), console
    listing = console.split("$ ls /bin", 1)[1]
    for program in ("sh", "init", "usertests", "echo"):
        assert re.search(rf"\b{program}\b", listing), console
    assert result.returncode == 0, result.stderr
