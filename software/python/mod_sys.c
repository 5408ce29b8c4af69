/* mod_sys.c - the sys, time and os modules */
#include "py.h"
#include <stdio.h>
#include <stdlib.h>

Obj *sys_modules, *sys_path, *sys_stdout, *sys_stderr, *sys_argv;
static Obj *sys_stdin;
extern Obj *file_std(int fd);
extern int recursion_limit;

static Obj *sys_exit(int n, Obj **a, Obj *kw) {
    (void)kw;
    py_raise(exc_new(SystemExit, n && a[0] != None ? tuple_pack(1, a[0]) : NULL));
    return None;
}
static Obj *sys_getrecursionlimit(int n, Obj **a, Obj *kw) { (void)n; (void)a; (void)kw; return MK_SMALL(recursion_limit); }
static Obj *sys_setrecursionlimit(int n, Obj **a, Obj *kw) {
    long v;
    (void)kw;
    check_args("setrecursionlimit", n, 1, 1);
    v = as_long(a[0]);
    if (v < 1) py_raise_type(ValueError, "recursion limit must be greater or equal than 1");
    recursion_limit = v > 20000 ? 20000 : (int)v;
    return None;
}
static Obj *sys_getsizeof(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return MK_SMALL(IS_SMALL(a[0]) ? 28 : a[0]->gcsize); }
static Obj *sys_exc_info(int n, Obj **a, Obj *kw) {
    Frame *f;
    (void)n; (void)a; (void)kw;
    for (f = cur_frame; f; f = f->back)
        if (f->handling) return tuple_pack(3, (Obj *)TYPE(f->handling), f->handling, ((Exc *)f->handling)->tb ? ((Exc *)f->handling)->tb : None);
    return tuple_pack(3, None, None, None);
}
static Obj *sys_intern(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return str_intern_obj(a[0]); }

static void fill_sys(Obj *d) {
    dict_sets(d, "modules", sys_modules);
    dict_sets(d, "path", sys_path);
    dict_sets(d, "argv", sys_argv);
    dict_sets(d, "stdout", sys_stdout);
    dict_sets(d, "stderr", sys_stderr);
    dict_sets(d, "stdin", sys_stdin);
    dict_sets(d, "__stdout__", sys_stdout);
    dict_sets(d, "__stderr__", sys_stderr);
    dict_sets(d, "maxsize", int_from_ll(sizeof(void *) > 4 ? 9223372036854775807LL : 2147483647LL));
    dict_sets(d, "byteorder", str_c("little"));
    dict_sets(d, "platform", str_c("bits2gpt"));
    dict_sets(d, "implementation", str_c("bits2gpt"));
    dict_sets(d, "version", str_c("3.11.0 (bits2gpt)"));
    dict_sets(d, "version_info", tuple_pack(5, MK_SMALL(3), MK_SMALL(11), MK_SMALL(0), str_c("final"), MK_SMALL(0)));
    dict_sets(d, "executable", str_c("python"));
    dict_sets(d, "exit", native_new("exit", sys_exit));
    dict_sets(d, "getrecursionlimit", native_new("getrecursionlimit", sys_getrecursionlimit));
    dict_sets(d, "setrecursionlimit", native_new("setrecursionlimit", sys_setrecursionlimit));
    dict_sets(d, "getsizeof", native_new("getsizeof", sys_getsizeof));
    dict_sets(d, "exc_info", native_new("exc_info", sys_exc_info));
    dict_sets(d, "intern", native_new("intern", sys_intern));
    dict_sets(d, "float_info", None);
}

/* ---- time ---- */
static Obj *t_time(int n, Obj **a, Obj *kw) { (void)n; (void)a; (void)kw; return float_new(port_time()); }
static Obj *t_perf(int n, Obj **a, Obj *kw) { (void)n; (void)a; (void)kw; return float_new(port_monotonic()); }
static Obj *t_perf_ns(int n, Obj **a, Obj *kw) { (void)n; (void)a; (void)kw; return int_from_ll((long long)(port_monotonic() * 1e9)); }
static Obj *t_time_ns(int n, Obj **a, Obj *kw) { (void)n; (void)a; (void)kw; return int_from_ll((long long)(port_time() * 1e9)); }
static Obj *t_sleep(int n, Obj **a, Obj *kw) { (void)kw; check_args("sleep", n, 1, 1); port_sleep(as_double(a[0])); return None; }
static Obj *t_strftime(int n, Obj **a, Obj *kw) {
    char buf[512];
    double t = n > 1 ? as_double(TUPLE(a[1])->items[8]) : port_time();
    (void)kw;
    if (n < 1 || TYPE(a[0]) != &StrType) py_raise_type(TypeError, "strftime() argument 1 must be str");
    port_strftime(buf, sizeof buf, CSTR(a[0]), t);
    return str_c(buf);
}
static Obj *t_localtime(int n, Obj **a, Obj *kw) {
    int f[8], i;
    double t = n > 0 && a[0] != None ? as_double(a[0]) : port_time();
    Obj *r = tuple_new(9);
    (void)kw;
    port_localtime(t, f);
    for (i = 0; i < 8; i++) TUPLE(r)->items[i] = MK_SMALL(f[i]);
    /* the last field keeps the timestamp so strftime(fmt, localtime(t)) works */
    TUPLE(r)->items[8] = float_new(t);
    return r;
}
static void fill_time(Obj *d) {
    dict_sets(d, "strftime", native_new("strftime", t_strftime));
    dict_sets(d, "localtime", native_new("localtime", t_localtime));
    dict_sets(d, "time", native_new("time", t_time));
    dict_sets(d, "perf_counter", native_new("perf_counter", t_perf));
    dict_sets(d, "monotonic", native_new("monotonic", t_perf));
    dict_sets(d, "process_time", native_new("process_time", t_perf));
    dict_sets(d, "perf_counter_ns", native_new("perf_counter_ns", t_perf_ns));
    dict_sets(d, "time_ns", native_new("time_ns", t_time_ns));
    dict_sets(d, "sleep", native_new("sleep", t_sleep));
}

/* ---- os and os.path ---- */
static void os_error(Obj *path) {
    Type *t = port_errno_is_noent() ? FileNotFoundError : OSError;
    py_raise(exc_new(t, tuple_pack(3, MK_SMALL(port_errno()), str_c(port_strerror()), path)));
}
static const char *path_arg(Obj *o) {
    if (TYPE(o) != &StrType) py_raise_type(TypeError, "expected str, bytes or os.PathLike object, not %s", type_name(o));
    return CSTR(o);
}
static Obj *os_listdir(int n, Obj **a, Obj *kw) {
    Obj *p = n ? a[0] : str_c("."), *l;
    (void)kw;
    l = port_listdir(path_arg(p));
    if (!l) os_error(p);
    return l;
}
static Obj *os_remove(int n, Obj **a, Obj *kw) { (void)kw; check_args("remove", n, 1, 1); if (port_remove(path_arg(a[0]))) os_error(a[0]); return None; }
static Obj *os_rename(int n, Obj **a, Obj *kw) { (void)kw; check_args("rename", n, 2, 2); if (port_rename(path_arg(a[0]), path_arg(a[1]))) os_error(a[0]); return None; }
static Obj *os_mkdir(int n, Obj **a, Obj *kw) { (void)kw; check_args("mkdir", n, 1, 2); if (port_mkdir(path_arg(a[0]))) os_error(a[0]); return None; }
static Obj *os_rmdir(int n, Obj **a, Obj *kw) { (void)kw; check_args("rmdir", n, 1, 1); if (port_rmdir(path_arg(a[0]))) os_error(a[0]); return None; }
static Obj *os_makedirs(int n, Obj **a, Obj *kw) {
    const char *p = path_arg(a[0]);
    Obj *ok = n > 1 ? a[1] : kwarg(kw, "exist_ok");
    char buf[4096];
    int i, len = (int)strlen(p);
    if (len >= (int)sizeof buf) py_raise_type(ValueError, "path too long");
    for (i = 1; i <= len; i++) {
        if (i == len || p[i] == '/') {
            memcpy(buf, p, i); buf[i] = 0;
            if (!port_is_dir(buf) && port_mkdir(buf)) os_error(a[0]);
        }
    }
    (void)ok;
    return None;
}
static Obj *os_getcwd(int n, Obj **a, Obj *kw) { (void)n; (void)a; (void)kw; return port_getcwd(); }
static Obj *os_getenv(int n, Obj **a, Obj *kw) {
    const char *v;
    (void)kw;
    check_args("getenv", n, 1, 2);
    v = port_getenv(path_arg(a[0]));
    return v ? str_c(v) : n > 1 ? a[1] : None;
}
static Obj *p_join(int n, Obj **a, Obj *kw) {
    Buf b;
    int i;
    (void)kw;
    buf_init(&b);
    for (i = 0; i < n; i++) {
        const char *s = path_arg(a[i]);
        if (s[0] == '/') b.len = 0;
        else if (b.len && b.s[b.len - 1] != '/') buf_addc(&b, '/');
        buf_adds(&b, s);
    }
    return buf_to_str(&b);
}
static Obj *p_exists(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return BOOL(TYPE(a[0]) == &StrType && port_exists(CSTR(a[0]))); }
static Obj *p_isdir(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return BOOL(TYPE(a[0]) == &StrType && port_is_dir(CSTR(a[0]))); }
static Obj *p_isfile(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return BOOL(TYPE(a[0]) == &StrType && port_exists(CSTR(a[0])) && !port_is_dir(CSTR(a[0]))); }
static Obj *p_split_impl(Obj *path) {
    const char *s = path_arg(path), *slash = strrchr(s, '/');
    int head;
    if (!slash) return tuple_pack(2, str_c(""), path);
    head = (int)(slash - s);
    {
        int h = head;
        while (h > 0 && s[h - 1] == '/') h--;
        if (h == 0) h = head ? 1 : 1;
        if (head == 0) h = 1;
        return tuple_pack(2, str_new(s, h), str_c(slash + 1));
    }
}
static Obj *p_split(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return p_split_impl(a[0]); }
static Obj *p_basename(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return TUPLE(p_split_impl(a[0]))->items[1]; }
static Obj *p_dirname(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return TUPLE(p_split_impl(a[0]))->items[0]; }
static Obj *p_splitext(int n, Obj **a, Obj *kw) {
    const char *s = path_arg(a[0]), *dot = strrchr(s, '.'), *slash = strrchr(s, '/');
    const char *base = slash ? slash + 1 : s;
    (void)n; (void)kw;
    if (!dot || dot < base) return tuple_pack(2, a[0], str_c(""));
    {
        const char *p = base;
        while (p < dot && *p == '.') p++;
        if (p == dot) return tuple_pack(2, a[0], str_c(""));
    }
    return tuple_pack(2, str_new(s, (int)(dot - s)), str_c(dot));
}
static Obj *p_abspath(int n, Obj **a, Obj *kw) {
    const char *s = path_arg(a[0]);
    (void)n; (void)kw;
    if (s[0] == '/') return a[0];
    return str_fmt("%s/%s", CSTR(port_getcwd()), s);
}
static Obj *p_isabs(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return BOOL(path_arg(a[0])[0] == '/'); }
static Obj *p_getsize(int n, Obj **a, Obj *kw) {
    int len;
    char *data;
    (void)n; (void)kw;
    data = port_read_file(path_arg(a[0]), &len);
    if (!data) os_error(a[0]);
    free(data);
    return MK_SMALL(len);
}

static void fill_path(Obj *d) {
    dict_sets(d, "join", native_new("join", p_join));
    dict_sets(d, "exists", native_new("exists", p_exists));
    dict_sets(d, "isdir", native_new("isdir", p_isdir));
    dict_sets(d, "isfile", native_new("isfile", p_isfile));
    dict_sets(d, "split", native_new("split", p_split));
    dict_sets(d, "basename", native_new("basename", p_basename));
    dict_sets(d, "dirname", native_new("dirname", p_dirname));
    dict_sets(d, "splitext", native_new("splitext", p_splitext));
    dict_sets(d, "abspath", native_new("abspath", p_abspath));
    dict_sets(d, "isabs", native_new("isabs", p_isabs));
    dict_sets(d, "getsize", native_new("getsize", p_getsize));
    dict_sets(d, "sep", str_c("/"));
}
static void fill_os(Obj *d) {
    Obj *path = native_module("os.path", fill_path);
    dict_sets(d, "path", path);
    dict_sets(d, "listdir", native_new("listdir", os_listdir));
    dict_sets(d, "remove", native_new("remove", os_remove));
    dict_sets(d, "unlink", native_new("unlink", os_remove));
    dict_sets(d, "rename", native_new("rename", os_rename));
    dict_sets(d, "replace", native_new("replace", os_rename));
    dict_sets(d, "mkdir", native_new("mkdir", os_mkdir));
    dict_sets(d, "makedirs", native_new("makedirs", os_makedirs));
    dict_sets(d, "rmdir", native_new("rmdir", os_rmdir));
    dict_sets(d, "getcwd", native_new("getcwd", os_getcwd));
    dict_sets(d, "getenv", native_new("getenv", os_getenv));
    dict_sets(d, "sep", str_c("/"));
    dict_sets(d, "linesep", str_c("\n"));
    dict_sets(d, "name", str_c("posix"));
    dict_sets(d, "environ", dict_new());
}

void sys_init(int argc, char **argv) {
    int i;
    sys_modules = dict_new(); gc_add_root(&sys_modules);
    sys_path = list_new(0); gc_add_root(&sys_path);
    sys_argv = list_new(0); gc_add_root(&sys_argv);
    for (i = 0; i < argc; i++) list_append(sys_argv, str_c(argv[i]));
    sys_stdout = file_std(1); gc_add_root(&sys_stdout);
    sys_stderr = file_std(2); gc_add_root(&sys_stderr);
    sys_stdin = file_std(0); gc_add_root(&sys_stdin);
    native_module("sys", fill_sys);
    native_module("time", fill_time);
    native_module("os", fill_os);
}
