"""The C SD card model, driven through its byte API by sd_check.c (a host SPI driver),
on an image made by mkfs.fat + mtools; the FAT driver reads and writes a file through it."""
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SOURCES = ["tests/sim/sdcard/sd_check.c", "sim/sdcard/sdcard.c", "software/fat/fat.c"]
MTOOLS_ENV = dict(os.environ, MTOOLS_SKIP_CHECK="1")


def test_card_model(tmp_path):
    exe = tmp_path / "sd_check"
    subprocess.run(["cc", "-std=c99", "-D_XOPEN_SOURCE=700", "-Wall", "-Wextra", "-Werror", "-o", exe,
                    *[os.path.join(ROOT, s) for s in SOURCES]], check=True)
    image, payload = tmp_path / "sd.img", tmp_path / "kernel"
    payload.write_bytes(os.urandom(300_000))
    subprocess.run(["mkfs.fat", "-C", "-F", "32", image, "65536"], check=True, capture_output=True)
    subprocess.run(["mmd", "-i", image, "::/boot"], check=True, env=MTOOLS_ENV)
    subprocess.run(["mcopy", "-i", image, payload, "::/boot/kernel"], check=True, env=MTOOLS_ENV)
    proc = subprocess.run([exe, image, "/boot/kernel", payload], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout == "all checks passed\n", proc.stdout + proc.stderr
    fsck = subprocess.run(["fsck.fat", "-n", image], capture_output=True, text=True)
    assert fsck.returncode == 0, fsck.stdout
    written = subprocess.run(["mtype", "-i", image, "::/written through the card.txt"],
                             capture_output=True, env=MTOOLS_ENV, check=True).stdout
    assert written == b"via SPI"
