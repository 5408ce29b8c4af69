"""The boot ROM (software/boot) in the emulator, started at the reset
vector: it boots /boot/kernel from the SD card model to the shell, and
without a kernel on the card falls back to the UART loader."""
import os
import struct
import subprocess
import sys

from software.boot import build as boot_build

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EMU = os.path.join(REPO, "build", "emu", "emu")
EXIT_42 = """
    .globl _start
_start:
    li t0, 0xF0001800
    li t1, 42
    sw t1, 0(t0)
1:  j 1b
"""


def emu(rom, card, keys):
    args = [EMU, "--max-insns", "3000000000"] + (["--sd", str(card)] if card else []) + [rom]
    r = subprocess.run(args, input=keys, capture_output=True, timeout=300)
    return r.returncode, r.stdout


def test_boots_the_kernel_from_the_sd_card(sd_image, tmp_path):
    rom, _ = boot_build.build()
    card = tmp_path / "sd.img"
    card.write_bytes(open(sd_image, "rb").read())
    status, out = emu(rom, card, b"echo booted from the card\nexit 5\n")
    assert out.startswith(b"bits2gpt boot ROM\nboot: /boot/kernel from the SD card\n\nbits2gpt kernel\n"), out
    assert b"disk: SD card" in out and b"\nbooted from the card\n" in out
    assert status == 5


def test_falls_back_to_the_uart_loader(sd_image, tmp_path):
    rom, _ = boot_build.build()
    src, obj, binary = tmp_path / "exit42.S", tmp_path / "exit42.o", tmp_path / "exit42.bin"
    src.write_text(EXIT_42)
    subprocess.run([sys.executable, "-m", "toolchain.asm", str(src), "-o", str(obj)], cwd=REPO, check=True)
    subprocess.run([sys.executable, "-m", "toolchain.ld", "--layout", "ram", str(obj), "-o", str(tmp_path / "x.elf"),
                    "--bin", str(binary)], cwd=REPO, check=True)
    program = binary.read_bytes()
    upload = b"noise" + b"b2gL" + struct.pack("<II", 0x4000_0000, len(program)) + program
    assert emu(rom, None, upload) == (42, b"bits2gpt boot ROM\nok\n")         # no card
    card = tmp_path / "sd.img"
    card.write_bytes(open(sd_image, "rb").read())
    subprocess.run(["mdel", "-i", str(card), "::/boot/kernel"], check=True)
    assert emu(rom, card, upload) == (42, b"bits2gpt boot ROM\nboot: no /boot/kernel on the SD card\nok\n")
