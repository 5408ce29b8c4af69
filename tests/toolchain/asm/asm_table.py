"""Generated assembly covering every instruction and pseudo form we support.

Used by the byte-compatibility test (ours vs GNU as) and by the speed bench.
"""
from toolchain.asm import isa

REGS = ["zero", "ra", "sp", "a0", "s11", "t6", "x0", "x31", "fp", "x15"]
IMM12 = ["-2048", "-1", "0", "1", "2047", "0x7ff", "-0x800", "(1<<4)|3", "-(2+3)*4",
         "0x10>>2", "'a'", "'.'", "'#'", "';'", "'\\n'", "CONST", "CONST*2-1", "~0", "07",
         "0b101", "100/7", "-100%7"]
LI_VALUES = ["0", "1", "-1", "2047", "2048", "-2048", "-2049", "0x800", "0xfff", "0x1000",
             "0x7ffff800", "0x7fffffff", "0x80000000", "0xffffffff", "0x12345678",
             "-0x80000000", "0x80000800", "0xfffff800", "0x00001800", "CONST"]
CSRS = ["mstatus", "mtvec", "mepc", "mcause", "satp", "sstatus", "cycle", "0xbc0", "0x7c0",
        "mhartid", "pmpcfg0", "pmpaddr3", "mhpmcounter3"]


def instruction_lines():
    out = []
    for name in isa.R_TYPE:
        for a, b, c in zip(REGS, REGS[3:] + REGS[:3], REGS[5:] + REGS[:5]):
            out.append(f"{name} {a}, {b}, {c}")
    for name in isa.I_TYPE:
        for k, imm in enumerate(IMM12):
            out.append(f"{name} {REGS[k % len(REGS)]}, {REGS[(k + 3) % len(REGS)]}, {imm}")
    for name in isa.SHIFTS:
        for shamt in ("0", "1", "17", "31"):
            out.append(f"{name} a0, a1, {shamt}")
    for name in list(isa.LOADS):
        for off in ("-2048", "0", "2047", "", "CONST", "%lo(gsym)", "%lo(ext+4)"):
            out.append(f"{name} a0, {off}(sp)")
        out += [f"{name} a5, gsym", f"{name} t0, ext+8"]
    for name in isa.STORES:
        for off in ("-2048", "0", "2047", "", "%lo(ext)", "-4"):
            out.append(f"{name} a0, {off}(s0)")
        out += [f"{name} a1, gsym, t0", f"{name} a2, ext, t1"]
    for name in ("lui", "auipc"):
        for imm in ("0", "1", "0xfffff", "0x80000", "CONST"):
            out.append(f"{name} a0, {imm}")
    out += ["lui a0, %hi(ext)", "lui a1, %hi(gsym+0x800)", "lui a2, %hi(0x12345fff)",
            "addi a2, a2, %lo(0x12345fff)", "auipc t0, %pcrel_hi(ext)", "addi t0, t0, %lo(3)"]
    out += ["1: auipc a0, %pcrel_hi(gsym)", "addi a0, a0, %pcrel_lo(1b)",
            "2: auipc a1, %pcrel_hi(ext+12)", "lw a1, %pcrel_lo(2b)(a1)",
            "sw a2, %pcrel_lo(2b)(a1)"]
    for name in isa.CSR_OPS:
        for k, csr in enumerate(CSRS):
            src = REGS[k % len(REGS)] if not name.endswith("i") else str(k * 2 % 32)
            out.append(f"{name} {REGS[(k + 1) % len(REGS)]}, {csr}, {src}")
    for name in isa.AMO_OPS:
        for suffix in ("", ".aq", ".rl", ".aqrl"):
            if name == "lr":
                out.append(f"lr.w{suffix} a0, (a1)")
            else:
                out.append(f"{name}.w{suffix} a0, a2, (s1)")
    out += ["amoadd.w t0, t1, 0(t2)"]
    out += list(isa.FIXED)
    out += ["fence", "fence rw, rw", "fence r, w", "fence iorw, o", "fence i, r",
            "sfence.vma", "sfence.vma a0", "sfence.vma a0, a1"]
    return out


def pseudo_lines():
    out = [f"li a0, {v}" for v in LI_VALUES] + [f"li t6, {v}" for v in LI_VALUES[::3]]
    out += ["nop", "ret", "mv a0, a1", "not t0, t1", "neg s0, s1", "seqz a0, a0",
            "snez a1, a2", "sltz a3, a4", "sgtz a5, a6", "sgt a0, a1, a2",
            "sgtu t0, t1, t2", "jr t0", "jr ra", "jalr t1",
            "jalr a0, a1", "jalr ra, 4(a2)", "jalr zero, a3, -8", "jalr x5, 0(t0)",
            "jal gsym", "jal t0, gsym", "jal ext", "j gsym", "j ext", "j 3f", "j 3b",
            "call gsym", "call ext", "call t0, ext", "tail ext", "tail gsym",
            "la a0, gsym", "la a1, ext", "la a2, ext+16", "la t4, 0", "la t5, 0x12345678",
            "lla t3, CONST", "lla t0, gsym", "lla t1, ldata",
            "csrr a0, mstatus", "csrr t0, 0x7c0", "csrw mtvec, a0", "csrs mie, t1",
            "csrc mip, t2", "csrwi mstatus, 8", "csrsi mie, 31", "csrci sstatus, 0",
            "csrw mscratch, 3", "csrs mstatus, 8", "csrc mstatus, 2",
            "rdcycle a0", "rdtime a1", "rdinstret a2", "rdcycleh a3", "rdtimeh a4",
            "rdinstreth a5", "add a0, a1, 5", "and t0, t1, -1", "or a0, a0, 16",
            "xor a0, a0, 1", "sll a0, a0, 3", "srl a0, a0, 3", "sra a0, a0, 3",
            "slt a0, a1, 9", "sltu a0, a1, 9"]
    branches = ["beqz", "bnez", "blez", "bgez", "bltz", "bgtz"]
    for k, name in enumerate(branches):
        out += [f"{name} a{k}, 3f", f"{name} t{k}, 3b", f"{name} s{k}, ext",
                f"{name} a0, ldata"]
    for name in list(isa.BRANCHES) + ["bgt", "ble", "bgtu", "bleu"]:
        out += [f"{name} a0, a1, 3f", f"{name} t0, t1, 3b", f"{name} s0, s1, gsym",
                f"{name} a2, a3, ext", f"{name} a4, a5, ext+4", f"{name} a4, a5, 3f+8"]
    return out


def range_edges():
    """Branches and jumps at and just beyond their reach."""
    nops = "nop\n" * 1022
    return "\n".join([
        "edge_b0:", "beq a0, a1, edge_b1", nops, "nop", "edge_b1:",   # +4092: fits
        "bne a0, a1, edge_b0",                                         # -4096: fits
        "blt a0, a1, edge_b2", nops, "nop", "nop", "edge_b2:",         # +4096: expands
        "bge a0, a1, edge_b0",                                          # beyond -4096
        "edge_j0:", "nop", "jal edge_j1", ".skip 1048568", "edge_j1:",   # +1048572
        "j edge_j0",                                                     # -1048576
    ])


def table_source(repeat=1):
    body = []
    for k in range(repeat):
        lines = instruction_lines() + ["3:"] + pseudo_lines() + ["3:", "nop"]
        body += [f"    {line}" if not line.endswith(":") else line for line in lines]
    return "\n".join([
        "    .option norelax", "    .equ CONST, 12", "    .text", "    .globl gsym",
        "gsym:", *body, range_edges() if repeat == 1 else "", "    .data",
        "ldata: .word gsym, ext+4, 0x12345678", ""])
