/* FAT16/FAT32 driver: one volume, 512-byte sectors, block I/O through
 * callbacks, path-based calls. Portable C: no libc beyond mem and str basics. */
#ifndef FAT_H
#define FAT_H

typedef unsigned int fat_u32;
typedef unsigned char fat_u8;

enum {
    FAT_EIO = -1, FAT_ECORRUPT = -2, FAT_ENOENT = -3, FAT_EEXIST = -4,
    FAT_ENOSPC = -5, FAT_EINVAL = -6, FAT_ENOTDIR = -7, FAT_EISDIR = -8,
    FAT_ENOTEMPTY = -9
};

#define FAT_ATTR_DIR 0x10
#define FAT_NAME_BUF 261        /* 20 long-name parts of 13 characters, and a 0 */

/* The block device: read or write one 512-byte sector, 0 on success. */
struct fat_dev {
    void *ctx;
    int (*read)(void *ctx, fat_u32 lba, fat_u8 *buf);
    int (*write)(void *ctx, fat_u32 lba, const fat_u8 *buf);
    fat_u32 sectors;            /* size of the device */
};

/* A file or directory: where its data and its directory entry are. */
struct fat_node {
    fat_u32 first;              /* first cluster, 0 = empty (or FAT16 root) */
    fat_u32 size;
    fat_u8 attr;
    int is_root;
    fat_u32 parent;             /* parent directory's first cluster */
    fat_u32 index;              /* index of the short entry in the parent */
    fat_u32 nlfn;               /* long-name entries before it */
    fat_u32 hint_n, hint_cluster;   /* last cluster looked up, for speed */
};

struct fat_vol {
    struct fat_dev dev;
    int fat32;
    int broken;                 /* corruption seen: no more writes */
    fat_u32 sec_per_clus, fat_start, fat_sectors, nfats;
    fat_u32 root_start, root_entries;   /* FAT16 fixed root directory */
    fat_u32 data_start, nclusters, root_cluster, fsinfo;
    fat_u32 free_count, next_free;
    fat_u32 stamp;              /* DOS date << 16 | time for new entries */
    fat_u8 buf[512];            /* the one sector cache */
    fat_u32 buf_lba;
    int buf_dirty;
};

int fat_mount(struct fat_vol *v, const struct fat_dev *dev);
int fat_sync(struct fat_vol *v);
int fat_check(struct fat_vol *v, fat_u8 *bitmap);  /* bitmap: nclusters/8+1 bytes */
int fat_lookup(struct fat_vol *v, const char *path, struct fat_node *n);
int fat_readdir(struct fat_vol *v, struct fat_node *dir, fat_u32 *pos,
                char *name, struct fat_node *n);   /* name: FAT_NAME_BUF bytes */
int fat_read(struct fat_vol *v, struct fat_node *n, fat_u32 off, void *buf, fat_u32 len);
int fat_write(struct fat_vol *v, struct fat_node *n, fat_u32 off, const void *buf, fat_u32 len);
int fat_truncate(struct fat_vol *v, struct fat_node *n, fat_u32 size);
int fat_create(struct fat_vol *v, const char *path, int is_dir, struct fat_node *n);
int fat_remove(struct fat_vol *v, const char *path);
int fat_rename(struct fat_vol *v, const char *from, const char *to);

#endif
