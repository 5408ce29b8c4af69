"""The boot ROM (software/boot) on the Verilator SoC: it prints its banner,
takes a program over the UART and runs it, as it does on a board."""
import struct
import subprocess
import sys

from software.boot import build as boot_build
from tests.gateware.cpu import simtools

HELLO = simtools.ROOT + "/tests/gateware/cpu/programs/hello.S"


def test_boot_rom_loads_a_program_over_the_uart(tmp_path):
    boot_elf, words = boot_build.build()
    assert 10 < len(words) < 8192
    elf = simtools.assemble(HELLO, tmp_path / "hello.elf")
    image = tmp_path / "hello.bin"
    subprocess.run(["riscv64-unknown-elf-objcopy", "-O", "binary", str(elf), str(image)], check=True)
    payload = image.read_bytes()
    upload = b"noise" + b"b2gL" + struct.pack("<II", 0x4000_0000, len(payload)) + payload
    result = subprocess.run([sys.executable, "-m", "sim.run", "--max-cycles", "20000000", boot_elf],
                            cwd=simtools.ROOT, input=upload, capture_output=True, timeout=600)
    assert result.stdout == b"bits2gpt boot ROM\nok\nhello from b2g\n", result.stderr
    assert result.returncode == 0
