/* Sv32 address translation, the software TLB, and the slow paths of loads
 * and stores (misaligned, TLB miss, I/O). The hardware sets the A and D bits
 * of a leaf PTE itself (docs/isa.md, "Sv32"). */
#include <string.h>
#include "emu.h"

#define PTE_V (1u << 0)
#define PTE_R (1u << 1)
#define PTE_W (1u << 2)
#define PTE_X (1u << 3)
#define PTE_U (1u << 4)
#define PTE_A (1u << 6)
#define PTE_D (1u << 7)

static const uint32_t page_fault[3] = { EXC_INSN_PAGE, EXC_LOAD_PAGE, EXC_STORE_PAGE };
static const uint32_t access_fault[3] = { EXC_INSN_ACCESS, EXC_LOAD_ACCESS, EXC_STORE_ACCESS };

void tlb_flush(Hart *h)
{
    h->tlb_tag_base += 1ull << 32;
}

/* The privilege loads and stores are checked with (MPRV lends M-mode the
 * privilege in MPP). */
static int effective_priv(Hart *h, int acc)
{
    if (acc != ACC_FETCH && h->priv == PRIV_M && (h->mstatus & MSTATUS_MPRV))
        return (int)((h->mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
    return h->priv;
}

static bool leaf_allows(Hart *h, uint32_t pte, int acc, int priv)
{
    if (acc == ACC_FETCH && !(pte & PTE_X))
        return false;
    if (acc == ACC_LOAD && !(pte & PTE_R) && !((h->mstatus & MSTATUS_MXR) && (pte & PTE_X)))
        return false;
    if (acc == ACC_STORE && !(pte & PTE_W))
        return false;
    if (priv == PRIV_U)
        return pte & PTE_U;
    if (pte & PTE_U)   /* S-mode never runs user code, and touches its data only with SUM */
        return acc != ACC_FETCH && (h->mstatus & MSTATUS_SUM);
    return true;
}

/* Returns -1 and the physical address, or the exception cause. */
int translate(Machine *m, uint32_t vaddr, int acc, uint32_t *paddr)
{
    Hart *h = &m->hart;
    int priv = effective_priv(h, acc);
    if (priv == PRIV_M || !(h->satp >> 31)) {
        *paddr = vaddr;
        return -1;
    }
    uint32_t ppn = h->satp & 0x3FFFFF;
    for (int level = 1; level >= 0; level--) {
        if (ppn >> 20)                  /* beyond the 32-bit bus */
            return (int)access_fault[acc];
        uint32_t pte_addr = (ppn << 12) + ((vaddr >> (12 + 10 * level)) & 0x3FF) * 4;
        uint8_t *p = bus_host(m, pte_addr, ACC_LOAD);
        if (!p)
            return (int)access_fault[acc];
        uint32_t pte;
        memcpy(&pte, p, 4);
        if (!(pte & PTE_V) || (!(pte & PTE_R) && (pte & PTE_W)))
            return (int)page_fault[acc];
        ppn = pte >> 10;
        if (!(pte & (PTE_R | PTE_X)))
            continue;                   /* pointer to the next level */
        if (!leaf_allows(h, pte, acc, priv))
            return (int)page_fault[acc];
        if (level == 1 && (ppn & 0x3FF))
            return (int)page_fault[acc];  /* misaligned superpage */
        uint32_t want = PTE_A | (acc == ACC_STORE ? PTE_D : 0);
        if ((pte & want) != want) {
            p = bus_host(m, pte_addr, ACC_STORE);
            if (!p)
                return (int)access_fault[acc];
            pte |= want;
            memcpy(p, &pte, 4);
        }
        if (ppn >> 20)
            return (int)access_fault[acc];
        if (level == 1)
            *paddr = (ppn << 12) | (vaddr & 0x3FFFFF);
        else
            *paddr = (ppn << 12) | (vaddr & 0xFFF);
        return -1;
    }
    return (int)page_fault[acc];
}

/* Translate and, when the page is plain memory, remember it in the TLB.
 * Returns the host address of vaddr, or NULL with *cause set (-1 for I/O). */
uint8_t *tlb_fill(Machine *m, uint32_t vaddr, int acc, uint32_t *cause)
{
    Hart *h = &m->hart;
    uint32_t paddr;
    int c = translate(m, vaddr, acc, &paddr);
    if (c >= 0) {
        *cause = (uint32_t)c;
        return NULL;
    }
    uint32_t page = paddr & ~0xFFFu;
    uint8_t *host = bus_host(m, page, acc);
    if (!host || !bus_host(m, page + 0xFFF, acc)) {
        *cause = (uint32_t)-1;
        return NULL;
    }
    TlbEntry *e = &h->tlb[acc][(vaddr >> 12) % TLB_SIZE];
    e->tag = h->tlb_tag_base | (vaddr >> 12);
    e->host = host;
    return host + (vaddr & 0xFFF);
}

bool mem_load(Machine *m, uint32_t vaddr, int size, uint32_t *value, uint32_t *cause)
{
    if (vaddr & (size - 1)) {
        *cause = EXC_LOAD_MISALIGNED;
        return false;
    }
    uint8_t *p = tlb_fill(m, vaddr, ACC_LOAD, cause);
    if (p) {
        uint32_t v = 0;
        memcpy(&v, p, size);
        *value = v;
        return true;
    }
    if (*cause != (uint32_t)-1)
        return false;
    uint32_t paddr;
    translate(m, vaddr, ACC_LOAD, &paddr);
    if (bus_load(m, paddr, size, value))
        return true;
    *cause = EXC_LOAD_ACCESS;
    return false;
}

bool mem_store(Machine *m, uint32_t vaddr, int size, uint32_t value, uint32_t *cause)
{
    if (vaddr & (size - 1)) {
        *cause = EXC_STORE_MISALIGNED;
        return false;
    }
    uint8_t *p = tlb_fill(m, vaddr, ACC_STORE, cause);
    if (p) {
        memcpy(p, &value, size);
        return true;
    }
    if (*cause != (uint32_t)-1)
        return false;
    uint32_t paddr;
    translate(m, vaddr, ACC_STORE, &paddr);
    if (bus_store(m, paddr, size, value))
        return true;
    *cause = EXC_STORE_ACCESS;
    return false;
}

/* The debugger's view: virtual addresses of the current context, memory
 * only (never a device), and the boot ROM is writable. */
static uint8_t *debug_host(Machine *m, uint32_t addr)
{
    uint32_t paddr;
    if (translate(m, addr, ACC_LOAD, &paddr) >= 0)
        return NULL;
    return bus_host(m, paddr, ACC_LOAD);
}

bool debug_read(Machine *m, uint32_t addr, uint8_t *byte)
{
    uint8_t *p = debug_host(m, addr);
    if (p)
        *byte = *p;
    return p != NULL;
}

bool debug_write(Machine *m, uint32_t addr, uint8_t byte)
{
    uint8_t *p = debug_host(m, addr);
    if (p)
        *p = byte;
    return p != NULL;
}
