"""The kernel sizes itself to the RAM fitted: the firmware probes main RAM
in 1 MiB steps at boot (entry.S), and the page pool, the accelerator's
bounce pool and the RAM disk check follow. Booted in the emulator with
--ram-size as the boards have it (ULX3S 32 MiB, Colorlight i5 8 MiB) and
in between; references: the size passed to the emulator, Python's counts
of a file, usertests' own checks."""
import os
import re
import shutil
import subprocess

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EMU = os.path.join(REPO, "build", "emu", "emu")
KERNEL = os.path.join(REPO, "build", "kernel", "kernel.elf")

TOOLS_SH = os.path.join(REPO, "software", "user", "etc", "tests", "tools.sh")


def run(args, keys):
    r = subprocess.run([EMU, "--max-insns", "6000000000", *args], input=keys.encode(),
                       capture_output=True, timeout=300)
    return r.returncode, r.stdout.decode(errors="replace")


def free_kib(out):
    return int(re.search(r"^(\d+) KiB free$", out, re.M).group(1))


@pytest.mark.parametrize("mib", [32, 16, 8])
def test_sd_boot_finds_ram_and_runs_programs(sd_image, tmp_path, mib):
    card = tmp_path / "sd.img"
    shutil.copyfile(sd_image, card)
    status, out = run(["--ram-size", f"{mib}M", "--sd", str(card), KERNEL],
                      "wc /etc/tests/tools.sh\nps\nusertests\nexit 5\n")
    assert f"ram: {mib * 1024} KiB at 0x40000000" in out, out
    # the kernel image, the page counts and the accelerator pool (an eighth
    # of RAM, at most 4 MiB) come off; all the rest is free pages
    pool = min(mib * 1024 // 8, 4096)
    assert mib * 1024 - pool - 1024 < free_kib(out) <= mib * 1024 - pool, out
    text = open(TOOLS_SH, "rb").read()
    lines, words = text.count(b"\n"), len(text.split())
    assert f"{lines} {words} {len(text)} /etc/tests/tools.sh" in out, out
    assert re.search(r"^\d+ \d+ R ps$", out, re.M), out
    assert "usertests: 0 failed" in out, out
    assert status == 5, out


def test_ram_disk_fills_most_of_ram(sd_image):
    """os.bin puts the disk at 4 MiB; 2 MiB more than kernel + disk is enough."""
    os_bin = os.path.join(os.path.dirname(sd_image), "os.bin")
    mib = -(-os.path.getsize(os_bin) // (1 << 20)) + 2
    status, out = run(["--ram-size", f"{mib}M", "--load-addr", "0x40000000", os_bin],
                      "ls /bin\nexit 6\n")
    assert f"ram: {mib * 1024} KiB" in out and "disk: RAM disk" in out, out
    assert 0 < free_kib(out) < 2048, out
    assert re.search(r"^ +\d+ wc$", out, re.M), out
    assert status == 6, out


def test_too_little_ram_halts_cleanly(sd_image, tmp_path):
    card = tmp_path / "sd.img"
    shutil.copyfile(sd_image, card)
    status, out = run(["--ram-size", "1M", "--sd", str(card), KERNEL], "")
    assert "ram: 1024 KiB" in out and "too little RAM" in out, out
    assert status == 94, out
