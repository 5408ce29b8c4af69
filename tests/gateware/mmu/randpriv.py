"""Random privileged programs for lockstep runs of the core against the
emulator: `generate(seed) -> assembly text` (GNU or our assembler, linked
with tests/programs/common/link.ld, built for rv32ima_zicsr_zifencei).

An M-mode driver runs a list of steps. Each step may remap a page (a new
PTE with random flags and target, then sfence.vma), read a PTE back (the
hardware's A/D bits land in a register and so in the trace), change the
delegation registers, SUM/MXR/SIE/TVM/TW/TSR, direct or vectored trap
vectors, make M-mode accesses with MPRV, arm an
interrupt (machine timer or software, supervisor timer or software), and
then enter S or U at a block of random code. Blocks load, store and run
AMOs and LR/SC through the mapped pages, jump to mapped pages (fetch
faults), make ecalls, illegal instructions and CSR accesses, and S blocks
may drop to U with sret. Every block ends with ebreak, which comes back to
M. Handlers in M and S skip a faulting instruction (a fetch fault returns
to ra) and quiet the interrupt they took.

Everything is deterministic when mtime is not read, and interrupts only
become pending through CSR writes or CLINT writes read back before the
mode that takes them is entered; so the retired-instruction traces of the
emulator and the core must be identical.

Physical layout (main RAM, all zero at reset): the program at 0x4000_0000,
data pages at DATA_PA, a page of `ret` instructions at RET_PA, the page
tables at PT_*, a superpage's worth of data at SUPER_PA. Virtual layout: the
program 1:1 (4 KiB S pages, U pages for the U blocks), data pages at
DATA_VA, `ret` pages at RET_VA, root[2] at SUPER_VA (superpage or pointer).
"""
import random

SIMCTRL_EXIT = 0xF0001800
RAM_PPN = 0x40000                           # the program at 0x4000_0000
CLINT_MSIP, CLINT_MTIMECMP = 0xF0010000, 0xF0014000
DATA_PA, DATA_PAGES = 0x40100000, 8
RET_PA = 0x40120000
PT_ROOT, PT_PROG, PT_DATA = 0x40200000, 0x40201000, 0x40202000
SUPER_PA = 0x40400000
DATA_VA, DATA_VPAGES = 0x00400000, 12       # root[1] -> PT_DATA[0..11]
RET_VA, RET_INDEX, RET_VPAGES = 0x00410000, 16, 4   # PT_DATA[16..19]
SUPER_VA = 0x00800000                       # root[2]
NOWHERE_PPN, HIGH_PPN = 0x20000, 0x100000   # not memory / above 32 bits

V, R, W, X, U, A, D = 0x01, 0x02, 0x04, 0x08, 0x10, 0x40, 0x80
MSTATUS_SIE, MSTATUS_MPRV, MSTATUS_SUM, MSTATUS_MXR = 1 << 1, 1 << 17, 1 << 18, 1 << 19
MSTATUS_TVM, MSTATUS_TW, MSTATUS_TSR = 1 << 20, 1 << 21, 1 << 22
SSI, MSI, STI, MTI = 1, 3, 5, 7             # interrupt numbers (mip bits)
DELEGABLE = [1, 2, 4, 5, 6, 7, 8, 9, 12, 13, 15]   # never 3: ebreak must reach M
REGS = ["a0", "a1", "a2", "a3", "a4", "a5"]
ALU = ["add", "sub", "xor", "or", "and", "sll", "srl", "sra", "slt", "sltu", "mul", "divu", "rem"]
AMOS = ["amoswap.w", "amoadd.w", "amoxor.w", "amoand.w", "amoor.w",
        "amomin.w", "amomax.w", "amominu.w", "amomaxu.w"]
LOADS = [("lb", 1), ("lbu", 1), ("lh", 2), ("lhu", 2), ("lw", 4)]
STORES = [("sb", 1), ("sh", 2), ("sw", 4)]
ILLEGAL_ANYWHERE = [".word 0xffffffff", "mret", "csrr a0, mstatus", "csrw mtvec, a1"]
ILLEGAL_IN_U = ["sret", "wfi", "csrr a1, sstatus", "sfence.vma", "csrr a2, satp"]


def _pte(ppn, flags):
    return (ppn << 10) | flags


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.driver, self.s_code, self.u_code = [], [], []
        self.labels = 0
        # What the page tables hold now, as the generator wrote them.
        self.data_ptes = [self._data_pte() for _ in range(DATA_VPAGES)]
        self.ret_ptes = [self._ret_pte() for _ in range(RET_VPAGES)]
        self.root2 = self._root2_pte()
        self.tw = False                 # mstatus.TW: wfi in S is illegal (else it would wait)

    def label(self, stem):
        self.labels += 1
        return f"{stem}{self.labels}"

    # ---- page-table entries ----
    def _flags(self, allow_w=True):
        rng = self.rng
        flags = V if rng.random() < 0.9 else 0
        flags |= R if rng.random() < 0.7 else 0
        flags |= W if allow_w and rng.random() < 0.5 else 0
        flags |= X if rng.random() < 0.3 else 0
        flags |= U if rng.random() < 0.5 else 0
        flags |= A if rng.random() < 0.5 else 0
        flags |= D if rng.random() < 0.3 else 0
        return flags

    def _data_pte(self):
        choice = self.rng.random()
        if choice < 0.85:
            ppn = (DATA_PA >> 12) + self.rng.randrange(DATA_PAGES)
        elif choice < 0.93:
            ppn = NOWHERE_PPN
        else:
            ppn = HIGH_PPN | (DATA_PA >> 12)
        return _pte(ppn, self._flags())

    def _ret_pte(self):
        return _pte(RET_PA >> 12, self._flags(allow_w=False))

    def _root2_pte(self):
        choice = self.rng.random()
        if choice < 0.5:
            return _pte(SUPER_PA >> 12, self._flags())
        if choice < 0.65:
            return _pte((SUPER_PA >> 12) + 1, self._flags())      # misaligned
        if choice < 0.9:
            return _pte(PT_DATA >> 12, V)                          # a pointer
        return 0

    @staticmethod
    def _never_runs(pte):
        """A fetch from this leaf faults whatever the mode (data must never run)."""
        flags, ppn = pte & 0xFF, pte >> 10
        return (not flags & V or not flags & X or (flags & W and not flags & R)
                or ppn in (NOWHERE_PPN, HIGH_PPN | (DATA_PA >> 12)))

    # ---- random code for the blocks ----
    def data_address(self, size):
        rng = self.rng
        if rng.random() < 0.8:
            base = DATA_VA + rng.randrange(DATA_VPAGES) * 0x1000
        else:
            base = SUPER_VA + rng.choice([0, rng.randrange(4), rng.randrange(1024)]) * 0x1000
        offset = rng.randrange(0, 256, size)
        if size > 1 and rng.random() < 0.05:
            offset += 1                                          # misaligned
        return base + offset

    def instruction(self, mode):
        rng, pick = self.rng, self.rng.choice
        rd, rs1, rs2 = pick(REGS), pick(REGS), pick(REGS)
        kind = rng.random()
        if kind < 0.2:
            return [f"{pick(ALU)} {rd}, {rs1}, {rs2}"]
        if kind < 0.25:
            return [f"addi {rd}, {rs1}, {rng.randrange(-2048, 2048)}"]
        if kind < 0.42:
            op, size = pick(LOADS)
            return [f"li t1, {self.data_address(size):#x}", f"{op} {rd}, 0(t1)"]
        if kind < 0.57:
            op, size = pick(STORES)
            return [f"li t1, {self.data_address(size):#x}", f"{op} {rs2}, 0(t1)"]
        if kind < 0.64:
            return [f"li t1, {self.data_address(4):#x}", f"{pick(AMOS)} {rd}, {rs2}, (t1)"]
        if kind < 0.68:
            # Between them nothing that moves t1 or stores (the reservation's
            # size is the implementation's choice); a trap clears it.
            middle = pick([[], [], [f"{pick(ALU)} {rd}, {rs1}, {rs2}"], ["ecall"], [pick(ILLEGAL_ANYWHERE)]])
            return [f"li t1, {self.data_address(4):#x}", f"lr.w {rd}, (t1)", *middle,
                    f"sc.w {pick(REGS)}, {rs2}, (t1)"]
        if kind < 0.74:
            return self.fetch()
        if kind < 0.78:
            return ["ecall"]
        if kind < 0.84:
            return [pick(ILLEGAL_ANYWHERE + (ILLEGAL_IN_U if mode == "U" else []))]
        if mode == "S":
            return pick(self.s_only())
        return [f"{pick(ALU)} {rd}, {rs1}, {rs2}"]

    def fetch(self):
        """Jump to a mapped page and come back: a `ret` page runs or faults;
        a data page is only a target when it cannot run."""
        targets = [RET_VA + i * 0x1000 for i in range(RET_VPAGES)]
        targets += [DATA_VA + i * 0x1000 for i, pte in enumerate(self.data_ptes) if self._never_runs(pte)]
        if self.root2 == 0 or (self.root2 >> 10 != PT_DATA >> 12 and self._never_runs(self.root2)):
            targets.append(SUPER_VA)
        target = self.rng.choice(targets) + self.rng.randrange(0, 64, 4)
        return [f"li t1, {target:#x}", "jalr ra, 0(t1)"]

    def s_only(self):
        rd, rs = self.rng.choice(REGS), self.rng.choice(REGS)
        bit = self.rng.choice([MSTATUS_SUM, MSTATUS_MXR])
        return [
            [f"csrrw {rd}, sscratch, {rs}"],
            [f"csrr {rd}, sstatus"],
            [f"li t0, {bit:#x}", f"csr{self.rng.choice('sc')} sstatus, t0"],
            ["csrsi sstatus, 2"],                    # SIE: a pending S interrupt is taken here
            ["csrsi sip, 2"],                        # raise SSIP (if delegated)
            ["sfence.vma"],
            [f"li t1, {self.data_address(4):#x}", "sfence.vma t1, zero"],
            ["csrr a0, satp"],                       # illegal with TVM
        ] + ([["wfi"]] if self.tw else [])

    def block(self, mode, back):
        """A block of random code in mode, ending with ebreak (back to M)."""
        code = self.s_code if mode == "S" else self.u_code
        start = self.label("block")
        code.append(f"{start}:")
        for _ in range(self.rng.randint(4, 20)):
            code += self.instruction(mode)
        if mode == "S" and self.rng.random() < 0.3:
            # Drop to U with sret; that block comes back to M itself.
            sub = self.block("U", back)
            # (with TSR the sret is illegal: M skips it and the ebreak follows)
            code += ["li t0, 0x100", "csrc sstatus, t0", f"la t0, {sub}", "csrw sepc, t0", "sret"]
        code += ["ebreak", f"j {back}"]
        return start

    # ---- the M-mode driver ----
    def store_word(self, addr, value):
        self.driver += [f"li t0, {addr:#x}", f"li t1, {value:#x}", "sw t1, 0(t0)"]

    def remap(self):
        rng = self.rng
        choice = rng.random()
        if choice < 0.6:
            i = rng.randrange(DATA_VPAGES)
            self.data_ptes[i] = self._data_pte()
            self.store_word(PT_DATA + 4 * i, self.data_ptes[i])
            va = DATA_VA + i * 0x1000
        elif choice < 0.8:
            i = rng.randrange(RET_VPAGES)
            self.ret_ptes[i] = self._ret_pte()
            self.store_word(PT_DATA + 4 * (RET_INDEX + i), self.ret_ptes[i])
            va = RET_VA + i * 0x1000
        else:
            self.root2 = self._root2_pte()
            self.store_word(PT_ROOT + 4 * 2, self.root2)
            va = SUPER_VA
        self.driver += ["sfence.vma"] if rng.random() < 0.5 else [f"li t0, {va:#x}", "sfence.vma t0, zero"]

    def read_pte(self):
        i = self.rng.randrange(DATA_VPAGES + RET_VPAGES)
        index = i if i < DATA_VPAGES else RET_INDEX + i - DATA_VPAGES
        self.driver += [f"li t0, {PT_DATA + 4 * index:#x}", f"lw {self.rng.choice(REGS)}, 0(t0)"]

    def configure(self):
        rng = self.rng
        # With TSR, sret in S traps to M, so the S handler could never
        # return: nothing is delegated then.
        tsr = rng.random() < 0.2
        medeleg = 0 if tsr else sum(1 << c for c in DELEGABLE if rng.random() < 0.5)
        mideleg = 0 if tsr else sum(1 << i for i in (SSI, STI) if rng.random() < 0.6)
        self.driver += [f"li t0, {medeleg:#x}", "csrw medeleg, t0",
                        f"li t0, {mideleg:#x}", "csrw mideleg, t0"]
        self.tw = rng.random() < 0.2
        bits = {MSTATUS_SUM: rng.random() < 0.5, MSTATUS_MXR: rng.random() < 0.5,
                MSTATUS_SIE: rng.random() < 0.5, MSTATUS_TVM: rng.random() < 0.2,
                MSTATUS_TW: self.tw, MSTATUS_TSR: tsr}
        for bit, on in bits.items():
            self.driver += [f"li t0, {bit:#x}", f"csr{'s' if on else 'c'} mstatus, t0"]
        # direct or vectored trap vectors (every vector leads to the same handler)
        for csr, mode in (("mtvec", "m"), ("stvec", "s")):
            vectored = rng.random() < 0.5
            self.driver += [f"la t0, {mode}_vectors" if vectored else f"la t0, {mode}_handler"]
            self.driver += ["addi t0, t0, 1"] if vectored else []
            self.driver += [f"csrw {csr}, t0"]

    def arm_interrupt(self):
        """Make one interrupt pending and enabled; the mode entered next
        takes it at once (M-level ones always; S-level ones when delegated
        and enabled by SIE or U, else in M on the way)."""
        irq = self.rng.choice([MTI, MSI, SSI, STI])
        if irq == MTI:
            self.driver += [f"li t0, {CLINT_MTIMECMP:#x}", "sw zero, 4(t0)", "sw zero, 0(t0)",
                            "lw t1, 0(t0)"]            # read back: the write has landed
        elif irq == MSI:
            self.driver += [f"li t0, {CLINT_MSIP:#x}", "li t1, 1", "sw t1, 0(t0)", "lw t1, 0(t0)"]
        else:
            self.driver += [f"li t0, {1 << irq:#x}", "csrs mip, t0"]
        self.driver += [f"li t0, {1 << irq:#x}", "csrs mie, t0"]

    def mprv_access(self):
        rng = self.rng
        mpp = rng.choice([0, 1])
        op, size = rng.choice(LOADS + STORES)
        reg = rng.choice(REGS)
        self.driver += ["li t0, 0x1800", "csrc mstatus, t0", f"li t0, {mpp << 11:#x}", "csrs mstatus, t0",
                        f"li t1, {self.data_address(size):#x}", f"li t0, {MSTATUS_MPRV:#x}", "csrs mstatus, t0",
                        f"{op} {reg}, 0(t1)", f"li t0, {MSTATUS_MPRV:#x}", "csrc mstatus, t0"]

    def step(self):
        rng = self.rng
        # M itself never takes interrupts (MIE, and MPIE that mret copies into it, stay 0):
        # when a CLINT write lands differs between the core and the emulator.
        self.driver += ["li t0, 0x88", "csrc mstatus, t0"]
        if rng.random() < 0.5:
            self.remap()
        if rng.random() < 0.3:
            self.read_pte()
        if rng.random() < 0.5:
            self.configure()
        if rng.random() < 0.2:
            self.mprv_access()
        if rng.random() < 0.35:
            self.arm_interrupt()
        mode = rng.choice("SU")
        back = self.label("back")
        start = self.block(mode, back)
        self.driver += ["li t0, 0x1800", "csrc mstatus, t0"]
        if mode == "S":
            self.driver += ["li t0, 0x800", "csrs mstatus, t0"]
        self.driver += [f"la t0, {start}", "csrw mepc, t0", "mret", f"{back}:",
                        # quiet what was armed and not taken
                        "csrw mie, zero", "li t0, 0x22", "csrc mip, t0"]

    def setup(self):
        lines = ["la t0, m_handler", "csrw mtvec, t0", "la t0, s_handler", "csrw stvec, t0",
                 f"li t0, {CLINT_MTIMECMP:#x}", "li t1, -1", "sw t1, 4(t0)", "sw t1, 0(t0)"]
        # The program's 4 MiB: S pages 1:1, then the U blocks' pages as U.
        lines += [f"li t0, {PT_PROG:#x}", f"li t1, {_pte(RAM_PPN, V | R | W | X | A | D):#x}",
                  "li t2, 1024", "li t3, 0x400",
                  "1: sw t1, 0(t0)", "add t1, t1, t3", "addi t0, t0, 4", "addi t2, t2, -1", "bnez t2, 1b",
                  "la t0, u_code_start", "la t2, u_code_end",
                  "2: srli t1, t0, 12", "andi t3, t1, 0x3ff", "slli t3, t3, 2",
                  f"li t4, {PT_PROG:#x}", "add t3, t3, t4",
                  "slli t1, t1, 10", f"ori t1, t1, {V | R | X | U | A}", "sw t1, 0(t3)",
                  "li t4, 0x1000", "add t0, t0, t4", "bltu t0, t2, 2b"]
        # A page of `ret`.
        lines += [f"li t0, {RET_PA:#x}", "li t1, 0x00008067", "li t2, 1024",
                  "3: sw t1, 0(t0)", "addi t0, t0, 4", "addi t2, t2, -1", "bnez t2, 3b", "fence.i"]
        ptes = {PT_ROOT + 4 * 0x100: _pte(PT_PROG >> 12, V), PT_ROOT + 4 * 1: _pte(PT_DATA >> 12, V),
                PT_ROOT + 4 * 2: self.root2}
        ptes.update({PT_DATA + 4 * i: pte for i, pte in enumerate(self.data_ptes)})
        ptes.update({PT_DATA + 4 * (RET_INDEX + i): pte for i, pte in enumerate(self.ret_ptes)})
        for addr, value in ptes.items():
            lines += [f"li t0, {addr:#x}", f"li t1, {value:#x}", "sw t1, 0(t0)"]
        lines += [f"li t0, {0x80000000 | PT_ROOT >> 12:#x}", "csrw satp, t0", "sfence.vma"]
        lines += [f"li {r}, {self.rng.randrange(1 << 32):#x}" for r in REGS]
        return lines


# Handlers: M uses s8/s9, S uses s10/s11, which no random code touches.
M_HANDLER = """\
    .balign 4
m_handler:
    csrr s8, mcause
    bltz s8, m_interrupt
    li s9, 3
    beq s8, s9, m_ebreak
    li s9, 12
    beq s8, s9, m_fetch
    li s9, 1
    beq s8, s9, m_fetch
    csrr s9, mepc
    addi s9, s9, 4
    csrw mepc, s9
    mret
m_fetch:
    csrw mepc, ra
    mret
m_ebreak:                       # from S or U: back to M after the ebreak
    li s9, 0x1800
    csrs mstatus, s9
    csrr s9, mepc
    addi s9, s9, 4
    csrw mepc, s9
    mret
m_interrupt:
    andi s8, s8, 31
    li s9, 7
    beq s8, s9, m_timer
    li s9, 3
    beq s8, s9, m_soft
    li s9, 1
    sll s9, s9, s8              # SSI or STI, not delegated
    csrc mip, s9
    mret
m_timer:
    li s9, 0x80
    csrc mie, s9
    li s9, 0xf0014000
    li s8, -1
    sw s8, 4(s9)
    lw s8, 4(s9)
    mret
m_soft:
    li s9, 0xf0010000
    sw zero, 0(s9)
    lw s8, 0(s9)
    mret
"""

S_HANDLER = """\
    .balign 4
s_handler:
    csrr s10, scause
    bltz s10, s_interrupt
    li s11, 12
    beq s10, s11, s_fetch
    li s11, 1
    beq s10, s11, s_fetch
    csrr s11, sepc
    addi s11, s11, 4
    csrw sepc, s11
    sret
s_fetch:
    csrw sepc, ra
    sret
s_interrupt:
    andi s10, s10, 31
    li s11, 1
    bne s10, s11, s_timer
    li s11, 2
    csrc sip, s11
    sret
s_timer:                        # S cannot clear STIP: stop listening
    li s11, 0x20
    csrc sie, s11
    sret
"""


def vector_table(mode):
    """A vectored-mode table: exceptions at the base, interrupt i at base + 4i."""
    return [".balign 64", f"{mode}_vectors:"] + [f"j {mode}_handler"] * 16


def generate(seed, steps=40):
    """Returns the assembly source of one random privileged program."""
    gen = Generator(seed)
    lines = [".section .text.start, \"ax\"", ".globl _start", "_start:"]
    lines += gen.setup()
    for _ in range(steps):
        gen.step()
    lines += gen.driver
    lines += ["csrw satp, zero", "sfence.vma", f"li t0, {SIMCTRL_EXIT:#x}", "sw zero, 0(t0)", "9: j 9b"]
    lines += [M_HANDLER, S_HANDLER] + vector_table("m") + vector_table("s")
    lines += [".balign 4096", "s_code:"] + gen.s_code
    lines += [".balign 4096", "u_code_start:"] + gen.u_code + [".balign 4096", "u_code_end:"]
    return "\n".join(lines) + "\n"
