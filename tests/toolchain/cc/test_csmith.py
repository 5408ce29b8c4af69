"""Differential testing: csmith programs built by GCC and by us must print the same checksum."""
import os
import subprocess
import pytest
from cc_harness import GCC, HERE, LEVELS, cc, link, run

CSMITH_DIR = os.path.join(HERE, "csmith")
CSMITH_FLAGS = ["--no-packed-struct"]          # #pragma pack is not supported yet
QUICK_SEEDS = [1, 2, 3, 4, 5, 6, 168]           # 168: unsigned bit-field promotion
LONG_SEEDS = range(100, 400)


def build_and_compare(seed, tmp_path_factory):
    tmp = str(tmp_path_factory.getbasetemp())
    work = tmp_path_factory.mktemp(f"csmith{seed}")
    src = str(work / "prog.c")
    subprocess.run(["csmith", "--seed", str(seed), "-o", src] + CSMITH_FLAGS, check=True, capture_output=True,
                   cwd=str(work))                     # csmith writes platform.info into its cwd
    gcc_elf, our_elf = str(work / "gcc.elf"), str(work / "ours.elf")
    gcc_objs = [str(work / "gcc.o"), str(work / "mem.o")]
    subprocess.run(GCC + ["-ffreestanding", "-O1", "-w", "-c", "-I", CSMITH_DIR, "-o", gcc_objs[0], src], check=True)
    subprocess.run(GCC + ["-O1", "-c", "-o", gcc_objs[1], os.path.join(CSMITH_DIR, "memfuncs.c")], check=True)
    link(gcc_objs, gcc_elf, tmp)
    try:
        expected = run(gcc_elf, timeout=20)
    except subprocess.TimeoutExpired:
        return None                                  # the program itself runs too long: no verdict
    assert expected.stdout.startswith("checksum = ")
    for level in LEVELS:
        our_obj = str(work / f"ours{level}.o")
        cc(["-c", level, "-w", "-I", CSMITH_DIR, "-o", our_obj, src])
        link([our_obj], our_elf, tmp, level)
        got = run(our_elf, timeout=120)
        assert got.stdout == expected.stdout, f"seed {seed} {level}: gcc {expected.stdout!r}, ours {got.stdout!r}"
    return True


@pytest.mark.parametrize("seed", QUICK_SEEDS)
def test_csmith_quick(seed, tmp_path_factory):
    assert build_and_compare(seed, tmp_path_factory) is True


@pytest.mark.long
@pytest.mark.timeout(3600)                           # 300 programs: about 20 minutes on a busy machine
def test_csmith_many(tmp_path_factory):
    # Every program GCC's build finishes must match; about 8% of csmith programs
    # run for minutes under qemu and give no verdict either way.
    compared = [s for s in LONG_SEEDS if build_and_compare(s, tmp_path_factory)]
    assert len(compared) >= len(LONG_SEEDS) // 2
