"""Driver-level behaviour (fat_unit.c): I/O errors at every point, corruption found without fat_check."""
import os
import subprocess

from fat_helpers import fsck, make_image, mkfs, outside, run

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def build(tmp_path):
    exe = tmp_path / "fat_unit"
    subprocess.run(["cc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-fsanitize=address,undefined",
                    "-fno-sanitize-recover=all", "-o", exe, os.path.join(ROOT, "tests/fat/fat_unit.c"),
                    os.path.join(ROOT, "software/fat/fat.c")], check=True)
    return exe


def test_io_errors_at_every_point(tmp_path):
    exe = build(tmp_path)
    image = tmp_path / "io.img"
    mkfs(image, 16, 16)
    proc = subprocess.run([exe, "eio", image], capture_output=True, text=True)
    assert proc.returncode == 0 and "every smaller budget failed cleanly" in proc.stdout, proc.stderr
    run(image, "put", "/after", data=b"x")   # the last, complete run left a usable volume
    fsck(image)


def test_corruption_found_on_the_way(tmp_path):
    exe = build(tmp_path)
    image, geometry = make_image(tmp_path, 32)
    outside(image, geometry)
    before = image.read_bytes()
    proc = subprocess.run([exe, "lazy", image], capture_output=True, text=True)
    assert proc.returncode == 0, (proc.returncode, proc.stderr)
    assert image.read_bytes() == before
