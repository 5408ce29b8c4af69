"""Our disassembler against GNU objdump, and GNU tools reading our ELF files."""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
import asm_table as table  # noqa: E402
from asm_util import check, ours, run, write  # noqa: E402

from toolchain.objdump import disassemble  # noqa: E402

LIBGCC = "/usr/lib/gcc/riscv64-unknown-elf/12.2.0/rv32im/ilp32/libgcc.a"

PROGRAM = """
    .text
    .globl _start
_start:
    la a0, message
    call print
    lw a1, counter
    addi a1, a1, 1
    sw a1, counter, t0
    li a7, 93
    ecall
print:
    beqz a0, 1f
    lui t1, %hi(message)
    addi t1, t1, %lo(message)
1:  ret
    .section .rodata
message: .asciz "hi"
    .data
counter: .word 41
    .bss
scratch: .zero 64
"""


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("objdump")
    table_o, prog_o = tmp / "table.o", tmp / "prog.o"
    check(ours("asm", write(tmp / "table.s", table.table_source()), "-o", table_o))
    check(ours("asm", write(tmp / "prog.s", PROGRAM), "-o", prog_o))
    exes = {}
    for layout in ("ram", "rom", "qemu"):
        exes[layout] = tmp / f"prog.{layout}.elf"
        check(ours("ld", "--layout", layout, prog_o, "-o", exes[layout]))
    return table_o, prog_o, exes


@pytest.mark.parametrize("flags", ["-d", "-dr"])
def test_object_disassembly_matches_gnu_objdump(files, flags):
    table_o = files[0]
    gnu = check(run(["riscv64-unknown-elf-objdump", flags, str(table_o)])).stdout
    mine = check(ours("objdump", flags, table_o)).stdout
    assert mine.count("\n") > 2500
    assert mine == gnu


@pytest.mark.parametrize("layout", ["ram", "rom", "qemu"])
def test_executable_disassembly_matches_gnu_objdump(files, layout):
    exe = files[2][layout]
    gnu = check(run(["riscv64-unknown-elf-objdump", "-d", str(exe)])).stdout
    assert check(ours("objdump", "-d", exe)).stdout == gnu


def test_gcc_and_libgcc_objects_disassemble_like_gnu(tmp_path):
    """Objects we did not write: GCC -O2 -g output and a libgcc.a member."""
    c_file = write(tmp_path / "f.c", "int g[4]; int f(int *p, int n) {\n"
                   "  int s = 0; for (int i = 0; i < n; i++) s += p[i] * g[i & 3];\n"
                   "  return s / 7; }\n")
    obj = tmp_path / "f.o"
    check(run(["riscv64-unknown-elf-gcc", "-c", "-O2", "-g", "-march=rv32im_zicsr",
               "-mabi=ilp32", "-o", str(obj), str(c_file)]))
    check(run(["riscv64-unknown-elf-ar", "x", LIBGCC, "_udivdi3.o"], cwd_dir=tmp_path))
    for path in (obj, tmp_path / "_udivdi3.o"):
        gnu = check(run(["riscv64-unknown-elf-objdump", "-dr", str(path)])).stdout
        assert check(ours("objdump", "-dr", path)).stdout == gnu


def test_gnu_tools_read_our_files_without_warnings(files):
    table_o, prog_o, exes = files
    for path in [table_o, prog_o, *exes.values()]:
        for tool in (["riscv64-unknown-elf-readelf", "-a", "-W"],
                     ["riscv64-unknown-elf-objdump", "-dr", "-x"]):
            result = check(run(tool + [str(path)]))
            text = (result.stdout + result.stderr).lower()
            assert "warning" not in text and "error" not in text, (tool, path)


@pytest.mark.parametrize("word,pc,text", [
    (0x00000013, 0, "nop"),
    (0x00008067, 0, "ret"),
    (0x400002B7, 0, "lui\tt0,0x40000"),
    (0x00028293, 4, "mv\tt0,t0"),
    (0x00028067, 8, "jr\tt0"),
    (0x00A12023, 0x40000000, "sw\ta0,0(sp)"),
    (0xFE010113, 0, "add\tsp,sp,-32"),
    (0xFB1FF06F, 0x50, "j\t0"),
    (0x00B50E63, 0x44, "beq\ta0,a1,60"),
    (0x34202573, 0, "csrr\ta0,mcause"),
    (0x30529073, 0, "csrw\tmtvec,t0"),
    (0x0FF0000F, 0, "fence"),
    (0x100525AF, 0, "lr.w\ta1,(a0)"),
    (0x44C5A52F, 0, "amoor.w.aq\ta0,a2,(a1)"),
    (0xFFFFFFFF, 0, ".insn\t4, 0xffffffff"),
])
def test_disassemble_function(word, pc, text):
    assert disassemble(word, pc) == text
