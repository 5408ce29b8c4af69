"""Lines assembled per second: our assembler next to GNU as on the same file.

    python -m bench.toolchain.asm_speed [repeat]

The input is the test table (every instruction and pseudo form) repeated.
Ours is timed in-process (assemble()) and as a command (python start-up
included); GNU as runs as a command.
"""
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tests", "toolchain",
                                "asm"))
import asm_table as table  # noqa: E402

from toolchain.asm import assemble  # noqa: E402

GNU_AS = ["riscv64-unknown-elf-as", "-march=rv32ima_zicsr_zifencei", "-mabi=ilp32",
          "-mno-relax"]


def best_of(runs, action):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    source = table.table_source(repeat)
    lines = source.count("\n")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "big.s")
        with open(path, "w") as handle:
            handle.write(source)
        out = os.path.join(tmp, "big.o")
        ours_lib = best_of(3, lambda: assemble(source, path))
        ours_cmd = best_of(3, lambda: subprocess.run(
            [sys.executable, "-m", "toolchain.asm", path, "-o", out], check=True))
        gnu = best_of(3, lambda: subprocess.run(GNU_AS + [path, "-o", out], check=True))
    print(f"input: {lines} lines ({len(source) // 1024} KiB), best of 3 runs")
    for name, seconds in (("ours, assemble()", ours_lib), ("ours, command", ours_cmd),
                          ("GNU as, command", gnu)):
        print(f"  {name:18s} {seconds:7.3f} s  {lines / seconds:12,.0f} lines/s")
    print(f"ratio GNU as / ours (command): {ours_cmd / gnu:.1f}x faster")


if __name__ == "__main__":
    main()
