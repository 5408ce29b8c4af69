/* Control and status registers, trap entry and return, interrupts. */
#include "emu.h"

#define MISA 0x40141101u
#define MSTATUS_WRITABLE (MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | \
    MSTATUS_SPP | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | \
    MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR)
#define SSTATUS_MASK (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR)
#define S_INTERRUPTS (MIP_SSIP | MIP_STIP | MIP_SEIP)
#define ALL_INTERRUPTS (S_INTERRUPTS | MIP_MSIP | MIP_MTIP | MIP_MEIP)
#define MEDELEG_WRITABLE 0xB3FFu   /* every exception but ecall from M */

void hart_reset(Hart *h)
{
    for (int i = 0; i < 32; i++)
        h->x[i] = 0;
    h->pc = 0;
    h->priv = PRIV_M;
    h->mstatus = h->medeleg = h->mideleg = h->mie = h->mip_sw = 0;
    h->mtvec = h->mscratch = h->mepc = h->mcause = h->mtval = h->mcounteren = 0;
    h->stvec = h->sscratch = h->sepc = h->scause = h->stval = h->scounteren = 0;
    h->satp = h->mirqmask = h->sirqmask = 0;
    h->mcycle_offset = h->minstret_offset = 0;
    h->reserved = false;
    tlb_flush(h);
    h->event_at = 0;
}

void set_priv(Hart *h, int priv)
{
    if (priv != h->priv)
        tlb_flush(h);
    h->priv = priv;
}

uint32_t read_mip(Machine *m)
{
    Hart *h = &m->hart;
    uint32_t lines = irq_lines(m);
    uint32_t mip = h->mip_sw;
    if (m->msip & 1)
        mip |= MIP_MSIP;
    if (mtime(m) >= m->mtimecmp)
        mip |= MIP_MTIP;
    if (lines & h->mirqmask)
        mip |= MIP_MEIP;
    if (lines & h->sirqmask)
        mip |= MIP_SEIP;
    return mip;
}

/* A CSR's address says which privilege may use it and whether it is
 * read-only; satp and the counters have their own gates. */
bool csr_allowed(Hart *h, int csr, bool writing)
{
    if (h->priv < ((csr >> 8) & 3))
        return false;
    if (writing && (csr >> 10) == 3)
        return false;
    if (csr == 0x180 && h->priv == PRIV_S && (h->mstatus & MSTATUS_TVM))
        return false;
    if ((csr & 0xF60) == 0xC00 && h->priv < PRIV_M) {   /* cycle..hpmcounter31(h) */
        uint32_t bit = 1u << (csr & 31);
        if (!(h->mcounteren & bit))
            return false;
        if (h->priv == PRIV_U && !(h->scounteren & bit))
            return false;
    }
    return true;
}

static uint32_t counter(Machine *m, int csr)
{
    Hart *h = &m->hart;
    uint64_t v;
    switch (csr & 0x1F) {
    case 0: v = h->instret + h->mcycle_offset; break;
    case 1: v = mtime(m); break;
    case 2: v = h->instret + h->minstret_offset; break;
    default: v = 0;
    }
    return (csr & 0x80) ? (uint32_t)(v >> 32) : (uint32_t)v;
}

/* Returns false for a CSR that does not exist. */
bool csr_read(Machine *m, int csr, uint32_t *value)
{
    Hart *h = &m->hart;
    uint32_t v;
    switch (csr) {
    case 0x100: v = h->mstatus & SSTATUS_MASK; break;
    case 0x104: v = h->mie & h->mideleg; break;
    case 0x105: v = h->stvec; break;
    case 0x106: v = h->scounteren; break;
    case 0x10A: v = 0; break;                              /* senvcfg */
    case 0x140: v = h->sscratch; break;
    case 0x141: v = h->sepc; break;
    case 0x142: v = h->scause; break;
    case 0x143: v = h->stval; break;
    case 0x144: v = read_mip(m) & h->mideleg; break;
    case 0x180: v = h->satp; break;
    case 0x300: v = h->mstatus; break;
    case 0x301: v = MISA; break;
    case 0x302: v = h->medeleg; break;
    case 0x303: v = h->mideleg; break;
    case 0x304: v = h->mie; break;
    case 0x305: v = h->mtvec; break;
    case 0x306: v = h->mcounteren; break;
    case 0x30A: case 0x31A: case 0x310: case 0x320: v = 0; break;  /* menvcfg(h), mstatush, mcountinhibit */
    case 0x340: v = h->mscratch; break;
    case 0x341: v = h->mepc; break;
    case 0x342: v = h->mcause; break;
    case 0x343: v = h->mtval; break;
    case 0x344: v = read_mip(m); break;
    case 0x9C0: v = h->sirqmask; break;
    case 0xBC0: v = h->mirqmask; break;
    case 0xDC0: case 0xFC0: v = irq_lines(m); break;
    case 0xF11: case 0xF12: case 0xF13: case 0xF14: case 0xF15: v = 0; break;
    default:
        if ((csr & 0xF60) == 0xC00 || (csr & 0xF60) == 0xB00)   /* counters and their high halves */
            v = counter(m, csr);
        else if ((csr >= 0x323 && csr <= 0x33F) || (csr >= 0x3A0 && csr <= 0x3EF))
            v = 0;                                          /* mhpmevent, PMP: not implemented, zero */
        else
            return false;
    }
    *value = v;
    return true;
}

static uint32_t legal_tvec(uint32_t v)
{
    return v & ~2u;   /* modes: 0 direct, 1 vectored */
}

static void write_counter(Machine *m, int csr, uint32_t v)
{
    Hart *h = &m->hart;
    uint64_t *offset = (csr & 0x1F) == 0 ? &h->mcycle_offset : &h->minstret_offset;
    if ((csr & 0x1F) > 2)
        return;
    uint64_t now = h->instret + *offset;
    /* The writing instruction still retires, so the next one reads v. */
    if (csr & 0x80)
        now = (now & 0xFFFFFFFFull) | (uint64_t)v << 32;
    else
        now = (now & ~0xFFFFFFFFull) | v;
    *offset = now - h->instret - 1;
}

bool csr_write(Machine *m, int csr, uint32_t v)
{
    Hart *h = &m->hart;
    switch (csr) {
    case 0x100:
        h->mstatus = (h->mstatus & ~SSTATUS_MASK) | (v & SSTATUS_MASK);
        tlb_flush(h);
        break;
    case 0x104: h->mie = (h->mie & ~h->mideleg) | (v & h->mideleg); break;
    case 0x105: h->stvec = legal_tvec(v); break;
    case 0x106: h->scounteren = v; break;
    case 0x140: h->sscratch = v; break;
    case 0x141: h->sepc = v & ~3u; break;
    case 0x142: h->scause = v; break;
    case 0x143: h->stval = v; break;
    case 0x144: h->mip_sw = (h->mip_sw & ~(MIP_SSIP & h->mideleg)) | (v & MIP_SSIP & h->mideleg); break;
    case 0x180:
        if (!h->no_mmu)              /* without the MMU only Bare: writes have no effect */
            h->satp = v & 0x803FFFFFu;   /* no ASID bits */
        tlb_flush(h);
        break;
    case 0x300: {
        uint32_t mpp = v & MSTATUS_MPP;
        if (mpp == (2u << MSTATUS_MPP_SHIFT))   /* reserved: keep the old value */
            mpp = h->mstatus & MSTATUS_MPP;
        h->mstatus = (v & MSTATUS_WRITABLE & ~MSTATUS_MPP) | mpp;
        tlb_flush(h);
        break;
    }
    case 0x302: h->medeleg = v & MEDELEG_WRITABLE; break;
    case 0x303: h->mideleg = v & S_INTERRUPTS; break;
    case 0x304: h->mie = v & ALL_INTERRUPTS; break;
    case 0x305: h->mtvec = legal_tvec(v); break;
    case 0x306: h->mcounteren = v; break;
    case 0x340: h->mscratch = v; break;
    case 0x341: h->mepc = v & ~3u; break;
    case 0x342: h->mcause = v; break;
    case 0x343: h->mtval = v; break;
    case 0x344: h->mip_sw = v & S_INTERRUPTS; break;
    case 0x9C0: h->sirqmask = v; break;
    case 0xBC0: h->mirqmask = v; break;
    default:
        if ((csr & 0xF60) == 0xB00)
            write_counter(m, csr, v);
        /* misa, the envcfg, PMP, hpm and inhibit registers ignore writes */
    }
    request_event(m);
    return true;
}

void take_trap(Machine *m, uint32_t cause, uint32_t tval)
{
    Hart *h = &m->hart;
    bool interrupt = cause & INTERRUPT;
    uint32_t code = cause & 31;
    uint32_t deleg = interrupt ? h->mideleg : h->medeleg;
    if (m->trace)
        trace_trap(m, h->pc, cause, tval, h->priv);
    h->reserved = false;
    h->traps++;
    tlb_flush(h);   /* MPP changes, and with MPRV so does the view of memory */
    if (h->priv <= PRIV_S && ((deleg >> code) & 1)) {
        h->scause = cause;
        h->sepc = h->pc;
        h->stval = tval;
        h->mstatus &= ~(MSTATUS_SPIE | MSTATUS_SPP);
        if (h->mstatus & MSTATUS_SIE)
            h->mstatus |= MSTATUS_SPIE;
        if (h->priv == PRIV_S)
            h->mstatus |= MSTATUS_SPP;
        h->mstatus &= ~MSTATUS_SIE;
        set_priv(h, PRIV_S);
        h->pc = (h->stvec & ~3u) + ((interrupt && (h->stvec & 1)) ? 4 * code : 0);
    } else {
        h->mcause = cause;
        h->mepc = h->pc;
        h->mtval = tval;
        h->mstatus &= ~(MSTATUS_MPIE | MSTATUS_MPP);
        if (h->mstatus & MSTATUS_MIE)
            h->mstatus |= MSTATUS_MPIE;
        h->mstatus |= (uint32_t)h->priv << MSTATUS_MPP_SHIFT;
        h->mstatus &= ~MSTATUS_MIE;
        set_priv(h, PRIV_M);
        h->pc = (h->mtvec & ~3u) + ((interrupt && (h->mtvec & 1)) ? 4 * code : 0);
    }
    request_event(m);
}

void do_mret(Machine *m)
{
    Hart *h = &m->hart;
    int prev = (int)((h->mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
    h->mstatus &= ~MSTATUS_MIE;
    if (h->mstatus & MSTATUS_MPIE)
        h->mstatus |= MSTATUS_MIE;
    h->mstatus |= MSTATUS_MPIE;
    h->mstatus &= ~MSTATUS_MPP;
    if (prev != PRIV_M)
        h->mstatus &= ~MSTATUS_MPRV;
    tlb_flush(h);
    set_priv(h, prev);
    h->pc = h->mepc;
    request_event(m);
}

void do_sret(Machine *m)
{
    Hart *h = &m->hart;
    int prev = (h->mstatus & MSTATUS_SPP) ? PRIV_S : PRIV_U;
    h->mstatus &= ~MSTATUS_SIE;
    if (h->mstatus & MSTATUS_SPIE)
        h->mstatus |= MSTATUS_SIE;
    h->mstatus |= MSTATUS_SPIE;
    h->mstatus &= ~(MSTATUS_SPP | MSTATUS_MPRV);
    tlb_flush(h);
    set_priv(h, prev);
    h->pc = h->sepc;
    request_event(m);
}

/* The interrupt to take now, or 0. M-level ones are taken below M or with
 * MIE; delegated ones below S or in S with SIE, never in M. Priority order
 * is MEI, MSI, MTI, SEI, SSI, STI. */
static uint32_t pending_interrupt(Machine *m)
{
    Hart *h = &m->hart;
    if (!h->mie)
        return 0;
    uint32_t pending = read_mip(m) & h->mie;
    if (!pending)
        return 0;
    uint32_t m_enabled = (h->priv < PRIV_M || (h->mstatus & MSTATUS_MIE)) ? ~h->mideleg : 0;
    uint32_t s_enabled = (h->priv < PRIV_S || (h->priv == PRIV_S && (h->mstatus & MSTATUS_SIE)))
        ? h->mideleg : 0;
    uint32_t take = pending & (m_enabled | s_enabled);
    static const int order[] = { 11, 3, 7, 9, 1, 5 };
    for (int i = 0; i < 6; i++)
        if (take & (1u << order[i]))
            return INTERRUPT | (uint32_t)order[i];
    return 0;
}

bool take_interrupt(Machine *m)
{
    uint32_t cause = pending_interrupt(m);
    if (cause)
        take_trap(m, cause, 0);
    return cause != 0;
}

/* WFI wakes on any enabled pending interrupt, whatever MIE/SIE say. */
bool interrupt_waiting(Machine *m)
{
    return (read_mip(m) & m->hart.mie) != 0;
}
