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


def test_optimisation_levels(tmp_path):
    """-O0 is the default; -O1 and up (or B2G_CC_OPT=1) keep loop variables in s registers."""
    import os
    import subprocess
    import sys
    from cc_harness import ROOT
    src = tmp_path / "loop.c"
    src.write_text("int sum(int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }\n")

    def asm(*flags, env_opt=None):
        out = tmp_path / "out.s"
        env = dict(os.environ)
        env.pop("B2G_CC_OPT", None)
        if env_opt is not None:
            env["B2G_CC_OPT"] = env_opt
        subprocess.run([sys.executable, "-m", "toolchain.cc", "-S", *flags, "-o", str(out), str(src)],
                       cwd=ROOT, env=env, check=True)
        return out.read_text()

    default, o0, o1, o2 = asm(), asm("-O0"), asm("-O1"), asm("-O2")
    assert default == o0 and "s1" not in o0
    assert o1 == o2 and o1 != o0 and "sw s1, " in o1
    assert asm(env_opt="1") == o1 and asm("-O2", env_opt="0") == o0
