"""bench/cpu: performance of the core in the Verilator SoC.

    python -m bench.cpu.run

Builds the benchmarks with GNU gcc -O2 (until our compiler takes over),
runs them on the core, and prints per-MHz rates and CPI. The peer in the
same run is the emulator, which retires the same instructions: the ratio
of the core's cycles to its instruction count is the CPI.

b2g-stone is Dhrystone-like but not Dhrystone, so its "iterations per
second per MHz" is our own unit; DMIPS/MHz is reported as an estimate by
scaling with Dhrystone's 1757 iterations per DMIPS.

The same program also runs with the MMU on (start_vm.S: S mode, satp set,
main RAM mapped 1:1 with 4 KiB pages); the model's +mmu_stats counts the
translated fetches and accesses, the ITLB/DTLB walks and the cycles the
walker was busy."""
import os
import re
import subprocess
import sys
import tempfile

from sim import elf_load, model
from sim.soc_sim import MAIN_RAM_SIZE

SLOW_RAM = 6
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CFLAGS = ["-O2", "-march=rv32ima_zicsr", "-mabi=ilp32", "-nostdlib", "-ffreestanding",
          "-fno-builtin", "-Wl,--no-warn-rwx-segments",
          "-T", os.path.join(ROOT, "tests", "programs", "common", "link.ld")]


def build(name, out_dir, start="start"):
    elf = os.path.join(out_dir, f"{name}-{start}.elf")
    subprocess.run(["riscv64-unknown-elf-gcc", *CFLAGS, "-o", elf, os.path.join(HERE, start + ".S"),
                    os.path.join(HERE, name + ".c")], check=True)
    return elf


def run_model(elf, out_dir, *plusargs):
    """Like sim.run, with extra plusargs for the model (+mmu_stats)."""
    with open(elf, "rb") as f:
        images = elf_load.memory_images(f.read(), MAIN_RAM_SIZE)
    args = [model.build(), *plusargs]
    for name, words in images.items():
        path = os.path.join(out_dir, name + ".hex")
        elf_load.write_readmemh(words, path)
        args.append(f"+{name}={path}")
    return run(args)


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
        stone_vm = build("stone", tmp, "start_vm")
        vm, _ = run_model(stone_vm, tmp, "+mmu_stats")
        vm_slow, _ = run_model(stone_vm, tmp, "+mmu_stats", f"+main_ram_latency={SLOW_RAM}")
        pages, _ = run([sys.executable, "-m", "sim.run", build("pages", tmp)])
        pages_vm, _ = run_model(build("pages", tmp, "start_vm"), tmp, "+mmu_stats")
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
    slow_per = slow['cycles'] / slow['iterations']
    print(f"  with {SLOW_RAM} wait cycles per main-RAM access (SDRAM-like): "
          f"{slow_per:.1f} cycles/iteration, {1e6 / slow_per / 1757:.2f} DMIPS/MHz-equivalent")
    print(f"straight-line ALU code: {line['cycles']} cycles for {line['instructions']} instructions, "
          f"CPI {line['cycles'] / line['instructions']:.3f} (ideal 1.000)")
    for label, r, off in (("b2g-stone, MMU on (S mode, 4 KiB pages)", vm, per_iteration),
                          (f"b2g-stone, MMU on, {SLOW_RAM} wait cycles", vm_slow, slow_per),
                          ("pages (32 pages in turn, 16 loads each), MMU on", pages_vm,
                           pages["cycles"] / pages["iterations"])):
        per = r["cycles"] / r["iterations"]
        walks = r["itlb_walks"] + r["dtlb_walks"]
        print(f"{label}: {per:.1f} cycles/iteration, {1e6 / per / 1757:.2f} DMIPS/MHz-equivalent, "
              f"cycles MMU on / off {per / off:.3f}" if "stone" in label else
              f"{label}: {per:.1f} cycles/load, MMU off {off:.1f}: on / off {per / off:.3f}")
        print(f"  ITLB: {r['itlb_walks']} walks for {r['translated_fetches']} fetches "
              f"(miss rate {r['itlb_walks'] / r['translated_fetches']:.2e}); "
              f"DTLB: {r['dtlb_walks']} walks for {r['translated_accesses']} accesses "
              f"(miss rate {r['dtlb_walks'] / max(1, r['translated_accesses']):.2e})")
        print(f"  walker busy {r['walk_cycles']} cycles, {r['walk_cycles'] / max(1, walks):.1f} cycles/walk")
    print(sim_stats.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
