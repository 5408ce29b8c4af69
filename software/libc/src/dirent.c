/* opendir/readdir over getdents64, which fills a buffer with records
   {u64 ino; i64 offset; u16 record length; u8 type; char name[]}. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

struct DIR {
    int fd;
    int pos, len;               /* unread records are buf[pos..len) */
    struct dirent entry;
    char buf[1024];
};

DIR *opendir(const char *path) {
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return NULL;
    DIR *dir = malloc(sizeof *dir);
    if (!dir) {
        close(fd);
        return NULL;
    }
    dir->fd = fd;
    dir->pos = dir->len = 0;
    return dir;
}

struct dirent *readdir(DIR *dir) {
    if (dir->pos >= dir->len) {
        long got = __syscall_ret(__syscall(SYS_getdents64, dir->fd, (long)dir->buf,
                                           sizeof dir->buf, 0, 0, 0));
        if (got <= 0)
            return NULL;        /* end of directory, or an error in errno */
        dir->pos = 0;
        dir->len = (int)got;
    }
    const unsigned char *record = (const unsigned char *)dir->buf + dir->pos;
    unsigned short length = (unsigned short)(record[16] | record[17] << 8);
    dir->entry.d_ino = (ino_t)(record[0] | record[1] << 8 | record[2] << 16 | (unsigned)record[3] << 24);
    dir->entry.d_type = record[18];
    strncpy(dir->entry.d_name, (const char *)record + 19, sizeof dir->entry.d_name - 1);
    dir->entry.d_name[sizeof dir->entry.d_name - 1] = 0;
    dir->pos += length;
    return &dir->entry;
}

int closedir(DIR *dir) {
    int r = close(dir->fd);
    free(dir);
    return r;
}
