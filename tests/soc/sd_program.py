"""Builds tests/soc/programs/sd_files.c with our toolchain (toolchain.cc,
toolchain.asm, toolchain.ld) together with the kernel's SD driver and the
FAT driver, and makes the SD card images the tests give it."""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
USER = os.path.join(ROOT, "tests", "programs", "user")
INCLUDES = [USER, os.path.join(ROOT, "software", "kernel"), os.path.join(ROOT, "software", "libc", "include"),
            os.path.join(ROOT, "toolchain", "cc", "include")]
SOURCES = [os.path.join(HERE, "programs", "sd_files.c"), os.path.join(ROOT, "software", "kernel", "sd.c"),
           os.path.join(ROOT, "software", "kernel", "string.c"), os.path.join(ROOT, "software", "kernel", "memops.S"),
           os.path.join(ROOT, "software", "fat", "fat.c"),
           os.path.join(ROOT, "software", "rt", "int64.c")]
LINK_SCRIPT = os.path.join(ROOT, "tests", "programs", "common", "link.ld")

HELLO = "Hello from a FAT volume made by mkfs.fat and mcopy.\n" * 3
REPLY = "written on the SoC by sd_files.c\n"


def run(cmd, **kwargs):
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, **kwargs)
    assert proc.returncode == 0, f"{' '.join(map(str, cmd))}\n{proc.stdout}{proc.stderr}"
    return proc


def build(out_dir, sources=SOURCES, defines=()):
    """Returns the path of the ELF (named after the first source), built under out_dir."""
    py = sys.executable
    objs = [os.path.join(out_dir, "crt.o")]
    run([py, "-m", "toolchain.asm", os.path.join(USER, "crt.S"), "-o", objs[0]])
    for source in sources:
        obj = os.path.join(out_dir, os.path.basename(source)[:-2] + ".o")
        include = [arg for path in INCLUDES for arg in ("-I", path)]
        if source.endswith(".S"):
            run([py, "-m", "toolchain.asm", source, "-o", obj])
        else:
            run([py, "-m", "toolchain.cc", "-nostdinc", *include, *defines, "-c", source, "-o", obj])
        objs.append(obj)
    elf = os.path.join(out_dir, os.path.basename(sources[0])[:-2] + ".elf")
    run([py, "-m", "toolchain.ld", "-T", LINK_SCRIPT, "-o", elf, *objs])
    return elf


# (megabytes, FAT type, sectors per cluster): FAT32 needs 65,525 clusters,
# so 34 MiB of 512-byte ones; the FAT16 one is small, because mounting reads
# the whole FAT to count free clusters and the Verilator SoC is slow.
FAT32 = (34, 32, 1)
FAT16 = (9, 16, 4)


def make_image(path, layout=FAT32):
    """A volume from mkfs.fat with /docs/Hello World.txt and an empty /home put there by mtools."""
    megabytes, fat_bits, cluster_sectors = layout
    with open(path, "wb") as f:
        f.truncate(megabytes << 20)
    run(["mkfs.fat", "-F", str(fat_bits), "-s", str(cluster_sectors), "-n", "B2GTEST", str(path)])
    hello = os.path.join(os.path.dirname(path), "hello.txt")
    with open(hello, "w") as f:
        f.write(HELLO)
    run(["mmd", "-i", str(path), "::docs", "::home"])
    run(["mcopy", "-i", str(path), hello, "::docs/Hello World.txt"])
    return path


def read_back(image, name):
    """A file's bytes as mtools reads them."""
    return run(["mtype", "-i", str(image), "::" + name]).stdout
