/* Physical pages and Sv32 page tables. The kernel is identity-mapped with
   4 MiB megapages (not U) in every address space, so a trap needs no page
   table switch; user memory lives below 0x40000000. fork shares pages
   copy-on-write: each page counts its mappings, and a shared writable page
   is mapped read-only with PTE_COW until a store copies it. */
#include "kernel.h"

struct free_page { struct free_page *next; };
static struct free_page *free_list;
static u32 nfree;
static unsigned short *refs;            /* one per page of RAM, placed at boot */
#define REFS(pa) refs[((u32)(pa) - RAM_BASE) / PAGE]

static void push_free(void *p) {
    struct free_page *f = p;
    f->next = free_list;
    free_list = f;
    nfree++;
}

/* The mapping counts go first (their size follows the RAM found), then
   every page up to ram_end is free. */
void kalloc_init(u32 start) {
    u32 bytes = (ram_end - RAM_BASE) / PAGE * sizeof(unsigned short);
    refs = (unsigned short *)((start + PAGE - 1) & ~(PAGE - 1));
    memset(refs, 0, bytes);
    for (u32 pa = ((u32)refs + bytes + PAGE - 1) & ~(PAGE - 1); pa + PAGE <= ram_end; pa += PAGE)
        push_free((void *)pa);
}

void *kalloc(void) {
    struct free_page *p = free_list;
    if (!p) return 0;
    free_list = p->next;
    nfree--;
    memset(p, 0, PAGE);
    REFS(p) = 1;
    return p;
}

/* Drops one reference; the page is free when none is left. */
void kfree(void *p) {
    if (--REFS(p) == 0) push_free(p);
}

u32 free_pages(void) { return nfree; }

#define PTE_PA(pte) (((pte) >> 10) << 12)
#define PA_PTE(pa) (((pa) >> 12) << 10)

/* A root table with the kernel's megapages: RAM and the I/O page. */
u32 *new_pagetable(void) {
    u32 *pt = kalloc();
    if (!pt) return 0;
    for (u32 va = RAM_BASE; va < ram_end; va += 0x400000)
        pt[va >> 22] = PA_PTE(va) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D;
    pt[0xF0000000u >> 22] = PA_PTE(0xF0000000u) | PTE_V | PTE_R | PTE_W | PTE_A | PTE_D;
    return pt;
}

/* The leaf entry for a user address, allocating the second level if asked. */
u32 *walk(u32 *pt, u32 va, int alloc) {
    if (va >= RAM_BASE) return 0;
    u32 *top = &pt[va >> 22];
    if (!(*top & PTE_V)) {
        if (!alloc) return 0;
        u32 *next = kalloc();
        if (!next) return 0;
        *top = PA_PTE((u32)next) | PTE_V;
    }
    u32 *second = (u32 *)PTE_PA(*top);
    return &second[(va >> 12) & 1023];
}

int map_page(u32 *pt, u32 va, u32 pa, u32 flags) {
    u32 *pte = walk(pt, va, 1);
    if (!pte) return -1;
    *pte = PA_PTE(pa) | flags | PTE_V;
    return 0;
}

/* Maps fresh zeroed pages over [start, end) (page-rounded); keeps what is there. */
int map_user(u32 *pt, u32 start, u32 end, u32 flags) {
    for (u32 va = start & ~(PAGE - 1); va < end; va += PAGE) {
        u32 *pte = walk(pt, va, 1);
        if (!pte) return -1;
        if (*pte & PTE_V) { *pte |= flags; continue; }
        void *page = kalloc();
        if (!page) return -1;
        *pte = PA_PTE((u32)page) | flags | PTE_U | PTE_V;
    }
    return 0;
}

void unmap_user(u32 *pt, u32 start, u32 end) {
    for (u32 va = start & ~(PAGE - 1); va < end; va += PAGE) {
        u32 *pte = walk(pt, va, 0);
        if (pte && (*pte & PTE_V)) {
            kfree((void *)PTE_PA(*pte));
            *pte = 0;
        }
    }
}

/* Frees every user page and second-level table, then the root. */
void free_pagetable(u32 *pt) {
    for (u32 i = 0; i < (RAM_BASE >> 22); i++) {
        if (!(pt[i] & PTE_V)) continue;
        u32 *second = (u32 *)PTE_PA(pt[i]);
        for (u32 j = 0; j < 1024; j++)
            if (second[j] & PTE_V) kfree((void *)PTE_PA(second[j]));
        kfree(second);
    }
    kfree(pt);
}

/* fork: maps every user page of one address space into another too;
   writable ones become read-only copy-on-write in both. The caller must
   flush the TLB (activate) since `from` changed. */
int copy_user_space(u32 *from, u32 *to) {
    for (u32 i = 0; i < (RAM_BASE >> 22); i++) {
        if (!(from[i] & PTE_V)) continue;
        u32 *second = (u32 *)PTE_PA(from[i]);
        for (u32 j = 0; j < 1024; j++) {
            u32 *pte = &second[j];
            if (!(*pte & PTE_V)) continue;
            if (*pte & PTE_W) *pte = (*pte & ~PTE_W) | PTE_COW;
            if (map_page(to, (i << 22) | (j << 12), PTE_PA(*pte), *pte & 0x3FF & ~PTE_V) < 0) return -1;
            REFS(PTE_PA(*pte))++;
        }
    }
    return 0;
}

/* A store to a copy-on-write page of the current process: the page
   becomes its own (copied if still shared) and writable. 0, or -1 if va
   is not such a page or memory ran out. */
int cow_fault(u32 va) {
    u32 *pte = walk(cur->pagetable, va, 0);
    if (!pte || (*pte & (PTE_V | PTE_U | PTE_COW)) != (PTE_V | PTE_U | PTE_COW)) return -1;
    u32 pa = PTE_PA(*pte);
    if (REFS(pa) > 1) {
        void *copy = kalloc();
        if (!copy) return -1;
        memcpy(copy, (void *)pa, PAGE);
        kfree((void *)pa);
        pa = (u32)copy;
    }
    *pte = PA_PTE(pa) | (*pte & 0x3FF & ~PTE_COW) | PTE_W;
    activate(cur->pagetable);
    return 0;
}

/* Maps the page of va if it lies in the current process's stack region
   and is not mapped yet: the stack grows on demand. 0, or -1. */
int grow_stack(u32 va) {
    u32 *pte = walk(cur->pagetable, va, 0);
    if (va < USTACK_TOP - USTACK_PAGES * PAGE || va >= USTACK_TOP || (pte && (*pte & PTE_V))) return -1;
    return map_user(cur->pagetable, va, va + 1, PTE_R | PTE_W);
}

/* The kernel address of user address va in the current process, if it is
   a user page (writable when asked); 0 otherwise. */
static u8 *user_address(u32 va, int write) {
    u32 *pte = walk(cur->pagetable, va, 0);
    if ((!pte || !(*pte & PTE_V)) && grow_stack(va) == 0) pte = walk(cur->pagetable, va, 0);
    if (write && pte && (*pte & PTE_COW)) cow_fault(va);
    if (!pte || !(*pte & PTE_V) || !(*pte & PTE_U)) return 0;
    if (write && !(*pte & PTE_W)) return 0;
    return (u8 *)(PTE_PA(*pte) + (va & (PAGE - 1)));
}

/* 1 if all of [va, va + n) is user memory (writable when asked): checked
   before a device consumes data that could not then be delivered. */
int user_range_ok(u32 va, u32 n, int write) {
    if (va + n < va) return 0;
    for (u32 page = va & ~(PAGE - 1); page < va + n; page += PAGE)
        if (!user_address(page, write)) return 0;
    return 1;
}

int copyin(void *dst, u32 src, u32 n) {
    u8 *d = dst;
    while (n) {
        u8 *s = user_address(src, 0);
        if (!s) return -EFAULT;
        u32 k = PAGE - (src & (PAGE - 1));
        if (k > n) k = n;
        memcpy(d, s, k);
        d += k, src += k, n -= k;
    }
    return 0;
}

int copyout(u32 dst, const void *src, u32 n) {
    const u8 *s = src;
    while (n) {
        u8 *d = user_address(dst, 1);
        if (!d) return -EFAULT;
        u32 k = PAGE - (dst & (PAGE - 1));
        if (k > n) k = n;
        memcpy(d, s, k);
        s += k, dst += k, n -= k;
    }
    return 0;
}

/* A NUL-terminated string of at most max bytes (with the NUL). */
int copyinstr(char *dst, u32 src, u32 max) {
    for (u32 i = 0; i < max; i++) {
        u8 *s = user_address(src + i, 0);
        if (!s) return -EFAULT;
        dst[i] = (char)*s;
        if (!*s) return 0;
    }
    return -ERANGE;
}

void activate(u32 *pt) { w_satp(0x80000000u | ((u32)pt >> 12)); }
