"""Malformed input: a clear one-line error naming the place, exit status 1, no traceback."""
import os
import re
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from asm_util import check, ours, write  # noqa: E402

ASM_CORPUS = [  # (source, line, message fragment)
    ("addi a0, a0", 1, "expected operands: rd, rs1, imm"),
    ("nop\naddi a0, a0, 5000", 2, "immediate 5000 out of range [-2048, 2047]"),
    ("frobnicate a0", 1, "unknown instruction 'frobnicate'"),
    ("add a0, a1, q9", 1, "expected a register, got 'q9'"),
    ("lw a0, 5(b7)", 1, "expected a base register in '5(b7)', got 'b7'"),
    ("sw a0, a1", 1, "expected offset(register), got 'a1'"),
    (".byte 300", 1, "value 300 does not fit in 1 byte(s)"),
    ("li a0, 0x100000000", 1, "li immediate 4294967296 out of range"),
    ("beq a0, a1", 1, "expected operands: rs1, rs2, target"),
    ("j 1b", 1, "no previous definition of local label '1'"),
    ("beqz a0, 1f", 1, "undefined local label '1f'"),
    ("nop\n\nj .L9", 3, "undefined local label '.L9'"),
    ("x: nop\nx: nop", 2, "symbol 'x' is already defined"),
    (".section", 1, "section name expected"),
    ("addi a0, a0, %hi(x)", 1, "%hi is not allowed in a 12-bit immediate"),
    ("lui a0, %lo(x)", 1, "%lo is not allowed with lui"),
    ("addi a0, a0, %bogus(x)", 1, "unknown relocation function '%bogus'"),
    (".word 1 +", 1, "missing operand in expression"),
    ("addi a0, a0, (1", 1, "missing ')' in expression"),
    ("addi a0, a0, 1/0", 1, "division by zero"),
    ("addi a0, a0, 3 @ 4", 1, "unexpected character '@' in expression"),
    ('.ascii "abc', 1, "expected a string in double quotes"),
    ("slli a0, a0, 32", 1, "shift amount 32 out of range [0, 31]"),
    ("csrr a0, nosuchcsr", 1, "unknown CSR 'nosuchcsr'"),
    ("csrrw a0, 0x1000, a1", 1, "CSR number 4096 out of range"),
    ("csrwi mstatus, 32", 1, "CSR immediate 32 out of range [0, 31]"),
    (".align 40", 1, "bad alignment 40"),
    ("lui a0, 0x100000", 1, "upper immediate 1048576 out of range [0, 1048575]"),
    (".frobnicate 1", 1, "unknown directive '.frobnicate'"),
    ("fence rw, x", 1, "bad fence operand 'x'"),
    ("lr.w a0, 4(a1)", 1, "expected (register) address, got '4(a1)'"),
    (".equ", 1, "expected: .equ symbol, expression"),
    ("addi a0, a0, undefined_sym", 1, "immediate must be a constant, not symbol"),
    ("li a0, some_label", 1, "li immediate must be a constant"),
    (".bss\n.word 5", 2, "non-zero data in section '.bss'"),
    (".option frob", 1, "unknown .option 'frob'"),
    ("j far\n.skip 0x200000\nfar: nop", 1, "jump offset 2097156 out of range"),
    (".popsection", 1, ".popsection without .pushsection"),
    ("ecall a0", 1, "this instruction takes no operands"),
    (".word x - y", 1, "is not a constant"),
]


@pytest.mark.parametrize("source,line,message", ASM_CORPUS)
def test_assembler_reports_clear_error(tmp_path, source, line, message):
    src = write(tmp_path / "bad.s", source + "\n")
    result = ours("asm", src, "-o", tmp_path / "bad.o")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.match(rf"{re.escape(str(src))}:{line}(:\d+)?: error: ", result.stderr), \
        result.stderr
    assert message in result.stderr
    assert not (tmp_path / "bad.o").exists()


def test_error_column_is_the_failing_statement():
    result = ours("asm", "-", "-o", os.devnull, stdin="nop\n  nop;  addi a0, a0\n")
    assert result.stderr == "<stdin>:2:9: error: expected operands: rd, rs1, imm\n"


def test_assembler_reads_stdin_and_reports_it():
    result = ours("asm", "-", "-o", os.devnull, stdin="nop\nbogus\n")
    assert (result.returncode, result.stderr) == (1, "<stdin>:2:1: error: unknown instruction "
                                                  "'bogus'\n")


def test_assembler_bad_command_lines(tmp_path):
    for args in (["--frob"], [], [tmp_path / "missing.s"]):
        result = ours("asm", *args)
        assert result.returncode == 1 and "error" in result.stderr
        assert "Traceback" not in result.stderr


def objects(tmp_path, **sources):
    paths = []
    for name, text in sources.items():
        path = tmp_path / f"{name}.o"
        check(ours("asm", write(tmp_path / f"{name}.s", text), "-o", path))
        paths.append(path)
    return paths


def link_error(*args):
    result = ours("ld", *args)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    return result.stderr


def test_undefined_symbol_names_symbol_and_objects(tmp_path):
    a, b = objects(tmp_path, a=".globl _start\n_start: call missing_fn\n",
                   b="la a0, missing_fn\n")
    err = link_error(a, b, "-o", tmp_path / "x.elf")
    assert f"undefined symbol 'missing_fn' (referenced from {a}, {b})" in err


def test_duplicate_symbol_names_both_objects(tmp_path):
    a, b = objects(tmp_path, a=".globl twice\ntwice: ret\n", b=".globl twice\ntwice: nop\n")
    err = link_error(a, b, "-o", tmp_path / "x.elf")
    assert f"duplicate symbol 'twice': defined in {a} and {b}" in err


def test_weak_definition_yields_to_strong(tmp_path):
    a, b = objects(tmp_path, a=".weak f\nf: li a0, 1\nret\n.globl _start\n_start: call f\n",
                   b=".globl f\nf: li a0, 2\nret\n")
    check(ours("ld", a, b, "-o", tmp_path / "ok.elf"))


def test_relocation_overflow_names_the_site(tmp_path):
    a, = objects(tmp_path, a=".globl _start\n_start: nop\nloop: jal far_away\n"
                             ".data\n.globl far_away\nfar_away: .word 0\n")
    err = link_error(a, "-Tdata=0x10000000", "-o", tmp_path / "x.elf")
    assert "R_RISCV_JAL against 'far_away' out of range" in err
    assert f"{a}(.text+0x4) in 'loop'" in err


def test_linker_rejects_bad_inputs(tmp_path):
    junk = write(tmp_path / "junk.o", "this is not an object file")
    assert "not an ELF file" in link_error(junk, "-o", tmp_path / "x.elf")
    assert "cannot read" in link_error(tmp_path / "absent.o", "-o", tmp_path / "x.elf")
    truncated = tmp_path / "cut.o"
    good, = objects(tmp_path, good="nop\n")
    truncated.write_bytes(good.read_bytes()[:80])
    assert "malformed ELF file" in link_error(truncated, "-o", tmp_path / "x.elf")
    assert "unknown layout" in link_error(good, "--layout", "moon", "-o", tmp_path / "x.elf")
    assert "unknown option" in link_error(good, "--frob")
    assert "no input files" in link_error("-o", tmp_path / "x.elf")


def test_objdump_rejects_bad_inputs(tmp_path):
    junk = write(tmp_path / "junk.o", "nope")
    result = ours("objdump", "-d", junk)
    assert result.returncode == 1 and "not an ELF file" in result.stderr
    assert "Traceback" not in result.stderr


def test_mutated_lines_never_crash():
    """Random edits of valid lines: each assembles or raises AsmError with a line."""
    import random

    import asm_table as table
    from toolchain.asm import AsmError, assemble
    lines = table.instruction_lines() + table.pseudo_lines() + [
        '.ascii "x"', ".equ A, 3", ".section .foo", ".p2align 2", "1:", ".size x, .-x"]
    rng, failures = random.Random(4), []
    for _ in range(1500):
        text = list(rng.choice(lines))
        for _ in range(rng.randrange(1, 4)):
            pos = rng.randrange(len(text) + 1)
            text[pos:pos + rng.randrange(2)] = rng.choice(["(", ")", ",", "%", "'", '"', "#",
                                                           ";", ":", ".", "0", "1f", "x", ""])
        source = "nop\n" + "".join(text) + "\nnop\n"
        try:
            assemble(source, "fuzz.s")
        except AsmError as err:
            if err.line not in (1, 2, 3):
                failures.append((source, err.message))
        except Exception as err:            # noqa: BLE001 - any other exception is a bug
            failures.append((source, repr(err)))
    assert failures == []


def test_relaxable_alignment_is_refused_with_a_hint(tmp_path):
    """GNU as without -mno-relax marks code alignment with R_RISCV_ALIGN, which
    only a relaxing linker can honour."""
    from asm_util import run
    src = write(tmp_path / "relax.s", ".globl _start\n_start: nop\n.p2align 3\nret\n")
    obj = tmp_path / "relax.o"
    check(run(["riscv64-unknown-elf-as", "-march=rv32ima", "-mabi=ilp32", str(src),
               "-o", str(obj)]))
    err = link_error(obj, "-o", tmp_path / "x.elf")
    assert "R_RISCV_ALIGN" in err and "-mno-relax" in err
