/* Sequential SD throughput, bare metal, through the kernel's SD driver
 * (software/kernel/sd.c) and, with -DUSE_FAT, the FAT driver as well:
 * writes BLOCKS blocks, then reads them back, and prints the mtime ticks
 * of each phase ("write T read T"): instructions on the emulator, clock
 * cycles on the Verilator SoC. Exit status 0, or the failing step. */
#include "port.h"
#include "../../software/fat/fat.h"

#ifndef BLOCKS
#define BLOCKS 64
#endif
#define MTIME (*(volatile unsigned *)0xF001BFF8u)
#define FIRST_RAW_BLOCK 1024        /* raw mode: far from the boot sector */

int sd_init(void);
int sd_read(void *ctx, fat_u32 lba, fat_u8 *buf);
int sd_write(void *ctx, fat_u32 lba, const fat_u8 *buf);

static fat_u8 data[4096];

#ifdef USE_FAT
static struct fat_vol volume;

static int run(unsigned *write_ticks, unsigned *read_ticks)
{
    struct fat_dev dev = { 0, sd_read, sd_write, 0 };
    struct fat_node file;
    if (sd_read(0, 0, data) < 0)
        return 2;
    dev.sectors = data[32] | data[33] << 8 | data[34] << 16 | (fat_u32)data[35] << 24;
    if (fat_mount(&volume, &dev) < 0 || fat_create(&volume, "/bench.bin", 0, &file) < 0)
        return 3;
    unsigned t = MTIME;
    for (unsigned off = 0; off < BLOCKS * 512u; off += sizeof data)
        if (fat_write(&volume, &file, off, data, sizeof data) != (int)sizeof data)
            return 4;
    if (fat_sync(&volume) < 0)
        return 4;
    *write_ticks = MTIME - t;
    t = MTIME;
    for (unsigned off = 0; off < BLOCKS * 512u; off += sizeof data)
        if (fat_read(&volume, &file, off, data, sizeof data) != (int)sizeof data)
            return 5;
    *read_ticks = MTIME - t;
    return 0;
}
#else
static int run(unsigned *write_ticks, unsigned *read_ticks)
{
    unsigned t = MTIME;
    for (unsigned i = 0; i < BLOCKS; i++)
        if (sd_write(0, FIRST_RAW_BLOCK + i, data + 512 * (i % 8)))
            return 4;
    *write_ticks = MTIME - t;
    t = MTIME;
    for (unsigned i = 0; i < BLOCKS; i++)
        if (sd_read(0, FIRST_RAW_BLOCK + i, data + 512 * (i % 8)))
            return 5;
    *read_ticks = MTIME - t;
    return 0;
}
#endif

int main(void)
{
    unsigned write_ticks = 0, read_ticks = 0;
    for (unsigned i = 0; i < sizeof data; i++)
        data[i] = (fat_u8)(i * 7 + 1);
    if (sd_init() < 0)
        return 1;
    int status = run(&write_ticks, &read_ticks);
    if (status)
        return status;
    print_str("write ");
    print_uint(write_ticks, 10);
    print_str(" read ");
    print_uint(read_ticks, 10);
    port_putc('\n');
    while (!*(volatile unsigned *)0xF0000818u)      /* UART txempty: let the line out */
        ;
    return 0;
}
