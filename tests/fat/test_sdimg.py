"""python -m toolchain.sdimg: images built from a folder pass fsck.fat and match it in mtools."""
import subprocess
import sys

from fat_helpers import disk_tree, fsck, mtools_tree

TREE = {
    "boot/kernel": bytes(range(256)) * 300,
    "bin/sh": b"\x7fELF" + b"\1" * 5000,
    "lib/python/os.py": b"import sys\n",
    "lib/python/collections/__init__.py": b"",
    "ml/gpt2/model with a long name.py": b"class GPT: pass\n",
    "models/tiny.safetensors": b"\0" * 70000,
}


def sdimg(*args):
    return subprocess.run([sys.executable, "-m", "toolchain.sdimg", *map(str, args)],
                          capture_output=True, text=True)


def test_build_list_extract(tmp_path):
    src = tmp_path / "src"
    for path, data in TREE.items():
        (src / path).parent.mkdir(parents=True, exist_ok=True)
        (src / path).write_bytes(data)
    image = tmp_path / "sd.img"
    assert sdimg("build", src, "-o", image, "--size", "40M").returncode == 0
    assert image.stat().st_size == 40 << 20
    fsck(image)
    expect = disk_tree(src)
    assert mtools_tree(image, tmp_path) == expect
    listing = sdimg("list", image).stdout.split("\n")
    assert "     70000 /models/tiny.safetensors" in listing and "/lib/python/collections/" in listing
    assert sdimg("extract", image, tmp_path / "out").returncode == 0
    assert disk_tree(tmp_path / "out") == expect


def test_errors_are_reported_without_traceback(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "big").write_bytes(b"x" * (40 << 20))
    cases = [("build", tmp_path / "missing", "-o", tmp_path / "a.img"),
             ("build", tmp_path / "src", "-o", tmp_path / "b.img", "--size", "32M"),
             ("build", tmp_path / "src", "-o", tmp_path / "c.img", "--size", "12.5M"),
             ("build", tmp_path / "src", "-o", tmp_path / "d.img", "--size", "36M"),
             ("list", tmp_path / "missing.img")]
    for args in cases:
        proc = sdimg(*args)
        assert proc.returncode == 1 and proc.stderr.startswith("sdimg: error:"), proc.stderr
        assert "Traceback" not in proc.stderr
