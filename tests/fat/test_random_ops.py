"""Random sequences of operations applied to our driver and to a Python model of the tree;
the image must then pass fsck.fat -n and read back in mtools exactly like the model."""
import random

import pytest

from fat_helpers import fsck, mkfs, mtools_tree, our_tree, run

NAME_PARTS = ["a", "Data", "LOG", "notes", "x1", "Long Name", "report-2026", "~tilde", "mix.Case"]


def random_name(rng):
    name = "".join(rng.choice(NAME_PARTS) for _ in range(rng.randint(1, 4)))
    if rng.random() < 0.6:
        name += rng.choice([".txt", ".BIN", ".py", ".tar.gz", ""])
    return name


class Model:
    """What the tree should hold: {path: bytes or None for a directory}."""

    def __init__(self):
        self.tree = {}

    def dirs(self):
        return [""] + [p for p, d in self.tree.items() if d is None]

    def files(self):
        return [p for p, d in self.tree.items() if d is not None]

    def free_path(self, rng):
        parent = rng.choice(self.dirs())
        while True:
            path = f"{parent}/{random_name(rng)}"
            if all(p.lower() != path.lower() for p in self.tree):
                return path


def step(rng, image, model):
    """Applies one random operation to both the image and the model."""
    op = rng.choice(["create", "create", "append", "truncate", "rename", "delete", "mkdir"])
    files = model.files()
    if op in ("append", "truncate") and not files:
        op = "create"
    if op == "create":
        path = model.free_path(rng)
        data = rng.randbytes(rng.choice([0, 1, 100, 511, 512, 513, 3000, 20000]))
        run(image, "put", path, data=data)
        model.tree[path] = data
    elif op == "append":
        path = rng.choice(files)
        data = rng.randbytes(rng.randint(1, 5000))
        run(image, "append", path, data=data)
        model.tree[path] += data
    elif op == "truncate":
        path = rng.choice(files)
        size = rng.randint(0, len(model.tree[path]) + 2000)
        run(image, "truncate", path, size)
        model.tree[path] = model.tree[path][:size].ljust(size, b"\0")
    elif op == "mkdir":
        path = model.free_path(rng)
        run(image, "mkdir", path)
        model.tree[path] = None
    elif op == "delete" and model.tree:
        path = rng.choice(list(model.tree))
        if any(p.startswith(path + "/") for p in model.tree):
            return                      # non-empty directories are covered below
        run(image, "rm", path)
        del model.tree[path]
    elif op == "rename" and model.tree:
        old = rng.choice(list(model.tree))
        new = model.free_path(rng)
        if new.startswith(old + "/"):
            return
        run(image, "mv", old, new)
        for p in sorted(model.tree):
            if p == old or p.startswith(old + "/"):
                model.tree[new + p[len(old):]] = model.tree.pop(p)


# (made by, FAT type, MiB, sectors per cluster, seed): ours formats with 1-sector clusters,
# mkfs.fat images bring larger clusters.
CASES = [("ours", 32, 64, None, 1), ("ours", 16, 16, None, 2), ("ours", 16, 8, None, 3),
         ("mkfs.fat", 32, 128, 2, 4), ("mkfs.fat", 16, 64, 8, 5)]


@pytest.mark.parametrize("maker,fat_bits,size_mib,spc,seed", CASES)
def test_random_operations(tmp_path, maker, fat_bits, size_mib, spc, seed):
    rng = random.Random(seed)
    image = tmp_path / "r.img"
    if maker == "ours":
        run(image, "format", size_mib, f"fat{fat_bits}")
    else:
        mkfs(image, size_mib, fat_bits, spc)
    model = Model()
    for i in range(300):
        step(rng, image, model)
        if i % 50 == 49:
            fsck(image)
    fsck(image)
    assert our_tree(image) == model.tree
    assert mtools_tree(image, tmp_path) == model.tree
