"""Runs the cocotb tests of the accelerator (accel_tb.py) under Icarus Verilog."""
import ast
import os
import subprocess
import xml.etree.ElementTree as ET

import pytest
from cocotb.runner import get_runner

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
RTL = ["fma.v", "lane.v", "spad.v", "dma.v", "accel.v"]
LONG = ["matmul_64_on_rtl"]          # ~100k simulated cycles: make test-long only


def cocotb_tests():
    with open(os.path.join(HERE, "accel_tb.py")) as f:
        tree = ast.parse(f.read())
    return [node.name for node in tree.body if isinstance(node, ast.AsyncFunctionDef)
            and any("cocotb.test" in ast.unparse(d) for d in node.decorator_list)]


def run_cocotb(tmp_path, monkeypatch, cases):
    monkeypatch.syspath_prepend(HERE)       # the runner hands sys.path to the simulator
    monkeypatch.syspath_prepend(ROOT)
    lib = tmp_path / "libaccel.so"
    subprocess.run(["cc", "-std=c11", "-O2", "-DACCEL_LIB", "-shared", "-fPIC", "-o", lib,
                    os.path.join(ROOT, "sim/emu/accel.c")], check=True)
    runner = get_runner("icarus")
    runner.build(verilog_sources=[os.path.join(ROOT, "gateware/accel", f) for f in RTL]
                 + [os.path.join(HERE, "tb_accel.v")],
                 hdl_toplevel="tb_accel", build_dir=tmp_path / "build", timescale=("1ns", "1ps"))
    results = runner.test(hdl_toplevel="tb_accel", test_module="accel_tb", test_dir=tmp_path,
                          build_dir=tmp_path / "build", log_file=tmp_path / "sim.log", testcase=cases,
                          extra_env={"ACCEL_LIB": str(lib), "PYTHONPATH": os.pathsep.join([HERE, ROOT])})
    ran = ET.parse(results).getroot().iter("testcase")
    outcome = {c.get("name"): [f.get("message") for f in c.iter("failure")] for c in ran}
    assert sorted(outcome) == sorted(cases) and not any(outcome.values()), outcome


def test_accel(tmp_path, monkeypatch):
    run_cocotb(tmp_path, monkeypatch, [t for t in cocotb_tests() if t not in LONG])


@pytest.mark.long
def test_accel_long(tmp_path, monkeypatch):
    run_cocotb(tmp_path, monkeypatch, LONG)
