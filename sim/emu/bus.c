/* Physical address space: ROM, SRAM and main RAM are host arrays; the
 * top half of the space is I/O, handed to devices.c. */
#include <string.h>
#include "emu.h"

/* Host address of the byte at paddr if it is plain memory this access may
 * touch, else NULL. The boot ROM is read-only: a store to it faults. */
uint8_t *bus_host(Machine *m, uint32_t paddr, int acc)
{
    if (paddr - RAM_BASE < m->ram_size)
        return m->ram + (paddr - RAM_BASE);
    if (paddr - SRAM_BASE < SRAM_SIZE)
        return m->sram + (paddr - SRAM_BASE);
    if (paddr < ROM_SIZE && acc != ACC_STORE)
        return m->rom + paddr;
    return NULL;
}

bool bus_load(Machine *m, uint32_t paddr, int size, uint32_t *value)
{
    uint8_t *p = bus_host(m, paddr, ACC_LOAD);
    if (p && bus_host(m, paddr + size - 1, ACC_LOAD)) {
        uint32_t v = 0;
        memcpy(&v, p, size);
        *value = v;
        return true;
    }
    if (paddr >= IO_BASE && mmio_load(m, paddr & ~3u, value)) {
        *value >>= 8 * (paddr & 3);
        if (size < 4)
            *value &= (1u << (8 * size)) - 1;
        return true;
    }
    m->bus_errors++;
    return false;
}

bool bus_store(Machine *m, uint32_t paddr, int size, uint32_t value)
{
    uint8_t *p = bus_host(m, paddr, ACC_STORE);
    if (p && bus_host(m, paddr + size - 1, ACC_STORE)) {
        memcpy(p, &value, size);
        return true;
    }
    if (paddr >= IO_BASE && mmio_store(m, paddr & ~3u, value << (8 * (paddr & 3))))
        return true;
    m->bus_errors++;
    return false;
}
