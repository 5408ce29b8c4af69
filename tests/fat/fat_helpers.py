"""Shared by the FAT tests: the references (mkfs.fat, fsck.fat, mtools) and tree walking."""
import os
import struct
import subprocess

from toolchain.sdimg.fatcli import FatError, run  # noqa: F401

MTOOLS_ENV = dict(os.environ, MTOOLS_SKIP_CHECK="1")


def mkfs(image, size_mib, fat_bits, sectors_per_cluster=None):
    spc = ["-s", str(sectors_per_cluster)] if sectors_per_cluster else []
    subprocess.run(["mkfs.fat", "-C", "-F", str(fat_bits), *spc, str(image), str(size_mib * 1024)],
                   check=True, capture_output=True)


def fsck(image):
    """fsck.fat -n must exit 0 and report nothing besides its banner and summary."""
    proc = subprocess.run(["fsck.fat", "-n", str(image)], capture_output=True, text=True)
    lines = [ln for ln in proc.stdout.splitlines()
             if not ln.startswith("fsck.fat ") and not ln.startswith(f"{image}: ")]
    assert proc.returncode == 0 and not lines, proc.stdout + proc.stderr


def mtools(*args, check=True):
    return subprocess.run(list(args), env=MTOOLS_ENV, capture_output=True, check=check)


def mtools_tree(image, tmp):
    """The image's tree as extracted by mcopy: {path: bytes or None for a directory}."""
    out = os.path.join(tmp, "mtools-out")
    os.makedirs(out)
    if mtools("mdir", "-i", str(image), "-b", "::/", check=False).stdout.strip():
        mtools("mcopy", "-s", "-n", "-i", str(image), "::/*", out)
    return disk_tree(out)


def disk_tree(top):
    tree = {}
    for dirpath, dirs, files in os.walk(top):
        rel = os.path.relpath(dirpath, top)
        for d in dirs:
            tree["/" + os.path.normpath(os.path.join(rel, d))] = None
        for f in files:
            with open(os.path.join(dirpath, f), "rb") as fh:
                tree["/" + os.path.normpath(os.path.join(rel, f))] = fh.read()
    return tree


def our_tree(image):
    """The tree as our driver lists and reads it."""
    tree = {}
    for line in run(image, "ls", "/").decode().splitlines():
        kind, rest = line.split(" ", 1)
        if kind == "d":
            tree[rest] = None
        else:
            size, path = rest.split(" ", 1)
            tree[path] = run(image, "get", path)
            assert len(tree[path]) == int(size)
    return tree


# Images with known damage, for the corruption tests.

def make_image(tmp_path, fat_bits):
    """A mkfs.fat image holding A.BIN (3 clusters) and B.BIN (2 clusters), made with mtools."""
    image = tmp_path / "c.img"
    mkfs(image, 16 if fat_bits == 16 else 64, fat_bits)
    geometry = layout(image)
    for name, clusters in (("A.BIN", 3), ("B.BIN", 2)):
        (tmp_path / name).write_bytes(b"q" * geometry["cluster_bytes"] * clusters)
        mtools("mcopy", "-i", str(image), str(tmp_path / name), "::/")
    return image, geometry


def layout(image):
    """The few boot-sector numbers the corruptions need."""
    with open(image, "rb") as f:
        boot = f.read(512)
    spc, rsv, nfats, root_entries = boot[13], *struct.unpack_from("<HBH", boot, 14)
    total = struct.unpack_from("<H", boot, 19)[0] or struct.unpack_from("<I", boot, 32)[0]
    fatsz = struct.unpack_from("<H", boot, 22)[0] or struct.unpack_from("<I", boot, 36)[0]
    root_start = rsv + nfats * fatsz
    data_start = root_start + root_entries * 32 // 512
    fat32 = root_entries == 0
    return {"fat_start": rsv * 512, "fatsz": fatsz * 512, "nfats": nfats, "fat32": fat32,
            "root": (data_start if fat32 else root_start) * 512, "cluster_bytes": spc * 512,
            "nclusters": (total - data_start) // spc}


def entry(image, geometry, short_name):
    """Byte offset of a root directory entry by its 11-byte short name."""
    with open(image, "rb") as f:
        f.seek(geometry["root"])
        root = f.read(4096)
    return geometry["root"] + root.index(short_name)


def first_cluster(image, geometry, short_name):
    at = entry(image, geometry, short_name)
    with open(image, "rb") as f:
        f.seek(at + 20)
        high = struct.unpack("<H", f.read(2))[0]
        f.seek(at + 26)
        return struct.unpack("<H", f.read(2))[0] | high << 16


def set_fat(image, geometry, cluster, value):
    width = 4 if geometry["fat32"] else 2
    with open(image, "r+b") as f:
        for copy in range(geometry["nfats"]):
            f.seek(geometry["fat_start"] + copy * geometry["fatsz"] + cluster * width)
            f.write(value.to_bytes(width, "little"))


def poke(image, offset, data):
    with open(image, "r+b") as f:
        f.seek(offset)
        f.write(data)


def cross_link(image, g):
    set_fat(image, g, first_cluster(image, g, b"A       BIN") + 2, first_cluster(image, g, b"B       BIN"))


def loop(image, g):
    a = first_cluster(image, g, b"A       BIN")
    set_fat(image, g, a + 2, a)


def outside(image, g):
    at, cluster = entry(image, g, b"B       BIN"), g["nclusters"] + 5
    poke(image, at + 26, struct.pack("<H", cluster & 0xFFFF))
    poke(image, at + 20, struct.pack("<H", cluster >> 16))
