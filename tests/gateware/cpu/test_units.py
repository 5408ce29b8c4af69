"""cocotb testbenches for the core's units and for the whole core, run on
Icarus Verilog through cocotb's Python runner (see cocotb/*.py)."""
import glob
import os
import warnings

import pytest

warnings.filterwarnings("ignore", message="Python runners")
from cocotb.runner import get_results, get_runner  # noqa: E402

from tests.gateware.cpu import simtools  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
CPU = os.path.join(ROOT, "gateware", "cpu")

# unit -> (top module, Verilog files, cocotb test module)
UNITS = {
    "alu": ("b2g_alu", ["b2g_alu.v"], "tb_alu"),
    "decoder": ("b2g_decoder", ["b2g_decoder.v"], "tb_decoder"),
    "muldiv": ("b2g_muldiv", ["b2g_muldiv.v"], "tb_muldiv"),
    "regfile": ("b2g_regfile", ["b2g_regfile.v"], "tb_regfile"),
    "csr": ("b2g_csr", ["b2g_csr.v"], "tb_csr"),
}


def run_cocotb(name, top, sources, module, env=None):
    build_dir = os.path.join(ROOT, "build", "cocotb", name)
    runner = get_runner("icarus")
    runner.build(sources=[os.path.join(CPU, s) if "/" not in s else s for s in sources], hdl_toplevel=top,
                 build_dir=build_dir, always=True, timescale=("1ns", "1ps"))
    # cocotb refuses results_xml under pytest (it would name the file after
    # the test, in the source tree); hide pytest's variable for the call.
    pytest_test = os.environ.pop("PYTEST_CURRENT_TEST", None)
    results = runner.test(hdl_toplevel=top, test_module=module, build_dir=build_dir,
                          test_dir=os.path.join(HERE, "cocotb"),
                          results_xml=os.path.join(build_dir, "results.xml"),
                          extra_env={"PYTHONPATH": os.path.join(HERE, "cocotb") + os.pathsep + ROOT,
                                     **(env or {})})
    if pytest_test is not None:
        os.environ["PYTEST_CURRENT_TEST"] = pytest_test
    # The runner writes a JUnit file; fail when any cocotb test failed.
    total, failed = get_results(results)
    assert total > 0 and failed == 0, f"{failed} of {total} cocotb tests failed in {name}"


@pytest.mark.parametrize("unit", sorted(UNITS))
def test_unit(unit):
    top, sources, module = UNITS[unit]
    run_cocotb(unit, top, sources, module)


@pytest.mark.parametrize("program,status,uart", [
    ("hello.S", 0, "hello from b2g\n"),
    ("core_traps.S", 0, ""),
    ("fence_i.S", 0, ""),
])
def test_whole_core(program, status, uart, tmp_path):
    elf = simtools.assemble(os.path.join(HERE, "programs", program), tmp_path / "program.elf")
    sources = sorted(f for f in os.listdir(CPU) if f.endswith(".v"))
    sources += sorted(glob.glob(os.path.join(ROOT, "gateware", "mmu", "*.v")))
    run_cocotb("core_" + program[:-2], "b2g_core", sources, "tb_core",
               env={"B2G_PROGRAM": str(elf), "B2G_EXPECT_STATUS": str(status), "B2G_EXPECT_UART": uart})
