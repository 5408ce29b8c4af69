"""User-level C programs give the same output and exit status on the
emulator (UART, simctrl) and on qemu-riscv32 (write(2), exit(2))."""
import glob
import os
import subprocess

import pytest

USER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "programs", "user")
PROGRAMS = sorted(glob.glob(os.path.join(USER, "*.c")))
INPUT = b"hello world\nThe Quick brown fox, 123!\n\nquit\nnot read\n"


def test_there_are_user_programs():
    assert len(PROGRAMS) >= 3


@pytest.mark.parametrize("src", PROGRAMS, ids=os.path.basename)
def test_same_output_as_qemu(run, build, src):
    ours = run("--max-insns", "100000000", build(src), input=INPUT)
    theirs = subprocess.run(["qemu-riscv32", build(src, target="qemu")], input=INPUT,
                            capture_output=True, timeout=120)
    assert theirs.stdout, "qemu printed nothing"
    assert ours.stdout == theirs.stdout
    assert ours.returncode == theirs.returncode


@pytest.mark.parametrize("name", ["primes.c", "echo.c"])
def test_built_by_our_compiler(run, build, name):
    """toolchain.cc + toolchain.asm/ld + software/rt: same output as gcc's build."""
    src = os.path.join(USER, name)
    ours = run(build(src, toolchain="ours"), input=INPUT)
    gnu = run(build(src), input=INPUT)
    assert gnu.stdout
    assert (ours.stdout, ours.returncode) == (gnu.stdout, gnu.returncode)
