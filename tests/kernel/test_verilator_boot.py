"""The same OS on the Verilator SoC (make test-long: about 150 M cycles,
several minutes): the boot ROM loads /boot/kernel from the SD card model
and the kernel runs the shell, with copy-on-write fork, sleeping and the
UART's receive interrupt as on the emulator."""
import os
import subprocess
import sys

import pytest

from software.boot import build as boot_build

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.mark.long
def test_boot_rom_boots_the_os_from_the_sd_card_on_the_rtl(sd_image, tmp_path):
    rom, _ = boot_build.build()
    card = tmp_path / "sd.img"
    card.write_bytes(open(sd_image, "rb").read())
    keys = b"echo hello rtl | cat\nusertests spin &\nps\nkill 5\nexit 4\n"
    r = subprocess.run([sys.executable, "-m", "sim.run", "--sd", str(card), "--max-cycles", "1500000000", rom],
                       cwd=REPO, input=keys, capture_output=True, timeout=3600)
    out = r.stdout.decode(errors="replace")
    assert out.startswith("bits2gpt boot ROM\nboot: /boot/kernel from the SD card\n\nbits2gpt kernel\n"), out
    assert "\nhello rtl\n" in out and "\n5 2 R usertests\n" in out and "\n1 0 S init\n" in out
    assert r.returncode == 4, out + r.stderr.decode(errors="replace")
