"""Our assembler against GNU as: identical bytes and relocations."""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
import asm_table as table  # noqa: E402
from asm_util import (assemble_both, check, relocations, run, section_bytes,  # noqa: E402
                  write)


def test_generated_table_matches_gnu_as(tmp_path):
    ours_o, gnu_o = assemble_both(tmp_path, "table", table.table_source())
    ours_text, gnu_text = section_bytes(ours_o, ".text"), section_bytes(gnu_o, ".text")
    assert len(ours_text) == len(gnu_text) > 1 << 20
    assert ours_text == gnu_text
    assert section_bytes(ours_o, ".data") == section_bytes(gnu_o, ".data")
    ours_relocs = relocations(ours_o)
    assert len(ours_relocs) > 150
    assert sorted(ours_relocs) == sorted(relocations(gnu_o))


SNIPPETS = {
    "directives": """
        .section .rodata.str1.4,"aMS",@progbits,1
        .p2align 2
    msg: .string "a\\tb\\n\\001\\x41"
        .ascii "x", "yz"
        .asciz "q"
        .text
        .globl f
        .type f, @function
    f:  .option push
        .option norelax
        lw a0, 8(sp); addi a0, a0, 1   # two statements on one line
        .option pop
        .balign 16
        nop
        .p2align 3,,4
        ret
        .size f, .-f
        .data
        .byte 1, -1, 'z', 0x7f
        .half 0x1234, -2
        .short 7
        .2byte 8
        .4byte 9
        .long 10
        .word msg + 3, f
        .zero 3
        .space 2, 0xaa
        .fill 2, 4, 0x11223344
        .align 2
        .equ SIZE, 16
        .set DOUBLE, SIZE * 2
        .word SIZE, DOUBLE, SIZE << 2 | 1, (SIZE - 1) & ~3, -SIZE / 3, -SIZE % 3
        .bss
        .lcomm buffer, 64
        .comm shared, 32, 8
        .local priv
        .comm priv, 12, 4
    """,
    "local_labels": """
    1:  addi a0, a0, -1
        bnez a0, 1b
        beqz a1, 1f
        j 2f
    1:  nop
    2:  j 1b
    .L3: j .L3
        j .
        beq a0, a1, .
    """,
    "sections_and_far_branches": """
        .section .text.startup,"ax",@progbits
        .globl main
    main:
        beq a0, a1, helper
        bltz a0, helper
        j helper
        call helper
        tail helper
        .section .text.helper,"ax",@progbits
    helper:
        ret
        .section .sdata,"aw"
    small: .word 5
        .text
        lui a0, %hi(small)
        lw a0, %lo(small)(a0)
        sw a0, %lo(small+4)(a0)
    """,
}


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_snippet_matches_gnu_as(tmp_path, name):
    ours_o, gnu_o = assemble_both(tmp_path, name, SNIPPETS[name])
    sections = [".text", ".data", ".rodata.str1.4", ".text.startup", ".text.helper", ".sdata"]
    for section in sections:
        assert section_bytes(ours_o, section) == section_bytes(gnu_o, section), section
    assert sorted(relocations(ours_o)) == sorted(relocations(gnu_o))


C_PROGRAM = r"""
struct point { int x, y; };
static int table[16];
int global = 7;
static const char *names[] = {"zero", "one", "two"};
extern int external(int);
int sum(const struct point *p, int n) {
    int total = 0;
    for (int i = 0; i < n; i++) total += p[i].x * p[i].y + table[i & 15];
    return total;
}
long long mul64(long long a, long long b) { return a * b / 3; }
const char *name(unsigned k) { return k < 3 ? names[k] : "many"; }
int dispatch(int k) {
    switch (k) {
    case 0: return external(1); case 1: return 11; case 2: return global;
    case 3: return 33; case 4: return 44; case 5: return 55; default: return -1;
    }
}
"""


@pytest.mark.parametrize("opts", ["-O0", "-O2", "-Os", "-O2 -g"])
def test_gcc_output_matches_gnu_as(tmp_path, opts):
    """What GCC emits (.cfi, .attribute, .size, .section .text.startup, debug
    sections ...) assembles to the same code and data as with GNU as."""
    c_file = write(tmp_path / "prog.c", C_PROGRAM)
    asm_file = tmp_path / "prog.s"
    check(run(["riscv64-unknown-elf-gcc", "-S", *opts.split(), "-march=rv32ima_zicsr_zifencei",
               "-mabi=ilp32", "-mno-relax", "-o", str(asm_file), str(c_file)]))
    ours_o, gnu_o = assemble_both(tmp_path, "prog", asm_file.read_text())
    for section in (".text", ".data", ".rodata", ".srodata", ".sdata"):
        assert section_bytes(ours_o, section) == section_bytes(gnu_o, section), section

    def loaded(relocs):   # debug sections differ: GNU as builds .debug_line from .loc
        return sorted(r for r in relocs if ".debug" not in r[0])
    assert loaded(relocations(ours_o)) == loaded(relocations(gnu_o))
