"""bench/python on our OS: the runtime built by our C compiler (/bin/python)
beside the same sources built by GCC -O2 (/bin/python-gcc, same libc
sources, GCC-built), both run from the shell of our OS in the emulator on
os_progs/workloads.py. The OS clock counts retired instructions
(mtime = instret, CLOCK_MONOTONIC = mtime / cpu_hz), so each workload's
perf_counter delta times cpu_hz is the instructions it retired (the shell
and init polling between ticks included).

    python bench/python/os_bench.py
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
EMU = os.path.join(REPO, "build", "emu", "emu")
CPU_HZ = 100_000_000        # the emulator's default --cpu-hz
sys.path.insert(0, REPO)
from software.python import os_build  # noqa: E402


def run_workloads(image, programs):
    keys = "".join(f"{exe} /bench/workloads.py\n" for exe in programs) + "exit 0\n"
    r = subprocess.run([EMU, "--cpu-hz", str(CPU_HZ), "--load-addr", "0x40000000", "--max-insns",
                        "200000000000", image], input=keys.encode(), capture_output=True, timeout=3600)
    console = r.stdout.decode("utf-8", "replace")
    results = {}
    for exe in programs:
        part = console.split(f"$ {exe} /bench/workloads.py\n", 1)[1].split("$ ", 1)[0]
        results[exe] = {m.group(1): (float(m.group(2)), m.group(3))
                        for m in re.finditer(r"^(\S+) (\S+) (\S+)$", part, re.M)}
    return results


def main():
    subprocess.run(["make", "-s", "emu"], cwd=REPO, check=True)
    out = os.path.join(REPO, "build", "python")
    gcc_python = os_build.build_interpreter(os.path.join(out, "rv32-gnu"), "gnu")
    with tempfile.TemporaryDirectory() as extra:
        os.makedirs(os.path.join(extra, "bin"))
        shutil.copyfile(gcc_python, os.path.join(extra, "bin", "python-gcc"))
        image = os_build.build(os.path.join(out, "rv32"), os_out=os.path.join(out, "rv32", "os-bench"),
                               trees=[("bench", os.path.join(HERE, "os_progs")), ("/", extra)])
    results = run_workloads(image, ["python", "python-gcc"])
    ours, gcc = results["python"], results["python-gcc"]
    print(f"{'workload':18} {'ours (M insns)':>15} {'gcc -O2 (M insns)':>18} {'ours/gcc':>9}  result")
    for name, (seconds, value) in ours.items():
        g_seconds, g_value = gcc.get(name, (float("nan"), None))
        same = "same" if value == g_value else f"DIFFERS ({g_value})"
        print(f"{name:18} {seconds * CPU_HZ / 1e6:15.1f} {g_seconds * CPU_HZ / 1e6:18.1f} "
              f"{seconds / g_seconds:9.2f}  {value} {same}")
    for exe in ("python", "python-gcc"):
        path = os.path.join(out, "rv32", "os-bench-root", "bin", exe)
        print(f"/bin/{exe}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
