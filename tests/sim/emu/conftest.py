"""Shared fixtures: the emulator binary and a cached program builder."""
import importlib.util
import os
import subprocess

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
PROGRAMS = os.path.join(ROOT, "tests", "programs")
EMU = os.path.join(ROOT, "build", "emu", "emu")


def _load_builder():
    spec = importlib.util.spec_from_file_location("programs_build", os.path.join(PROGRAMS, "build.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def emu():
    subprocess.run(["make", "-s", "emu"], cwd=ROOT, check=True)
    return EMU


@pytest.fixture(scope="session")
def build(tmp_path_factory):
    """build(src, target="soc", toolchain="gnu") -> path of the ELF, built once per session."""
    builder = _load_builder()
    out_dir = tmp_path_factory.mktemp("programs")
    cache = {}

    def _build(src, target="soc", toolchain="gnu"):
        key = (src, target, toolchain)
        if key not in cache:
            name = os.path.relpath(src, PROGRAMS).replace(os.sep, "_").replace("..", "up")
            out = str(out_dir / f"{name}.{target}.{toolchain}.elf")
            cache[key] = builder.build(src, out, toolchain=toolchain, target=target)
        return cache[key]

    return _build


@pytest.fixture(scope="session")
def run(emu):
    """run(*args, input=None) -> CompletedProcess of the emulator (bytes).
    A runaway program stops at 200M instructions unless args say otherwise."""
    def _run(*args, input=None, timeout=120):
        cmd = [emu, "--max-insns", "200000000", *map(str, args)]
        return subprocess.run(cmd, capture_output=True, input=input, timeout=timeout)
    return _run
