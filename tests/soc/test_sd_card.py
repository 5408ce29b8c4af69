"""The SD card path end to end: one bare-metal ELF (our toolchain; the
kernel's SD driver and software/fat) reads a file from an image made by
mkfs.fat + mcopy and writes another, on the emulator and on the Verilator
SoC (the RTL controller in the SoC, the card model on its SPI pins). Both
must print the same, and leave images that mtools reads back and
fsck.fat accepts - byte-identical images, since both run the same driver."""
import importlib.util
import os
import shutil
import subprocess
import sys

import pytest

from tests.soc import sd_program

ROOT = sd_program.ROOT
EMU = os.path.join(ROOT, "build", "emu", "emu")


@pytest.fixture(scope="module")
def program(tmp_path_factory):
    subprocess.run(["make", "-s", "emu"], cwd=ROOT, check=True)
    return sd_program.build(str(tmp_path_factory.mktemp("sd_files")))


def emulator(elf, *args):
    return subprocess.run([EMU, "--max-insns", "100000000", *args, elf], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def verilator(elf, *args):
    return subprocess.run([sys.executable, "-m", "sim.run", "--max-cycles", "40000000", *args, elf],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)


def assert_volume_good(image):
    assert sd_program.read_back(image, "home/reply.txt") == sd_program.REPLY
    assert sd_program.read_back(image, "docs/Hello World.txt") == sd_program.HELLO
    fsck = subprocess.run(["fsck.fat", "-n", str(image)], capture_output=True, text=True)
    assert fsck.returncode == 0, fsck.stdout + fsck.stderr


def test_emulator_reads_and_writes_fat32(program, tmp_path):
    image = sd_program.make_image(str(tmp_path / "sd.img"), sd_program.FAT32)
    result = emulator(program, "--sd", image)
    assert (result.returncode, result.stdout) == (0, sd_program.HELLO), result.stderr
    assert_volume_good(image)


def test_verilator_soc_and_emulator_agree(program, tmp_path):
    image = sd_program.make_image(str(tmp_path / "sd.img"), sd_program.FAT16)
    emu_image, rtl_image = str(tmp_path / "emu.img"), str(tmp_path / "rtl.img")
    shutil.copy(image, emu_image)
    shutil.copy(image, rtl_image)
    on_emu = emulator(program, "--sd", emu_image)
    on_rtl = verilator(program, "--sd", rtl_image)
    assert (on_rtl.returncode, on_rtl.stdout) == (0, sd_program.HELLO), on_rtl.stderr[-2000:]
    assert (on_emu.returncode, on_emu.stdout) == (0, sd_program.HELLO), on_emu.stderr
    assert_volume_good(rtl_image)
    with open(emu_image, "rb") as a, open(rtl_image, "rb") as b:
        assert a.read() == b.read()


def test_empty_slot_fails_init_on_both(program):
    """No card: every command times out, so sd_init fails (status 1) instead of hanging."""
    assert emulator(program).returncode == 1
    assert verilator(program).returncode == 1


def test_interrupt_line_2_on_verilator_soc(tmp_path):
    """Line 2 reaches mirqpending: high while idle with cs bit 1, low while busy.
    (The emulator finishes every operation at once, so only the RTL has a busy phase.)"""
    spec = importlib.util.spec_from_file_location("programs_build", os.path.join(ROOT, "tests/programs/build.py"))
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    elf = str(tmp_path / "sd_irq.elf")
    builder.build(os.path.join(ROOT, "tests/soc/programs/sd_irq.c"), elf, toolchain="gnu")
    result = verilator(elf)
    assert result.returncode == 0, result.stderr[-2000:]
