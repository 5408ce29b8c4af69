"""ABI interop: GCC (-march=rv32im -mabi=ilp32) and our compiler call each other, both ways round."""
import os
import pytest
from cc_harness import HERE, LEVELS, cc, gcc_obj, link, run

ABI = os.path.join(HERE, "abi")


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("main_by,lib_by", [("ours", "gcc"), ("gcc", "ours"), ("ours", "ours")])
def test_calls(main_by, lib_by, level, tmp_path_factory):
    tmp = str(tmp_path_factory.getbasetemp())
    work = tmp_path_factory.mktemp("abi")
    objs = []
    for name, by in (("abi_main", main_by), ("abi_lib", lib_by)):
        src, obj = os.path.join(ABI, name + ".c"), str(work / (name + ".o"))
        if by == "gcc":
            gcc_obj(src, obj)
        else:
            cc(["-c", level, "-o", obj, src])
        objs.append(obj)
    elf = str(work / "abi.elf")
    link(objs, elf, tmp, level)
    r = run(elf)
    assert r.stdout == "OK\n" and r.returncode == 0, r.stdout + r.stderr
