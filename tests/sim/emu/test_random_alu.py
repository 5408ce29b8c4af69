"""Random RV32IM register-to-register programs give the same registers on
the emulator and on qemu-riscv32 (fixed seeds, so every run is the same)."""
import os
import random
import subprocess

import pytest

USER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "programs", "user")
POOL = ["t0", "t1", "t2", "s0", "s1", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4",
        "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"]
CALLEE_SAVED = ["ra", "gp", "tp", "s0", "s1"] + [f"s{i}" for i in range(2, 12)]
R_OPS = ["add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
         "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu"]
I_OPS = ["addi", "slti", "sltiu", "xori", "ori", "andi"]
SHIFT_OPS = ["slli", "srli", "srai"]
EDGES = [0, 1, -1, 0x80000000, 0x7FFFFFFF, 0xFFFF, 2]

MAIN_C = r"""
#include "port.h"
void random_body(unsigned *out);
static unsigned regs[26];
int main(void)
{
    random_body(regs);
    for (int i = 0; i < 26; i++) {
        for (int s = 28; s >= 0; s -= 4)
            port_putc("0123456789abcdef"[(regs[i] >> s) & 15]);
        port_putc('\n');
    }
    return 0;
}
"""


def random_body(seed, count=400):
    rng = random.Random(seed)
    lines = ["    .globl random_body", "random_body:", f"    addi sp, sp, -{4 * len(CALLEE_SAVED)}"]
    lines += [f"    sw {r}, {4 * i}(sp)" for i, r in enumerate(CALLEE_SAVED)]
    for r in POOL:
        v = rng.choice(EDGES) if rng.random() < 0.3 else rng.getrandbits(32)
        lines.append(f"    li {r}, {v & 0xFFFFFFFF}")
    for _ in range(count):
        kind = rng.random()
        rd, rs1, rs2 = (rng.choice(POOL) for _ in range(3))
        if kind < 0.6:
            lines.append(f"    {rng.choice(R_OPS)} {rd}, {rs1}, {rs2}")
        elif kind < 0.85:
            lines.append(f"    {rng.choice(I_OPS)} {rd}, {rs1}, {rng.randint(-2048, 2047)}")
        elif kind < 0.97:
            lines.append(f"    {rng.choice(SHIFT_OPS)} {rd}, {rs1}, {rng.randint(0, 31)}")
        else:
            lines.append(f"    lui {rd}, {rng.getrandbits(20)}")
    lines += [f"    sw {r}, {4 * i}(a0)" for i, r in enumerate(POOL)]
    lines += [f"    lw {r}, {4 * i}(sp)" for i, r in enumerate(CALLEE_SAVED)]
    lines += [f"    addi sp, sp, {4 * len(CALLEE_SAVED)}", "    ret", ""]
    return "\n".join(lines)


def build(tmp_path, seed, target):
    body, main = tmp_path / f"body{seed}.S", tmp_path / "main.c"
    body.write_text(random_body(seed))
    main.write_text(MAIN_C)
    out = tmp_path / f"r{seed}.{target}.elf"
    flags = ["-march=rv32im", "-mabi=ilp32", "-O1", "-ffreestanding", "-nostdlib", "-nostartfiles",
             "-I", USER, "-T", os.path.join(USER, "..", "common", "link.ld"),
             "-Wl,--no-warn-rwx-segments"]
    if target == "qemu":
        flags.append("-DTARGET_QEMU")
    subprocess.run(["riscv64-unknown-elf-gcc", *flags, "-o", out, os.path.join(USER, "crt.S"),
                    main, body, "-lgcc"], check=True)
    return out


@pytest.mark.parametrize("seed", range(12))
def test_random_alu_matches_qemu(run, tmp_path, seed):
    ours = run(build(tmp_path, seed, "soc"))
    theirs = subprocess.run(["qemu-riscv32", build(tmp_path, seed, "qemu")], capture_output=True,
                            timeout=60)
    assert theirs.returncode == 0 and len(theirs.stdout.split()) == 26
    assert ours.returncode == 0
    assert ours.stdout == theirs.stdout
