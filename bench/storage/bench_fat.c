/* Sequential write then read of one file through the FAT driver on an image
 * file; prints blocks per second and device sector I/Os per data block. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../../software/fat/fat.h"

static unsigned long reads, writes;

static int img_read(void *ctx, fat_u32 lba, fat_u8 *buf)
{
    reads++;
    return fseek(ctx, (long)lba * 512, SEEK_SET) || fread(buf, 512, 1, ctx) != 1;
}

static int img_write(void *ctx, fat_u32 lba, const fat_u8 *buf)
{
    writes++;
    return fseek(ctx, (long)lba * 512, SEEK_SET) || fwrite(buf, 512, 1, ctx) != 1;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    static struct fat_vol vol;
    static char chunk[65536];
    struct fat_dev dev;
    struct fat_node node;
    FILE *f = argc == 3 ? fopen(argv[1], "rb+") : 0;
    unsigned mib = argc == 3 ? (unsigned)atoi(argv[2]) : 0, off, blocks = mib * 2048;
    double t;
    if (!f || !mib) {
        fprintf(stderr, "usage: bench_fat FORMATTED_IMAGE MIB\n");
        return 2;
    }
    fseek(f, 0, SEEK_END);
    dev.ctx = f;
    dev.read = img_read;
    dev.write = img_write;
    dev.sectors = ftell(f) / 512;
    memset(chunk, 0x5A, sizeof(chunk));
    if (fat_mount(&vol, &dev) || fat_create(&vol, "/bench.bin", 0, &node))
        return 1;
    reads = writes = 0;
    t = now();
    for (off = 0; off < mib << 20; off += sizeof(chunk))
        if (fat_write(&vol, &node, off, chunk, sizeof(chunk)) != (int)sizeof(chunk))
            return 1;
    fat_sync(&vol);
    fflush(f);
    t = now() - t;
    printf("write %.0f blocks/s, %.2f sector reads + %.2f writes per block\n",
           blocks / t, (double)reads / blocks, (double)writes / blocks);
    reads = writes = 0;
    t = now();
    for (off = 0; off < mib << 20; off += sizeof(chunk))
        if (fat_read(&vol, &node, off, chunk, sizeof(chunk)) != (int)sizeof(chunk))
            return 1;
    t = now() - t;
    printf("read %.0f blocks/s, %.2f sector reads per block\n", blocks / t, (double)reads / blocks);
    return 0;
}
