"""Instruction and pseudo-instruction handlers: operand text -> items.

Each handler parses its operands in pass 1 and hands an encoder plus parsed
operands to Assembler.insn(); encoders return 32-bit words and, in pass 2,
record relocations the way GNU as does with -mno-relax.
"""
from toolchain.asm import isa
from toolchain.asm.assembler import BRANCH, AsmError, Defer, Modified
from toolchain.elf import R

ZERO, RA, T1 = 0, 1, 6


def _need(ops, count, usage):
    if len(ops) != count or (count and not ops[-1].strip()):
        raise AsmError(f"expected operands: {usage}")


def _in_range(value, low, high, what):
    if not low <= value <= high:
        raise AsmError(f"{what} {value} out of range [{low}, {high}]")
    return value


def _low12(asm, operand, store):
    """The 12-bit immediate of an I or S instruction (records %lo relocations)."""
    if isinstance(operand, Modified):
        modifier, tree = operand
        addend, base = asm.value(tree)
        if modifier == "lo":
            if base is None:
                return isa.lo12(addend)
            asm.reloc(R["LO12_S" if store else "LO12_I"], base, addend)
            return isa.lo12(addend)         # GNU as leaves the addend in the field
        if modifier == "pcrel_lo":
            if base is None:
                raise AsmError("%pcrel_lo needs the label of its auipc")
            asm.reloc(R["PCREL_LO12_S" if store else "PCREL_LO12_I"], base, addend)
            return 0
        raise AsmError(f"%{modifier} is not allowed in a 12-bit immediate")
    value, base = asm.value(operand)
    if base is not None:
        raise AsmError(f"immediate must be a constant, not symbol '{asm.elf_name(base)}'")
    return _in_range(value, -2048, 2047, "immediate")


def _upper20(asm, operand, pc_relative):
    if isinstance(operand, Modified):
        modifier, tree = operand
        addend, base = asm.value(tree)
        if modifier == "hi" and not pc_relative:
            if base is None:
                return isa.hi20(addend)
            asm.reloc(R["HI20"], base, addend)
            return isa.hi20(addend)
        if modifier == "pcrel_hi" and pc_relative:
            if base is None:
                raise AsmError("%pcrel_hi needs a symbol")
            asm.reloc(R["PCREL_HI20"], base, addend)
            return 0
        raise AsmError(f"%{modifier} is not allowed with {'auipc' if pc_relative else 'lui'}")
    value, base = asm.value(operand)
    if base is not None:
        raise AsmError(f"immediate must be a constant, not symbol '{asm.elf_name(base)}'")
    return _in_range(value, 0, 0xFFFFF, "upper immediate")


def provisional(asm, base, addend):
    """GNU as fills a jal it relocates with S + A, S being the symbol's offset in
    its own section (0 when undefined); the linker overwrites it."""
    where = asm.location(base)
    return (where[1] if where else 0) + addend


def _jump_offset(asm, tree, delta=0):
    """Offset for jal to a symbol; relocation R_RISCV_JAL as GNU as emits it."""
    addend, base = asm.value(tree)
    if base is None:
        raise AsmError("jump target must be a symbol or label")
    asm.reloc(R["JAL"], base, addend, delta)
    where = asm.location(base)
    section, offset = asm.here
    if where is None or where[0] is not section:
        return provisional(asm, base, addend) - offset - delta
    distance = where[1] + addend - offset - delta
    return _in_range(distance, -(1 << 20), (1 << 20) - 2, "jump offset")


# ----- encoders (called in pass 1 and, when deferred, in pass 2) -----------------------
def enc_i(asm, opcode, f3, rd, rs1, imm):
    return [isa.i_type(opcode, f3, rd, rs1, _low12(asm, imm, False))]


def enc_s(asm, f3, rs2, rs1, imm):
    return [isa.s_type(isa.STORE, f3, rs1, rs2, _low12(asm, imm, True))]


def enc_u(asm, opcode, rd, imm):
    return [isa.u_type(opcode, rd, _upper20(asm, imm, opcode == isa.AUIPC))]


def enc_jal(asm, rd, tree):
    return [isa.j_type(rd, _jump_offset(asm, tree))]


def enc_pcrel_pair(asm, rd, tree, second, rs2=None):
    """auipc + load/store/addi through a '.L0 ' label on the auipc (la, lla, lw sym)."""
    label, addend_tree = tree
    addend, base = asm.value(addend_tree)
    if base is None:
        raise AsmError("address operand must be a symbol")
    asm.reloc(R["PCREL_HI20"], base, addend)
    auipc = isa.u_type(isa.AUIPC, rd, 0)
    opcode, f3 = second
    if opcode == isa.STORE:
        asm.reloc(R["PCREL_LO12_S"], label, 0, 4)
        return [auipc, isa.s_type(opcode, f3, rd, rs2, 0)]
    asm.reloc(R["PCREL_LO12_I"], label, 0, 4)
    return [auipc, isa.i_type(opcode, f3, rs2 if rs2 is not None else rd, rd, 0)]


def enc_call(asm, link, scratch, tree):
    addend, base = asm.value(tree)
    if base is None:
        raise AsmError("call target must be a symbol")
    asm.reloc(R["CALL_PLT"], base, addend)
    return [isa.u_type(isa.AUIPC, scratch, 0), isa.i_type(isa.JALR, 0, link, scratch, 0)]


def encode_branch(asm, size, f3, rs1, rs2, tree):
    """Short form, or inverted branch over a jal when the target may be far."""
    addend, base = asm.value(tree)
    if base is None:
        raise AsmError("branch target must be a symbol or label")
    if size == 8:
        return [isa.b_type(f3 ^ 1, rs1, rs2, 8), isa.j_type(ZERO, _jump_offset(asm, tree, 4))]
    asm.reloc(R["BRANCH"], base, addend)
    distance = asm.location(base)[1] + addend - asm.here[1]
    return [isa.b_type(f3, rs1, rs2, distance)]


# ----- handlers: parse operand strings ---------------------------------------------------
def make_r(f3, f7, imm_alias):
    def handler(asm, ops):
        _need(ops, 3, "rd, rs1, rs2")
        rd, rs1 = asm.reg(ops[0]), asm.reg(ops[1])
        third = ops[2].strip()
        looks_numeric = not (third[:1].isalpha() or third[:1] == "_") or third in asm.symbols
        if imm_alias is not None and third not in isa.REGISTERS and looks_numeric:
            return INSTRUCTIONS[imm_alias](asm, ops)     # GNU accepts 'add a0, a0, 1'
        word = isa.r_type(isa.OP, f3, f7, rd, rs1, asm.reg(ops[2]))
        asm.insn(lambda a: [word], ())
    return handler


def make_i(opcode, f3):
    def handler(asm, ops):
        _need(ops, 3, "rd, rs1, imm")
        asm.insn(enc_i, (opcode, f3, asm.reg(ops[0]), asm.reg(ops[1]), asm.operand(ops[2])))
    return handler


def make_shift(f3, f7):
    def handler(asm, ops):
        _need(ops, 3, "rd, rs1, shamt")
        rd, rs1, tree = asm.reg(ops[0]), asm.reg(ops[1]), asm.expr(ops[2])

        def enc(a):
            shamt = _in_range(constant_or_defer(a, tree), 0, 31, "shift amount")
            return [isa.i_type(isa.OP_IMM, f3, rd, rs1, shamt | (f7 << 5))]
        asm.insn(enc, ())
    return handler


def make_load(f3):
    def handler(asm, ops):
        _need(ops, 2, "rd, offset(rs1)")
        rd, mem = asm.reg(ops[0]), asm.memory(ops[1])
        if mem is None and ops[1].strip().endswith(")"):
            inner = ops[1].strip().rsplit("(", 1)[-1][:-1]
            raise AsmError(f"expected a base register in '{ops[1].strip()}', got '{inner}'")
        if mem is None:     # 'lw rd, symbol': auipc rd + lw rd, %pcrel_lo(rd)
            label = asm.temp_label()
            asm.insn(enc_pcrel_pair, (rd, (label, asm.expr(ops[1])), (isa.LOAD, f3)), 8)
        else:
            asm.insn(enc_i, (isa.LOAD, f3, rd, mem[1], mem[0]))
    return handler


def make_store(f3):
    def handler(asm, ops):
        if len(ops) == 3:   # 'sw rs2, symbol, rt'
            rs2, rt = asm.reg(ops[0]), asm.reg(ops[2])
            label = asm.temp_label()
            asm.insn(enc_pcrel_pair, (rt, (label, asm.expr(ops[1])), (isa.STORE, f3), rs2), 8)
            return
        _need(ops, 2, "rs2, offset(rs1)")
        rs2, mem = asm.reg(ops[0]), asm.memory(ops[1])
        if mem is None:
            raise AsmError(f"expected offset(register), got '{ops[1].strip()}'")
        asm.insn(enc_s, (f3, rs2, mem[1], mem[0]))
    return handler


def branch(asm, f3, rs1, rs2, target):
    asm.add_item(BRANCH, 4, (f3, rs1, rs2, asm.expr(target)))


def make_branch(f3, swap=False, zero=None):
    """zero: 'rs2' -> compare rs with x0 as rs2, 'rs1' -> x0 as rs1."""
    def handler(asm, ops):
        if zero:
            _need(ops, 2, "rs, target")
            rs = asm.reg(ops[0])
            branch(asm, f3, *((rs, ZERO) if zero == "rs2" else (ZERO, rs)), ops[1])
            return
        _need(ops, 3, "rs1, rs2, target")
        rs1, rs2 = asm.reg(ops[0]), asm.reg(ops[1])
        branch(asm, f3, *((rs2, rs1) if swap else (rs1, rs2)), ops[2])
    return handler


def make_u(opcode):
    def handler(asm, ops):
        _need(ops, 2, "rd, imm")
        asm.insn(enc_u, (opcode, asm.reg(ops[0]), asm.operand(ops[1])))
    return handler


def jal(asm, ops):
    if len(ops) == 1 and ops[0].strip():
        asm.insn(enc_jal, (RA, asm.expr(ops[0])))
        return
    _need(ops, 2, "rd, target")
    asm.insn(enc_jal, (asm.reg(ops[0]), asm.expr(ops[1])))


def jalr(asm, ops):
    if len(ops) == 1:
        asm.insn(enc_i, (isa.JALR, 0, RA, asm.reg(ops[0]), 0))
        return
    rd = asm.reg(ops[0])
    if len(ops) == 2:
        mem = asm.memory(ops[1])
        rs1, imm = (mem[1], mem[0]) if mem else (asm.reg(ops[1]), 0)
    else:
        _need(ops, 3, "rd, rs1, imm")
        rs1, imm = asm.reg(ops[1]), asm.operand(ops[2])
    asm.insn(enc_i, (isa.JALR, 0, rd, rs1, imm))


def csr_number(asm, text):
    number = isa.CSR_NAMES.get(text.strip())
    name = text.strip()
    if number is None and name.isidentifier() and name not in asm.symbols:
        raise AsmError(f"unknown CSR '{name}'")
    if number is None:
        number = asm.constant(asm.expr(text), "CSR number")
    return _in_range(number, 0, 0xFFF, "CSR number")


def make_csr(f3, form=None):
    """csrrw rd, csr, rs1 / csrrwi rd, csr, uimm; form 'read' = csrr rd, csr;
    form 'write' = csrw/csrs/csrc csr, rs|uimm (an immediate picks the i form)."""
    usage = {"read": "rd, csr", "write": "csr, source"}.get(form, "rd, csr, source")

    def handler(asm, ops):
        _need(ops, 2 if form else 3, usage)
        rd, csr, source = ({"read": [ops[0], ops[1], "zero"], "write": ["zero", *ops]}
                           .get(form, ops))
        code, source = f3, source.strip()
        if source in isa.REGISTERS and not f3 & 4:
            value = asm.reg(source)
        elif form == "write" or f3 & 4:
            code |= 4
            value = _in_range(asm.constant(asm.expr(source)), 0, 31, "CSR immediate")
        else:
            raise AsmError(f"expected a register, got '{source}'")
        word = isa.i_type(isa.SYSTEM, code, asm.reg(rd), value, 0) | (csr_number(asm, csr) << 20)
        asm.insn(lambda a: [word], ())
    return handler


def make_counter(csr_name):
    def handler(asm, ops):
        _need(ops, 1, "rd")
        make_csr(2, "read")(asm, [ops[0], csr_name])
    return handler


def make_fixed(word):
    def handler(asm, ops):
        if ops:
            raise AsmError("this instruction takes no operands")
        asm.insn(lambda a: [word], ())
    return handler


def fence_set(text):
    bits = 0
    for ch in text.strip().lower():
        if ch not in isa.FENCE_BITS:
            raise AsmError(f"bad fence operand '{text.strip()}'")
        bits |= isa.FENCE_BITS[ch]
    return bits


def fence(asm, ops):
    if not ops:
        pred = succ = 0xF
    else:
        _need(ops, 2, "pred, succ")
        pred, succ = fence_set(ops[0]), fence_set(ops[1])
    asm.insn(lambda a: [(pred << 24) | (succ << 20) | isa.MISC_MEM], ())


def sfence_vma(asm, ops):
    regs = [asm.reg(o) for o in ops] + [ZERO, ZERO]
    if len(ops) > 2:
        raise AsmError("expected operands: [rs1[, rs2]]")
    asm.insn(lambda a: [isa.r_type(isa.SYSTEM, 0, 0x09, ZERO, regs[0], regs[1])], ())


def make_amo(funct5, aq, rl):
    def handler(asm, ops):
        is_lr = funct5 == isa.AMO_OPS["lr"]
        _need(ops, 2 if is_lr else 3, "rd, (rs1)" if is_lr else "rd, rs2, (rs1)")
        rd, rs2 = asm.reg(ops[0]), ZERO if is_lr else asm.reg(ops[1])
        mem = asm.memory(ops[-1])
        if mem is None or mem[0] != 0:
            raise AsmError(f"expected (register) address, got '{ops[-1].strip()}'")
        f7 = (funct5 << 2) | (aq << 1) | rl
        asm.insn(lambda a: [isa.r_type(isa.AMO, 2, f7, rd, mem[1], rs2)], ())
    return handler


# ----- pseudo-instructions ---------------------------------------------------------------
def li(asm, ops):
    _need(ops, 2, "rd, imm")
    load_immediate(asm, asm.reg(ops[0]), asm.constant(asm.expr(ops[1]), "li immediate"))


def load_immediate(asm, rd, value):
    _in_range(value, -(1 << 31), (1 << 32) - 1, "li immediate")
    value = isa.sign_extend(value, 32)
    if -2048 <= value <= 2047:
        asm.insn(lambda a: [isa.i_type(isa.OP_IMM, 0, rd, ZERO, value)], ())
        return
    words = [isa.u_type(isa.LUI, rd, isa.hi20(value))]
    if isa.lo12(value):
        words.append(isa.i_type(isa.OP_IMM, 0, rd, rd, isa.lo12(value)))
    asm.insn(lambda a: words, (), 4 * len(words))


def la(asm, ops):
    _need(ops, 2, "rd, symbol")
    rd, tree = asm.reg(ops[0]), asm.expr(ops[1])
    try:
        value, base = asm.value(tree)
    except Defer:
        base = True
    if base is None:                    # 'la rd, constant' is li, as in GNU as
        load_immediate(asm, rd, value)
        return
    label = asm.temp_label()
    asm.insn(enc_pcrel_pair, (rd, (label, tree), (isa.OP_IMM, 0)), 8)


def call(asm, ops):
    if len(ops) == 2:
        asm.insn(enc_call, (asm.reg(ops[0]), T1, asm.expr(ops[1])), 8)   # as GNU does
        return
    _need(ops, 1, "symbol")
    asm.insn(enc_call, (RA, RA, asm.expr(ops[0])), 8)


def tail(asm, ops):
    _need(ops, 1, "symbol")
    asm.insn(enc_call, (ZERO, T1, asm.expr(ops[0])), 8)


def alias(build, usage, count):
    """A pseudo that is one instruction built from registers only."""
    def handler(asm, ops):
        _need(ops, count, usage)
        regs = [asm.reg(o) for o in ops]
        word = build(*regs)
        asm.insn(lambda a: [word], ())
    return handler


def j(asm, ops):
    _need(ops, 1, "target")
    asm.insn(enc_jal, (ZERO, asm.expr(ops[0])))


def constant_or_defer(asm, tree):
    value, base = asm.value(tree)
    if base is not None:
        raise AsmError(f"expected a constant, not symbol '{asm.elf_name(base)}'")
    return value


# GNU as accepts 'add a0, a0, 1' and friends as the immediate instruction.
IMMEDIATE_FORMS = {"add": "addi", "and": "andi", "or": "ori", "xor": "xori", "slt": "slti",
                   "sltu": "sltiu", "sll": "slli", "srl": "srli", "sra": "srai"}
INSTRUCTIONS = {
    "lui": make_u(isa.LUI), "auipc": make_u(isa.AUIPC), "jal": jal, "jalr": jalr,
    "fence": fence, "sfence.vma": sfence_vma, "li": li, "la": la, "lla": la,
    "call": call, "tail": tail, "j": j,
    "zext.b": alias(lambda d, s: isa.i_type(isa.OP_IMM, 7, d, s, 255), "rd, rs", 2),
    "nop": make_fixed(0x00000013), "ret": make_fixed(0x00008067),
    "mv": alias(lambda d, s: isa.i_type(isa.OP_IMM, 0, d, s, 0), "rd, rs", 2),
    "not": alias(lambda d, s: isa.i_type(isa.OP_IMM, 4, d, s, -1), "rd, rs", 2),
    "neg": alias(lambda d, s: isa.r_type(isa.OP, 0, 0x20, d, ZERO, s), "rd, rs", 2),
    "seqz": alias(lambda d, s: isa.i_type(isa.OP_IMM, 3, d, s, 1), "rd, rs", 2),
    "snez": alias(lambda d, s: isa.r_type(isa.OP, 3, 0, d, ZERO, s), "rd, rs", 2),
    "sltz": alias(lambda d, s: isa.r_type(isa.OP, 2, 0, d, s, ZERO), "rd, rs", 2),
    "sgtz": alias(lambda d, s: isa.r_type(isa.OP, 2, 0, d, ZERO, s), "rd, rs", 2),
    "sgt": alias(lambda d, s, t: isa.r_type(isa.OP, 2, 0, d, t, s), "rd, rs1, rs2", 3),
    "sgtu": alias(lambda d, s, t: isa.r_type(isa.OP, 3, 0, d, t, s), "rd, rs1, rs2", 3),
    "jr": alias(lambda s: isa.i_type(isa.JALR, 0, ZERO, s, 0), "rs", 1),
    "beqz": make_branch(0, zero="rs2"), "bnez": make_branch(1, zero="rs2"),
    "bltz": make_branch(4, zero="rs2"), "bgez": make_branch(5, zero="rs2"),
    "blez": make_branch(5, zero="rs1"), "bgtz": make_branch(4, zero="rs1"),
    "bgt": make_branch(4, swap=True), "ble": make_branch(5, swap=True),
    "bgtu": make_branch(6, swap=True), "bleu": make_branch(7, swap=True),
    "csrr": make_csr(2, "read"), "csrw": make_csr(1, "write"), "csrs": make_csr(2, "write"),
    "csrc": make_csr(3, "write"), "csrwi": make_csr(5, "write"),
    "csrsi": make_csr(6, "write"), "csrci": make_csr(7, "write"),
}
for _name, _word in isa.FIXED.items():
    INSTRUCTIONS[_name] = make_fixed(_word)
for _name, (_f3, _f7) in isa.R_TYPE.items():
    INSTRUCTIONS[_name] = make_r(_f3, _f7, IMMEDIATE_FORMS.get(_name))
for _name, _f3 in isa.I_TYPE.items():
    INSTRUCTIONS[_name] = make_i(isa.OP_IMM, _f3)
for _name, (_f3, _f7) in isa.SHIFTS.items():
    INSTRUCTIONS[_name] = make_shift(_f3, _f7)
for _name, _f3 in isa.LOADS.items():
    INSTRUCTIONS[_name] = make_load(_f3)
for _name, _f3 in isa.STORES.items():
    INSTRUCTIONS[_name] = make_store(_f3)
for _name, _f3 in isa.BRANCHES.items():
    INSTRUCTIONS[_name] = make_branch(_f3)
for _name, _f3 in isa.CSR_OPS.items():
    INSTRUCTIONS[_name] = make_csr(_f3)
for _name, _f5 in isa.AMO_OPS.items():
    for _suffix, (_aq, _rl) in {"": (0, 0), ".aq": (1, 0), ".rl": (0, 1),
                                ".aqrl": (1, 1)}.items():
        INSTRUCTIONS[f"{_name}.w{_suffix}"] = make_amo(_f5, _aq, _rl)
for _name in ("cycle", "time", "instret", "cycleh", "timeh", "instreth"):
    INSTRUCTIONS["rd" + _name] = make_counter(_name)
