/* Putting a program into memory: an ELF32 RISC-V executable's loadable
 * segments, or a raw binary at --load-addr; then the boot stub. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "emu.h"

static int fail(const char *path, const char *why)
{
    fprintf(stderr, "emu: %s: %s\n", path, why);
    return -1;
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t get16(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

/* Host memory for [addr, addr+size) if it lies inside one memory. */
static uint8_t *place(Machine *m, uint32_t addr, uint32_t size)
{
    uint8_t *p = bus_host(m, addr, ACC_LOAD);
    if (!p || size == 0)
        return p;
    if (addr + size - 1 < addr || bus_host(m, addr + size - 1, ACC_LOAD) != p + size - 1)
        return NULL;
    return p;
}

/* lui t0, %hi(entry); addi t0, t0, %lo(entry); jalr zero, 0(t0) */
static void write_boot_stub(Machine *m, uint32_t entry)
{
    uint32_t hi = (entry + 0x800) & 0xFFFFF000u, lo = entry & 0xFFF;
    uint32_t stub[3] = { hi | (5u << 7) | 0x37, (lo << 20) | (5u << 15) | (5u << 7) | 0x13, 0x00028067 };
    memcpy(m->rom, stub, sizeof stub);
}

static int load_elf(Machine *m, const char *path, const uint8_t *f, size_t n, uint32_t *entry)
{
    if (n < 52)
        return fail(path, "truncated ELF header");
    if (f[4] != 1 || f[5] != 1)
        return fail(path, "not a 32-bit little-endian ELF file");
    if (get16(f + 18) != 243)
        return fail(path, "not a RISC-V ELF file");
    if (get16(f + 16) != 2)
        return fail(path, "not an executable ELF file");
    uint32_t phoff = get32(f + 28), phentsize = get16(f + 42), phnum = get16(f + 44);
    if (phnum == 0 || phentsize < 32)
        return fail(path, "no program headers");
    if ((uint64_t)phoff + (uint64_t)phentsize * phnum > n)
        return fail(path, "truncated program headers");
    int loaded = 0;
    for (uint32_t i = 0; i < phnum; i++) {
        const uint8_t *ph = f + phoff + i * phentsize;
        uint32_t type = get32(ph), off = get32(ph + 4), paddr = get32(ph + 12);
        uint32_t filesz = get32(ph + 16), memsz = get32(ph + 20);
        if (type != 1 || memsz == 0)     /* PT_LOAD */
            continue;
        if (filesz > memsz)
            return fail(path, "segment larger in the file than in memory");
        if (filesz && (uint64_t)off + filesz > n)
            return fail(path, "truncated: a segment runs past the end of the file");
        uint8_t *dst = place(m, paddr, memsz);
        if (!dst) {
            char why[96];
            snprintf(why, sizeof why, "segment at 0x%08x (0x%x bytes) is outside ROM, SRAM and RAM", paddr, memsz);
            return fail(path, why);
        }
        memcpy(dst, f + off, filesz);
        memset(dst + filesz, 0, memsz - filesz);
        loaded++;
    }
    if (!loaded)
        return fail(path, "no loadable segments");
    *entry = get32(f + 24);
    return 0;
}

int load_program(Machine *m, const char *path, bool raw, uint32_t load_addr)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "emu: %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t cap = 1 << 20, n = 0, got;
    uint8_t *f = malloc(cap);
    while (f && (got = fread(f + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n == cap)
            f = realloc(f, cap *= 2);
    }
    fclose(fp);
    if (!f)
        return fail(path, "out of memory");
    uint32_t entry = load_addr;
    int err = 0;
    if (n == 0) {
        err = fail(path, "empty file");
    } else if (raw) {
        uint8_t *dst = place(m, load_addr, (uint32_t)n);
        if (!dst || n > 0xFFFFFFFFu)
            err = fail(path, "does not fit in memory at --load-addr");
        else
            memcpy(dst, f, n);
    } else if (n < 4 || memcmp(f, "\177ELF", 4) != 0) {
        err = fail(path, "not an ELF file (use --load-addr for a raw binary)");
    } else {
        err = load_elf(m, path, f, n, &entry);
    }
    free(f);
    if (err)
        return err;
    if (entry != 0)
        write_boot_stub(m, entry);
    return 0;
}
