"""Randomly damaged images: the driver (built with AddressSanitizer) never crashes or hangs,
and an image it reports as corrupt is left byte for byte unchanged."""
import os
import random
import subprocess

from fat_helpers import layout, mkfs, mtools

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCES = ["software/fat/fat.c", "software/fat/host/fatcli.c", "software/fat/host/mkfs.c"]


# Sanitizer reports get their own exit codes, apart from fatcli's 1 for a refused command.
SANITIZE_ENV = dict(os.environ, ASAN_OPTIONS="exitcode=86", UBSAN_OPTIONS="exitcode=87:halt_on_error=1")


def fatcli(exe, image, *args):
    proc = subprocess.run([exe, image, *args], input=b"new data", capture_output=True, timeout=60,
                          env=SANITIZE_ENV)
    assert proc.returncode in (0, 1) and b"Sanitizer" not in proc.stderr \
        and b"runtime error" not in proc.stderr, (args, proc.returncode, proc.stderr[-2000:])
    return proc


def test_damaged_images(tmp_path):
    exe = str(tmp_path / "fatcli-asan")
    subprocess.run(["cc", "-std=c99", "-g", "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
                    "-o", exe, *[os.path.join(ROOT, s) for s in SOURCES]], check=True)
    clean = tmp_path / "clean.img"
    mkfs(clean, 16, 16, 1)
    tree = tmp_path / "tree"
    (tree / "sub" / "deeper").mkdir(parents=True)
    for i in range(6):
        (tree / f"file number {i}.txt").write_bytes(bytes([i]) * (700 * i))
        (tree / "sub" / "deeper" / f"F{i}").write_bytes(b"x" * 1500)
    mtools("mcopy", "-s", "-i", str(clean), *[str(p) for p in tree.iterdir()], "::/")
    g = layout(clean)
    # metadata: boot sector, both FATs' used part, the root directory, the first data clusters
    regions = [(0, 512), (g["fat_start"], 256), (g["fat_start"] + g["fatsz"], 256),
               (g["root"], 1024), (g["root"] + 16384, 16384)]
    rng = random.Random(9)
    image = str(tmp_path / "damaged.img")
    reported = 0
    for _ in range(120):
        data = bytearray(clean.read_bytes())
        for _ in range(rng.randint(1, 4)):
            start, size = rng.choice(regions)
            data[start + rng.randrange(size)] = rng.randrange(256)
        with open(image, "wb") as f:
            f.write(data)
        if fatcli(exe, image, "check").returncode:
            reported += 1
            for args in (["put", "/new"], ["mkdir", "/d"], ["rm", "/sub/deeper/F1"]):
                fatcli(exe, image, *args)
            with open(image, "rb") as f:
                assert f.read() == data
        else:
            fatcli(exe, image, "ls", "/")
            fatcli(exe, image, "get", "/sub/deeper/F1")
            fatcli(exe, image, "put", "/sub/new file")
            fatcli(exe, image, "rm", "/file number 3.txt")
    assert reported > 10                # the damage is often caught, not always harmless
