"""Builds our Python runtime once per test session (make -C software/python)."""
import os
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.join(ROOT, "software", "python", "build", "python")


@pytest.fixture(scope="session")
def pyrt():
    subprocess.run(["make", "-s", "-C", os.path.join(ROOT, "software", "python")], check=True,
                   stdout=subprocess.DEVNULL)
    return BINARY
