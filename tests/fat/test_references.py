"""Images made by mkfs.fat + mtools read correctly in ours, and ours pass fsck.fat and read back in mtools."""
import pytest

from fat_helpers import FatError, disk_tree, fsck, mkfs, mtools, mtools_tree, our_tree, run

TREE = {
    "/README.TXT": b"short upper-case name\n",
    "/lower.txt": b"lower case 8.3 name\n",
    "/A long file name with spaces.data": bytes(range(256)) * 40,
    "/docs": None,
    "/docs/nested": None,
    "/docs/nested/very-long-name-that-needs-several-entries-0123456789.bin": b"x" * 5000,
    "/docs/empty": b"",
    "/docs/.hidden": b"dot file",
}


def write_tree(top, tree):
    top.mkdir()
    for path, data in sorted(tree.items()):
        full = top / path.lstrip("/")
        if data is None:
            full.mkdir(parents=True)
        else:
            full.write_bytes(data)


@pytest.mark.parametrize("size_mib,fat_bits", [(16, 16), (64, 32), (128, 32)])
def test_mtools_image_reads_in_ours(tmp_path, size_mib, fat_bits):
    image = tmp_path / "ref.img"
    mkfs(image, size_mib, fat_bits)
    src = tmp_path / "src"
    write_tree(src, TREE)
    mtools("mcopy", "-s", "-i", str(image), *[str(p) for p in src.iterdir()], "::/")
    assert our_tree(image) == disk_tree(src)
    df = run(image, "df").decode()
    assert f"FAT{fat_bits}" in df


@pytest.mark.parametrize("size_mib,fat_bits", [(16, 16), (64, 32)])
def test_our_image_reads_in_mtools(tmp_path, size_mib, fat_bits):
    image = tmp_path / "ours.img"
    run(image, "format", size_mib, f"fat{fat_bits}")
    fsck(image)
    for path, data in sorted(TREE.items()):
        if data is None:
            run(image, "mkdir", path)
        else:
            run(image, "put", path, data=data)
    fsck(image)
    assert mtools_tree(image, tmp_path) == TREE
    assert our_tree(image) == TREE


def test_writes_into_mtools_image(tmp_path):
    image = tmp_path / "ref.img"
    mkfs(image, 64, 32)
    src = tmp_path / "src"
    write_tree(src, TREE)
    mtools("mcopy", "-s", "-i", str(image), *[str(p) for p in src.iterdir()], "::/")
    run(image, "put", "/docs/nested/added by us.txt", data=b"new")
    run(image, "rm", "/README.TXT")
    run(image, "mv", "/docs/nested", "/moved")
    fsck(image)
    expect = {}
    for path, data in TREE.items():
        if path == "/README.TXT":
            continue
        expect[path.replace("/docs/nested", "/moved")] = data
    expect["/moved/added by us.txt"] = b"new"
    assert mtools_tree(image, tmp_path) == expect


def test_fat32_refused_when_too_few_clusters(tmp_path):
    with pytest.raises(FatError, match="no valid fat32 layout"):
        run(tmp_path / "small.img", "format", 32, "fat32")
    run(tmp_path / "ok.img", "format", 32, "fat16")
    fsck(tmp_path / "ok.img")


def test_fsinfo_free_count_tracks_changes(tmp_path):
    image = tmp_path / "fs.img"
    run(image, "format", 64, "fat32")
    free0 = int(run(image, "df").split()[0])
    run(image, "put", "/big", data=b"z" * 512 * 100)
    assert int(run(image, "df").split()[0]) == free0 - 100
    with open(image, "rb") as f:
        f.seek(512 + 488)
        assert int.from_bytes(f.read(4), "little") == free0 - 100
    fsck(image)
    run(image, "truncate", "/big", 512 * 10 + 1)
    assert int(run(image, "df").split()[0]) == free0 - 11
    fsck(image)
