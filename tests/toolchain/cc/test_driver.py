"""The driver's gcc-like flags: -E -S -c -o -I -D -U, accepted no-op flags, multi-file builds."""
from cc_harness import cc, link, run


def test_preprocess_only_with_defines(tmp_path):
    (tmp_path / "inc").mkdir()
    (tmp_path / "inc" / "val.h").write_text("#define VAL (BASE + 1)\n")
    src = tmp_path / "p.c"
    src.write_text("#include <val.h>\n#ifdef GONE\nbad\n#endif\nint x = VAL * SCALE;\n")
    r = cc(["-E", "-I", str(tmp_path / "inc"), "-DBASE=40", "-DSCALE", "-DGONE", "-UGONE", str(src)])
    assert "".join(r.stdout.split()) == "intx=(40+1)*1;"


def test_asm_object_and_link(tmp_path, tmp_path_factory):
    a, b = tmp_path / "a.c", tmp_path / "b.c"
    a.write_text("int twice(int);\nint main(void) { return twice(21) == 42 ? 0 : 1; }\n")
    b.write_text("int twice(int v) { return v * 2; }\n")
    cc(["-S", "-O2", "-g", "-Wall", "-Wextra", "-std=c11", "-ffreestanding", "-march=rv32im",
        "-o", str(tmp_path / "b.s"), str(b)])
    assert "twice:" in (tmp_path / "b.s").read_text()
    cc(["-c", "-o", str(tmp_path / "a.o"), str(a)])
    cc(["-c", "-o", str(tmp_path / "b.o"), str(tmp_path / "b.s")])
    elf = str(tmp_path / "prog.elf")
    link([str(tmp_path / "a.o"), str(tmp_path / "b.o")], elf, str(tmp_path_factory.getbasetemp()))
    assert run(elf).returncode == 0
