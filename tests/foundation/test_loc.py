"""The line ledger counts code lines the way CONTRIBUTING.md says."""
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import loc  # noqa: E402


def test_python_docstrings_and_comments_are_not_code():
    src = '''"""Module docstring
spanning lines."""
import os  # a trailing comment keeps the line

# a comment line

def f(x):
    """Docstring."""
    s = """a string that is
    an expression, not a docstring"""
    return s
'''
    # import, def, s = (2 lines), return
    assert loc.python_lines(src) == 5


def test_c_comments_are_not_code():
    src = "/* header\n   comment */\nint x; // note\n\n// only comment\nint y; /* inline */ int z;\n"
    assert loc.c_like_lines(src, hash_comments=False) == 2


def test_assembly_hash_comments_but_not_directives():
    src = "# comment\n#include \"x.h\"\n  addi a0, a0, 1  # inc\n#\n"
    assert loc.c_like_lines(src, hash_comments=True) == 2


@pytest.mark.parametrize("path,layer", [
    ("gateware/cpu/alu.v", "CPU (gateware/cpu)"),
    ("sim/emu/main.c", "emulator (sim/emu)"),
    ("sim/sdcard/model.c", "simulation (sim)"),
    ("toolchain/asm/parse.py", "assembler/linker (toolchain)"),
    ("toolchain/cc/parse.py", "C compiler (toolchain/cc)"),
    ("ml/nn/linear.py", "autograd, nn, optim (ml)"),
    ("tests/ml/test_x.py", "tests"),
    ("bench/ml/train.py", "bench"),
    ("ml/__init__.py", "other"),
])
def test_classify(path, layer):
    assert loc.classify(path) == layer


def test_total_over_budget_fails(monkeypatch, capsys):
    monkeypatch.setattr(loc, "ledger", lambda: {"C compiler (toolchain/cc)": 100_001})
    with pytest.raises(SystemExit) as exit_info:
        loc.main()
    assert exit_info.value.code == 1
    assert "over the 100,000-line budget" in capsys.readouterr().err


def test_make_loc_prints_the_table():
    out = subprocess.run(["make", "-s", "loc"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "| **total** |" in out.stdout
    for name, budget, _ in loc.LAYERS:
        assert name in out.stdout
