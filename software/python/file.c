/* file.c - file objects for open(), sys.stdout and sys.stderr */
#include "py.h"

typedef struct { Obj h; void *fp; int fd; int binary; int readable; int writable; int closed; Obj *name; Obj *mode; } File;
Type FileType = {{&TypeType}, "TextIOWrapper", 0};

static void file_mark(Obj *o) { gc_mark(((File *)o)->name); gc_mark(((File *)o)->mode); }
static void file_release(Obj *o) { File *f = (File *)o; if (f->fp && !f->closed) port_fclose(f->fp); }

Obj *file_std(int fd) {
    File *f = gc_new(&FileType, sizeof(File));
    f->fd = fd; f->writable = fd != 0; f->readable = fd == 0;
    f->name = str_c(fd == 0 ? "<stdin>" : fd == 1 ? "<stdout>" : "<stderr>");
    f->mode = str_c(fd == 0 ? "r" : "w");
    return (Obj *)f;
}

static File *checked(Obj *o) {
    File *f = (File *)o;
    if (TYPE(o) != &FileType) py_raise_type(TypeError, "expected a file");
    if (f->closed) py_raise_type(ValueError, "I/O operation on closed file.");
    return f;
}

static Obj *f_open(int n, Obj **a, Obj *kw) {
    Obj *path = n > 0 ? a[0] : kwarg(kw, "file"), *mode = n > 1 ? a[1] : kwarg(kw, "mode");
    const char *m = mode ? CSTR(mode) : "r";
    char cmode[8];
    File *f;
    void *fp;
    int k = 0;
    if (!path) py_raise_type(TypeError, "open() missing required argument 'file' (pos 1)");
    if (TYPE(path) != &StrType) py_raise_type(TypeError, "expected str, bytes or os.PathLike object, not %s", type_name(path));
    if (strspn(m, "rwabxt+") != strlen(m) || !strpbrk(m, "rwax")) py_raise_type(ValueError, "invalid mode: '%s'", m);
    cmode[k++] = strchr(m, 'w') ? 'w' : strchr(m, 'a') ? 'a' : strchr(m, 'x') ? 'w' : 'r';
    if (strchr(m, '+')) cmode[k++] = '+';
    cmode[k++] = 'b';
    cmode[k] = 0;
    if (strchr(m, 'x') && port_exists(CSTR(path))) py_raise(exc_new(OSError, tuple_pack(3, MK_SMALL(17), str_c("File exists"), path)));
    fp = port_open(CSTR(path), cmode);
    if (!fp) {
        Type *t = port_errno_is_noent() ? FileNotFoundError : OSError;
        if (port_is_dir(CSTR(path))) {
            extern Obj *builtins_dict;
            t = (Type *)dict_gets(builtins_dict, "IsADirectoryError");
            py_raise(exc_new(t, tuple_pack(3, MK_SMALL(21), str_c("Is a directory"), path)));
        }
        py_raise(exc_new(t, tuple_pack(3, MK_SMALL(port_errno()), str_c(port_strerror()), path)));
    }
    f = gc_new(&FileType, sizeof(File));
    f->fp = fp; f->fd = -1;
    f->binary = strchr(m, 'b') != NULL;
    f->readable = cmode[0] == 'r' || strchr(m, '+');
    f->writable = cmode[0] != 'r' || strchr(m, '+');
    f->name = path; f->mode = mode ? mode : str_c("r");
    return (Obj *)f;
}

static Obj *wrap(File *f, const char *s, int n) { return f->binary ? bytes_new(s, n) : str_new(s, n); }

static Obj *fm_read(int n, Obj **a, Obj *kw) {
    File *f = checked(a[0]);
    long want = n > 1 && a[1] != None ? as_long(a[1]) : -1;
    Buf b;
    char tmp[4096];
    (void)kw;
    if (!f->readable) py_raise(exc_new((Type *)dict_gets(builtins_dict, "OSError"), tuple_pack(1, str_c("not readable"))));
    buf_init(&b);
    if (f->fd == 0) {
        int r;
        while ((r = port_readline(tmp, sizeof tmp)) > 0) buf_add(&b, tmp, r);
    } else {
        for (;;) {
            int chunk = want < 0 || want - b.len > (long)sizeof tmp ? (int)sizeof tmp : (int)(want - b.len), r;
            if (chunk <= 0) break;
            r = port_fread(f->fp, tmp, chunk);
            if (r <= 0) break;
            buf_add(&b, tmp, r);
        }
    }
    {
        Obj *r = wrap(f, b.s ? b.s : "", b.len);
        buf_free(&b);
        return r;
    }
}
static Obj *readline_impl(File *f) {
    Buf b;
    char c;
    buf_init(&b);
    if (f->fd == 0) {
        char tmp[4096];
        int r = port_readline(tmp, sizeof tmp);
        return wrap(f, tmp, r > 0 ? r : 0);
    }
    while (port_fread(f->fp, &c, 1) == 1) {
        buf_addc(&b, c);
        if (c == '\n') break;
    }
    {
        Obj *r = wrap(f, b.s ? b.s : "", b.len);
        buf_free(&b);
        return r;
    }
}
static Obj *fm_readline(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return readline_impl(checked(a[0])); }
static Obj *fm_readlines(int n, Obj **a, Obj *kw) {
    File *f = checked(a[0]);
    Obj *l = list_new(0), *line;
    (void)n; (void)kw;
    while (length(line = readline_impl(f)) > 0) list_append(l, line);
    return l;
}
static Obj *fm_write(int n, Obj **a, Obj *kw) {
    File *f = checked(a[0]);
    Obj *s = a[1];
    (void)kw;
    check_args("write", n, 2, 2);
    if (!f->writable) py_raise(exc_new((Type *)dict_gets(builtins_dict, "OSError"), tuple_pack(1, str_c("not writable"))));
    if (f->binary) {
        if (TYPE(s) == &BytesType) { port_fwrite(f->fp, (char *)((Bytes *)s)->s, ((Bytes *)s)->len); return MK_SMALL(((Bytes *)s)->len); }
        if (TYPE(s) == &ByteArrayType) { port_fwrite(f->fp, (char *)((ByteArray *)s)->s, ((ByteArray *)s)->len); return MK_SMALL(((ByteArray *)s)->len); }
        py_raise_type(TypeError, "a bytes-like object is required, not '%s'", type_name(s));
    }
    if (TYPE(s) != &StrType) py_raise_type(TypeError, "write() argument must be str, not %s", type_name(s));
    if (f->fd >= 0) port_write(f->fd, CSTR(s), STR(s)->len);
    else port_fwrite(f->fp, CSTR(s), STR(s)->len);
    return MK_SMALL(STR(s)->clen);
}
static Obj *fm_close(int n, Obj **a, Obj *kw) {
    File *f = (File *)a[0];
    (void)n; (void)kw;
    if (!f->closed && f->fp) port_fclose(f->fp);
    f->closed = 1;
    return None;
}
static Obj *fm_flush(int n, Obj **a, Obj *kw) { (void)n; (void)kw; (void)a; port_flush(); return None; }
static Obj *fm_enter(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return a[0]; }
static Obj *fm_exit(int n, Obj **a, Obj *kw) { fm_close(n, a, kw); return False; }
static Obj *fm_fileno(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return MK_SMALL(((File *)a[0])->fd); }
static Obj *fm_isatty(int n, Obj **a, Obj *kw) { (void)n; (void)kw; (void)a; return False; }
static Obj *file_iter(Obj *o) { checked(o); return o; }
static Obj *file_next(Obj *o) {
    Obj *line = readline_impl(checked(o));
    return length(line) ? line : NULL;
}
static Obj *file_getattr(Obj *o, Obj *name) {
    File *f = (File *)o;
    if (!strcmp(CSTR(name), "name")) return f->name;
    if (!strcmp(CSTR(name), "mode")) return f->mode;
    if (!strcmp(CSTR(name), "closed")) return BOOL(f->closed);
    return generic_getattr(o, name);
}
static Obj *file_repr(Obj *o) {
    File *f = (File *)o;
    return str_fmt("<_io.TextIOWrapper name=%s mode=%s>", CSTR(repr(f->name)), CSTR(repr(f->mode)));
}

void file_init(void) {
    type_ready(&FileType);
    FileType.mark = file_mark; FileType.release = file_release; FileType.iter = file_iter;
    FileType.next = file_next; FileType.getattr = file_getattr; FileType.repr = file_repr;
    add_method(&FileType, "read", fm_read); add_method(&FileType, "readline", fm_readline);
    add_method(&FileType, "readlines", fm_readlines); add_method(&FileType, "write", fm_write);
    add_method(&FileType, "close", fm_close); add_method(&FileType, "flush", fm_flush);
    add_method(&FileType, "__enter__", fm_enter); add_method(&FileType, "__exit__", fm_exit);
    add_method(&FileType, "fileno", fm_fileno); add_method(&FileType, "isatty", fm_isatty);
    dict_sets(builtins_dict, "open", native_new("open", f_open));
}

/* fast path for print() to the standard streams */
int file_std_fd(Obj *o) {
    if (TYPE(o) == &FileType && ((File *)o)->fd >= 1) return ((File *)o)->fd;
    return -1;
}
