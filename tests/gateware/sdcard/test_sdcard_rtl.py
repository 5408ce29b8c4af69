"""Runs the cocotb tests of the SD controller (sdcard_tb.py) under Icarus Verilog."""
import os
import subprocess
import xml.etree.ElementTree as ET

from cocotb.runner import get_runner

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))


def test_sdcard_controller(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(HERE)       # the runner hands sys.path to the simulator
    lib = tmp_path / "libsdcard.so"
    subprocess.run(["cc", "-std=c99", "-D_XOPEN_SOURCE=700", "-shared", "-fPIC", "-O2", "-o", lib,
                    os.path.join(ROOT, "sim/sdcard/sdcard.c")], check=True)
    image = tmp_path / "card.img"
    image.write_bytes(os.urandom(4 << 20))
    runner = get_runner("icarus")
    runner.build(verilog_sources=[os.path.join(ROOT, "gateware/sdcard/sdcard_spi.v"),
                                  os.path.join(HERE, "tb_sdcard.v")],
                 hdl_toplevel="tb_sdcard", build_dir=tmp_path / "build", timescale=("1ns", "1ps"))
    results = runner.test(hdl_toplevel="tb_sdcard", test_module="sdcard_tb", test_dir=tmp_path,
                          build_dir=tmp_path / "build", log_file=tmp_path / "sim.log",
                          extra_env={"SDCARD_LIB": str(lib), "SDCARD_IMAGE": str(image)})
    cases = ET.parse(results).getroot().iter("testcase")
    outcome = {c.get("name"): [f.get("message") for f in c.iter("failure")] for c in cases}
    assert len(outcome) == 5 and not any(outcome.values()), outcome
