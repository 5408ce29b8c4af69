"""Builds the Verilator model of the SoC under build/sim/, only when a
source changed (gateware, SoC Python, harness)."""
import glob
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build", "sim")
BINARY = os.path.join(BUILD, "obj", "Vb2g_sim")


def _sources():
    patterns = ["gateware/cpu/*.v", "soc/*.py", "sim/*.py", "sim/rtl/*.v", "sim/harness/*.cpp"]
    return [p for pattern in patterns for p in glob.glob(os.path.join(ROOT, pattern))]


def up_to_date():
    if not os.path.exists(BINARY):
        return False
    built = os.path.getmtime(BINARY)
    return all(os.path.getmtime(p) < built for p in _sources())


def build(verbose=False):
    """Returns the model's path, building it first if needed."""
    if up_to_date():
        return BINARY
    out = None if verbose else subprocess.DEVNULL
    gen = os.path.join(BUILD, "gen")
    listing = subprocess.run([sys.executable, "-m", "sim.soc_sim", gen], cwd=ROOT, check=True,
                             stdout=subprocess.PIPE, stderr=out, text=True).stdout.split()
    verilog = [p for p in listing if p.endswith(".v")]
    cmd = ["nice", "-n", "10", "verilator", "--cc", "--exe", "--build", "-j", "2",
           "-O3", "--x-assign", "fast", "--x-initial", "fast", "--noassert",
           "-Wno-fatal", "-Wno-lint", "-Wno-style", "-Wno-WIDTH", "--trace-fst",
           "--top-module", "b2g_sim", "-Mdir", os.path.join(BUILD, "obj"),
           "-CFLAGS", "-O2", "-o", "Vb2g_sim",
           *verilog, os.path.join(ROOT, "sim", "harness", "main.cpp")]
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=out, stderr=None if verbose else subprocess.PIPE)
    os.utime(BINARY)
    return BINARY
