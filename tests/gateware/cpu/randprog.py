"""Random RV32IM programs for lockstep comparison of the core with the
emulator: ALU, shift, M-extension, load/store and forward-branch
instructions on a few registers (so that results are forwarded a lot),
plus mscratch CSR traffic and ecall/ebreak/illegal traps handled by a
handler that skips the faulting instruction."""
import random

REGS = ["a0", "a1", "a2", "a3", "a4", "a5", "t0", "t1"]   # s0 is the data pointer
R_OPS = ["add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
         "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu"]
I_OPS = ["addi", "slti", "sltiu", "xori", "ori", "andi"]
SHIFT_OPS = ["slli", "srli", "srai"]
LOADS = [("lb", 1), ("lbu", 1), ("lh", 2), ("lhu", 2), ("lw", 4)]
STORES = [("sb", 1), ("sh", 2), ("sw", 4)]
SPECIAL = [0, 1, -1, 0x7FFFFFFF, -0x80000000, 0x80, 0xFFFF, 31, 32]


def _value(rng):
    return rng.choice(SPECIAL) if rng.random() < 0.3 else rng.randint(-2**31, 2**31 - 1)


def _instruction(rng, label_counter):
    kind = rng.random()
    rd, rs1, rs2 = rng.choice(REGS), rng.choice(REGS), rng.choice(REGS)
    if kind < 0.35:
        return [f"{rng.choice(R_OPS)} {rd}, {rs1}, {rs2}"]
    if kind < 0.5:
        return [f"{rng.choice(I_OPS)} {rd}, {rs1}, {rng.randint(-2048, 2047)}"]
    if kind < 0.55:
        return [f"{rng.choice(SHIFT_OPS)} {rd}, {rs1}, {rng.randint(0, 31)}"]
    if kind < 0.58:
        return [f"lui {rd}, {rng.randint(0, 0xFFFFF)}"]
    if kind < 0.72:
        op, size = rng.choice(LOADS)
        return [f"{op} {rd}, {rng.randrange(0, 256, size)}(s0)"]
    if kind < 0.84:
        op, size = rng.choice(STORES)
        return [f"{op} {rs2}, {rng.randrange(0, 256, size)}(s0)"]
    if kind < 0.94:
        label = f"skip{next(label_counter)}"
        branch = rng.choice(["beq", "bne", "blt", "bge", "bltu", "bgeu"])
        body = []
        for _ in range(rng.randint(0, 3)):
            body += _instruction(rng, label_counter)
        return [f"{branch} {rs1}, {rs2}, {label}"] + body + [f"{label}:"]
    if kind < 0.955:
        return [f"csrrw {rd}, mscratch, {rs1}"]
    if kind < 0.97:   # calls exercise the return-address stack, also via t0
        return [rng.choice([f"call leaf{rng.randrange(4)}", f"jal t0, alt{rng.randrange(2)}"])]
    return [rng.choice(["ecall", "ebreak", ".word 0xffffffff", "csrr a0, 0x7ff"])]


def generate(seed, length=400):
    """Returns the assembly source of one random program."""
    rng = random.Random(seed)
    counter = iter(range(10**9))
    lines = [".section .text.start, \"ax\"", ".globl _start", "_start:",
             "la t2, handler", "csrw mtvec, t2", "la s0, data"]
    lines += [f"li {r}, {_value(rng)}" for r in REGS]
    # A loop around part of the body exercises the branch predictor.
    lines += ["li s1, 3", "loop:"]
    for _ in range(length):
        lines += _instruction(rng, counter)
        if _ == length // 4:
            lines += ["addi s1, s1, -1", "bnez s1, loop"]
    lines += ["call leaf", "li t2, 0xF0001800", "sw zero, 0(t2)", "1: j 1b",
              "leaf: addi a0, a0, 1", "ret",
              "leaf0: addi a1, a1, 3", "ret",
              "leaf1: xor a2, a2, a0", "mv s2, ra", "call leaf0", "mv ra, s2", "ret",   # nested
              "leaf2: lw a3, 8(s0)", "add a3, a3, a3", "ret",
              "leaf3: mul a4, a4, a5", "jr ra",
              "alt0: addi a5, a5, -1", "jr t0",
              "alt1: slli a5, a5, 1", "jalr zero, 0(t0)",
              ".balign 4", "handler: csrr t2, mepc", "addi t2, t2, 4", "csrw mepc, t2", "mret",
              ".data", ".balign 8", "data:"]
    lines += [f".word {rng.randint(0, 2**32 - 1)}" for _ in range(64)]
    return "\n".join(lines) + "\n"
