"""Self-checking C programs compiled by our compiler, run under qemu-riscv32 user mode."""
import glob
import os
import pytest
from cc_harness import HERE, LEVELS, cc, link, run

PROGRAMS = sorted(glob.glob(os.path.join(HERE, "c", "*.c")))


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("src", PROGRAMS, ids=[os.path.basename(p)[:-2] for p in PROGRAMS])
def test_program(src, level, tmp_path_factory):
    tmp = str(tmp_path_factory.getbasetemp())
    work = tmp_path_factory.mktemp("prog")
    obj = str(work / "prog.o")
    cc(["-c", level, "-Wall", "-std=c11", "-o", obj, src])
    elf = str(work / "prog.elf")
    link([obj], elf, tmp, level)
    r = run(elf)
    assert r.stdout == "OK\n" and r.returncode == 0, r.stdout + r.stderr
