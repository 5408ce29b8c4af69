"""Retired instructions of our compiler's code against gcc -O0 and -O2 (RV32IM, qemu-riscv32).

    python bench/cc/bench.py

Each program is built four ways (gcc -O0, gcc -O2, ours at -O0 and at -O1) and run under qemu-riscv32 with `-singlestep
-d exec,nochain`, which logs one line per executed instruction; the count of
those lines is the retired-instruction count. Our code links software/rt (built
by our compiler at the same level); GCC's links libgcc. All builds must print the same result.
"""
import glob
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
START = os.path.join(ROOT, "tests", "toolchain", "cc", "start.s")
GCC = ["riscv64-unknown-elf-gcc", "-march=rv32im", "-mabi=ilp32", "-ffreestanding"]
LD = ["riscv64-unknown-elf-ld", "-m", "elf32lriscv", "--no-relax", "-Ttext=0x10000"]


def sh(cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


def our_cc(args):
    env = dict(os.environ, B2G_BINUTILS="gnu")
    env.pop("B2G_CC_OPT", None)                 # the level comes from the flags here
    sh([sys.executable, "-m", "toolchain.cc"] + args, cwd=ROOT, env=env)


def build(tmp, src, how, start, rt):
    obj, elf = os.path.join(tmp, how + ".o"), os.path.join(tmp, how + ".elf")
    if how.startswith("ours"):
        level = how.split("-")[1]
        our_cc(["-c", "-" + level, "-o", obj, src])
        sh(LD + ["-o", elf, start, obj] + rt[level])
    else:
        sh(GCC + ["-" + how.split("-")[1], "-c", "-o", obj, src])
        libgcc = subprocess.run(GCC + ["-print-libgcc-file-name"], capture_output=True, text=True).stdout.strip()
        sh(LD + ["-o", elf, start, obj, libgcc])
    return elf


def count(elf, tmp):
    """Runs `elf`; returns (instructions, stdout). The trace streams through a pipe, not a file."""
    proc = subprocess.Popen(["qemu-riscv32", "-singlestep", "-d", "exec,nochain", "-D", "/dev/stderr", elf],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    n = sum(1 for line in proc.stderr if line.startswith(b"Trace"))
    out = proc.stdout.read().decode()
    proc.wait()
    return n, out


def main():
    with tempfile.TemporaryDirectory() as tmp:
        start = os.path.join(tmp, "start.o")
        sh(["riscv64-unknown-elf-as", "-march=rv32im", "-mabi=ilp32", "-o", start, START])
        rt = {"O0": [], "O1": []}
        for level, objs in rt.items():
            for src in sorted(glob.glob(os.path.join(ROOT, "software", "rt", "*.c"))):
                objs.append(os.path.join(tmp, f"rt_{level}_" + os.path.basename(src)[:-2] + ".o"))
                our_cc(["-c", "-" + level, "-o", objs[-1], src])
        print(f"{'program':12} {'gcc -O0':>10} {'gcc -O2':>10} {'ours -O0':>10} {'ours -O1':>10}"
              f" {'O0/gccO2':>9} {'O1/gccO2':>9}")
        for src in sorted(glob.glob(os.path.join(HERE, "programs", "*.c"))):
            counts, outputs = {}, set()
            for how in ("gcc-O0", "gcc-O2", "ours-O0", "ours-O1"):
                n, out = count(build(tmp, src, how, start, rt), tmp)
                counts[how] = n
                outputs.add(out)
            name = os.path.basename(src)[:-2]
            if len(outputs) != 1:
                print(f"{name}: OUTPUTS DIFFER: {outputs}")
                return 1
            o2 = counts["gcc-O2"]
            print(f"{name:12} {counts['gcc-O0']:>10} {o2:>10} {counts['ours-O0']:>10} {counts['ours-O1']:>10}"
                  f" {counts['ours-O0'] / o2:>9.2f} {counts['ours-O1'] / o2:>9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
