/* Open files: the console, FAT files and directories, pipes; descriptors. */
#include "kernel.h"

static struct file files[NFILE];

struct file *file_alloc(void) {
    for (int i = 0; i < NFILE; i++)
        if (files[i].ref == 0) {
            memset(&files[i], 0, sizeof files[i]);
            files[i].ref = 1;
            return &files[i];
        }
    return 0;
}

struct file *file_dup(struct file *f) {
    f->ref++;
    return f;
}

void file_close(struct file *f) {
    if (--f->ref > 0) return;
    if (f->type == F_PIPE) {
        if (f->readable) f->pipe->readers--;
        else f->pipe->writers--;
        wakeup(&f->pipe->nread);
        wakeup(&f->pipe->nwrite);
        if (f->pipe->readers == 0 && f->pipe->writers == 0) kfree(f->pipe);
    }
    if (f->type == F_FAT && f->writable) fat_sync(&volume);
    f->type = F_NONE;
}

/* fds 0, 1 and 2 of init: the console. */
void console_files(struct proc *p) {
    struct file *f = file_alloc();
    f->type = F_CONSOLE;
    f->readable = f->writable = 1;
    p->ofile[0] = f;
    p->ofile[1] = file_dup(f);
    p->ofile[2] = file_dup(f);
}

int fd_alloc(struct file *f) {
    for (int fd = 0; fd < NOFILE; fd++)
        if (!cur->ofile[fd]) {
            cur->ofile[fd] = f;
            return fd;
        }
    return -EMFILE;
}

struct file *fd_get(int fd) {
    return fd >= 0 && fd < NOFILE ? cur->ofile[fd] : 0;
}

int sys_pipe(u32 ufds) {
    struct pipe *p = kalloc();
    struct file *r = file_alloc(), *w = r ? file_alloc() : 0;
    int fds[2] = { -1, -1 };
    if (!p || !r || !w) {
        if (p) kfree(p);
        if (r) r->ref = 0;
        return -ENOMEM;
    }
    r->type = w->type = F_PIPE;
    r->pipe = w->pipe = p;
    r->readable = w->writable = 1;
    p->readers = p->writers = 1;
    fds[0] = fd_alloc(r);
    fds[1] = fds[0] < 0 ? -1 : fd_alloc(w);
    if (fds[1] < 0 || copyout(ufds, fds, sizeof fds) < 0) {
        if (fds[0] >= 0) cur->ofile[fds[0]] = 0;
        if (fds[1] >= 0) cur->ofile[fds[1]] = 0;
        file_close(r);
        file_close(w);
        return fds[1] < 0 ? -EMFILE : -EFAULT;
    }
    return 0;
}

static int pipe_read(struct pipe *p, u32 uaddr, u32 n) {
    while (p->nread == p->nwrite) {
        if (p->writers == 0) return 0;
        if (cur->killed) return -EINTR;
        sleep_on(&p->nread);
    }
    u32 got = 0;
    while (got < n && p->nread != p->nwrite) {
        u8 c = p->buf[p->nread % sizeof p->buf];
        if (copyout(uaddr + got, &c, 1) < 0) return got ? (int)got : -EFAULT;
        p->nread++;
        got++;
    }
    wakeup(&p->nwrite);
    return (int)got;
}

static int pipe_write(struct pipe *p, u32 uaddr, u32 n) {
    u32 done = 0;
    while (done < n) {
        if (p->readers == 0) {
            cur->killed = 13;                       /* SIGPIPE */
            return -EPIPE;
        }
        if (cur->killed) return done ? (int)done : -EINTR;
        if (p->nwrite - p->nread == sizeof p->buf) {
            wakeup(&p->nread);
            sleep_on(&p->nwrite);
            continue;
        }
        u8 c;
        if (copyin(&c, uaddr + done, 1) < 0) return done ? (int)done : -EFAULT;
        p->buf[p->nwrite++ % sizeof p->buf] = c;
        done++;
    }
    wakeup(&p->nread);
    return (int)done;
}

/* FAT files go through a kernel buffer, a chunk at a time. */
static u8 chunk[512];

int file_read(struct file *f, u32 uaddr, u32 n) {
    if (!f->readable) return -EBADF;
    if (!user_range_ok(uaddr, n, 1)) return -EFAULT;
    if (f->type == F_CONSOLE) {
        u8 buf[256];
        int got = console_read(buf, n < sizeof buf ? n : sizeof buf);
        if (got > 0 && copyout(uaddr, buf, (u32)got) < 0) return -EFAULT;
        return got;
    }
    if (f->type == F_PIPE) return pipe_read(f->pipe, uaddr, n);
    if (f->is_dir) return -EISDIR;
    u32 done = 0;
    while (done < n) {
        u32 k = n - done < sizeof chunk ? n - done : sizeof chunk;
        int got = fat_read(&volume, &f->node, f->off, chunk, k);
        if (got < 0) return done ? (int)done : fat_errno(got);
        if (got == 0) break;
        if (copyout(uaddr + done, chunk, (u32)got) < 0) return done ? (int)done : -EFAULT;
        f->off += (u32)got;
        done += (u32)got;
    }
    return (int)done;
}

int file_write(struct file *f, u32 uaddr, u32 n) {
    if (!f->writable) return -EBADF;
    if (!user_range_ok(uaddr, n, 0)) return -EFAULT;
    if (f->type == F_CONSOLE) return console_write_user(uaddr, n);
    if (f->type == F_PIPE) return pipe_write(f->pipe, uaddr, n);
    if (f->append) f->off = f->node.size;
    u32 done = 0;
    while (done < n) {
        u32 k = n - done < sizeof chunk ? n - done : sizeof chunk;
        if (copyin(chunk, uaddr + done, k) < 0) return done ? (int)done : -EFAULT;
        int r = fat_write(&volume, &f->node, f->off, chunk, k);
        if (r < 0) return done ? (int)done : fat_errno(r);
        f->off += (u32)r;
        done += (u32)r;
        if ((u32)r < k) return done ? (int)done : -ENOSPC;  /* the disk is full */
    }
    return (int)done;
}
