"""Corrupted images are reported and never written; a full disk fails cleanly; bad names are refused."""
import struct

import pytest

from fat_helpers import (FatError, cross_link, entry, fsck, loop, make_image,
                         outside, poke, run, mtools_tree, our_tree)


def size_past_chain(image, g):
    poke(image, entry(image, g, b"B       BIN") + 28, struct.pack("<I", 10 * g["cluster_bytes"]))


CORRUPTIONS = {
    "signature": lambda image, g: poke(image, 510, b"\0\0"),
    "bytes_per_sector": lambda image, g: poke(image, 11, struct.pack("<H", 1000)),
    "cluster_size": lambda image, g: poke(image, 13, b"\x03"),
    "cross_link": cross_link,
    "loop": loop,
    "outside_volume": outside,
    "size_past_chain": size_past_chain,
}


@pytest.mark.parametrize("fat_bits", [16, 32])
@pytest.mark.parametrize("kind", sorted(CORRUPTIONS))
def test_corrupt_image_is_reported_and_not_written(tmp_path, fat_bits, kind):
    image, geometry = make_image(tmp_path, fat_bits)
    assert run(image, "get", "/B.BIN") == b"q" * 2 * geometry["cluster_bytes"]
    CORRUPTIONS[kind](image, geometry)
    before = image.read_bytes()
    for args in (["check"], ["mkdir", "/new"], ["rm", "/A.BIN"], ["put", "/A.BIN"]):
        with pytest.raises(FatError, match="corrupt filesystem"):
            run(image, *args, data=b"data")
    assert image.read_bytes() == before


@pytest.mark.parametrize("fat", ["fat16", "fat32"])
def test_full_disk_fails_and_stays_consistent(tmp_path, fat):
    image = tmp_path / "full.img"
    run(image, "format", 8 if fat == "fat16" else 33, fat)
    chunk = bytes(range(256)) * 4096     # 1 MiB
    written = {}
    with pytest.raises(FatError, match="no space left"):
        for i in range(100):
            written[f"/file{i}"] = chunk
            run(image, "put", f"/file{i}", data=chunk)
    last = f"/file{len(written) - 1}"
    assert run(image, "df").startswith(b"0 free")
    with pytest.raises(FatError, match="no space left"):
        run(image, "mkdir", "/one more directory")
    fsck(image)
    tree = our_tree(image)
    assert chunk.startswith(tree[last]) and len(tree[last]) < len(chunk)
    written[last] = tree[last]
    assert tree == written
    assert mtools_tree(image, tmp_path) == written
    run(image, "rm", last)               # space comes back
    run(image, "put", "/after", data=b"fits again")
    fsck(image)


@pytest.mark.parametrize("name", ["tab\tname", "a:b", "what?", "star*", "trailing.", "x" * 256, "."])
def test_bad_names_are_refused(tmp_path, name):
    image = tmp_path / "n.img"
    run(image, "format", 16, "fat16")
    with pytest.raises(FatError, match="invalid"):
        run(image, "put", "/" + name, data=b"")
    fsck(image)


def test_errors_for_missing_and_nonempty(tmp_path):
    image = tmp_path / "e.img"
    run(image, "format", 16, "fat16")
    run(image, "mkdir", "/d")
    run(image, "put", "/d/f", data=b"1")
    with pytest.raises(FatError, match="not empty"):
        run(image, "rm", "/d")
    with pytest.raises(FatError, match="no such file"):
        run(image, "get", "/nope")
    with pytest.raises(FatError, match="already exists"):
        run(image, "mkdir", "/D")
    with pytest.raises(FatError, match="invalid"):
        run(image, "mv", "/d", "/d/inside")
    with pytest.raises(FatError, match="is a directory"):
        run(image, "get", "/d")
    fsck(image)


def test_directory_cannot_move_under_itself(tmp_path):
    image = tmp_path / "m.img"
    run(image, "format", 16, "fat16")
    for d in ("/a", "/a/b", "/a/b/c"):
        run(image, "mkdir", d)
    for target in ("/a/x", "//A/b/y", "/a/B/c/z", "/a/./b/z"):
        with pytest.raises(FatError, match="invalid|no such"):
            run(image, "mv", "/a", target)
    run(image, "mv", "/a/b/c", "/c")                      # moving up is fine
    run(image, "mv", "/c", "/a/b/c2")
    fsck(image)
    assert our_tree(image) == {"/a": None, "/a/b": None, "/a/b/c2": None}
