"""bench/python: each program runs under host CPython and under our runtime
in the same session; we print both times and the ratio (ours / CPython),
plus the C line count of the runtime.  Usage: python bench/python/run.py"""
import glob
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PYRT = os.path.join(ROOT, "software", "python", "build", "python")


def timed(cmd, path):
    start = time.perf_counter()
    out = subprocess.run(cmd + [path], capture_output=True, timeout=600)
    return time.perf_counter() - start, out


def c_lines():
    total = 0
    for path in glob.glob(os.path.join(ROOT, "software", "python", "*.[ch]")):
        in_comment = False
        for line in open(path):
            s = line.strip()
            if in_comment:
                if "*/" in s:
                    in_comment = False
                continue
            if not s or s.startswith("//"):
                continue
            if s.startswith("/*"):
                if "*/" not in s:
                    in_comment = True
                continue
            total += 1
    return total


def main():
    subprocess.run(["make", "-s", "-C", os.path.join(ROOT, "software", "python")], check=True)
    print(f"{'program':12} {'cpython s':>10} {'ours s':>10} {'ratio':>7}  output")
    for prog in sorted(glob.glob(os.path.join(HERE, "progs", "*.py"))):
        t_ref, ref = timed([sys.executable], prog)
        t_our, our = timed([PYRT], prog)
        same = "same" if ref.stdout == our.stdout and our.returncode == 0 else "DIFFERS"
        print(f"{os.path.basename(prog):12} {t_ref:10.3f} {t_our:10.3f} {t_our / t_ref:7.2f}  {same}")
    print(f"C code lines in software/python: {c_lines()}")


if __name__ == "__main__":
    main()
