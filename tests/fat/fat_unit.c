/* Driver-level checks the command-line tool cannot reach:
 *   fat_unit eio IMAGE       a device that fails after N sector transfers, for
 *                            every N: each call returns an error, nothing crashes
 *   fat_unit lazy IMAGE      without fat_check, a bad entry met by a lookup
 *                            marks the volume broken and writes are refused */
#include <stdio.h>
#include <string.h>
#include "../../software/fat/fat.h"

static FILE *img;
static long budget;                 /* sector transfers left before the device fails */
static fat_u32 undo_lba[4096];      /* sectors written this round, with their old contents */
static fat_u8 undo_data[4096][512];
static int undo_len;

static int dev_read(void *ctx, fat_u32 lba, fat_u8 *buf)
{
    (void)ctx;
    if (budget-- <= 0)
        return 1;
    return fseek(img, (long)lba * 512, SEEK_SET) || fread(buf, 512, 1, img) != 1;
}

static int dev_write(void *ctx, fat_u32 lba, const fat_u8 *buf)
{
    (void)ctx;
    if (budget-- <= 0 || undo_len == 4096)
        return 1;
    undo_lba[undo_len] = lba;
    if (fseek(img, (long)lba * 512, SEEK_SET) || fread(undo_data[undo_len++], 512, 1, img) != 1)
        return 1;
    return fseek(img, (long)lba * 512, SEEK_SET) || fwrite(buf, 512, 1, img) != 1;
}

/* Puts back what the last round wrote, newest first. */
static void undo(void)
{
    while (undo_len > 0) {
        undo_len--;
        fseek(img, (long)undo_lba[undo_len] * 512, SEEK_SET);
        fwrite(undo_data[undo_len], 512, 1, img);
    }
}

static struct fat_vol vol;
static char data[20000];

/* A fixed workload; returns 0 when every call succeeded, else the failing step. */
static int workload(struct fat_dev *dev)
{
    struct fat_node n;
    int r;
    if (fat_mount(&vol, dev)) return 1;
    if (fat_create(&vol, "/dir", 1, &n)) return 2;
    if (fat_create(&vol, "/dir/a long file name.txt", 0, &n)) return 3;
    if (fat_write(&vol, &n, 0, data, sizeof(data)) != (int)sizeof(data)) return 4;
    if (fat_truncate(&vol, &n, 700)) return 5;
    if (fat_rename(&vol, "/dir/a long file name.txt", "/moved.txt")) return 6;
    if (fat_lookup(&vol, "/moved.txt", &n)) return 7;
    r = fat_read(&vol, &n, 0, data, sizeof(data));
    if (r != 700) return 8;
    if (fat_remove(&vol, "/dir")) return 9;
    if (fat_sync(&vol)) return 10;
    return 0;
}

int main(int argc, char **argv)
{
    struct fat_dev dev;
    struct fat_node n;
    long limit;
    if (argc != 3 || !(img = fopen(argv[2], "rb+")))
        return 2;
    fseek(img, 0, SEEK_END);
    dev.ctx = 0;
    dev.read = dev_read;
    dev.write = dev_write;
    dev.sectors = ftell(img) / 512;
    if (!strcmp(argv[1], "lazy")) {
        budget = 1L << 30;
        if (fat_mount(&vol, &dev)) return 3;
        if (fat_lookup(&vol, "/B.BIN", &n) != FAT_ECORRUPT) return 4;
        if (fat_create(&vol, "/new", 0, &n) != FAT_ECORRUPT) return 5;
        if (fat_remove(&vol, "/A.BIN") != FAT_ECORRUPT) return 6;
        if (fat_lookup(&vol, "/A.BIN", &n) || fat_write(&vol, &n, 0, "x", 1) != FAT_ECORRUPT) return 7;
        return fat_sync(&vol) ? 8 : 0;
    }
    for (limit = 0;; limit++) {     /* each round starts from the same image */
        budget = limit;
        undo_len = 0;
        if (!workload(&dev)) break;
        undo();
        if (limit > 100000) return 9;
    }
    printf("workload needs %ld transfers; every smaller budget failed cleanly\n", limit);
    return 0;
}
