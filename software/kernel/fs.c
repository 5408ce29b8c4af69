/* File-system system calls: paths (relative to the process's cwd) are made
   absolute here, then the FAT driver works on the RAM disk. */
#include "kernel.h"

#define AT_FDCWD ((u32)-100)
#define AT_REMOVEDIR 0x200
#define AT_EMPTY_PATH 0x1000
#define O_ACCMODE 3
#define O_CREAT 0100
#define O_EXCL 0200
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_DIRECTORY 0200000
#define ENAMETOOLONG 36

struct fat_vol volume;

static int disk_read(void *ctx, u32 lba, u8 *buf) {
    memcpy(buf, (u8 *)DISK_BASE + lba * 512, 512);
    return 0;
}

static int disk_write(void *ctx, u32 lba, const u8 *buf) {
    memcpy((u8 *)DISK_BASE + lba * 512, buf, 512);
    return 0;
}

extern char _end[];

/* Mounts the RAM disk if the emulator loaded one (a boot sector at
   DISK_BASE), else the SD card. Returns where free memory starts, or -1. */
int fs_mount(void) {
    const u8 *boot = (const u8 *)DISK_BASE;
    struct fat_dev dev = { 0, disk_read, disk_write, 0 };
    u32 free_start = ((u32)_end + PAGE - 1) & ~(PAGE - 1);
    static u8 sector[512];
    if (ram_end > DISK_BASE + 512 && boot[510] == 0x55 && boot[511] == 0xAA) {
        if ((u32)_end > DISK_BASE) return -1;
        kprintf("disk: RAM disk at 0x%x\n", DISK_BASE);
    } else {
        if (sd_init() < 0 || sd_read(0, 0, sector) < 0) return -1;
        kprintf("disk: SD card\n");
        boot = sector;
        dev.read = sd_read;
        dev.write = sd_write;
    }
    dev.sectors = boot[32] | boot[33] << 8 | boot[34] << 16 | (u32)boot[35] << 24;
    if (!dev.sectors) dev.sectors = boot[19] | boot[20] << 8;
    if (boot == (const u8 *)DISK_BASE) free_start = DISK_BASE + dev.sectors * 512;
    if (free_start > ram_end - 256 * PAGE) {
        kprintf("kernel: too little RAM for the disk and 1 MiB of pages\n");
        return -1;
    }
    if (fat_mount(&volume, &dev) < 0) return -1;
    return (int)free_start;
}

int fat_errno(int e) {
    switch (e) {
    case FAT_ENOENT: return -ENOENT;
    case FAT_EEXIST: return -EEXIST;
    case FAT_ENOSPC: return -ENOSPC;
    case FAT_EINVAL: return -EINVAL;
    case FAT_ENOTDIR: return -ENOTDIR;
    case FAT_EISDIR: return -EISDIR;
    case FAT_ENOTEMPTY: return -ENOTEMPTY;
    default: return -EIO;
    }
}

/* path (absolute or relative to cwd) -> "/a/b" without ".", ".." or "//". */
int fs_resolve(const char *path, char *out) {
    u32 n = 0;
    const char *parts[2] = { path[0] == '/' ? "" : cur->cwd, path };
    for (int k = 0; k < 2; k++) {
        const char *s = parts[k];
        while (*s) {
            while (*s == '/') s++;
            const char *e = s;
            while (*e && *e != '/') e++;
            u32 len = (u32)(e - s);
            if (len == 0 || (len == 1 && s[0] == '.')) {
            } else if (len == 2 && s[0] == '.' && s[1] == '.') {
                while (n > 0 && out[n - 1] != '/') n--;
                if (n > 0) n--;
            } else {
                if (n + len + 2 > PATHMAX) return -ENAMETOOLONG;
                out[n++] = '/';
                memcpy(out + n, s, len);
                n += len;
            }
            s = e;
        }
    }
    if (n == 0) out[n++] = '/';
    out[n] = 0;
    return 0;
}

/* Copies a user path and makes it absolute; only AT_FDCWD as directory. */
static int user_path(u32 dirfd, u32 upath, char *full) {
    char path[PATHMAX];
    if (dirfd != AT_FDCWD) return -EINVAL;
    int err = copyinstr(path, upath, PATHMAX);
    if (err < 0) return err == -ERANGE ? -ENAMETOOLONG : err;
    if (!path[0]) return -ENOENT;
    return fs_resolve(path, full);
}

static long sys_openat(u32 dirfd, u32 upath, u32 flags) {
    char full[PATHMAX];
    struct fat_node node;
    int err = user_path(dirfd, upath, full);
    if (err < 0) return err;
    int console = !strcmp(full, "/dev/console") || !strcmp(full, "/dev/tty");
    if (console) {
        memset(&node, 0, sizeof node);
    } else {
        err = fat_lookup(&volume, full, &node);
        if (err == FAT_ENOENT && (flags & O_CREAT)) err = fat_create(&volume, full, 0, &node);
        else if (err == 0 && (flags & O_CREAT) && (flags & O_EXCL)) return -EEXIST;
        if (err < 0) return fat_errno(err);
        int is_dir = (node.attr & FAT_ATTR_DIR) != 0;
        if (is_dir && (flags & O_ACCMODE)) return -EISDIR;
        if (!is_dir && (flags & O_DIRECTORY)) return -ENOTDIR;
        if ((flags & O_TRUNC) && (flags & O_ACCMODE) && (err = fat_truncate(&volume, &node, 0)) < 0)
            return fat_errno(err);
    }
    struct file *f = file_alloc();
    if (!f) return -ENOMEM;
    f->type = console ? F_CONSOLE : F_FAT;
    f->node = node;
    f->is_dir = (node.attr & FAT_ATTR_DIR) != 0;
    f->readable = (flags & O_ACCMODE) != 1;
    f->writable = (flags & O_ACCMODE) != 0;
    f->append = (flags & O_APPEND) != 0;
    int fd = fd_alloc(f);
    if (fd < 0) file_close(f);
    return fd;
}

/* getdents64 records: {u64 ino; i64 off; u16 reclen; u8 type; name}. */
static long sys_getdents(int fd, u32 ubuf, u32 size) {
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    if (!f->is_dir) return -ENOTDIR;
    char name[256];
    u8 rec[280];
    u32 used = 0;
    for (;;) {
        struct fat_node n;
        u32 pos = f->off;
        int r = fat_readdir(&volume, &f->node, &pos, name, &n);
        if (r < 0) return used ? (long)used : fat_errno(r);
        if (r == 0) break;
        u32 len = strlen(name), reclen = (19 + len + 1 + 7) & ~7u;
        if (used + reclen > size) {
            if (used == 0) return -EINVAL;
            break;
        }
        memset(rec, 0, reclen);
        u32 ino = n.first ? n.first : pos + 1000000;
        memcpy(rec, &ino, 4);
        memcpy(rec + 8, &pos, 4);
        rec[16] = (u8)reclen;
        rec[17] = (u8)(reclen >> 8);
        rec[18] = (n.attr & FAT_ATTR_DIR) ? 4 : 8;
        memcpy(rec + 19, name, len);
        if (copyout(ubuf + used, rec, reclen) < 0) return -EFAULT;
        used += reclen;
        f->off = pos;
    }
    return (long)used;
}

/* statx: the fields docs/syscalls.md lists, the rest zero. */
static long sys_statx(u32 dirfd, u32 upath, u32 flags, u32 ubuf) {
    u8 st[256];
    struct fat_node node;
    u32 mode;
    memset(st, 0, sizeof st);
    if (flags & AT_EMPTY_PATH) {
        struct file *f = fd_get((int)dirfd);
        if (!f) return -EBADF;
        node = f->node;
        mode = f->type == F_CONSOLE ? 0020666 : f->type == F_PIPE ? 0010666 : 0;
        if (f->type != F_FAT) memset(&node, 0, sizeof node);
        if (f->type == F_FAT) mode = f->is_dir ? 0040755 : 0100644;
    } else {
        char full[PATHMAX];
        int err = user_path(dirfd, upath, full);
        if (err < 0) return err;
        if (!strcmp(full, "/dev/console")) {
            memset(&node, 0, sizeof node);
            mode = 0020666;
        } else {
            if ((err = fat_lookup(&volume, full, &node)) < 0) return fat_errno(err);
            mode = (node.attr & FAT_ATTR_DIR) ? 0040755 : 0100644;
        }
    }
    u32 nlink = 1, size = (mode & 0170000) == 0100000 ? node.size : 0;
    memcpy(st + 0x10, &nlink, 4);
    memcpy(st + 0x1C, &mode, 2);
    memcpy(st + 0x20, &node.first, 4);
    memcpy(st + 0x28, &size, 4);
    return copyout(ubuf, st, sizeof st);
}

static long sys_llseek(int fd, u32 hi, u32 lo, u32 uresult, u32 whence) {
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    if (f->type != F_FAT || f->is_dir) return -ESPIPE;
    i64 base = whence == 0 ? 0 : whence == 1 ? (i64)f->off : whence == 2 ? (i64)f->node.size : -1;
    if (base < 0) return -EINVAL;
    i64 pos = base + (i64)(((u64)hi << 32) | lo);
    if (pos < 0 || pos > 0x7FFFFFFF) return -EINVAL;
    if (copyout(uresult, &pos, 8) < 0) return -EFAULT;
    f->off = (u32)pos;
    return 0;
}

static long sys_unlink(u32 dirfd, u32 upath, u32 flags) {
    char full[PATHMAX];
    struct fat_node node;
    int err = user_path(dirfd, upath, full);
    if (err < 0) return err;
    if ((err = fat_lookup(&volume, full, &node)) < 0) return fat_errno(err);
    int is_dir = (node.attr & FAT_ATTR_DIR) != 0;
    if (is_dir && !(flags & AT_REMOVEDIR)) return -EISDIR;
    if (!is_dir && (flags & AT_REMOVEDIR)) return -ENOTDIR;
    err = fat_remove(&volume, full);
    if (!err) fat_sync(&volume);
    return err < 0 ? fat_errno(err) : 0;
}

static long sys_dup3(int old, int new) {
    struct file *f = fd_get(old);
    if (!f || new < 0 || new >= NOFILE) return -EBADF;
    if (old == new) return -EINVAL;
    if (cur->ofile[new]) file_close(cur->ofile[new]);
    cur->ofile[new] = file_dup(f);
    return new;
}

static long sys_getcwd(u32 ubuf, u32 size) {
    u32 len = strlen(cur->cwd) + 1;
    if (size < len) return -ERANGE;
    return copyout(ubuf, cur->cwd, len) < 0 ? -EFAULT : (long)len;
}

long fs_syscall(u32 nr, u32 *a) {
    char full[PATHMAX], to[PATHMAX];
    struct fat_node node;
    struct file *f;
    int err;
    switch (nr) {
    case 17: return sys_getcwd(a[0], a[1]);
    case 23:
        if (!(f = fd_get((int)a[0]))) return -EBADF;
        err = fd_alloc(f);
        if (err >= 0) file_dup(f);
        return err;
    case 24: return sys_dup3((int)a[0], (int)a[1]);
    case 34:
        if ((err = user_path(a[0], a[1], full)) < 0) return err;
        err = fat_create(&volume, full, 1, &node);
        if (!err) fat_sync(&volume);
        return err < 0 ? fat_errno(err) : 0;
    case 35: return sys_unlink(a[0], a[1], a[2]);
    case 49:
        if ((err = user_path(AT_FDCWD, a[0], full)) < 0) return err;
        if ((err = fat_lookup(&volume, full, &node)) < 0) return fat_errno(err);
        if (!(node.attr & FAT_ATTR_DIR)) return -ENOTDIR;
        strcpy(cur->cwd, full);
        return 0;
    case 56: return sys_openat(a[0], a[1], a[2]);
    case 57:
        if (!(f = fd_get((int)a[0]))) return -EBADF;
        cur->ofile[a[0]] = 0;
        file_close(f);
        return 0;
    case 59: return sys_pipe(a[0]);
    case 61: return sys_getdents((int)a[0], a[1], a[2]);
    case 62: return sys_llseek((int)a[0], a[1], a[2], a[3], a[4]);
    case 63: return (f = fd_get((int)a[0])) ? file_read(f, a[1], a[2]) : -EBADF;
    case 64: return (f = fd_get((int)a[0])) ? file_write(f, a[1], a[2]) : -EBADF;
    case 276:
        if ((err = user_path(a[0], a[1], full)) < 0 || (err = user_path(a[2], a[3], to)) < 0) return err;
        err = fat_rename(&volume, full, to);
        if (!err) fat_sync(&volume);
        return err < 0 ? fat_errno(err) : 0;
    case 291: return sys_statx(a[0], a[1], a[2], a[4]);
    default:
        kprintf("pid %d: unknown system call %u\n", cur->pid, nr);
        return -ENOSYS;
    }
}
