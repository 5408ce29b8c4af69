"""Sv32 reference for the MMU tests, written from the RISC-V privileged spec
("Sv32: Page-Based 32-bit Virtual-Memory Systems", "Virtual Address
Translation Process") with the choices of docs/isa.md: the hardware sets
A and D, a page table or leaf frame outside memory is an access fault.

The walk follows the spec's numbered steps; where the spec leaves the order
open (A/D write-back against the frame check) it follows the emulator."""
V, R, W, X, U, G, A, D = (1 << b for b in range(8))
FETCH, LOAD, STORE = 0, 1, 2
PRIV_U, PRIV_S = 0, 1


def check(flags, acc, priv, sum_, mxr):
    """(allowed, need_ad) for an access to a leaf with these PTE flags."""
    if not flags & V or (flags & W and not flags & R) or not flags & (R | X):
        return False, False
    if acc == FETCH:
        ok = bool(flags & X)
    elif acc == LOAD:
        ok = bool(flags & R) or (mxr and bool(flags & X))
    else:
        ok = bool(flags & W)
    if priv == PRIV_U:
        ok = ok and bool(flags & U)
    elif flags & U:                 # supervisor: U pages only for data, with SUM
        ok = ok and acc != FETCH and bool(sum_)
    want = A | (D if acc == STORE else 0)
    return ok, ok and (flags & want) != want


class Outcome:
    """What a walk ends with: 'ok', 'page' or 'access'; for 'ok' the leaf PTE
    (as written back) and whether it is a superpage."""

    def __init__(self, kind, pte=0, superpage=False):
        self.kind, self.pte, self.superpage = kind, pte, superpage

    def paddr(self, vaddr):
        ppn = self.pte >> 10
        if self.superpage:
            return (ppn >> 10 << 22) | (vaddr & 0x3FFFFF)
        return (ppn << 12) | (vaddr & 0xFFF)

    def __repr__(self):
        return f"Outcome({self.kind}, pte={self.pte:#x}, super={self.superpage})"


def walk(mem, satp_ppn, vaddr, acc, priv, sum_, mxr):
    """Translates vaddr. mem has read(addr) -> word or None (bus error),
    write(addr, word) -> bool, readable(addr) and writable(addr)."""
    table = satp_ppn                                    # step 1: a = satp.ppn * PAGESIZE
    for level in (1, 0):
        if table >> 20:                                 # the table lies above 32 bits
            return Outcome("access")
        pte_addr = (table << 12) + ((vaddr >> (12 + 10 * level)) & 0x3FF) * 4
        if not mem.readable(pte_addr):                  # step 2: PMA check of the PTE access
            return Outcome("access")
        pte = mem.read(pte_addr)
        if pte is None:
            return Outcome("access")
        if not pte & V or (pte & W and not pte & R):    # step 3
            return Outcome("page")
        if not pte & (R | X):                           # step 4: a pointer
            table = pte >> 10
            continue
        allowed, need_ad = check(pte & 0xFF, acc, priv, sum_, mxr)
        if not allowed:                                 # step 5
            return Outcome("page")
        if level == 1 and (pte >> 10) & 0x3FF:          # step 6: misaligned superpage
            return Outcome("page")
        if need_ad:                                     # step 7: hardware A/D
            pte |= A | (D if acc == STORE else 0)
            if not mem.writable(pte_addr) or not mem.write(pte_addr, pte):
                return Outcome("access")
        if pte >> 30:                                   # the frame lies above 32 bits
            return Outcome("access")
        return Outcome("ok", pte, level == 1)
    return Outcome("page")                              # a pointer at level 0
