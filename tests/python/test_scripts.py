"""Every script in scripts/ runs under CPython and under our runtime.

CPython's output is the expectation: stdout must match byte for byte, the
exit status must match, and when CPython reports an uncaught exception the
last line of stderr (type and message) must match too.
"""
import glob
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = sorted(glob.glob(os.path.join(HERE, "scripts", "*.py")))


def run(cmd, script):
    return subprocess.run(cmd + [os.path.basename(script)], cwd=os.path.dirname(script),
                          capture_output=True, timeout=60, env={**os.environ, "PYTHONHASHSEED": "0"})


def last_line(err):
    lines = err.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else ""


@pytest.mark.parametrize("script", SCRIPTS, ids=[os.path.basename(s) for s in SCRIPTS])
def test_script_matches_cpython(pyrt, script):
    expected = run([sys.executable], script)
    actual = run([pyrt], script)
    assert actual.stdout.decode("utf-8", "replace") == expected.stdout.decode("utf-8", "replace")
    assert actual.returncode == expected.returncode, actual.stderr.decode("utf-8", "replace")
    if expected.returncode != 0:
        assert last_line(actual.stderr) == last_line(expected.stderr)
