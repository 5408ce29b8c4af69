"""bench/cpu: performance of the core in the Verilator SoC.

    python -m bench.cpu.run

Builds the benchmarks with GNU gcc -O2 (until our compiler takes over),
runs them on the core, and prints per-MHz rates and CPI. The peer in the
same run is the emulator, which retires the same instructions: the ratio
of the core's cycles to its instruction count is the CPI.

b2g-stone is Dhrystone-like but not Dhrystone, so its "iterations per
second per MHz" is our own unit; DMIPS/MHz is reported as an estimate by
scaling with Dhrystone's 1757 iterations per DMIPS."""
import os
import re
import subprocess
import sys
import tempfile

SLOW_RAM = 6
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CFLAGS = ["-O2", "-march=rv32im_zicsr", "-mabi=ilp32", "-nostdlib", "-ffreestanding",
          "-fno-builtin", "-Wl,--no-warn-rwx-segments",
          "-T", os.path.join(ROOT, "tests", "programs", "common", "link.ld")]


def build(name, out_dir):
    elf = os.path.join(out_dir, name + ".elf")
    subprocess.run(["riscv64-unknown-elf-gcc", *CFLAGS, "-o", elf, os.path.join(HERE, "start.S"),
                    os.path.join(HERE, name + ".c")], check=True)
    return elf


def run(command):
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1200)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    values = dict(re.findall(r"(\w+)=(\d+)", result.stdout))
    return {k: int(v) for k, v in values.items()}, result.stderr


def main():
    with tempfile.TemporaryDirectory(prefix="b2g-bench-") as tmp:
        stone, straight = build("stone", tmp), build("straight", tmp)
        rtl, sim_stats = run([sys.executable, "-m", "sim.run", stone])
        slow, _ = run([sys.executable, "-m", "sim.run", "--ram-latency", str(SLOW_RAM), stone])
        emu, _ = run([os.path.join(ROOT, "build", "emu", "emu"), stone])
        line, _ = run([sys.executable, "-m", "sim.run", straight])
    per_iteration = rtl["cycles"] / rtl["iterations"]
    stones_per_mhz = 1e6 / per_iteration
    print(f"b2g-stone: {rtl['iterations']} iterations, check {rtl['check']} "
          f"(emulator {emu['check']}: {'same' if emu['check'] == rtl['check'] else 'DIFFERENT'})")
    print(f"  core:     {per_iteration:.1f} cycles/iteration, {rtl['instructions'] / rtl['iterations']:.1f} "
          f"instructions/iteration, CPI {rtl['cycles'] / rtl['instructions']:.3f}")
    print(f"  emulator: {emu['instructions'] / emu['iterations']:.1f} instructions/iteration "
          f"(ratio core/emulator instructions {rtl['instructions'] / emu['instructions']:.3f})")
    print(f"  {stones_per_mhz:.0f} iterations/s per MHz = {stones_per_mhz / 1757:.2f} "
          f"DMIPS/MHz-equivalent (Dhrystone-like, our own program)")
    print(f"  with {SLOW_RAM} wait cycles per main-RAM access (SDRAM-like): "
          f"{slow['cycles'] / slow['iterations']:.1f} cycles/iteration, "
          f"{1e6 / (slow['cycles'] / slow['iterations']) / 1757:.2f} DMIPS/MHz-equivalent")
    print(f"straight-line ALU code: {line['cycles']} cycles for {line['instructions']} instructions, "
          f"CPI {line['cycles'] / line['instructions']:.3f} (ideal 1.000)")
    print(sim_stats.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
