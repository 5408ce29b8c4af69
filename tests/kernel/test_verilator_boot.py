"""The same OS on the Verilator SoC. make test-long boots it through the
boot ROM (about 150 M cycles, several minutes) and runs the whole of
usertests on an 8 MiB SoC without the accelerator, the Colorlight i5's
configuration; the RAM-size checks take a second each and run always."""
import os
import re
import shutil
import subprocess
import sys

import pytest

from software.boot import build as boot_build

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EMU = os.path.join(REPO, "build", "emu", "emu")
KERNEL = os.path.join(REPO, "build", "kernel", "kernel.elf")


def rtl(args, keys=b"", timeout=600):
    return subprocess.run([sys.executable, "-m", "sim.run", *args], cwd=REPO, input=keys,
                          capture_output=True, timeout=timeout)


def emu(args, keys=b""):
    return subprocess.run([EMU, "--max-insns", "3000000000", *args], input=keys,
                          capture_output=True, timeout=600)


@pytest.mark.parametrize("size", ["8M", "12M"])
def test_rtl_ram_size_is_what_the_kernel_finds_as_on_the_emulator(sd_image, size):
    """--ram-size fits less main RAM; the kernel's probe (a load from each
    MiB until a bus error) must find the same size as on the emulator.
    Without a card the kernel stops at its file system (status 94)."""
    r = rtl(["--no-accel", "--ram-size", size, "--max-cycles", "2000000", KERNEL])
    e = emu(["--ram-size", size, KERNEL])
    kib = int(size[:-1]) * 1024
    assert f"\nram: {kib} KiB at 0x40000000\n" in r.stdout.decode(), r.stdout + r.stderr
    assert r.stdout == e.stdout and r.returncode == e.returncode == 94, r.stdout + e.stdout


def checks(console):
    return re.findall(r"^(ok|FAIL) (\S+)$", console, re.M)


@pytest.mark.long
def test_usertests_on_the_rtl_as_on_the_emulator(sd_image, tmp_path):
    """Every usertests check on the RTL, the memory-exhaustion ones
    included (sbrk until ENOMEM), at the i5's 8 MiB: the same checks as the
    emulator runs at that size, all ok. About 171 M cycles."""
    keys = b"usertests\nexit 0\n"
    card = tmp_path / "sd.img"
    shutil.copyfile(sd_image, card)
    r = rtl(["--no-accel", "--ram-size", "8M", "--sd", str(card), "--max-cycles", "2000000000", KERNEL],
            keys, timeout=3600)
    shutil.copyfile(sd_image, card)
    e = emu(["--ram-size", "8M", "--sd", str(card), KERNEL], keys)
    out, expected = r.stdout.decode(errors="replace"), checks(e.stdout.decode(errors="replace"))
    assert len(expected) > 40 and all(status == "ok" for status, _ in expected), e.stdout
    assert checks(out) == expected, out + r.stderr.decode(errors="replace")
    assert "\nusertests: 0 failed\n" in out and "FAIL" not in out, out
    assert r.returncode == 0, out + r.stderr.decode(errors="replace")


@pytest.mark.long
def test_boot_rom_boots_the_os_from_the_sd_card_on_the_rtl(sd_image, tmp_path):
    rom, _ = boot_build.build()
    card = tmp_path / "sd.img"
    card.write_bytes(open(sd_image, "rb").read())
    keys = b"echo hello rtl | cat\nusertests spin &\nps\nkill 5\nexit 4\n"
    r = rtl(["--sd", str(card), "--max-cycles", "1500000000", rom], keys, timeout=3600)
    out = r.stdout.decode(errors="replace")
    assert out.startswith("bits2gpt boot ROM\nboot: /boot/kernel from the SD card\n\nbits2gpt kernel\n"), out
    assert "\nhello rtl\n" in out and "\n5 2 R usertests\n" in out and "\n1 0 S init\n" in out
    assert r.returncode == 4, out + r.stderr.decode(errors="replace")
