"""Builds the OS with our toolchain: the kernel, the user programs, the SD
image and the boot image the emulator loads.

    python -m software.kernel.build [--out build/kernel] [--extra DIR]

build/kernel/kernel.elf   firmware + kernel, linked at 0x40000000
build/kernel/bin/*        user programs (qemu layout, our libc)
build/kernel/sd.img       FAT32 image (toolchain.sdimg) of the staged tree
build/kernel/os.bin       kernel.bin padded to DISK_BASE, then sd.img: one raw
                          file for `emu --load-addr 0x40000000` (the RAM disk)
"""
import argparse
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
USER = os.path.join(REPO, "software", "user")
LIBC_INC = os.path.join(REPO, "software", "libc", "include")
FREESTANDING_INC = os.path.join(REPO, "toolchain", "cc", "include")   # stddef, stdarg, ...
LIBC = os.path.join(REPO, "build", "libc", "ours")
TEST_PROGRAMS = os.path.join(REPO, "tests", "kernel", "progs")    # usertests, acceltest
RAM_BASE, DISK_BASE = 0x40000000, 0x40400000
KERNEL_SOURCES = ["entry.S", "main.c", "console.c", "vm.c", "proc.c", "trap.c", "syscall.c",
                  "exec.c", "file.c", "fs.c", "sd.c", "accel.c", "string.c", "memops.S", "../fat/fat.c"]
RUNTIME = ["../rt/int64.c", "../rt/softfloat.c", "../rt/softfloat32.c"]   # the kernel needs only int64


def run(cmd):
    r = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stdout + r.stderr)
        raise SystemExit(f"build failed: {' '.join(cmd)}")


def compile_one(source, obj, include):
    deps = [source] + [os.path.join(HERE, "kernel.h")]
    if os.path.exists(obj) and os.path.getmtime(obj) >= max(os.path.getmtime(d) for d in deps):
        return obj
    if source.endswith(".S"):
        run([sys.executable, "-m", "toolchain.asm", source, "-o", obj])
    else:
        run([sys.executable, "-m", "toolchain.cc", "-nostdinc", "-I", include, "-I", FREESTANDING_INC,
             "-c", source, "-o", obj])
    return obj


def compile_all(sources, objdir, include):
    os.makedirs(objdir, exist_ok=True)
    jobs = [(s, os.path.join(objdir, os.path.basename(s).rsplit(".", 1)[0] + ".o")) for s in sources]
    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(lambda j: compile_one(j[0], j[1], include), jobs))


def link_user(obj, elf, out):
    """A user program: crt0, obj, our libc and the compiler runtime, qemu layout."""
    runtime = [os.path.join(out, "rt", os.path.basename(r)[:-2] + ".o") for r in RUNTIME]
    run([sys.executable, "-m", "toolchain.ld", "--layout", "qemu", os.path.join(LIBC, "crt0.o"), obj,
         os.path.join(LIBC, "libc.a"), *runtime, "-o", elf])


def build(out, extra=None, with_tests=False):
    if not os.path.exists(os.path.join(LIBC, "libc.a")):
        run([sys.executable, "-m", "software.libc.build", "--cc", "ours"])
    runtime = compile_all([os.path.join(HERE, s) for s in RUNTIME], os.path.join(out, "rt"), LIBC_INC)
    kobjs = compile_all([os.path.join(HERE, s) for s in KERNEL_SOURCES], os.path.join(out, "obj"), LIBC_INC)
    kelf, kbin = os.path.join(out, "kernel.elf"), os.path.join(out, "kernel.bin")
    run([sys.executable, "-m", "toolchain.ld", "--layout", "ram", *kobjs, runtime[0],
         "-o", kelf, "--bin", kbin])

    sources = sorted(os.path.join(USER, f) for f in os.listdir(USER) if f.endswith(".c"))
    if with_tests:
        sources += sorted(os.path.join(TEST_PROGRAMS, f) for f in os.listdir(TEST_PROGRAMS) if f.endswith(".c"))
    programs = [os.path.basename(s)[:-2] for s in sources]
    uobjs = compile_all(sources, os.path.join(out, "uobj"), LIBC_INC)
    stage = os.path.join(out, "root")
    shutil.rmtree(stage, ignore_errors=True)
    os.makedirs(os.path.join(stage, "bin"))
    os.makedirs(os.path.join(stage, "home"))
    os.makedirs(os.path.join(stage, "boot"))
    shutil.copyfile(kelf, os.path.join(stage, "boot", "kernel"))     # docs/sd-image.md
    for name, obj in zip(programs, uobjs):
        link_user(obj, os.path.join(stage, "bin", name), out)
    shutil.copytree(os.path.join(USER, "etc"), os.path.join(stage, "etc"))
    if extra:
        shutil.copytree(extra, stage, dirs_exist_ok=True)
    image = os.path.join(out, "sd.img")
    run([sys.executable, "-m", "toolchain.sdimg", "build", stage, "-o", image, "--size", "34M"])

    with open(kbin, "rb") as f:
        kernel = f.read()
    if len(kernel) > DISK_BASE - RAM_BASE:
        raise SystemExit("kernel image larger than the space before the RAM disk")
    with open(image, "rb") as f:
        disk = f.read()
    with open(os.path.join(out, "os.bin"), "wb") as f:
        f.write(kernel + bytes(DISK_BASE - RAM_BASE - len(kernel)) + disk)
    return os.path.join(out, "os.bin")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", default=os.path.join(REPO, "build", "kernel"))
    p.add_argument("--extra", help="a folder copied over the staged root of the image")
    p.add_argument("--with-tests", action="store_true", help="also put tests/kernel/progs/*.c in /bin")
    args = p.parse_args()
    print(build(args.out, args.extra, args.with_tests))


if __name__ == "__main__":
    main()
