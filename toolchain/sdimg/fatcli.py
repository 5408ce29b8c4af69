"""Builds and runs the host FAT tool (software/fat/host/fatcli): the one FAT implementation."""
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCES = ["software/fat/fat.c", "software/fat/host/fatcli.c", "software/fat/host/mkfs.c"]
HEADERS = ["software/fat/fat.h", "software/fat/host/mkfs.h"]
BINARY = os.path.join(ROOT, "build", "fat", "fatcli")


class FatError(Exception):
    """fatcli refused or failed; the message is its error line."""


def binary():
    """The path of fatcli, compiled first if any source is newer."""
    inputs = [os.path.join(ROOT, p) for p in SOURCES + HEADERS]
    if os.path.exists(BINARY) and os.path.getmtime(BINARY) >= max(map(os.path.getmtime, inputs)):
        return BINARY
    os.makedirs(os.path.dirname(BINARY), exist_ok=True)
    tmp = f"{BINARY}.{os.getpid()}"
    cmd = ["cc", "-std=c99", "-O2", "-Wall", "-Wextra", "-Werror", "-o", tmp]
    subprocess.run(cmd + [os.path.join(ROOT, p) for p in SOURCES], check=True)
    os.replace(tmp, BINARY)
    return BINARY


def run(image, *args, data=None):
    """Runs one fatcli command on image; returns stdout bytes, raises FatError on failure."""
    proc = subprocess.run([binary(), str(image), *map(str, args)], input=data,
                          capture_output=True)
    if proc.returncode:
        raise FatError(proc.stderr.decode(errors="replace").strip())
    return proc.stdout
