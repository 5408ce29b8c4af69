"""One 32-bit word -> GNU objdump-style text ("mnemonic\\toperands").

The aliases follow what riscv64-unknown-elf-objdump 2.40 prints (li, mv,
ret, beqz, csrr ...), including its habit of printing addi/andi/ori/xori
and the immediate shifts under the register-form names.
"""
from toolchain.asm import isa

X = isa.ABI_NAMES
COUNTERS = {0xC00: "rdcycle", 0xC01: "rdtime", 0xC02: "rdinstret",
            0xC80: "rdcycleh", 0xC81: "rdtimeh", 0xC82: "rdinstreth"}
FIXED_BY_WORD = {word: name for name, word in isa.FIXED.items()}
R_BY_CODE = {code: name for name, code in isa.R_TYPE.items()}
I_BY_F3 = {f3: name for name, f3 in isa.I_TYPE.items()}
LOAD_BY_F3 = {f3: name for name, f3 in isa.LOADS.items()}
STORE_BY_F3 = {f3: name for name, f3 in isa.STORES.items()}
BRANCH_BY_F3 = {f3: name for name, f3 in isa.BRANCHES.items()}
CSR_BY_F3 = {f3: name for name, f3 in isa.CSR_OPS.items()}
AMO_BY_F5 = {f5: name for name, f5 in isa.AMO_OPS.items()}
# objdump prints these immediate forms under the register-form name.
SHORT_NAMES = {"addi": "add", "andi": "and", "ori": "or", "xori": "xor"}


def csr_name(number):
    return isa.CSR_BY_NUMBER.get(number, f"0x{number:x}")


def fence_set(bits):
    return "".join(ch for ch, bit in isa.FENCE_BITS.items() if bits & bit) or "0"


def disassemble(word, pc=0):
    """GNU-style text for one instruction at address pc."""
    word &= 0xFFFFFFFF
    if word in FIXED_BY_WORD:
        return FIXED_BY_WORD[word]
    opcode, rd, f3 = word & 0x7F, (word >> 7) & 31, (word >> 12) & 7
    rs1, rs2, f7 = (word >> 15) & 31, (word >> 20) & 31, word >> 25
    imm_i = isa.sign_extend(word >> 20, 12)
    decoder = DECODERS.get(opcode)
    text = decoder(word, pc, rd, f3, rs1, rs2, f7, imm_i) if decoder else None
    return text or f".insn\t4, 0x{word:08x}"


def op(word, pc, rd, f3, rs1, rs2, f7, imm):
    name = R_BY_CODE.get((f3, f7))
    if name is None:
        return None
    if name == "sub" and rs1 == 0:
        return f"neg\t{X[rd]},{X[rs2]}"
    if name == "sltu" and rs1 == 0:
        return f"snez\t{X[rd]},{X[rs2]}"
    if name == "slt" and rs2 == 0:
        return f"sltz\t{X[rd]},{X[rs1]}"
    if name == "slt" and rs1 == 0:
        return f"sgtz\t{X[rd]},{X[rs2]}"
    return f"{name}\t{X[rd]},{X[rs1]},{X[rs2]}"


def op_imm(word, pc, rd, f3, rs1, rs2, f7, imm):
    if f3 in (1, 5):
        name = {(1, 0): "sll", (5, 0): "srl", (5, 0x20): "sra"}.get((f3, f7))
        return f"{name}\t{X[rd]},{X[rs1]},0x{rs2:x}" if name else None
    name = I_BY_F3[f3]
    if name == "addi":
        if rs1 == 0:
            return "nop" if rd == 0 and imm == 0 else f"li\t{X[rd]},{imm}"
        if imm == 0:
            return f"mv\t{X[rd]},{X[rs1]}"
    if name == "xori" and imm == -1:
        return f"not\t{X[rd]},{X[rs1]}"
    if name == "sltiu" and imm == 1:
        return f"seqz\t{X[rd]},{X[rs1]}"
    return f"{SHORT_NAMES.get(name, name)}\t{X[rd]},{X[rs1]},{imm}"


def load(word, pc, rd, f3, rs1, rs2, f7, imm):
    name = LOAD_BY_F3.get(f3)
    return f"{name}\t{X[rd]},{imm}({X[rs1]})" if name else None


def store(word, pc, rd, f3, rs1, rs2, f7, imm):
    name = STORE_BY_F3.get(f3)
    return f"{name}\t{X[rs2]},{isa.s_imm(word)}({X[rs1]})" if name else None


def branch(word, pc, rd, f3, rs1, rs2, f7, imm):
    name = BRANCH_BY_F3.get(f3)
    if name is None:
        return None
    target = f"{(pc + isa.b_offset(word)) & 0xFFFFFFFF:x}"
    zero_forms = {("beq", 2): "beqz", ("bne", 2): "bnez", ("blt", 2): "bltz",
                  ("bge", 2): "bgez", ("blt", 1): "bgtz", ("bge", 1): "blez"}
    if rs2 == 0 and (name, 2) in zero_forms:
        return f"{zero_forms[name, 2]}\t{X[rs1]},{target}"
    if rs1 == 0 and (name, 1) in zero_forms:
        return f"{zero_forms[name, 1]}\t{X[rs2]},{target}"
    return f"{name}\t{X[rs1]},{X[rs2]},{target}"


def upper(word, pc, rd, f3, rs1, rs2, f7, imm):
    name = "lui" if word & 0x7F == isa.LUI else "auipc"
    return f"{name}\t{X[rd]},0x{word >> 12:x}"


def jal(word, pc, rd, f3, rs1, rs2, f7, imm):
    target = f"{(pc + isa.j_offset(word)) & 0xFFFFFFFF:x}"
    if rd == 0:
        return f"j\t{target}"
    return f"jal\t{target}" if rd == 1 else f"jal\t{X[rd]},{target}"


def jalr(word, pc, rd, f3, rs1, rs2, f7, imm):
    if f3:
        return None
    if rd == 0 and rs1 == 1 and imm == 0:
        return "ret"
    where = X[rs1] if imm == 0 else f"{imm}({X[rs1]})"
    if rd == 0:
        return f"jr\t{where}"
    if rd == 1:
        return f"jalr\t{where}"
    return f"jalr\t{X[rd]},{where}"


def system(word, pc, rd, f3, rs1, rs2, f7, imm):
    if f3 == 0:
        if f7 == 0x09 and rd == 0:
            regs = [X[rs1]] if rs2 == 0 else [X[rs1], X[rs2]]
            return "sfence.vma" + ("\t" + ",".join(regs) if rs1 or rs2 else "")
        return None
    if f3 == 4:
        return None
    name, csr = CSR_BY_F3[f3].rstrip("i"), csr_name(word >> 20)   # objdump drops the i
    source = X[rs1] if f3 < 4 else str(rs1)
    if f3 == 2 and rs1 == 0:
        return f"{COUNTERS[word >> 20]}\t{X[rd]}" if (word >> 20) in COUNTERS else \
            f"csrr\t{X[rd]},{csr}"
    if rd == 0:
        short = {"csrrw": "csrw", "csrrs": "csrs", "csrrc": "csrc"}[name]
        return f"{short}\t{csr},{source}"
    return f"{name}\t{X[rd]},{csr},{source}"


def misc_mem(word, pc, rd, f3, rs1, rs2, f7, imm):
    if f3 != 0:
        return None
    pred, succ = (word >> 24) & 15, (word >> 20) & 15
    if pred == succ == 15 and not word >> 28:
        return "fence"
    return f"fence\t{fence_set(pred)},{fence_set(succ)}"


def amo(word, pc, rd, f3, rs1, rs2, f7, imm):
    name = AMO_BY_F5.get(f7 >> 2)
    if f3 != 2 or name is None:
        return None
    suffix = {0: "", 2: ".aq", 1: ".rl", 3: ".aqrl"}[f7 & 3]
    if name == "lr":
        return f"lr.w{suffix}\t{X[rd]},({X[rs1]})" if rs2 == 0 else None
    return f"{name}.w{suffix}\t{X[rd]},{X[rs2]},({X[rs1]})"


DECODERS = {isa.OP: op, isa.OP_IMM: op_imm, isa.LOAD: load, isa.STORE: store,
            isa.BRANCH: branch, isa.LUI: upper, isa.AUIPC: upper, isa.JAL: jal,
            isa.JALR: jalr, isa.SYSTEM: system, isa.MISC_MEM: misc_mem, isa.AMO: amo}


def branch_target(word, pc):
    """Target address of a branch or jal (for symbol annotations), else None."""
    opcode = word & 0x7F
    if opcode == isa.BRANCH:
        return (pc + isa.b_offset(word)) & 0xFFFFFFFF
    if opcode == isa.JAL:
        return (pc + isa.j_offset(word)) & 0xFFFFFFFF
    return None
