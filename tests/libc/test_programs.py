"""Whole C programs built against our libc (under qemu-riscv32) and against
glibc (on the host), run in scratch directories: their outputs must match
byte for byte. Self-checking programs (malloc stress, setjmp) are checked
directly."""
import os
import shutil
import time

PROGRAMS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "programs")


def both(toolchain, name, *args, env=None):
    source = os.path.join(PROGRAMS, name)
    ours_dir = os.path.join(toolchain.workdir, name + ".ours")
    host_dir = os.path.join(toolchain.workdir, name + ".glibc")
    for d in (ours_dir, host_dir):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    ours = toolchain.run_rv32(toolchain.compile_rv32(source), *args, cwd=ours_dir, check=False)
    ref = toolchain.run_host(toolchain.compile_host(source), *args, cwd=host_dir) \
        if env is None else None
    return ours, ref, ours_dir


def assert_same(ours, ref):
    a = ours.stdout.decode(errors="replace").splitlines()
    b = ref.stdout.decode(errors="replace").splitlines()
    diffs = [(i, x, y) for i, (x, y) in enumerate(zip(a, b)) if x != y]
    assert diffs[:10] == [] and len(a) == len(b)
    assert ours.returncode == ref.returncode


def test_string_and_ctype_match_glibc(toolchain):
    assert_same(*both(toolchain, "strings.c")[:2])


def test_file_io_matches_glibc(toolchain):
    ours, ref, workdir = both(toolchain, "files.c")
    assert_same(ours, ref)
    assert os.listdir(workdir) == []        # the program removed all it made


def test_qsort_bsearch_match_glibc(toolchain):
    assert_same(*both(toolchain, "sorting.c")[:2])


def test_sscanf_matches_glibc(toolchain):
    assert_same(*both(toolchain, "scanning.c")[:2])


def test_malloc_stress(toolchain):
    result = toolchain.run_rv32(toolchain.compile_rv32(os.path.join(PROGRAMS, "malloc_stress.c")))
    assert result.stdout.decode() == "ok 1 1 1 1\n"


def test_double_free_is_caught(toolchain):
    exe = toolchain.compile_rv32(os.path.join(PROGRAMS, "double_free.c"))
    result = toolchain.run_rv32(exe, check=False)
    assert result.stdout.decode() == "first free done\n"
    assert b"malloc: double free" in result.stderr or b"malloc: free of a bad" in result.stderr
    assert result.returncode != 0


def test_setjmp_longjmp(toolchain):
    result = toolchain.run_rv32(toolchain.compile_rv32(os.path.join(PROGRAMS, "jumps.c")))
    assert result.stdout.decode() == "first 42 99 77 1\nzero becomes 1\nnested 3\n"


def test_process_environment_exit(toolchain):
    source = os.path.join(PROGRAMS, "process.c")
    env = dict(os.environ, LIBC_TEST_VAR="from the host")
    args = ["one", "two words"]
    import subprocess
    ours = subprocess.run(["qemu-riscv32", toolchain.compile_rv32(source)] + args, env=env,
                          capture_output=True, timeout=60)
    ref = subprocess.run([toolchain.compile_host(source)] + args, env=env, capture_output=True,
                         timeout=60)
    mine = ours.stdout.decode().splitlines()
    theirs = ref.stdout.decode().splitlines()
    t_ours = int([x for x in mine if x.startswith("time ")][0].split()[1])
    assert abs(t_ours - time.time()) < 120
    strip = [x for x in mine if not x.startswith("time ")]
    assert strip == [x for x in theirs if not x.startswith("time ")]
    assert ours.stderr == ref.stderr == b"perror says: No such file or directory\n"
    assert ours.returncode == ref.returncode == 7


def test_stdin_reading_matches_glibc(toolchain):
    source = os.path.join(PROGRAMS, "stdin_lines.c")
    text = b"first line\na rather long second line\n\nx" + b"0123456789\n" * 500 + b"no newline"
    ours = toolchain.run_rv32(toolchain.compile_rv32(source), stdin=text)
    ref = toolchain.run_host(toolchain.compile_host(source), stdin=text)
    assert ours.stdout == ref.stdout
    assert b"rest 5512 bytes 501 lines eof 1" in ours.stdout


def test_readdir_matches_glibc(toolchain):
    ours, ref, workdir = both(toolchain, "listing.c")
    assert_same(ours, ref)
    assert b"subdir dir\n" in ours.stdout and b"file_with_a_long_name_59.txt file" in ours.stdout
    assert os.listdir(workdir) == []
