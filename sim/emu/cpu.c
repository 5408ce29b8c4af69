/* The interpreter: fetch through the TLB, decode with one switch, execute.
 * Interrupts, devices, limits and the debugger are looked at only when
 * instret reaches event_at, which anything that may change them resets. */
#include <string.h>
#include "emu.h"

#define RD ((insn >> 7) & 31)
#define RS1_FIELD ((insn >> 15) & 31)
#define RS2_FIELD ((insn >> 20) & 31)
#define RS1 x[RS1_FIELD]
#define RS2 x[RS2_FIELD]
#define FUNCT3 ((insn >> 12) & 7)
#define FUNCT7 (insn >> 25)
#define IMM_I ((int32_t)insn >> 20)
#define IMM_S (((int32_t)insn >> 25 << 5) | ((insn >> 7) & 31))
#define IMM_B ((int32_t)(((insn >> 31) << 12) | (((insn >> 7) & 1) << 11) | \
    (((insn >> 25) & 0x3F) << 5) | (((insn >> 8) & 0xF) << 1)) << 19 >> 19)
#define IMM_U (insn & 0xFFFFF000u)
#define IMM_J ((int32_t)(((insn >> 31) << 20) | (((insn >> 12) & 0xFF) << 12) | \
    (((insn >> 20) & 1) << 11) | (((insn >> 21) & 0x3FF) << 1)) << 11 >> 11)

#define EXCEPTION(c, t) do { cause = (c); tval = (t); goto exception; } while (0)
#define ILLEGAL() EXCEPTION(EXC_ILLEGAL, insn)

void request_event(Machine *m)
{
    m->hart.event_at = 0;
}

/* Host address of a naturally aligned access hitting the TLB, else NULL. */
static inline uint8_t *tlb_hit(Hart *h, uint32_t va, int acc, uint32_t size)
{
    TlbEntry *e = &h->tlb[acc][(va >> 12) % TLB_SIZE];
    if (likely(e->tag == (h->tlb_tag_base | (va >> 12))) && likely(!(va & (size - 1))))
        return e->host + (va & 0xFFF);
    return NULL;
}

static uint32_t extend_load(uint32_t funct3, uint32_t v)
{
    switch (funct3) {
    case 0: return (uint32_t)(int32_t)(int8_t)v;
    case 1: return (uint32_t)(int32_t)(int16_t)v;
    default: return v;
    }
}

static inline __attribute__((always_inline)) uint32_t alu(uint32_t insn, uint32_t a, uint32_t b, bool reg, bool *ok)
{
    uint32_t f7 = FUNCT7;
    uint32_t shamt = b & 31;
    *ok = true;
    if (reg && f7 == 1) {   /* M extension */
        int32_t sa = (int32_t)a, sb = (int32_t)b;
        switch (FUNCT3) {
        case 0: return a * b;
        case 1: return (uint32_t)(((int64_t)sa * sb) >> 32);
        case 2: return (uint32_t)(((int64_t)sa * (uint64_t)b) >> 32);
        case 3: return (uint32_t)(((uint64_t)a * b) >> 32);
        case 4: return b == 0 ? 0xFFFFFFFFu : (sa == INT32_MIN && sb == -1) ? a : (uint32_t)(sa / sb);
        case 5: return b == 0 ? 0xFFFFFFFFu : a / b;
        case 6: return b == 0 ? a : (sa == INT32_MIN && sb == -1) ? 0 : (uint32_t)(sa % sb);
        default: return b == 0 ? a : a % b;
        }
    }
    switch (FUNCT3) {
    case 0:
        if (!reg)
            return a + b;
        if (f7 == 0) return a + b;
        if (f7 == 0x20) return a - b;
        break;
    case 1:
        if (f7 == 0) return a << shamt;
        break;
    case 2: if (!reg || f7 == 0) return (int32_t)a < (int32_t)b; break;
    case 3: if (!reg || f7 == 0) return a < b; break;
    case 4: if (!reg || f7 == 0) return a ^ b; break;
    case 5:
        if (f7 == 0) return a >> shamt;
        if (f7 == 0x20) return (uint32_t)((int32_t)a >> shamt);
        break;
    case 6: if (!reg || f7 == 0) return a | b; break;
    case 7: if (!reg || f7 == 0) return a & b; break;
    }
    *ok = false;
    return 0;
}

static bool branch_taken(uint32_t funct3, uint32_t a, uint32_t b)
{
    switch (funct3) {
    case 0: return a == b;
    case 1: return a != b;
    case 4: return (int32_t)a < (int32_t)b;
    case 5: return (int32_t)a >= (int32_t)b;
    case 6: return a < b;
    default: return a >= b;
    }
}

static uint32_t amo_op(uint32_t funct5, uint32_t old, uint32_t src)
{
    switch (funct5) {
    case 0x00: return old + src;
    case 0x01: return src;
    case 0x04: return old ^ src;
    case 0x08: return old | src;
    case 0x0C: return old & src;
    case 0x10: return (int32_t)old < (int32_t)src ? old : src;
    case 0x14: return (int32_t)old > (int32_t)src ? old : src;
    case 0x18: return old < src ? old : src;
    default: return old > src ? old : src;
    }
}

static bool amo_known(uint32_t funct5)
{
    return funct5 == 0 || funct5 == 1 || funct5 == 4 || funct5 == 8 || funct5 == 0xC ||
        funct5 == 0x10 || funct5 == 0x14 || funct5 == 0x18 || funct5 == 0x1C;
}

/* Host address for an AMO or SC: store permission, memory only. */
static uint8_t *amo_host(Machine *m, uint32_t a, uint32_t *cause)
{
    if (a & 3) {
        *cause = EXC_STORE_MISALIGNED;
        return NULL;
    }
    uint8_t *p = tlb_hit(&m->hart, a, ACC_STORE, 4);
    if (!p)
        p = tlb_fill(m, a, ACC_STORE, cause);
    if (!p && *cause == (uint32_t)-1)
        *cause = EXC_STORE_ACCESS;   /* no atomics on devices */
    return p;
}

static void record_store(Hart *h, uint32_t addr, uint32_t value, int size)
{
    h->tr_addr = addr;
    h->tr_value = value;
    h->tr_size = size;
}

/* WFI: let time pass until an enabled interrupt is pending. */
static void wait_for_interrupt(Machine *m)
{
    for (int i = 0; i < 1000 && !interrupt_waiting(m); i++) {
        uint64_t t = next_timer_event(m);
        if (t != UINT64_MAX) {
            m->time_offset += t - mtime(m);
        } else if (!uart_wait_input(m)) {
            m->deadlock = true;
            return;
        }
    }
}

/* Between instructions: stop, reset, or take an interrupt. */
static bool look_around(Machine *m)
{
    Hart *h = &m->hart;
    if (m->exited || m->deadlock)
        return true;
    if (m->reset_requested) {
        m->reset_requested = false;
        hart_reset(h);
        h->mcycle_offset = h->minstret_offset = -h->instret;
    }
    if (m->max_insns && h->instret + h->traps >= m->max_insns) {
        m->hit_limit = true;
        return true;
    }
    if (m->debugging) {
        if (h->instret >= m->stop_at)
            return true;
        for (int i = 0; i < m->nbreak; i++)
            if (m->breakpoints[i] == h->pc && h->instret != m->resumed_at)
                return true;   /* (not the one the debugger resumed from) */
    }
    if (take_interrupt(m))
        return false;   /* look again before the handler's first instruction */
    uint64_t next = next_device_event(m);
    if (m->max_insns && m->max_insns - h->traps < next)
        next = m->max_insns - h->traps;
    if (m->debugging)
        next = h->instret + 1;
    h->event_at = next;
    return false;
}

void run(Machine *m)
{
    Hart *h = &m->hart;
    uint32_t *x = h->x;
    uint32_t cause, tval, insn = 0;
    for (;;) {
        if (unlikely(h->instret >= h->event_at) && look_around(m))
            return;
        uint32_t pc = h->pc, next_pc = pc + 4;
        int priv = h->priv;
        uint8_t *ip = tlb_hit(h, pc, ACC_FETCH, 4);
        if (unlikely(!ip)) {
            ip = tlb_fill(m, pc, ACC_FETCH, &cause);
            if (!ip) {
                if (cause == (uint32_t)-1)
                    cause = EXC_INSN_ACCESS;
                EXCEPTION(cause, pc);
            }
        }
        memcpy(&insn, ip, 4);
        switch (insn & 0x7F) {
        case 0x37: x[RD] = IMM_U; break;                          /* LUI */
        case 0x17: x[RD] = pc + IMM_U; break;                     /* AUIPC */
        case 0x6F:                                                /* JAL */
            next_pc = pc + (uint32_t)IMM_J;
            if (next_pc & 3)
                EXCEPTION(EXC_INSN_MISALIGNED, next_pc);
            x[RD] = pc + 4;
            break;
        case 0x67:                                                /* JALR */
            if (FUNCT3 != 0)
                ILLEGAL();
            next_pc = (RS1 + (uint32_t)IMM_I) & ~1u;
            if (next_pc & 3)
                EXCEPTION(EXC_INSN_MISALIGNED, next_pc);
            x[RD] = pc + 4;
            break;
        case 0x63:                                                /* branches */
            if (FUNCT3 == 2 || FUNCT3 == 3)
                ILLEGAL();
            if (branch_taken(FUNCT3, RS1, RS2)) {
                next_pc = pc + (uint32_t)IMM_B;
                if (next_pc & 3)
                    EXCEPTION(EXC_INSN_MISALIGNED, next_pc);
            }
            break;
        case 0x03: {                                              /* loads */
            uint32_t f3 = FUNCT3, a = RS1 + (uint32_t)IMM_I, v = 0;
            if (f3 == 3 || f3 > 5)
                ILLEGAL();
            uint32_t size = 1u << (f3 & 3);
            uint8_t *p = tlb_hit(h, a, ACC_LOAD, size);
            if (likely(p != NULL))
                memcpy(&v, p, size);
            else if (!mem_load(m, a, (int)size, &v, &cause))
                EXCEPTION(cause, a);
            x[RD] = extend_load(f3, v);
            break;
        }
        case 0x23: {                                              /* stores */
            uint32_t f3 = FUNCT3, a = RS1 + (uint32_t)IMM_S, v = RS2;
            if (f3 > 2)
                ILLEGAL();
            uint32_t size = 1u << f3;
            uint8_t *p = tlb_hit(h, a, ACC_STORE, size);
            if (likely(p != NULL))
                memcpy(p, &v, size);
            else if (!mem_store(m, a, (int)size, v, &cause))
                EXCEPTION(cause, a);
            record_store(h, a, size == 4 ? v : v & ((1u << (8 * size)) - 1), (int)size);
            break;
        }
        case 0x13: {                                              /* OP-IMM */
            bool ok;
            uint32_t f3 = FUNCT3;
            uint32_t v = alu(insn, RS1, (f3 == 1 || f3 == 5) ? RS2_FIELD : (uint32_t)IMM_I, false, &ok);
            if (!ok)
                ILLEGAL();
            x[RD] = v;
            break;
        }
        case 0x33: {                                              /* OP, M */
            bool ok;
            uint32_t v = alu(insn, RS1, RS2, true, &ok);
            if (!ok)
                ILLEGAL();
            x[RD] = v;
            break;
        }
        case 0x0F:                                                /* FENCE, FENCE.I */
            if (FUNCT3 > 1)
                ILLEGAL();
            break;
        case 0x2F: {                                              /* A */
            uint32_t f5 = insn >> 27, a = RS1, v;
            if (FUNCT3 != 2)
                ILLEGAL();
            if (f5 == 0x02) {                                     /* LR.W */
                if (RS2_FIELD != 0)
                    ILLEGAL();
                if (!mem_load(m, a, 4, &v, &cause))
                    EXCEPTION(cause, a);
                h->reserved = true;
                h->reservation = a;
                x[RD] = v;
            } else if (f5 == 0x03) {                              /* SC.W */
                uint8_t *p = amo_host(m, a, &cause);
                if (!p)
                    EXCEPTION(cause, a);
                bool ok = h->reserved && h->reservation == a;
                if (ok) {
                    memcpy(p, &RS2, 4);
                    record_store(h, a, RS2, 4);
                }
                h->reserved = false;
                x[RD] = !ok;
            } else {
                if (!amo_known(f5))
                    ILLEGAL();
                uint8_t *p = amo_host(m, a, &cause);
                if (!p)
                    EXCEPTION(cause, a);
                uint32_t old, src = RS2;
                memcpy(&old, p, 4);
                v = amo_op(f5, old, src);
                memcpy(p, &v, 4);
                record_store(h, a, v, 4);
                x[RD] = old;
            }
            break;
        }
        case 0x73: {                                              /* SYSTEM */
            uint32_t f3 = FUNCT3;
            if (f3 == 0) {
                if (insn == 0x00000073)
                    EXCEPTION(EXC_ECALL_U + (uint32_t)priv, 0);
                if (insn == 0x00100073)
                    EXCEPTION(EXC_BREAKPOINT, pc);
                if (insn == 0x30200073) {                         /* MRET */
                    if (priv != PRIV_M)
                        ILLEGAL();
                    do_mret(m);
                    next_pc = h->pc;
                } else if (insn == 0x10200073) {                  /* SRET */
                    if (priv == PRIV_U || (priv == PRIV_S && (h->mstatus & MSTATUS_TSR)))
                        ILLEGAL();
                    do_sret(m);
                    next_pc = h->pc;
                } else if (insn == 0x10500073) {                  /* WFI */
                    if (priv == PRIV_U || (priv == PRIV_S && (h->mstatus & MSTATUS_TW)))
                        ILLEGAL();
                    wait_for_interrupt(m);
                    request_event(m);
                } else if ((insn >> 25) == 0x09 && RD == 0) {     /* SFENCE.VMA */
                    if (priv == PRIV_U || (priv == PRIV_S && (h->mstatus & MSTATUS_TVM)))
                        ILLEGAL();
                    tlb_flush(h);
                } else {
                    ILLEGAL();
                }
                break;
            }
            if (f3 == 4)
                ILLEGAL();
            int csr = (int)(insn >> 20);
            uint32_t src = (f3 & 4) ? RS1_FIELD : RS1, old;
            bool writes = (f3 & 3) == 1 || RS1_FIELD != 0;
            if (!csr_allowed(h, csr, writes) || !csr_read(m, csr, &old))
                ILLEGAL();
            if (writes) {
                uint32_t base = old;
                if (csr == 0x344 || csr == 0x144)   /* set/clear work on mip's software SEIP */
                    base = (old & ~MIP_SEIP) | (h->mip_sw & MIP_SEIP);
                uint32_t v = (f3 & 3) == 1 ? src : (f3 & 3) == 2 ? base | src : base & ~src;
                csr_write(m, csr, v);
            }
            x[RD] = old;
            break;
        }
        default:
            ILLEGAL();
        }
        x[0] = 0;
        h->pc = next_pc;
        h->instret++;
        if (unlikely(m->trace != NULL))
            trace_retire(m, pc, insn, priv);
        continue;
    exception:
        take_trap(m, cause, tval);
    }
}
