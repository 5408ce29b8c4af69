"""download (software/user/download.c) against its host sender
(tools/download.py), booted from the SD card model; mtools reads the files
back out of the image as the reference."""
import os
import random
import subprocess
import sys
import zlib

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, REPO)
from tools import download  # noqa: E402


def download_to(m, data, dest, **kw):
    m.write(b"download %s\n" % dest.encode())
    return download.send(data, m.read_line, m.write, **kw)


def payload(n, seed):
    rng = random.Random(seed)
    return bytes(range(256)) + bytes(rng.randrange(256) for _ in range(n - 256))


def test_file_arrives_byte_identical_and_corrupted_blocks_are_resent(machine):
    m = machine()
    data = payload(3000, 1)                        # every byte value, 32 blocks, a short last one
    start, resent = download_to(m, data, "/home/data.bin", corrupt=[0, 96 * 7, 96 * 31])
    assert (start, resent) == (0, 3)
    m.finish()
    assert m.file("/home/data.bin") == data
    assert m.file("/home/data.bin.part") is None


def test_interrupted_download_resumes_where_it_stopped(machine):
    m = machine()
    data = payload(2000, 2)
    assert download_to(m, data, "/home/r.bin", stop_after=6) == (0, 0)
    assert "interrupted at 576 bytes" in m.read_until("interrupted")
    m.write(b"ls /home\n")
    assert "     576 r.bin.part" in m.read_until("r.bin.part")
    assert download_to(m, data, "/home/r.bin") == (576, 0)
    m.finish()
    assert m.file("/home/r.bin") == data


def test_bad_blocks_and_a_bad_file_checksum_are_refused(machine):
    m = machine()
    good = b"hello, world\n"
    m.write(b"download /home/bad.txt\n")
    assert "READY 0" in m.read_until("READY")
    m.write(b"D 0 %x %s\n" % (zlib.crc32(good) ^ 1, good.hex().encode()))   # wrong CRC
    assert "NAK 0" in m.read_until("NAK")
    m.write(b"D 0 %x %szz\n" % (zlib.crc32(good), good.hex().encode()))    # not hex
    assert "NAK 0" in m.read_until("NAK")
    m.write(b"D 0 %x %s\n" % (zlib.crc32(good), good.hex().encode()))
    assert "ACK d" in m.read_until("ACK")
    m.write(b"E d %x\n" % (zlib.crc32(good) ^ 1))                           # whole file differs
    assert "FAIL file checksum" in m.read_until("FAIL")
    m.write(b"echo status $?\nls /home\n")
    out = m.read_until("status")
    out += m.finish()
    assert "status 1" in out and "bad.txt" not in out.split("$ ls /home", 1)[1]
    assert m.file("/home/bad.txt") is None and m.file("/home/bad.txt.part") is None


def test_command_line_sender_with_the_emulator(sd_image, tmp_path):
    card, local = tmp_path / "sd.img", tmp_path / "local.bin"
    card.write_bytes(open(sd_image, "rb").read())
    data = payload(700, 3)
    local.write_bytes(data)
    emu = f"{REPO}/build/emu/emu --max-insns 3000000000 --sd {card} {REPO}/build/kernel/kernel.elf"
    r = subprocess.run([sys.executable, os.path.join(REPO, "tools", "download.py"), str(local), "/home/cli.bin",
                        "--exec", emu, "--then", "ls /home", "--then", "exit 3"], capture_output=True, timeout=120)
    assert r.returncode == 3, r.stderr
    assert b"sent 700 bytes from offset 0 (0 blocks resent)" in r.stderr
    assert b"     700 cli.bin" in r.stdout
    got = subprocess.run(["mtype", "-i", str(card), "::/home/cli.bin"], capture_output=True).stdout
    assert got == data
