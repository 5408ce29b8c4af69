"""Shared fixtures for the libc tests: build libc.a once, then compile C test
programs twice - for rv32 against our libc (run under qemu-riscv32) and for
the host against glibc - so that each test can compare the two."""
import os
import subprocess
import sys

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, REPO)

from software.libc import build as libc_build  # noqa: E402

PROGRAMS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "programs")
INCLUDE = os.path.join(REPO, "software", "libc", "include")
FREESTANDING = os.path.join(REPO, "toolchain", "cc", "include")   # the compiler's own headers


class Toolchain:
    def __init__(self, archive, crt0, workdir):
        self.archive = archive
        self.crt0 = crt0
        self.workdir = workdir

    def compile_rv32(self, source, name=None):
        """Links source against our libc and libgcc; returns the ELF path."""
        out = os.path.join(self.workdir, (name or os.path.basename(source)) + ".rv32")
        cmd = ["riscv64-unknown-elf-gcc", "-march=rv32im", "-mabi=ilp32", "-O2",
               "-ffreestanding", "-fno-builtin", "-nostdlib", "-nostdinc", "-I", INCLUDE, "-I", FREESTANDING,
               "-Wall", "-Wno-format-security", "-Werror=implicit-function-declaration",
               self.crt0, source, self.archive, "-lgcc", "-o", out]
        subprocess.run(cmd, check=True)
        return out

    def compile_host(self, source, name=None):
        """The same program against the host's glibc: the reference."""
        out = os.path.join(self.workdir, (name or os.path.basename(source)) + ".host")
        subprocess.run(["gcc", "-O1", "-fno-builtin", "-std=c11", "-D_GNU_SOURCE", "-w", source,
                        "-lm", "-o", out], check=True)
        return out

    def run_rv32(self, exe, *args, stdin=None, cwd=None, check=True):
        result = subprocess.run(["qemu-riscv32", exe] + list(args), input=stdin,
                                capture_output=True, cwd=cwd or self.workdir, timeout=300)
        if check and result.returncode != 0:
            raise AssertionError(f"{exe} exited {result.returncode}: {result.stderr!r}")
        return result

    def run_host(self, exe, *args, stdin=None, cwd=None):
        return subprocess.run([exe] + list(args), input=stdin, capture_output=True,
                              cwd=cwd or self.workdir, timeout=300, check=True)


@pytest.fixture(scope="session")
def toolchain(tmp_path_factory):
    # LIBC_CC=ours runs the same tests on a libc built by toolchain/cc.
    archive, crt0, _ = libc_build.build(os.environ.get("LIBC_CC", "gnu"))
    return Toolchain(archive, crt0, str(tmp_path_factory.mktemp("libc")))


def program(name):
    return os.path.join(PROGRAMS, name)
