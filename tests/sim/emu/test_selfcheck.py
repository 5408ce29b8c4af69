"""Every self-check program in tests/programs passes on the emulator, and a
broken one reports the number of its failing check."""
import glob
import os

import pytest

PROGRAMS = os.path.join(os.path.dirname(__file__), "..", "..", "programs")

SELF_CHECKS = sorted(glob.glob(os.path.join(PROGRAMS, "rv32", "*.S")) +
                     glob.glob(os.path.join(PROGRAMS, "priv", "*.S")))


def test_there_are_programs_for_every_area():
    names = {os.path.relpath(p, PROGRAMS) for p in SELF_CHECKS}
    for need in ["rv32/alu.S", "rv32/branch.S", "rv32/mem.S", "rv32/muldiv.S", "rv32/csr.S",
                 "rv32/traps.S", "rv32/irq.S", "rv32/timer0.S", "priv/amo.S", "priv/modes.S",
                 "priv/sv32.S", "priv/sirq.S", "priv/devices.S"]:
        assert need in names


@pytest.mark.parametrize("src", SELF_CHECKS, ids=lambda p: os.path.relpath(p, PROGRAMS))
def test_self_check_passes(run, build, src):
    proc = run("--max-insns", "5000000", build(src))
    assert proc.returncode == 0, f"failed check {proc.returncode}: {proc.stderr.decode()}"


@pytest.mark.parametrize("src", SELF_CHECKS, ids=lambda p: os.path.relpath(p, PROGRAMS))
def test_self_check_built_by_our_toolchain(run, build, src):
    """The same programs assembled and linked by toolchain.asm / toolchain.ld."""
    proc = run("--max-insns", "5000000", build(src, toolchain="ours"))
    assert proc.returncode == 0, f"failed check {proc.returncode}: {proc.stderr.decode()}"


def test_failing_check_reports_its_number(run, build, tmp_path):
    src = tmp_path / "broken.S"
    src.write_text('#include "check.h"\nBEGIN\nmain:\n'
                   '    li a0, 5\n    CHECK(1, a0, 5)\n    CHECK(7, a0, 6)\n    j pass\nEND\n')
    proc = run(build(str(src)))
    assert proc.returncode == 7


def test_unknown_instruction_traps_as_illegal(run, build, tmp_path):
    src = tmp_path / "illegal.S"
    src.write_text('    .globl _start\n_start:\n    la t0, handler\n    csrw mtvec, t0\n'
                   '    .word 0xffffffff\n    j .\n'
                   'handler:\n    csrr a0, mcause\n    li t0, 0xf0001800\n    sw a0, 0(t0)\n')
    proc = run(build(str(src)))
    assert proc.returncode == 2   # mcause 2: illegal instruction
