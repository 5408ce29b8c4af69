"""Builds the Verilator model of the SoC under build/sim/, only when a
source changed (gateware, SoC Python, harness). Three variants: the whole SoC
(build/sim/obj), one without the accelerator (build/sim/obj-noaccel), which
simulates about twice as fast for programs that do not use it, and that one
with the core built without the MMU (build/sim/obj-nommu, CPU variant
"nommu")."""
import fcntl
import glob
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build", "sim")
BINARY = os.path.join(BUILD, "obj", "Vb2g_sim")


def binary_path(accel=True, mmu=True):
    if not mmu:
        return os.path.join(BUILD, "obj-nommu", "Vb2g_sim")   # never with the accelerator
    return BINARY if accel else os.path.join(BUILD, "obj-noaccel", "Vb2g_sim")


def _sources():
    patterns = ["gateware/cpu/*.v", "gateware/mmu/*.v", "gateware/sdcard/*.v", "gateware/accel/*.v",
                "soc/*.py", "sim/*.py", "sim/rtl/*.v", "sim/harness/*.cpp", "sim/sdcard/*.[ch]"]
    return [p for pattern in patterns for p in glob.glob(os.path.join(ROOT, pattern))]


def up_to_date(accel=True, mmu=True):
    binary = binary_path(accel, mmu)
    if not os.path.exists(binary):
        return False
    built = os.path.getmtime(binary)
    return all(os.path.getmtime(p) < built for p in _sources())


def build(verbose=False, accel=True, mmu=True):
    """Returns the model's path, building it first if needed. A lock file
    keeps concurrent runs (tests, other users) from building it twice."""
    accel = accel and mmu
    if up_to_date(accel, mmu):
        return binary_path(accel, mmu)
    os.makedirs(BUILD, exist_ok=True)
    with open(os.path.join(BUILD, "build.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not up_to_date(accel, mmu):
            _verilate(verbose, accel, mmu)
    return binary_path(accel, mmu)


def _verilate(verbose, accel, mmu):
    out = None if verbose else subprocess.DEVNULL
    binary = binary_path(accel, mmu)
    gen = os.path.join(os.path.dirname(binary), "gen")
    options = ([] if accel else ["--no-accel"]) + ([] if mmu else ["--no-mmu"])
    listing = subprocess.run([sys.executable, "-m", "sim.soc_sim", gen, *options],
                             cwd=ROOT, check=True, stdout=subprocess.PIPE, stderr=out, text=True).stdout.split()
    verilog = [p for p in listing if p.endswith(".v")]
    cmd = ["nice", "-n", "10", "verilator", "--cc", "--exe", "--build", "-j", "1",
           "-O3", "--x-assign", "fast", "--x-initial", "fast", "--noassert",
           "-Wno-fatal", "-Wno-lint", "-Wno-style", "-Wno-WIDTH", "--trace-fst",
           "--top-module", "b2g_sim", "-Mdir", os.path.dirname(binary),
           "-CFLAGS", "-O2", "-o", "Vb2g_sim",
           *verilog, os.path.join(ROOT, "sim", "harness", "main.cpp"),
           os.path.join(ROOT, "sim", "sdcard", "sdcard.c")]
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=out, stderr=None if verbose else subprocess.PIPE)
    os.utime(binary)
