"""The SoC in Verilator through `make sim` (sim/run.py): a program prints
over the UART, reads from it, and its exit status becomes the run's (make
itself turns any failure into status 2, so statuses are checked on sim.run)."""
import os
import subprocess
import sys

import pytest

from tests.gateware.cpu import simtools

HERE = os.path.dirname(os.path.abspath(__file__))
HELLO = os.path.join(simtools.ROOT, "tests", "gateware", "cpu", "programs", "hello.S")


def make_sim(*args, stdin=None):
    return subprocess.run(["make", "-s", "sim", *args], cwd=simtools.ROOT, capture_output=True,
                          text=True, input=stdin, timeout=600)


def sim_run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "sim.run", *args], cwd=simtools.ROOT,
                          capture_output=True, text=True, input=stdin, timeout=600)


def test_program_prints_over_uart(tmp_path):
    elf = simtools.assemble(HELLO, tmp_path / "hello.elf")
    result = make_sim(f"PROG={elf}")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "hello from b2g\n"
    assert "cycles" in result.stderr and "MHz simulated" in result.stderr


def test_uart_input_and_exit_status(tmp_path):
    elf = simtools.assemble(os.path.join(HERE, "programs", "echo.S"), tmp_path / "echo.elf")
    result = sim_run(str(elf), stdin="Hello, b2g.")
    assert result.stdout == "HELLO, B2G"
    assert result.returncode == 10


def test_trace_and_waveform_files(tmp_path):
    elf = simtools.assemble(HELLO, tmp_path / "hello.elf")
    trace, wave = tmp_path / "t.txt", tmp_path / "w.fst"
    result = make_sim(f"PROG={elf}", f"TRACE={trace}", f"WAVE={wave}")
    assert result.returncode == 0, result.stderr
    lines = trace.read_text().splitlines()
    assert lines[0] == "M 00000000 400002b7 x5=40000000"   # the boot stub's lui
    assert any(" mem[f0000800]=00000068" in line for line in lines)   # 'h' sent
    assert wave.stat().st_size > 1000


def test_cycle_limit_stops_a_hung_program(tmp_path):
    source = tmp_path / "hang.S"
    source.write_text(".section .text.start, \"ax\"\n.globl _start\n_start: j _start\n")
    elf = simtools.assemble(source, tmp_path / "hang.elf")
    result = sim_run("--max-cycles", "5000", str(elf))
    assert result.returncode == 124
    assert "stopped after 5000 cycles" in result.stderr


@pytest.mark.parametrize("content", [b"", b"not an elf file at all", b"\x7fELF\x02\x01"])
def test_bad_program_is_a_clear_error(tmp_path, content):
    bad = tmp_path / "bad.elf"
    bad.write_bytes(content)
    result = sim_run(str(bad))
    assert result.returncode == 1
    assert "error:" in result.stderr and "Traceback" not in result.stderr


def test_missing_program_is_a_clear_error(tmp_path):
    result = sim_run(str(tmp_path / "missing.elf"))
    assert result.returncode == 1
    assert "error:" in result.stderr and "Traceback" not in result.stderr


def test_uart_bytes_sent_just_before_exit_arrive(tmp_path):
    """The harness stops only once the UART's transmit FIFO is empty: a
    program may write its last line and exit without waiting for txempty."""
    source = tmp_path / "burst.S"
    source.write_text(".section .text.start, \"ax\"\n.globl _start\n_start:\n"
                      "    li t0, 0xF0000800\n    li t1, 'a'\n    li t2, 'a' + 16\n"
                      "1:  sw t1, 0(t0)\n"          # no txfull check: 16 bytes fit the FIFO
                      "    addi t1, t1, 1\n    bne t1, t2, 1b\n"
                      "    li t0, 0xF0001800\n    li t1, 3\n    sw t1, 0(t0)\n2:  j 2b\n")
    elf = simtools.assemble(source, tmp_path / "burst.elf")
    result = sim_run(str(elf))
    assert result.stdout == "abcdefghijklmnop"
    assert result.returncode == 3
