"""Shared by the OS tests: the SD image built with the test programs of
progs/ in /bin, and a machine booted from a copy of it with its console on
pipes (mtools reads files back out)."""
import os
import subprocess
import sys

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, REPO)
from software.kernel import build as os_build  # noqa: E402

EMU = os.path.join(REPO, "build", "emu", "emu")
KERNEL = os.path.join(REPO, "build", "kernel", "kernel.elf")


@pytest.fixture(scope="session")
def sd_image():
    subprocess.run(["make", "-s", "emu"], cwd=REPO, check=True)
    os_build.build(os.path.join(REPO, "build", "kernel"), with_tests=True)
    return os.path.join(REPO, "build", "kernel", "sd.img")


class Machine:
    """The OS booted from a copy of the SD image, console on pipes."""

    def __init__(self, image, card):
        self.card = card
        with open(image, "rb") as src, open(card, "wb") as dst:
            dst.write(src.read())
        self.proc = subprocess.Popen([EMU, "--max-insns", "3000000000", "--sd", str(card), KERNEL],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def write(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def read_line(self):
        return self.proc.stdout.readline()

    def read_until(self, text):
        seen = b""
        while text.encode() not in seen:
            line = self.read_line()
            assert line, seen.decode(errors="replace")
            seen += line
        return seen.decode(errors="replace")

    def finish(self, keys=b""):
        """Types keys, then exit 0; returns the rest of the console output."""
        self.write(keys + b"exit 0\n")
        self.proc.stdin.close()
        rest = self.proc.stdout.read().decode(errors="replace")
        assert self.proc.wait(timeout=120) == 0, rest
        return rest

    def file(self, path):
        r = subprocess.run(["mtype", "-i", str(self.card), "::" + path], capture_output=True)
        return r.stdout if r.returncode == 0 else None


@pytest.fixture
def machine(sd_image, tmp_path):
    made = []

    def boot():
        made.append(Machine(sd_image, tmp_path / f"sd{len(made)}.img"))
        return made[-1]
    yield boot
    for m in made:
        if m.proc.poll() is None:
            m.proc.kill()
            m.proc.wait()
