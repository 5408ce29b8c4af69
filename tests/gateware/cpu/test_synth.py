"""The core alone synthesises for the ECP5 with yosys (synth_ecp5), with the
MMU and without it (MMU=0); its LUT4 count is printed (pytest -s) for the
record, not judged. bench/cpu/fmax.py adds place and route and Fmax."""
import glob
import os
import re
import subprocess

import pytest

from tests.gateware.cpu import simtools


@pytest.mark.parametrize("mmu", [1, 0])
def test_core_synthesises_for_ecp5(mmu):
    out = os.path.join(simtools.ROOT, "build", "synth", f"mmu{mmu}")
    os.makedirs(out, exist_ok=True)
    sources = sorted(glob.glob(os.path.join(simtools.ROOT, "gateware", "cpu", "*.v")) +
                     glob.glob(os.path.join(simtools.ROOT, "gateware", "mmu", "*.v")))
    script = (f"read_verilog {' '.join(sources)}; chparam -set MMU {mmu} b2g_core; "
              "synth_ecp5 -top b2g_core; tee -o core_stat.txt stat")
    env = dict(os.environ, PATH=os.path.join(simtools.ROOT, ".venv", "bin") + ":" + os.environ["PATH"])
    result = subprocess.run(["nice", "-n", "10", "yosys", "-q", "-p", script], cwd=out, env=env,
                            capture_output=True, text=True, timeout=1100)
    assert result.returncode == 0, result.stderr[-2000:]
    stat = open(os.path.join(out, "core_stat.txt")).read()
    cells = {name: int(count) for count, name in re.findall(r"(\d+)\s+(LUT4|TRELLIS_FF|DP16KD|MULT18X18D|CCU2C|TRELLIS_DPR16X4)", stat)}
    print(f"\nb2g_core (MMU={mmu}) on ECP5: {cells}")
    assert cells.get("LUT4", 0) > 500            # a real core, not an empty shell
    assert cells.get("DP16KD", 0) >= 2           # the caches went into block RAM
