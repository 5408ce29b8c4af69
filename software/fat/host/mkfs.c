/* Lays out an empty FAT16 or FAT32 volume in an image file (our mkfs). */
#include <stdio.h>
#include <string.h>
#include "mkfs.h"

static void put16(unsigned char *p, unsigned x) { p[0] = x & 0xFF; p[1] = x >> 8 & 0xFF; }
static void put32(unsigned char *p, unsigned x) { put16(p, x & 0xFFFF); put16(p + 2, x >> 16); }

static int write_at(FILE *f, unsigned lba, const unsigned char *b) {
    return fseek(f, (long)lba * 512, SEEK_SET) || fwrite(b, 512, 1, f) != 1;
}

/* Picks cluster size and FAT size; FAT32 needs >= 65525 clusters, FAT16 4085..65524. */
static int layout(unsigned total, int fat32, unsigned *spc, unsigned *rsv, unsigned *fatsz) {
    unsigned clusters, root_secs = fat32 ? 0 : 32;
    *rsv = fat32 ? 32 : 4;
    for (*spc = fat32 ? 8 : 1; *spc >= 1 && *spc <= 64; *spc = fat32 ? *spc / 2 : *spc * 2) {
        *fatsz = 1;
        do {        /* the FAT must cover the clusters it leaves room for */
            clusters = (total - *rsv - root_secs - 2 * *fatsz) / *spc;
            if ((clusters + 2) * (fat32 ? 4 : 2) <= *fatsz * 512) break;
            (*fatsz)++;
        } while (*rsv + root_secs + 2 * *fatsz < total);
        if (fat32 ? clusters >= 65525 : clusters >= 4085 && clusters < 65525) return 0;
    }
    return -1;
}

int fat_mkfs(FILE *f, unsigned total, int fat32) {
    unsigned char boot[512], fs[512], zero[512], fat[512];
    unsigned spc, rsv, fatsz, i, first_data;
    if (total < 8192 || layout(total, fat32, &spc, &rsv, &fatsz)) return -1;
    memset(boot, 0, 512);
    memset(zero, 0, 512);
    memcpy(boot, fat32 ? "\xEB\x58\x90" "BITS2GPT" : "\xEB\x3C\x90" "BITS2GPT", 11);
    put16(boot + 11, 512);
    boot[13] = spc;
    put16(boot + 14, rsv);
    boot[16] = 2;
    put16(boot + 17, fat32 ? 0 : 512);
    put16(boot + 19, !fat32 && total < 65536 ? total : 0);
    boot[21] = 0xF8;
    put16(boot + 22, fat32 ? 0 : fatsz);
    put16(boot + 24, 32);
    put16(boot + 26, 64);
    put32(boot + 32, !fat32 && total < 65536 ? 0 : total);
    i = fat32 ? 64 : 36;                /* extended boot record */
    boot[i] = 0x80;
    boot[i + 2] = 0x29;
    put32(boot + i + 3, 0x20260101);
    memcpy(boot + i + 7, "NO NAME    ", 11);
    memcpy(boot + i + 18, fat32 ? "FAT32   " : "FAT16   ", 8);
    if (fat32) {
        put32(boot + 36, fatsz);
        put32(boot + 44, 2);            /* root directory cluster */
        put16(boot + 48, 1);            /* FSInfo sector */
        put16(boot + 50, 6);            /* backup boot sector */
    }
    put16(boot + 510, 0xAA55);
    memset(fs, 0, 512);
    put32(fs, 0x41615252);
    put32(fs + 484, 0x61417272);
    put32(fs + 488, 0xFFFFFFFF);        /* unknown: the first mount counts */
    put32(fs + 492, 0xFFFFFFFF);
    put32(fs + 508, 0xAA550000);
    first_data = rsv + 2 * fatsz + (fat32 ? spc : 32);
    if (fseek(f, (long)total * 512 - 1, SEEK_SET) || fputc(0, f) == EOF) return -1;
    for (i = 0; i < first_data; i++)
        if (write_at(f, i, zero)) return -1;
    memset(fat, 0, 512);
    put32(fat, fat32 ? 0x0FFFFFF8 : 0xFFFFFFF8);
    put32(fat + 4, fat32 ? 0x0FFFFFFF : 0);
    put32(fat + 8, fat32 ? 0x0FFFFFFF : 0);   /* FAT32: the root's one cluster */
    if (write_at(f, 0, boot) || write_at(f, rsv, fat) || write_at(f, rsv + fatsz, fat)) return -1;
    if (fat32 && (write_at(f, 1, fs) || write_at(f, 6, boot) || write_at(f, 7, fs))) return -1;
    return fflush(f) ? -1 : 0;
}
