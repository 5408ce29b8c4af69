"""Emulator speed: MIPS on a CPU-bound C workload, beside qemu-riscv32
running the same program (user mode, the only qemu installed; with
qemu-system-riscv32 the comparison would be against the whole-system
emulator). Times are CPU time of the process, so that other jobs on the
machine disturb the ratio less.

    .venv/bin/python bench/emu/bench.py [--rounds N]
"""
import argparse
import importlib.util
import os
import re
import resource
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
WORKLOAD = os.path.join(ROOT, "bench", "emu", "workload.c")
EMU = os.path.join(ROOT, "build", "emu", "emu")


def load_builder():
    path = os.path.join(ROOT, "tests", "programs", "build.py")
    spec = importlib.util.spec_from_file_location("programs_build", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def child_cpu_seconds():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    subprocess.run(["make", "-s", "emu"], cwd=ROOT, check=True)
    builder = load_builder()
    with tempfile.TemporaryDirectory() as tmp:
        defines = [f"ROUNDS={args.rounds}"]
        soc = builder.build(WORKLOAD, os.path.join(tmp, "w.elf"), target="soc", defines=defines)
        qemu = builder.build(WORKLOAD, os.path.join(tmp, "wq.elf"), target="qemu", defines=defines)

        ours = subprocess.run([EMU, "--stats", soc], capture_output=True, text=True, check=True)
        m = re.search(r"(\d+) instructions in ([\d.]+) s of CPU time", ours.stderr)
        insns, emu_s = int(m.group(1)), float(m.group(2))

        before = child_cpu_seconds()
        theirs = subprocess.run(["qemu-riscv32", qemu], capture_output=True, text=True, check=True)
        qemu_s = child_cpu_seconds() - before
        if theirs.stdout != ours.stdout:
            sys.exit(f"outputs differ: {ours.stdout!r} vs {theirs.stdout!r}")

    emu_mips, qemu_mips = insns / emu_s / 1e6, insns / qemu_s / 1e6
    print(f"workload: {insns} instructions ({args.rounds} rounds of CRC-32, sieve, matmul)")
    print(f"emu            {emu_s:7.3f} s CPU  {emu_mips:7.1f} MIPS")
    print(f"qemu-riscv32   {qemu_s:7.3f} s CPU  {qemu_mips:7.1f} MIPS  (same program, user mode)")
    print(f"ratio emu/qemu {emu_mips / qemu_mips:7.2f}")


if __name__ == "__main__":
    main()
