"""Helpers shared by the CPU and SoC tests: assemble with GNU binutils, run
on the Verilator SoC (sim/run.py) and on the emulator, compare traces."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
COMMON = os.path.join(ROOT, "tests", "programs", "common")
EMU = os.path.join(ROOT, "build", "emu", "emu")
GCC = ["riscv64-unknown-elf-gcc", "-march=rv32ima_zicsr_zifencei", "-mabi=ilp32", "-nostdlib",
       "-Wl,--no-warn-rwx-segments", "-I", COMMON, "-T", os.path.join(COMMON, "link.ld")]


def assemble(source, elf):
    subprocess.run(GCC + ["-o", str(elf), str(source)], check=True, capture_output=True)
    return elf


def run_sim(elf, *options, max_cycles=2_000_000, stdin=None):
    """Runs the program on the Verilator SoC; returns the CompletedProcess."""
    return subprocess.run([sys.executable, "-m", "sim.run", "--max-cycles", str(max_cycles),
                           *options, str(elf)], cwd=ROOT, capture_output=True, text=True,
                          input=stdin, timeout=600)


def build_emu():
    subprocess.run(["make", "-s", "emu"], cwd=ROOT, check=True, capture_output=True)
    return EMU


def first_difference(expected, actual):
    """The first line where the RTL trace leaves the emulator's, or None.
    The RTL may run a few instructions past the exit store."""
    for i, line in enumerate(expected):
        if i >= len(actual) or actual[i] != line:
            got = actual[i] if i < len(actual) else "<end of trace>"
            context = "\n".join(expected[max(0, i - 4):i])
            return f"line {i + 1}:\n{context}\nemulator: {line}\nrtl:      {got}"
    return None


def lockstep(elf, tmp_path, latency, *options):
    """Runs elf on the emulator and the Verilator SoC (options for both,
    e.g. --no-mmu) with RAM wait cycles `latency`; both must exit 0. Returns
    the first difference of their traces, or None."""
    emu_trace, rtl_trace = tmp_path / "emu.trace", tmp_path / "rtl.trace"
    emu = subprocess.run([build_emu(), *options, "--max-insns", "2000000", "--trace-file", str(emu_trace),
                          str(elf)], capture_output=True)
    assert emu.returncode == 0
    rtl = run_sim(elf, *options, "--trace", str(rtl_trace), "--ram-latency", str(latency),
                  max_cycles=5_000_000)
    assert rtl.returncode == 0, rtl.stderr
    return first_difference(emu_trace.read_text().splitlines(), rtl_trace.read_text().splitlines())
