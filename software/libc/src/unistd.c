/* POSIX wrappers over the system call table (sys/syscall.h). Where Linux
   only has the general form (openat, unlinkat, dup3, pipe2, llseek, statx),
   the wrapper supplies the extra arguments so that the same binary runs under
   qemu-riscv32 and on our kernel. */
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/syscall.h>

long __syscall_ret(long r) {
    if (r < 0 && r > -4096) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

#define SYSCALL(n, a, b, c, d, e, f) \
    __syscall_ret(__syscall(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f)))

ssize_t read(int fd, void *buf, size_t n) { return SYSCALL(SYS_read, fd, buf, n, 0, 0, 0); }
ssize_t write(int fd, const void *buf, size_t n) { return SYSCALL(SYS_write, fd, buf, n, 0, 0, 0); }
int close(int fd) { return SYSCALL(SYS_close, fd, 0, 0, 0, 0, 0); }
int dup(int fd) { return SYSCALL(SYS_dup, fd, 0, 0, 0, 0, 0); }
int chdir(const char *path) { return SYSCALL(SYS_chdir, path, 0, 0, 0, 0, 0); }
pid_t getpid(void) { return SYSCALL(SYS_getpid, 0, 0, 0, 0, 0, 0); }
int kill(pid_t pid, int sig) { return SYSCALL(SYS_kill, pid, sig, 0, 0, 0, 0); }
int raise(int sig) { return kill(getpid(), sig); }
int unlink(const char *path) { return SYSCALL(SYS_unlinkat, AT_FDCWD, path, 0, 0, 0, 0); }
int rmdir(const char *path) { return SYSCALL(SYS_unlinkat, AT_FDCWD, path, AT_REMOVEDIR, 0, 0, 0); }
int mkdir(const char *path, mode_t mode) { return SYSCALL(SYS_mkdirat, AT_FDCWD, path, mode, 0, 0, 0); }
int pipe(int fds[2]) { return SYSCALL(SYS_pipe2, fds, 0, 0, 0, 0, 0); }
int remove(const char *path) { return unlink(path); }

int rename(const char *from, const char *to) {
    return SYSCALL(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 0, 0);
}

int open(const char *path, int flags, ...) {
    mode_t mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    return SYSCALL(SYS_openat, AT_FDCWD, path, flags, mode, 0, 0);
}

int creat(const char *path, mode_t mode) {
    return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int dup2(int fd, int to) {
    if (fd == to)   /* dup3 refuses this case; dup2 checks fd and succeeds */
        return SYSCALL(SYS_llseek, fd, 0, 0, 0, SEEK_CUR, 0) < 0 && errno == EBADF ? -1 : to;
    return SYSCALL(SYS_dup3, fd, to, 0, 0, 0, 0);
}

off_t lseek(int fd, off_t off, int whence) {
    /* llseek(fd, offset high, offset low, &result, whence): 64-bit offsets. */
    long long result;
    long long wide = off;
    if (SYSCALL(SYS_llseek, fd, (long)(wide >> 32), (long)wide, &result, whence, 0) < 0)
        return -1;
    if (result > 0x7fffffff) {
        errno = EINVAL;
        return -1;
    }
    return (off_t)result;
}

char *getcwd(char *buf, size_t size) {
    if (SYSCALL(SYS_getcwd, buf, size, 0, 0, 0, 0) < 0)
        return NULL;
    return buf;
}

/* statx: the only stat on 32-bit Linux RISC-V. We keep a few fields of its
   256-byte record (offsets from the Linux uapi statx layout). */
#define STATX_BASIC_STATS 0x7ff
struct statx_record {
    unsigned mask, blksize;
    unsigned long long attributes;
    unsigned nlink, uid, gid;
    unsigned short mode, pad1;
    unsigned long long ino, size, blocks, attributes_mask;
    long long times[8];     /* atime, btime, ctime, mtime: {sec, nsec+pad} */
    unsigned rdev_major, rdev_minor, dev_major, dev_minor;
    unsigned long long spare[14];
};

static int do_statx(int dirfd, const char *path, int flags, struct stat *st) {
    struct statx_record sx;
    memset(&sx, 0, sizeof sx);
    if (SYSCALL(SYS_statx, dirfd, path, flags, STATX_BASIC_STATS, &sx, 0) < 0)
        return -1;
    st->st_dev = sx.dev_major << 8 | sx.dev_minor;
    st->st_ino = (ino_t)sx.ino;
    st->st_mode = sx.mode;
    st->st_nlink = sx.nlink;
    st->st_size = (off_t)sx.size;
    st->st_mtime = sx.times[6];
    return 0;
}

int stat(const char *path, struct stat *st) { return do_statx(AT_FDCWD, path, 0, st); }
int fstat(int fd, struct stat *st) { return do_statx(fd, "", AT_EMPTY_PATH, st); }

int isatty(int fd) {
    struct stat st;
    return fstat(fd, &st) == 0 && S_ISCHR(st.st_mode);
}

/* fork is clone with only the child-exit signal (SIGCHLD = 17) requested. */
pid_t fork(void) { return SYSCALL(SYS_clone, 17, 0, 0, 0, 0, 0); }

int execve(const char *path, char *const argv[], char *const envp[]) {
    return SYSCALL(SYS_execve, path, argv, envp, 0, 0, 0);
}

extern char **environ;
int execv(const char *path, char *const argv[]) { return execve(path, argv, environ); }

pid_t waitpid(pid_t pid, int *status, int options) {
    return SYSCALL(SYS_wait4, pid, status, options, 0, 0, 0);
}

pid_t wait(int *status) { return waitpid(-1, status, 0); }

/* sbrk over brk: brk(0) reports the break, brk(p) moves it and returns the
   new break (the old one if it could not move). */
static char *current_break;

void *sbrk(int increment) {
    if (!current_break)
        current_break = (char *)__syscall(SYS_brk, 0, 0, 0, 0, 0, 0);
    char *old = current_break;
    if (increment == 0)
        return old;
    char *wanted = old + increment;
    if ((increment > 0 && wanted < old) || (increment < 0 && wanted > old)) {
        errno = ENOMEM;
        return (void *)-1;
    }
    char *got = (char *)__syscall(SYS_brk, (long)wanted, 0, 0, 0, 0, 0);
    if (got != wanted) {
        errno = ENOMEM;
        return (void *)-1;
    }
    current_break = got;
    return old;
}

void _exit(int status) {
    for (;;)
        __syscall(SYS_exit_group, status, 0, 0, 0, 0, 0);
}
