"""The same interpreter sources built for 32-bit RISC-V (ilp32, soft float,
picolibc, ISO-C-only port) and run under qemu-system-riscv32 with
semihosting must print what CPython prints for a set of the scripts."""
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ELF = os.path.join(ROOT, "software", "python", "build", "python-rv32.elf")
# scripts that need no directories (the stdc port has none) and run quickly when emulated
SCRIPTS = ["classes", "control", "dicts_sets", "exceptions", "floats", "functions", "generators", "imports",
           "lists", "misc_features", "more_classes", "recursion", "strings", "struct_array",
           "subclass_builtins", "sys_exit"]


@pytest.fixture(scope="module")
def rv32_elf():
    subprocess.run(["make", "-s", "-C", os.path.join(ROOT, "software", "python"), "rv32"], check=True,
                   stdout=subprocess.DEVNULL)
    return ELF


@pytest.mark.parametrize("name", SCRIPTS)
def test_rv32_build_matches_cpython(rv32_elf, name):
    script = os.path.join(HERE, "scripts", name + ".py")
    expected = subprocess.run([sys.executable, script], capture_output=True, timeout=60, cwd=os.path.dirname(script))
    qemu = ["qemu-system-riscv32", "-machine", "virt", "-m", "256M", "-bios", "none", "-display", "none",
            "-serial", "none", "-monitor", "none", "-chardev", "stdio,id=semi",
            "-semihosting-config", "enable=on,target=native,chardev=semi",
            "-kernel", rv32_elf, "-semihosting-config", "arg=" + script]
    actual = subprocess.run(qemu, capture_output=True, timeout=300, cwd=os.path.dirname(script))
    assert actual.stdout.decode("utf-8", "replace") == expected.stdout.decode("utf-8", "replace")
    assert actual.returncode == expected.returncode
