/* exec: loads an ELF32 RISC-V program from the file system into a fresh
   address space, with argv and envp on a new stack (the SysV layout). */
#include "kernel.h"

#define MAXARG 32
#define ARGBYTES 4096

static u32 get32(const u8 *p) { return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24; }
static u32 get16(const u8 *p) { return p[0] | p[1] << 8; }

/* Copies into an address space that need not be the current one. */
static int copy_to_space(u32 *pt, u32 va, const void *src, u32 n) {
    const u8 *s = src;
    while (n) {
        u32 *pte = walk(pt, va, 0);
        if (!pte || !(*pte & PTE_V)) return -1;
        u32 k = PAGE - (va & (PAGE - 1));
        if (k > n) k = n;
        memcpy((u8 *)(((*pte >> 10) << 12) + (va & (PAGE - 1))), s, k);
        s += k, va += k, n -= k;
    }
    return 0;
}

static int load_segment(u32 *pt, struct fat_node *node, const u8 *ph, u32 *top) {
    u32 off = get32(ph + 4), va = get32(ph + 8), filesz = get32(ph + 16), memsz = get32(ph + 20);
    u32 flags = get32(ph + 24);
    if (memsz < filesz || va + memsz < va || va + memsz > USTACK_TOP - USTACK_PAGES * PAGE || va < PAGE)
        return -ENOEXEC;
    u32 pte = (flags & 4 ? PTE_R : 0) | (flags & 2 ? PTE_W : 0) | (flags & 1 ? PTE_X : 0);
    if (map_user(pt, va, va + memsz, pte) < 0) return -ENOMEM;
    for (u32 done = 0; done < filesz;) {
        u32 *e = walk(pt, va + done, 0);
        u32 k = PAGE - ((va + done) & (PAGE - 1));
        if (k > filesz - done) k = filesz - done;
        u8 *dst = (u8 *)(((*e >> 10) << 12) + ((va + done) & (PAGE - 1)));
        if (fat_read(&volume, node, off + done, dst, k) != (int)k) return -ENOEXEC;
        done += k;
    }
    if (va + memsz > *top) *top = va + memsz;
    return 0;
}

/* Builds the initial stack; returns the user sp or 0. */
static u32 build_stack(u32 *pt, char **args, int argc, int envc) {
    if (map_user(pt, USTACK_TOP - USTACK_FIRST * PAGE, USTACK_TOP, PTE_R | PTE_W) < 0) return 0;
    u32 ptrs[MAXARG * 2 + 6];
    u32 sp = USTACK_TOP, n = 0;
    for (int i = argc + envc - 1; i >= 0; i--) {
        u32 len = strlen(args[i]) + 1;
        sp -= len;
        if (copy_to_space(pt, sp, args[i], len) < 0) return 0;
    }
    ptrs[n++] = (u32)argc;
    u32 at = sp;
    if (argc == 0) ptrs[n++] = 0;
    for (int i = 0; i < argc + envc; i++) {
        ptrs[n++] = at;
        at += strlen(args[i]) + 1;
        if (i == argc - 1) ptrs[n++] = 0;
    }
    ptrs[n++] = 0;                                  /* end of envp */
    ptrs[n++] = 0;                                  /* auxv: AT_NULL */
    ptrs[n++] = 0;
    sp = (sp - n * 4) & ~15u;
    if (copy_to_space(pt, sp, ptrs, n * 4) < 0) return 0;
    return sp;
}

/* Copies a NULL-terminated user array of strings into the kernel buffer. */
static int copy_strings(u32 uarr, char **args, int *count, char *buf, u32 *used) {
    for (*count = 0; uarr; (*count)++) {
        u32 p;
        if (copyin(&p, uarr + *count * 4, 4) < 0) return -EFAULT;
        if (!p) return 0;
        if (*count >= MAXARG) return -E2BIG;
        int err = copyinstr(buf + *used, p, ARGBYTES - *used);
        if (err < 0) return err == -ERANGE ? -E2BIG : err;
        args[*count] = buf + *used;
        *used += strlen(buf + *used) + 1;
    }
    return 0;
}

static int load(const char *path, char **args, int argc, int envc) {
    struct fat_node node;
    u8 eh[52], ph[32];
    int err = fat_lookup(&volume, path, &node);
    if (err < 0) return fat_errno(err);
    if (node.attr & FAT_ATTR_DIR) return -EISDIR;
    if (fat_read(&volume, &node, 0, eh, 52) != 52 || get32(eh) != 0x464C457Fu || eh[4] != 1 ||
        get16(eh + 18) != 243 || get16(eh + 42) != 32)
        return -ENOEXEC;
    u32 *pt = new_pagetable();
    if (!pt) return -ENOMEM;
    u32 top = 0;
    for (u32 i = 0; i < get16(eh + 44); i++) {
        if (fat_read(&volume, &node, get32(eh + 28) + i * 32, ph, 32) != 32) err = -ENOEXEC;
        else if (get32(ph) == 1) err = load_segment(pt, &node, ph, &top);
        if (err < 0) { free_pagetable(pt); return err; }
    }
    u32 sp = build_stack(pt, args, argc, envc);
    if (!sp) { free_pagetable(pt); return -ENOMEM; }
    u32 *old = cur->pagetable;
    cur->pagetable = pt;
    activate(pt);
    free_pagetable(old);
    memset(cur->tf->r, 0, sizeof cur->tf->r);
    cur->tf->r[0] = get32(eh + 24);
    cur->tf->r[2] = sp;
    cur->brk = cur->brk_base = (top + PAGE - 1) & ~(PAGE - 1);   /* page-aligned, as Linux */
    const char *base = path;
    for (const char *s = path; *s; s++) if (*s == '/') base = s + 1;
    u32 i = 0;
    for (; base[i] && i < sizeof cur->name - 1; i++) cur->name[i] = base[i];
    cur->name[i] = 0;
    return 0;
}

int do_exec(const char *path, u32 uargv, u32 uenvp) {
    static char buf[ARGBYTES];
    char *args[MAXARG * 2];
    int argc, envc;
    u32 used = 0;
    int err = copy_strings(uargv, args, &argc, buf, &used);
    if (!err) err = copy_strings(uenvp, args + argc, &envc, buf, &used);
    if (err < 0) return err;
    err = load(path, args, argc, envc);
    return err < 0 ? err : (int)cur->tf->r[10];
}

int exec_first(const char *path) {
    char *args[1] = { (char *)path };
    return load(path, args, 1, 0);
}
