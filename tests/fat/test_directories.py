"""Directories that span many clusters, a full FAT16 root directory, reused entry slots."""
import pytest

from fat_helpers import FatError, fsck, mtools_tree, our_tree, run


def test_directory_grows_over_many_clusters(tmp_path):
    image = tmp_path / "d.img"
    run(image, "format", 64, "fat32")                      # 512-byte clusters: 16 entries each
    run(image, "mkdir", "/many")
    expect = {"/many": None}
    for i in range(120):                                   # 3 entries per name: ~23 clusters
        path = f"/many/a file called number {i:03d}"
        run(image, "put", path, data=str(i).encode())
        expect[path] = str(i).encode()
    for i in range(0, 120, 2):                             # free every other entry run
        run(image, "rm", f"/many/a file called number {i:03d}")
        del expect[f"/many/a file called number {i:03d}"]
    for i in range(40):                                    # refill the holes
        path = f"/many/x{i}"
        run(image, "put", path, data=b"y" * i)
        expect[path] = b"y" * i
    fsck(image)
    assert our_tree(image) == expect
    assert mtools_tree(image, tmp_path) == expect


def test_full_fat16_root_directory(tmp_path):
    image = tmp_path / "r.img"
    run(image, "format", 16, "fat16")                      # 512 root entries
    expect = {}
    with pytest.raises(FatError, match="no space left"):
        for i in range(600):
            run(image, "put", f"/F{i}.TXT", data=b"")     # plain 8.3 names: one entry each
            expect[f"/F{i}.TXT"] = b""
    assert len(expect) == 512
    fsck(image)
    assert our_tree(image) == expect
    run(image, "rm", "/F7.TXT")
    run(image, "put", "/NEW.TXT", data=b"fits")
    fsck(image)


def test_short_name_aliases_stay_unique(tmp_path):
    image = tmp_path / "s.img"
    run(image, "format", 16, "fat16")
    names = [f"/Long Document Name {i}.text" for i in range(12)] + ["/readme.txt", "/README.TXT.bak"]
    for name in names:
        run(image, "put", name, data=name.encode())
    fsck(image)                                            # fsck.fat flags duplicate 8.3 names
    assert mtools_tree(image, tmp_path) == {n: n.encode() for n in names}
