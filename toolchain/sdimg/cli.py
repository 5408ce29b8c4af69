"""The sdimg commands. Every FAT operation is done by the host build of software/fat."""
import argparse
import os
import re
import subprocess
import sys

from toolchain.sdimg.fatcli import FatError, run


def parse_size(text):
    """'64M', '1G', '512K' or a byte count -> MiB (whole MiB only)."""
    m = re.fullmatch(r"(\d+)([KMG]?)i?B?", text.strip(), re.I)
    if not m:
        raise ValueError(f"bad size '{text}' (use e.g. 64M or 1G)")
    scale = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m.group(2).upper()]
    size = int(m.group(1)) * scale
    if size % (1 << 20):
        raise ValueError(f"size {text} is not a whole number of MiB")
    return size >> 20


def build(src, image, size_mib):
    """Formats image as FAT32 and copies the tree under src into it."""
    if not os.path.isdir(src):
        raise ValueError(f"{src}: not a directory")
    run(image, "format", size_mib, "fat32")
    for dirpath, dirs, files in os.walk(src):
        dirs.sort()
        rel = os.path.relpath(dirpath, src)
        dest = "" if rel == "." else "/" + rel.replace(os.sep, "/")
        for d in dirs:
            run(image, "mkdir", f"{dest}/{d}")
        for f in sorted(files):
            with open(os.path.join(dirpath, f), "rb") as fh:
                run(image, "put", f"{dest}/{f}", data=fh.read())


def entries(image):
    """[(kind 'd' or 'f', size, path)] for the whole image, depth first."""
    out = []
    for line in run(image, "ls", "/").decode().splitlines():
        kind, rest = line.split(" ", 1)
        size, path = rest.split(" ", 1) if kind == "f" else ("0", rest)
        out.append((kind, int(size), path))
    return out


def extract(image, outdir):
    for kind, _, path in entries(image):
        target = os.path.join(outdir, path.lstrip("/"))
        if kind == "d":
            os.makedirs(target, exist_ok=True)
        else:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as fh:
                fh.write(run(image, "get", path))


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m toolchain.sdimg",
                                     description="FAT32 SD card images (layout: docs/sd-image.md)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="make an image from a folder")
    p.add_argument("dir")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--size", default="64M", help="image size, at least 33M (FAT32 needs 65525 clusters)")
    p = sub.add_parser("list", help="list the files in an image")
    p.add_argument("image")
    p = sub.add_parser("extract", help="copy an image's files into a folder")
    p.add_argument("image")
    p.add_argument("outdir")
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            build(args.dir, args.output, parse_size(args.size))
        elif args.command == "list":
            for kind, size, path in entries(args.image):
                print(f"{path}/" if kind == "d" else f"{size:>10} {path}")
        else:
            extract(args.image, args.outdir)
    except (FatError, ValueError, OSError, subprocess.CalledProcessError) as err:
        print(f"sdimg: error: {err}", file=sys.stderr)
        return 1
    return 0
