"""Emulator speed: MIPS on a CPU-bound C workload, beside qemu-system-riscv32
(the virt machine, whole-system emulation with a JIT) and qemu-riscv32 (user
mode) running the same program. Times are CPU time of the process, so that
other jobs on the machine disturb the ratio less; qemu-system's includes its
start-up.

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
        virt = builder.build(WORKLOAD, os.path.join(tmp, "wv.elf"), target="virt", defines=defines)

        ours = subprocess.run([EMU, "--stats", soc], capture_output=True, text=True, check=True)
        m = re.search(r"(\d+) instructions in ([\d.]+) s of CPU time", ours.stderr)
        insns, emu_s = int(m.group(1)), float(m.group(2))

        before = child_cpu_seconds()
        theirs = subprocess.run(["qemu-riscv32", qemu], capture_output=True, text=True, check=True)
        qemu_s = child_cpu_seconds() - before
        if theirs.stdout != ours.stdout:
            sys.exit(f"outputs differ: {ours.stdout!r} vs {theirs.stdout!r}")

        before = child_cpu_seconds()
        system = subprocess.run(["qemu-system-riscv32", "-machine", "virt", "-nographic",
                                 "-bios", "none", "-kernel", virt],
                                capture_output=True, text=True, check=True, timeout=600)
        system_s = child_cpu_seconds() - before
        if system.stdout.replace("\r", "") != ours.stdout:
            sys.exit(f"outputs differ: {ours.stdout!r} vs {system.stdout!r}")

    emu_mips = insns / emu_s / 1e6
    print(f"workload: {insns} instructions ({args.rounds} rounds of CRC-32, sieve, matmul)")
    print(f"emu                  {emu_s:7.3f} s CPU  {emu_mips:7.1f} MIPS")
    for name, seconds in (("qemu-system-riscv32", system_s), ("qemu-riscv32 (user)", qemu_s)):
        mips = insns / seconds / 1e6
        print(f"{name:20} {seconds:7.3f} s CPU  {mips:7.1f} MIPS   emu/peer {emu_mips / mips:5.2f}")


if __name__ == "__main__":
    main()
