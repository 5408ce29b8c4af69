"""The random privileged programs of randpriv.py run to their end on the
emulator (the golden model), built by GNU as and by our toolchain; together
they take every kind of trap the generator aims at, in S and in U. The CPU
engineer runs the same programs in lockstep against the core."""
import importlib.util
import os
import re
import subprocess

import pytest

from tests.gateware.mmu import randpriv

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
EMU = os.path.join(ROOT, "build", "emu", "emu")
SEEDS = range(24)


def _builder():
    spec = importlib.util.spec_from_file_location("programs_build",
                                                  os.path.join(ROOT, "tests", "programs", "build.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def emu():
    subprocess.run(["make", "-s", "emu"], cwd=ROOT, check=True, capture_output=True)
    return EMU


def run_seed(emu, seed, tmp_path, toolchain):
    source = tmp_path / f"randpriv{seed}.S"
    source.write_text(randpriv.generate(seed))
    elf = _builder().build(str(source), str(tmp_path / f"randpriv{seed}.{toolchain}.elf"), toolchain=toolchain)
    trace = tmp_path / f"randpriv{seed}.{toolchain}.trace"
    proc = subprocess.run([emu, "--max-insns", "2000000", "--trace-file", str(trace), elf],
                          capture_output=True, timeout=120)
    assert proc.returncode == 0, f"seed {seed}: exit {proc.returncode} {proc.stderr.decode()}"
    return trace.read_text()


def test_generation_is_deterministic():
    assert randpriv.generate(5) == randpriv.generate(5)
    assert randpriv.generate(5) != randpriv.generate(6)


def test_programs_finish_and_cover_the_traps(emu, tmp_path):
    taken = set()
    for seed in SEEDS:
        trace = run_seed(emu, seed, tmp_path, "gnu")
        taken |= set(re.findall(r"^([MSU]) [0-9a-f]{8} trap ([0-9a-f]{8})", trace, re.M))
    want = {("U", "0000000d"), ("U", "0000000f"), ("U", "0000000c"), ("S", "0000000d"),
            ("S", "0000000f"), ("S", "0000000c"), ("U", "00000002"), ("S", "00000002"),
            ("U", "00000008"), ("S", "00000009"), ("S", "00000005"), ("U", "00000007"),
            ("U", "00000001"), ("S", "00000004"), ("M", "0000000d"),
            ("U", "80000007"), ("S", "80000003"), ("U", "80000001"), ("S", "80000005")}
    assert want <= taken, f"never taken: {sorted(want - taken)}"


@pytest.mark.parametrize("seed", [100, 101])
def test_our_toolchain_builds_them_too(emu, seed, tmp_path):
    gnu = run_seed(emu, seed, tmp_path, "gnu")
    ours = run_seed(emu, seed, tmp_path, "ours")
    # The same traps in the same modes, whatever instructions `li` became.
    traps = re.compile(r"^[MSU] [0-9a-f]{8} trap .*$", re.M)
    assert len(traps.findall(gnu)) > 10
    assert [t.split()[0] + t.split()[3] for t in traps.findall(gnu)] == \
           [t.split()[0] + t.split()[3] for t in traps.findall(ours)]
