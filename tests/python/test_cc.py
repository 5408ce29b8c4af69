"""toolchain/cc (our C compiler, written in Python) running on our runtime
must emit the same assembly as when it runs on CPython."""
import glob
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = sorted(glob.glob(os.path.join(HERE, "cc_inputs", "*.c")))
DRIVER = os.path.join(HERE, "cc_driver.py")


@pytest.mark.parametrize("source", SOURCES, ids=[os.path.basename(s) for s in SOURCES])
def test_cc_on_our_runtime_matches_cpython(pyrt, source):
    expected = subprocess.run([sys.executable, DRIVER, source], capture_output=True, timeout=120)
    actual = subprocess.run([pyrt, DRIVER, source], capture_output=True, timeout=300)
    assert actual.stdout.decode() == expected.stdout.decode(), actual.stderr.decode()[-2000:]
    assert actual.returncode == expected.returncode
