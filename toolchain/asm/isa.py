"""RV32IMA + Zicsr + Zifencei + privileged: names, opcode tables, bit packing.

Shared by the assembler (encoding) and objdump (decoding), so that the two
can never disagree about an instruction.
"""

ABI_NAMES = ["zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1",
             "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5",
             "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"]
REGISTERS = {name: i for i, name in enumerate(ABI_NAMES)}
REGISTERS.update({f"x{i}": i for i in range(32)})
REGISTERS["fp"] = 8

# Format tags: R (reg-reg), I (reg-imm), SH (shift by shamt), L (load), S (store),
# B (branch), U (upper), J (jal), JR (jalr), CSR, CSRI, AMO, LR, SC, FIXED.
R_TYPE = {  # name: (funct3, funct7)
    "add": (0, 0), "sub": (0, 0x20), "sll": (1, 0), "slt": (2, 0), "sltu": (3, 0),
    "xor": (4, 0), "srl": (5, 0), "sra": (5, 0x20), "or": (6, 0), "and": (7, 0),
    "mul": (0, 1), "mulh": (1, 1), "mulhsu": (2, 1), "mulhu": (3, 1),
    "div": (4, 1), "divu": (5, 1), "rem": (6, 1), "remu": (7, 1),
}
I_TYPE = {"addi": 0, "slti": 2, "sltiu": 3, "xori": 4, "ori": 6, "andi": 7}
SHIFTS = {"slli": (1, 0), "srli": (5, 0), "srai": (5, 0x20)}
LOADS = {"lb": 0, "lh": 1, "lw": 2, "lbu": 4, "lhu": 5}
STORES = {"sb": 0, "sh": 1, "sw": 2}
BRANCHES = {"beq": 0, "bne": 1, "blt": 4, "bge": 5, "bltu": 6, "bgeu": 7}
CSR_OPS = {"csrrw": 1, "csrrs": 2, "csrrc": 3, "csrrwi": 5, "csrrsi": 6, "csrrci": 7}
AMO_OPS = {"amoadd": 0x00, "amoswap": 0x01, "lr": 0x02, "sc": 0x03, "amoxor": 0x04,
           "amoor": 0x08, "amoand": 0x0C, "amomin": 0x10, "amomax": 0x14,
           "amominu": 0x18, "amomaxu": 0x1C}
FIXED = {"ecall": 0x00000073, "ebreak": 0x00100073, "mret": 0x30200073,
         "sret": 0x10200073, "wfi": 0x10500073, "fence.i": 0x0000100F,
         "fence.tso": 0x8330000F, "unimp": 0xC0001073}
# Opcode values.
OP, OP_IMM, LOAD, STORE, BRANCH = 0x33, 0x13, 0x03, 0x23, 0x63
LUI, AUIPC, JAL, JALR, SYSTEM, MISC_MEM, AMO = 0x37, 0x17, 0x6F, 0x67, 0x73, 0x0F, 0x2F

CSR_NAMES = {
    "sstatus": 0x100, "sie": 0x104, "stvec": 0x105, "scounteren": 0x106, "senvcfg": 0x10A,
    "sscratch": 0x140, "sepc": 0x141, "scause": 0x142, "stval": 0x143, "sip": 0x144,
    "satp": 0x180, "mstatus": 0x300, "misa": 0x301, "medeleg": 0x302, "mideleg": 0x303,
    "mie": 0x304, "mtvec": 0x305, "mcounteren": 0x306, "menvcfg": 0x30A, "mstatush": 0x310,
    "menvcfgh": 0x31A, "mcountinhibit": 0x320, "mscratch": 0x340, "mepc": 0x341,
    "mcause": 0x342, "mtval": 0x343, "mip": 0x344, "mtinst": 0x34A, "mtval2": 0x34B,
    "tselect": 0x7A0, "tdata1": 0x7A1, "tdata2": 0x7A2, "tdata3": 0x7A3, "dcsr": 0x7B0,
    "dpc": 0x7B1, "dscratch0": 0x7B2, "dscratch1": 0x7B3, "mcycle": 0xB00,
    "minstret": 0xB02, "mcycleh": 0xB80, "minstreth": 0xB82, "cycle": 0xC00,
    "time": 0xC01, "instret": 0xC02, "cycleh": 0xC80, "timeh": 0xC81, "instreth": 0xC82,
    "mvendorid": 0xF11, "marchid": 0xF12, "mimpid": 0xF13, "mhartid": 0xF14,
    "mconfigptr": 0xF15,
}
for _n in range(3, 32):
    CSR_NAMES[f"hpmcounter{_n}"] = 0xC00 + _n
    CSR_NAMES[f"hpmcounter{_n}h"] = 0xC80 + _n
    CSR_NAMES[f"mhpmcounter{_n}"] = 0xB00 + _n
    CSR_NAMES[f"mhpmcounter{_n}h"] = 0xB80 + _n
    CSR_NAMES[f"mhpmevent{_n}"] = 0x320 + _n
for _n in range(16):
    CSR_NAMES[f"pmpcfg{_n}"] = 0x3A0 + _n
for _n in range(64):
    CSR_NAMES[f"pmpaddr{_n}"] = 0x3B0 + _n
CSR_BY_NUMBER = {num: name for name, num in CSR_NAMES.items()}

FENCE_BITS = {"i": 8, "o": 4, "r": 2, "w": 1}


def r_type(opcode, f3, f7, rd, rs1, rs2):
    return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opcode


def i_type(opcode, f3, rd, rs1, imm):
    return ((imm & 0xFFF) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opcode


def s_type(opcode, f3, rs1, rs2, imm):
    return (((imm >> 5) & 0x7F) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | \
        ((imm & 0x1F) << 7) | opcode


def b_type(f3, rs1, rs2, offset):
    return (((offset >> 12) & 1) << 31) | (((offset >> 5) & 0x3F) << 25) | (rs2 << 20) | \
        (rs1 << 15) | (f3 << 12) | (((offset >> 1) & 0xF) << 8) | \
        (((offset >> 11) & 1) << 7) | BRANCH


def u_type(opcode, rd, imm20):
    return ((imm20 & 0xFFFFF) << 12) | (rd << 7) | opcode


def j_type(rd, offset):
    return (((offset >> 20) & 1) << 31) | (((offset >> 1) & 0x3FF) << 21) | \
        (((offset >> 11) & 1) << 20) | (((offset >> 12) & 0xFF) << 12) | (rd << 7) | JAL


def sign_extend(value, bits):
    value &= (1 << bits) - 1
    return value - (1 << bits) if value >> (bits - 1) else value


def b_offset(word):
    """The byte offset held in a B-type instruction."""
    return sign_extend((((word >> 31) & 1) << 12) | (((word >> 7) & 1) << 11) |
                       (((word >> 25) & 0x3F) << 5) | (((word >> 8) & 0xF) << 1), 13)


def j_offset(word):
    """The byte offset held in a J-type instruction."""
    return sign_extend((((word >> 31) & 1) << 20) | (((word >> 12) & 0xFF) << 12) |
                       (((word >> 20) & 1) << 11) | (((word >> 21) & 0x3FF) << 1), 21)


def s_imm(word):
    return sign_extend(((word >> 25) << 5) | ((word >> 7) & 0x1F), 12)


def hi20(value):
    """Upper part for lui/auipc so that (hi20 << 12) + lo12 == value."""
    return ((value + 0x800) >> 12) & 0xFFFFF


def lo12(value):
    return sign_extend(value, 12)
