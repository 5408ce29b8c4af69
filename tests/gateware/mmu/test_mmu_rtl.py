"""cocotb testbenches of gateware/mmu on Icarus Verilog, each against the
Python reference of the privileged spec (sv32ref.py)."""
import os
import warnings

import pytest

warnings.filterwarnings("ignore", message="Python runners")
from cocotb.runner import get_results, get_runner  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
MMU = os.path.join(ROOT, "gateware", "mmu")


def run_cocotb(name, top, sources, module, parameters=None, env=None):
    build_dir = os.path.join(ROOT, "build", "cocotb", "mmu_" + name)
    runner = get_runner("icarus")
    runner.build(sources=sources, hdl_toplevel=top, build_dir=build_dir, always=True,
                 parameters=parameters or {}, timescale=("1ns", "1ps"))
    # cocotb refuses results_xml under pytest; hide pytest's variable for the call.
    pytest_test = os.environ.pop("PYTEST_CURRENT_TEST", None)
    try:
        results = runner.test(hdl_toplevel=top, test_module=module, build_dir=build_dir,
                              test_dir=os.path.join(HERE, "cocotb"),
                              results_xml=os.path.join(build_dir, "results.xml"),
                              extra_env=env or {})
    finally:
        if pytest_test is not None:
            os.environ["PYTEST_CURRENT_TEST"] = pytest_test
    total, failed = get_results(results)
    assert total > 0 and failed == 0, f"{failed} of {total} cocotb tests failed in {name}"


def test_pte_check_every_combination():
    run_cocotb("pte_check", "b2g_pte_check", [os.path.join(MMU, "b2g_pte_check.v")], "tb_pte_check")


@pytest.mark.parametrize("entries", [1, 5, 8])
def test_tlb_random_fills_and_lookups(entries):
    run_cocotb(f"tlb{entries}", "b2g_tlb", [os.path.join(MMU, "b2g_tlb.v")], "tb_tlb",
               parameters={"ENTRIES": entries}, env={"TLB_ENTRIES": str(entries)})


def test_ptw_random_page_tables():
    sources = [os.path.join(MMU, f) for f in ("b2g_ptw.v", "b2g_pte_check.v")]
    run_cocotb("ptw", "tb_ptw", sources + [os.path.join(HERE, "tb_ptw.v")], "tb_ptw")
