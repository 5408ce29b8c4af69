"""Behaviour CPython cannot serve as the reference for: memory exhaustion
and command-line handling of our runtime."""
import os
import subprocess


def run(pyrt, code, env=None, tmp=None):
    return subprocess.run([pyrt, "-c", code], capture_output=True, timeout=60,
                          env={**os.environ, **(env or {})})


def test_out_of_memory_raises_memory_error_and_recovers(pyrt):
    code = ("hoard = []\n"
            "try:\n"
            "    while True:\n"
            "        hoard.append([0] * 100000)\n"
            "except MemoryError:\n"
            "    n = len(hoard)\n"
            "    hoard = None\n"
            "    print('MemoryError after', 'many' if n > 10 else 'few', 'blocks')\n"
            "print(sum(range(1000)))\n")
    proc = run(pyrt, code, {"PYRT_HEAP_MB": "64"})
    assert proc.stdout == b"MemoryError after many blocks\n499500\n", proc.stderr
    assert proc.returncode == 0


def test_huge_string_repeat_is_memory_error(pyrt):
    proc = run(pyrt, "try:\n    s = 'x' * (1 << 40)\nexcept MemoryError:\n    print('ok')\n", {"PYRT_HEAP_MB": "64"})
    assert proc.stdout == b"ok\n"


def test_dash_c_and_argv(pyrt):
    proc = subprocess.run([pyrt, "-c", "import sys; print(sys.argv)", "a", "b"], capture_output=True, timeout=30)
    assert proc.stdout == b"['-c', 'a', 'b']\n"


def test_missing_file_exit_status_2(pyrt, tmp_path):
    proc = subprocess.run([pyrt, str(tmp_path / "nope.py")], capture_output=True, timeout=30)
    assert proc.returncode == 2
    assert b"can't open file" in proc.stderr
