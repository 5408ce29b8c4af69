"""The accelerator inside the Verilator SoC: CSR page 5 through the SoC's
CSR decoder, its DMA as a master on the shared bus, interrupt line 3 into
mirqpending. One ELF runs a matmul and two elementwise ops; the RTL must
print the same bits as the emulator's model, and numpy checks the values."""
import importlib.util
import os
import subprocess
import sys

import numpy as np
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

_spec = importlib.util.spec_from_file_location("programs_build", os.path.join(ROOT, "tests/programs/build.py"))
builder = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(builder)


@pytest.fixture(scope="module")
def program(tmp_path_factory):
    subprocess.run(["make", "-s", "emu"], cwd=ROOT, check=True)
    elf = str(tmp_path_factory.mktemp("accel") / "accel_soc.elf")
    builder.build(os.path.join(HERE, "programs", "accel_soc.c"), elf, toolchain="gnu")
    return elf


def words(text):
    return np.array([int(w, 16) for w in text.split()], dtype=np.uint32).view(np.float32)


def expected():
    i, k = np.meshgrid(np.arange(4), np.arange(8), indexing="ij")
    a = ((i * 8 + k).astype(np.float32) / np.float32(7) - np.float32(2)).astype(np.float32)
    b = (np.float32(1) / (k.T + i.T + 1).astype(np.float32)).astype(np.float32)
    d = a.astype(np.float64) @ b.astype(np.float64)
    return d, d * d + d


def test_accelerator_on_verilator_soc_matches_emulator(program):
    on_emu = subprocess.run([os.path.join(ROOT, "build/emu/emu"), "--max-insns", "1000000", program],
                            capture_output=True, text=True, timeout=60)
    on_rtl = subprocess.run([sys.executable, "-m", "sim.run", "--max-cycles", "2000000", program],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert on_emu.returncode == 0, on_emu.stderr
    assert on_rtl.returncode == 0, on_rtl.stderr[-2000:]
    assert on_rtl.stdout == on_emu.stdout
    result = words(on_rtl.stdout)
    d, e = expected()
    assert np.allclose(result[:16], d.ravel(), rtol=1e-5)
    assert np.allclose(result[16:], e.ravel(), rtol=1e-5)


@pytest.mark.long
def test_model_without_accelerator(program):
    """sim.run --no-accel builds the lighter model: page 5 is then empty, so
    the program stops at its first check (CONFIG reads 0)."""
    result = subprocess.run([sys.executable, "-m", "sim.run", "--no-accel", "--max-cycles", "2000000", program],
                            cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 1, result.stderr[-2000:]
