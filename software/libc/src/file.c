/* Buffered FILE streams over read/write/lseek. A stream has one buffer used
   either for reading (bytes [rpos, rlen) not yet taken) or for writing
   (wlen bytes not yet written); switching direction empties it first.
   stdout is line buffered, stderr unbuffered; every open stream is flushed
   at exit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

struct FILE {
    int fd;
    int can_read, can_write;
    int buf_mode;               /* _IOFBF, _IOLBF or _IONBF */
    char *buf;
    int size;
    int own_buf;                /* buf came from malloc */
    int rpos, rlen, wlen;
    int unget;                  /* pushed-back byte or EOF */
    int eof, err;
    FILE *next_open;            /* list of streams flushed at exit */
};

static char stdin_buf[BUFSIZ], stdout_buf[BUFSIZ];
static FILE std_streams[3] = {
    {0, 1, 0, _IOFBF, stdin_buf, BUFSIZ, 0, 0, 0, 0, EOF, 0, 0, 0},
    {1, 0, 1, _IOLBF, stdout_buf, BUFSIZ, 0, 0, 0, 0, EOF, 0, 0, 0},
    {2, 0, 1, _IONBF, 0, 0, 0, 0, 0, 0, EOF, 0, 0, 0},
};
FILE *stdin = &std_streams[0];
FILE *stdout = &std_streams[1];
FILE *stderr = &std_streams[2];
static FILE *open_streams;

static int write_all(FILE *f, const char *p, int n) {
    while (n > 0) {
        int done = write(f->fd, p, (size_t)n);
        if (done <= 0) {
            f->err = 1;
            return EOF;
        }
        p += done;
        n -= done;
    }
    return 0;
}

/* Empties the buffer: writes pending output, or gives back read-ahead by
   seeking the descriptor to where the caller thinks it is. */
static int drain(FILE *f) {
    if (f->wlen)
        return fflush(f);
    if (f->rlen > f->rpos || f->unget != EOF) {
        long back = f->rlen - f->rpos + (f->unget != EOF);
        f->rpos = f->rlen = 0;
        f->unget = EOF;
        if (lseek(f->fd, -back, SEEK_CUR) < 0)
            return EOF;     /* pipes and terminals: read-ahead is lost */
    }
    f->rpos = f->rlen = 0;
    return 0;
}

int fflush(FILE *f) {
    if (!f) {
        int r = fflush(stdout) | fflush(stderr);
        for (FILE *g = open_streams; g; g = g->next_open)
            r |= fflush(g);
        return r;
    }
    if (f->wlen) {
        int n = f->wlen;
        f->wlen = 0;
        return write_all(f, f->buf, n);
    }
    return 0;
}

void __stdio_flush_all(void) {
    fflush(NULL);
}

static int parse_mode(const char *mode, int *can_read, int *can_write) {
    int flags;
    switch (mode[0]) {
    case 'r': flags = O_RDONLY; *can_read = 1; *can_write = 0; break;
    case 'w': flags = O_WRONLY | O_CREAT | O_TRUNC; *can_read = 0; *can_write = 1; break;
    case 'a': flags = O_WRONLY | O_CREAT | O_APPEND; *can_read = 0; *can_write = 1; break;
    default: return -1;
    }
    if (strchr(mode, '+')) {
        flags = (flags & ~O_ACCMODE) | O_RDWR;
        *can_read = *can_write = 1;
    }
    return flags;
}

FILE *fdopen(int fd, const char *mode) {
    int can_read, can_write;
    if (parse_mode(mode, &can_read, &can_write) < 0) {
        errno = EINVAL;
        return NULL;
    }
    FILE *f = calloc(1, sizeof *f);
    char *buf = malloc(BUFSIZ);
    if (!f || !buf) {
        free(f);
        free(buf);
        return NULL;
    }
    f->fd = fd;
    f->can_read = can_read;
    f->can_write = can_write;
    f->buf_mode = _IOFBF;
    f->buf = buf;
    f->size = BUFSIZ;
    f->own_buf = 1;
    f->unget = EOF;
    f->next_open = open_streams;
    open_streams = f;
    return f;
}

FILE *fopen(const char *path, const char *mode) {
    int can_read, can_write;
    int flags = parse_mode(mode, &can_read, &can_write);
    if (flags < 0) {
        errno = EINVAL;
        return NULL;
    }
    int fd = open(path, flags, 0666);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, mode);
    if (!f)
        close(fd);
    return f;
}

static void unlink_stream(FILE *f) {
    for (FILE **p = &open_streams; *p; p = &(*p)->next_open)
        if (*p == f) {
            *p = f->next_open;
            return;
        }
}

int fclose(FILE *f) {
    int r = fflush(f);
    if (close(f->fd) < 0)
        r = EOF;
    if (f >= std_streams && f < std_streams + 3) {
        f->fd = -1;
        return r;
    }
    unlink_stream(f);
    if (f->own_buf)
        free(f->buf);
    free(f);
    return r;
}

int setvbuf(FILE *f, char *buf, int mode, size_t size) {
    if (mode != _IONBF && mode != _IOLBF && mode != _IOFBF)
        return -1;
    fflush(f);
    if (buf && size > 0) {
        if (f->own_buf)
            free(f->buf);
        f->buf = buf;
        f->size = (int)size;
        f->own_buf = 0;
    }
    f->buf_mode = mode;
    return 0;
}

size_t fwrite(const void *data, size_t size, size_t n, FILE *f) {
    const char *p = data;
    size_t total = size * n;
    f->err |= !f->can_write;
    if (!f->can_write || total == 0)
        return 0;
    if (f->rlen || f->unget != EOF)
        drain(f);
    if (f->buf_mode == _IONBF || total >= (size_t)f->size) {
        if (fflush(f) || write_all(f, p, (int)total))
            return 0;
        return n;
    }
    for (size_t i = 0; i < total; i++) {
        if (f->wlen == f->size && fflush(f))
            return i / size;
        f->buf[f->wlen++] = p[i];
    }
    if (f->buf_mode == _IOLBF && memchr(p, '\n', total) && fflush(f))
        return 0;
    return n;
}

/* Refills the read buffer; returns the number of bytes now available. */
static int refill(FILE *f) {
    if (f->wlen && fflush(f))
        return 0;
    if (f == stdin)
        fflush(stdout);     /* show the prompt before waiting for input */
    int got = read(f->fd, f->buf, (size_t)f->size);
    if (got <= 0) {
        f->err |= got < 0;
        f->eof |= got == 0;
        return 0;
    }
    f->rpos = 0;
    f->rlen = got;
    return got;
}

int fgetc(FILE *f) {
    if (!f->can_read) {
        f->err = 1;
        return EOF;
    }
    if (f->unget != EOF) {
        int c = f->unget;
        f->unget = EOF;
        return c;
    }
    if (f->rpos == f->rlen && !refill(f))
        return EOF;
    return (unsigned char)f->buf[f->rpos++];
}

size_t fread(void *data, size_t size, size_t n, FILE *f) {
    char *p = data;
    size_t total = size * n, done = 0;
    if (total == 0)
        return 0;
    if (!f->can_read) {
        f->err = 1;
        return 0;
    }
    if (f->unget != EOF) {
        p[done++] = (char)f->unget;
        f->unget = EOF;
    }
    while (done < total) {
        int avail = f->rlen - f->rpos;
        if (avail > 0) {
            int take = total - done < (size_t)avail ? (int)(total - done) : avail;
            memcpy(p + done, f->buf + f->rpos, (size_t)take);
            f->rpos += take;
            done += take;
        } else if (total - done >= (size_t)f->size) {
            /* big read: straight into the caller's memory */
            if (f->wlen && fflush(f))
                break;
            int got = read(f->fd, p + done, total - done);
            if (got <= 0) {
                f->err |= got < 0;
                f->eof |= got == 0;
                break;
            }
            done += got;
        } else {
            int c = fgetc(f);
            if (c == EOF)
                break;
            p[done++] = (char)c;
        }
    }
    return done / size;
}

int getc(FILE *f) { return fgetc(f); }
int getchar(void) { return fgetc(stdin); }

int ungetc(int c, FILE *f) {
    if (c == EOF || f->unget != EOF)
        return EOF;
    f->unget = (unsigned char)c;
    f->eof = 0;
    return (unsigned char)c;
}

char *fgets(char *s, int n, FILE *f) {
    int i = 0;
    while (i < n - 1) {
        int c = fgetc(f);
        if (c == EOF)
            break;
        s[i++] = (char)c;
        if (c == '\n')
            break;
    }
    if (i == 0 || n <= 0)
        return NULL;
    s[i] = 0;
    return s;
}

int fputc(int c, FILE *f) {
    unsigned char b = (unsigned char)c;
    return fwrite(&b, 1, 1, f) == 1 ? b : EOF;
}

int putc(int c, FILE *f) { return fputc(c, f); }
int putchar(int c) { return fputc(c, stdout); }

int fputs(const char *s, FILE *f) {
    size_t n = strlen(s);
    return n == 0 || fwrite(s, 1, n, f) == n ? 0 : EOF;
}

int puts(const char *s) {
    return fputs(s, stdout) == 0 && fputc('\n', stdout) != EOF ? 0 : EOF;
}

int fseek(FILE *f, long off, int whence) {
    if (whence == SEEK_CUR)
        off -= f->rlen - f->rpos + (f->unget != EOF);
    if (fflush(f))
        return -1;
    f->rpos = f->rlen = 0;
    f->unget = EOF;
    if (lseek(f->fd, off, whence) < 0)
        return -1;
    f->eof = 0;
    return 0;
}

long ftell(FILE *f) {
    long pos = lseek(f->fd, 0, SEEK_CUR);
    if (pos < 0)
        return -1;
    return pos - (f->rlen - f->rpos) - (f->unget != EOF) + f->wlen;
}

void rewind(FILE *f) {
    fseek(f, 0, SEEK_SET);
    f->err = 0;
}

int feof(FILE *f) { return f->eof; }
int ferror(FILE *f) { return f->err; }
void clearerr(FILE *f) { f->eof = f->err = 0; }
int fileno(FILE *f) { return f->fd; }
