/* Host front end of the FAT driver: one command per run on an image file.
 * Mutating commands check the whole tree first and refuse a corrupt volume. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../fat.h"
#include "mkfs.h"

static const char *usage =
    "usage: fatcli IMAGE format SIZE_MIB fat16|fat32\n"
    "       fatcli IMAGE check | ls [DIR] | get FILE | put FILE | append FILE\n"
    "       fatcli IMAGE truncate FILE SIZE | mkdir DIR | rm PATH | mv FROM TO | df\n";

static const char *messages[] = {
    "ok", "I/O error", "corrupt filesystem", "no such file or directory", "already exists",
    "no space left on device", "invalid argument or name", "not a directory",
    "is a directory", "directory not empty"
};

static int img_read(void *ctx, fat_u32 lba, fat_u8 *buf) {
    return fseek(ctx, (long)lba * 512, SEEK_SET) || fread(buf, 512, 1, ctx) != 1;
}

static int img_write(void *ctx, fat_u32 lba, const fat_u8 *buf) {
    return fseek(ctx, (long)lba * 512, SEEK_SET) || fwrite(buf, 512, 1, ctx) != 1;
}

static int fail(const char *what, int err) {
    fprintf(stderr, "fatcli: %s: %s\n", what, messages[err < 0 && err >= -9 ? -err : 1]);
    return 1;
}

/* Prints "d PATH" or "f SIZE PATH" for everything under dir, depth first. */
static int list(struct fat_vol *v, struct fat_node *dir, const char *prefix) {
    char name[FAT_NAME_BUF], path[4096];
    struct fat_node n;
    fat_u32 pos = 0;
    int r;
    while ((r = fat_readdir(v, dir, &pos, name, &n)) > 0) {
        snprintf(path, sizeof(path), "%s/%s", prefix, name);
        if (n.attr & FAT_ATTR_DIR) {
            printf("d %s\n", path);
            if ((r = list(v, &n, path))) return r;
        } else
            printf("f %u %s\n", n.size, path);
    }
    return r;
}

/* Copies stdin to the end of file n (after truncating it when put). */
static int from_stdin(struct fat_vol *v, struct fat_node *n) {
    static char buf[65536];
    size_t got;
    int r;
    while ((got = fread(buf, 1, sizeof(buf), stdin)) > 0)
        if ((r = fat_write(v, n, n->size, buf, got)) != (int)got) return r < 0 ? r : FAT_ENOSPC;
    return 0;
}

static int run(struct fat_vol *v, int argc, char **argv) {
    static char buf[65536];
    const char *cmd = argv[2], *path = argc > 3 ? argv[3] : "";
    struct fat_node n;
    int r;
    if (!strcmp(cmd, "ls")) {
        if ((r = fat_lookup(v, path, &n))) return r;
        return list(v, &n, strcmp(path, "/") ? path : "");
    }
    if (!strcmp(cmd, "df"))
        return printf("%u free of %u clusters of %u bytes, FAT%d\n", v->free_count,
                      v->nclusters, v->sec_per_clus * 512, v->fat32 ? 32 : 16) < 0;
    if (!strcmp(cmd, "get")) {
        fat_u32 off = 0;
        if ((r = fat_lookup(v, path, &n))) return r;
        while ((r = fat_read(v, &n, off, buf, sizeof(buf))) > 0) {
            fwrite(buf, 1, r, stdout);
            off += r;
        }
        return r;
    }
    if (!strcmp(cmd, "check"))
        return 0;                       /* done before every command */
    if (!strcmp(cmd, "mkdir") && argc == 4) return fat_create(v, path, 1, &n);
    if (!strcmp(cmd, "rm") && argc == 4) return fat_remove(v, path);
    if (!strcmp(cmd, "mv") && argc == 5) return fat_rename(v, path, argv[4]);
    if (!strcmp(cmd, "truncate") && argc == 5) {
        if ((r = fat_lookup(v, path, &n))) return r;
        return fat_truncate(v, &n, strtoul(argv[4], 0, 0));
    }
    if ((!strcmp(cmd, "put") || !strcmp(cmd, "append")) && argc == 4) {
        r = fat_lookup(v, path, &n);
        if (r == FAT_ENOENT) r = fat_create(v, path, 0, &n);
        if (!r && !strcmp(cmd, "put")) r = fat_truncate(v, &n, 0);
        return r ? r : from_stdin(v, &n);
    }
    fputs(usage, stderr);
    exit(2);
}

int main(int argc, char **argv) {
    static struct fat_vol vol;
    struct fat_dev dev;
    fat_u8 *bitmap;
    FILE *f;
    long size;
    unsigned mib;
    int r, r2;
    if (argc < 3) {
        fputs(usage, stderr);
        return 2;
    }
    if (!strcmp(argv[2], "format")) {
        mib = argc == 5 ? (unsigned)strtoul(argv[3], 0, 10) : 0;
        if (mib < 1 || mib > 4095 || !(f = fopen(argv[1], "wb+"))) return fail(argv[1], FAT_EINVAL);
        r = fat_mkfs(f, mib * 2048, !strcmp(argv[4], "fat32"));
        if (r)
            fprintf(stderr, "fatcli: %s: no valid %s layout fits %s MiB\n", argv[1], argv[4], argv[3]);
        if (fclose(f) || r) return 1;
        argv[2] = "check";
    }
    if (!(f = fopen(argv[1], "rb+")) || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 512) {
        fprintf(stderr, "fatcli: %s: cannot open as an image\n", argv[1]);
        return 1;
    }
    dev.ctx = f;
    dev.read = img_read;
    dev.write = img_write;
    dev.sectors = size / 512;
    if ((r = fat_mount(&vol, &dev))) return fail(argv[1], r);
    if (!(bitmap = malloc(vol.nclusters / 8 + 1))) return fail(argv[1], FAT_ENOSPC);
    r = fat_check(&vol, bitmap);
    free(bitmap);
    if (r) return fail(argv[1], r);
    r = run(&vol, argc, argv);
    r2 = fat_sync(&vol);
    if (fclose(f) || r2) return fail(argv[1], FAT_EIO);
    return r ? fail(argc > 3 ? argv[3] : argv[1], r) : 0;
}
