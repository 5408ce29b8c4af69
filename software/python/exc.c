/* exc.c - raising and catching (setjmp/longjmp), the exception hierarchy,
 * and printing tracebacks the way CPython does.
 */
#include "py.h"
#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>

jmp_buf *cur_handler;
Obj *cur_exc;

Type *BaseException, *Exception, *TypeError, *ValueError, *KeyError, *IndexError, *AttributeError,
    *NameError, *UnboundLocalError, *ZeroDivisionError, *StopIteration, *RuntimeError, *RecursionError,
    *NotImplementedError, *AssertionError, *ImportError, *ModuleNotFoundError, *OverflowError,
    *MemoryError, *SyntaxError, *IndentationError, *OSError, *FileNotFoundError, *LookupError,
    *ArithmeticError, *KeyboardInterrupt, *SystemExit, *GeneratorExit, *UnicodeError, *EOFError,
    *StopAsyncIteration, *SystemError;
static Obj *exc_types;    /* keeps the built-in exception types alive */

void py_raise(Obj *exc) {
    cur_exc = exc;
    if (!cur_handler) {
        port_write(2, "fatal: exception with no handler\n", 33);
        print_exception(exc);
        port_exit(1);
    }
    longjmp(*cur_handler, 1);
}

void py_raise_type(Type *t, const char *fmt, ...) {
    va_list ap;
    char buf[1024];
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    py_raise(exc_new(t, tuple_pack(1, str_c(buf))));
}

Obj *py_try(void (*fn)(void *), void *arg) {
    jmp_buf jb, *saved = cur_handler;
    Frame *volatile f = cur_frame;
    volatile int depth = recursion_depth;
    cur_handler = &jb;
    if (setjmp(jb)) {
        Obj *e = cur_exc;
        cur_handler = saved;
        cur_frame = f;
        recursion_depth = depth;
        cur_exc = NULL;
        return e;
    }
    fn(arg);
    cur_handler = saved;
    return NULL;
}

Obj *exc_new(Type *t, Obj *args) {
    Exc *e = (Exc *)instance_new(t);
    e->args = args ? args : tuple_new(0);
    return (Obj *)e;
}

/* ---- exception objects ---- */
static Obj *exc_str(Obj *o) {
    Exc *e = (Exc *)o;
    Tuple *a = (Tuple *)e->args;
    if (isinstance(o, SyntaxError) && e->dict && a->len == 1) {
        Obj *fn = dict_gets(e->dict, "filename"), *ln = dict_gets(e->dict, "lineno");
        if (fn && ln) return str_fmt("%s (%s, line %s)", CSTR(to_str(a->items[0])), CSTR(to_str(fn)), CSTR(repr(ln)));
    }
    if (isinstance(o, KeyError) && a->len == 1) return repr(a->items[0]);
    if (a->len == 0) return str_c("");
    if (a->len == 1) return to_str(a->items[0]);
    return repr(e->args);
}
static Obj *exc_repr(Obj *o) {
    Exc *e = (Exc *)o;
    Tuple *a = (Tuple *)e->args;
    Buf b;
    int i;
    buf_init(&b);
    buf_adds(&b, TYPE(o)->name);
    buf_addc(&b, '(');
    for (i = 0; i < a->len; i++) { if (i) buf_adds(&b, ", "); buf_addobj(&b, repr(a->items[i])); }
    buf_addc(&b, ')');
    return buf_to_str(&b);
}
static Obj *exc_getattr(Obj *o, Obj *name) {
    Exc *e = (Exc *)o;
    const char *s = CSTR(name);
    Obj *v = generic_getattr(o, name);
    if (v) return v;
    if (!strcmp(s, "args")) return e->args;
    if (!strcmp(s, "__cause__")) return e->cause ? e->cause : None;
    if (!strcmp(s, "__context__")) return e->context ? e->context : None;
    if (!strcmp(s, "__suppress_context__")) return BOOL(e->suppress);
    if (!strcmp(s, "__traceback__")) return e->tb ? e->tb : None;
    if (!strcmp(s, "value") && isinstance(o, StopIteration)) return TUPLE(e->args)->len ? TUPLE(e->args)->items[0] : None;
    if (!strcmp(s, "code") && isinstance(o, SystemExit)) return TUPLE(e->args)->len == 1 ? TUPLE(e->args)->items[0] : TUPLE(e->args)->len ? e->args : None;
    if (isinstance(o, OSError)) {
        if (!strcmp(s, "errno")) return TUPLE(e->args)->len >= 2 ? TUPLE(e->args)->items[0] : None;
        if (!strcmp(s, "strerror")) return TUPLE(e->args)->len >= 2 ? TUPLE(e->args)->items[1] : None;
        if (!strcmp(s, "filename")) return TUPLE(e->args)->len >= 3 ? TUPLE(e->args)->items[2] : None;
    }
    if (isinstance(o, SyntaxError)) {
        if (!strcmp(s, "msg")) return TUPLE(e->args)->len ? TUPLE(e->args)->items[0] : None;
        if (!strcmp(s, "filename") || !strcmp(s, "lineno") || !strcmp(s, "offset") || !strcmp(s, "text")) return None;
    }
    if (isinstance(o, ImportError) && (!strcmp(s, "name") || !strcmp(s, "path"))) return None;
    if (isinstance(o, KeyError) || isinstance(o, AttributeError) || isinstance(o, NameError)) {
        if (!strcmp(s, "name") || !strcmp(s, "obj")) return None;
    }
    return NULL;
}
static void exc_setattr(Obj *o, Obj *name, Obj *v) {
    Exc *e = (Exc *)o;
    const char *s = CSTR(name);
    if (!strcmp(s, "args")) { e->args = seq_tuple(v); return; }
    if (!strcmp(s, "__cause__")) { e->cause = v == None ? NULL : v; e->suppress = 1; return; }
    if (!strcmp(s, "__context__")) { e->context = v == None ? NULL : v; return; }
    if (!strcmp(s, "__traceback__")) { e->tb = v == None ? NULL : v; return; }
    if (!strcmp(s, "__suppress_context__")) { e->suppress = truth(v); return; }
    generic_setattr(o, name, v);
}
static void exc_mark(Obj *o) {
    Exc *e = (Exc *)o;
    gc_mark(e->dict); gc_mark(e->args); gc_mark(e->tb); gc_mark(e->cause); gc_mark(e->context);
}
static Obj *exc_make(Type *t, int n, Obj **a, Obj *kw) {
    Obj *args = tuple_new(n);
    int i;
    (void)kw;
    for (i = 0; i < n; i++) TUPLE(args)->items[i] = a[i];
    return exc_new(t, args);
}
static Obj *e_init(int n, Obj **a, Obj *kw) {
    Obj *args = tuple_new(n - 1);
    int i;
    (void)kw;
    for (i = 1; i < n; i++) TUPLE(args)->items[i - 1] = a[i];
    ((Exc *)a[0])->args = args;
    return None;
}
static Obj *e_with_traceback(int n, Obj **a, Obj *kw) { (void)n; (void)kw; ((Exc *)a[0])->tb = a[1] == None ? NULL : a[1]; return a[0]; }
static Obj *e_str(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return exc_str(a[0]); }
static Obj *e_repr(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return exc_repr(a[0]); }
static Obj *e_add_note(int n, Obj **a, Obj *kw) { (void)n; (void)kw; (void)a; return None; }

Type *make_exc_type(const char *name, Type *base) {
    Type *t = gc_new(&TypeType, sizeof(Type));
    t->name = name;
    t->base = base;
    t->dict = dict_new();
    t->flags = TF_EXC | TF_HASDICT | TF_BASETYPE;
    t->inst_size = sizeof(Exc);
    t->dict_offset = offsetof(Exc, dict);
    t->repr = exc_repr; t->str = exc_str; t->getattr = exc_getattr; t->setattr = exc_setattr;
    t->mark = exc_mark; t->make = exc_make; t->hash = ObjectType.hash;
    if (base) {
        t->bases = tuple_pack(1, (Obj *)base);
        {
            Obj *l = list_new(0);
            int i;
            list_append(l, (Obj *)t);
            for (i = 0; i < TUPLE(base->mro)->len; i++) list_append(l, TUPLE(base->mro)->items[i]);
            t->mro = seq_tuple(l);
        }
    }
    list_append(exc_types, (Obj *)t);
    return t;
}

/* ---- printing ---- */
static void write_str(Obj *s) { port_write(2, CSTR(s), STR(s)->len); }
static void write_c(const char *s) { port_write(2, s, (int)strlen(s)); }

static void print_source_line(Obj *filename, int line, int *indent_out) {
    int len, cur = 1, i = 0;
    char *src = port_read_file(CSTR(filename), &len);
    if (indent_out) *indent_out = 0;
    if (!src) return;
    while (i < len && cur < line) { if (src[i] == '\n') cur++; i++; }
    if (cur == line && i < len) {
        int j = i, e;
        while (j < len && (src[j] == ' ' || src[j] == '\t')) j++;
        e = j;
        while (e < len && src[e] != '\n' && src[e] != '\r') e++;
        while (e > j && (src[e - 1] == ' ' || src[e - 1] == '\t')) e--;
        if (indent_out) *indent_out = j - i;
        if (e > j) { write_c("    "); port_write(2, src + j, e - j); write_c("\n"); }
    }
    free(src);
}

static void print_one(Obj *exc) {
    Exc *e = (Exc *)exc;
    Type *t = TYPE(exc);
    Obj *msg;
    Obj *err = NULL;
    if (e->tb && LIST(e->tb)->len) {
        int i;
        write_c("Traceback (most recent call last):\n");
        for (i = LIST(e->tb)->len - 1; i >= 0; i--) {
            Tuple *entry = (Tuple *)LIST(e->tb)->items[i];
            write_c("  File \""); write_str(entry->items[0]); write_c("\", line ");
            write_str(repr(entry->items[1])); write_c(", in "); write_str(entry->items[2]); write_c("\n");
            print_source_line(entry->items[0], (int)SMALL_VAL(entry->items[1]), NULL);
        }
    }
    if (isinstance(exc, SyntaxError) && e->dict) {
        Obj *fn = dict_gets(e->dict, "filename"), *ln = dict_gets(e->dict, "lineno");
        Obj *text = dict_gets(e->dict, "text"), *off = dict_gets(e->dict, "offset");
        if (fn && ln) {
            write_c("  File \""); write_str(fn); write_c("\", line "); write_str(repr(ln)); write_c("\n");
            if (text && TYPE(text) == &StrType) {
                const char *s = CSTR(text);
                int start = 0, end = STR(text)->len, col = off && IS_SMALL(off) ? (int)SMALL_VAL(off) : 0, k;
                while (start < end && (s[start] == ' ' || s[start] == '\t' || s[start] == '\f')) start++;
                while (end > start && (s[end - 1] == '\n' || s[end - 1] == '\r' || s[end - 1] == ' ')) end--;
                write_c("    "); port_write(2, s + start, end - start); write_c("\n");
                col -= start;
                if (col < 1) col = 1;
                if (col > end - start + 1) col = end - start + 1;
                write_c("    ");
                for (k = 1; k < col; k++) write_c(" ");
                write_c("^\n");
            }
        }
    }
    {
        Obj *mod = (t->flags & TF_USER) ? dict_gets(t->dict, "__module__") : NULL;
        if (mod && TYPE(mod) == &StrType && strcmp(CSTR(mod), "__main__") && strcmp(CSTR(mod), "builtins")) {
            write_str(mod); write_c(".");
        }
    }
    write_c(t->name);
    {
        struct { Obj *e; Obj *r; } ctx;
        (void)ctx;
    }
    msg = NULL;
    {
        static Obj *tmp_exc, *tmp_msg;
        extern void exc_msg_body(void *);
        tmp_exc = exc;
        (void)tmp_msg;
        err = py_try(exc_msg_body, &tmp_exc);
        if (!err) msg = tmp_exc;
    }
    if (err) write_c(": <exception str() failed>");
    else if (STR(msg)->len) { write_c(": "); write_str(msg); }
    write_c("\n");
}

void exc_msg_body(void *p) {
    Obj **slot = (Obj **)p;
    Obj *e = *slot;
    if (isinstance(e, SyntaxError) && TUPLE(((Exc *)e)->args)->len) *slot = to_str(TUPLE(((Exc *)e)->args)->items[0]);
    else *slot = to_str(e);
}

static void print_chain(Obj *exc, int depth) {
    Exc *e = (Exc *)exc;
    if (depth < 20) {
        if (e->cause) {
            print_chain(e->cause, depth + 1);
            write_c("\nThe above exception was the direct cause of the following exception:\n\n");
        } else if (e->context && !e->suppress) {
            print_chain(e->context, depth + 1);
            write_c("\nDuring handling of the above exception, another exception occurred:\n\n");
        }
    }
    print_one(exc);
}

void print_exception(Obj *exc) {
    port_flush();
    if (!isinstance(exc, BaseException)) { write_c("error: non-exception raised\n"); return; }
    print_chain(exc, 0);
}

void exc_init(void) {
    exc_types = list_new(0);
    gc_add_root(&exc_types);
    BaseException = make_exc_type("BaseException", &ObjectType);
    add_method(BaseException, "__init__", e_init);
    add_method(BaseException, "with_traceback", e_with_traceback);
    add_method(BaseException, "__str__", e_str);
    add_method(BaseException, "__repr__", e_repr);
    add_method(BaseException, "add_note", e_add_note);
    SystemExit = make_exc_type("SystemExit", BaseException);
    KeyboardInterrupt = make_exc_type("KeyboardInterrupt", BaseException);
    GeneratorExit = make_exc_type("GeneratorExit", BaseException);
    Exception = make_exc_type("Exception", BaseException);
    StopIteration = make_exc_type("StopIteration", Exception);
    StopAsyncIteration = make_exc_type("StopAsyncIteration", Exception);
    ArithmeticError = make_exc_type("ArithmeticError", Exception);
    OverflowError = make_exc_type("OverflowError", ArithmeticError);
    ZeroDivisionError = make_exc_type("ZeroDivisionError", ArithmeticError);
    make_exc_type("FloatingPointError", ArithmeticError);
    AssertionError = make_exc_type("AssertionError", Exception);
    AttributeError = make_exc_type("AttributeError", Exception);
    make_exc_type("BufferError", Exception);
    EOFError = make_exc_type("EOFError", Exception);
    ImportError = make_exc_type("ImportError", Exception);
    ModuleNotFoundError = make_exc_type("ModuleNotFoundError", ImportError);
    LookupError = make_exc_type("LookupError", Exception);
    IndexError = make_exc_type("IndexError", LookupError);
    KeyError = make_exc_type("KeyError", LookupError);
    MemoryError = make_exc_type("MemoryError", Exception);
    NameError = make_exc_type("NameError", Exception);
    UnboundLocalError = make_exc_type("UnboundLocalError", NameError);
    OSError = make_exc_type("OSError", Exception);
    FileNotFoundError = make_exc_type("FileNotFoundError", OSError);
    make_exc_type("FileExistsError", OSError);
    make_exc_type("PermissionError", OSError);
    make_exc_type("IsADirectoryError", OSError);
    make_exc_type("NotADirectoryError", OSError);
    make_exc_type("TimeoutError", OSError);
    RuntimeError = make_exc_type("RuntimeError", Exception);
    NotImplementedError = make_exc_type("NotImplementedError", RuntimeError);
    RecursionError = make_exc_type("RecursionError", RuntimeError);
    SyntaxError = make_exc_type("SyntaxError", Exception);
    IndentationError = make_exc_type("IndentationError", SyntaxError);
    make_exc_type("TabError", IndentationError);
    SystemError = make_exc_type("SystemError", Exception);
    TypeError = make_exc_type("TypeError", Exception);
    ValueError = make_exc_type("ValueError", Exception);
    UnicodeError = make_exc_type("UnicodeError", ValueError);
    make_exc_type("UnicodeDecodeError", UnicodeError);
    make_exc_type("UnicodeEncodeError", UnicodeError);
    make_exc_type("Warning", Exception);
    make_exc_type("UserWarning", (Type *)LIST(exc_types)->items[LIST(exc_types)->len - 1]);
    make_exc_type("DeprecationWarning", (Type *)LIST(exc_types)->items[LIST(exc_types)->len - 2]);
    make_exc_type("RuntimeWarning", (Type *)LIST(exc_types)->items[LIST(exc_types)->len - 3]);
}

/* builtins module gets every exception type by name */
void exc_export(Obj *builtins) {
    int i;
    for (i = 0; i < LIST(exc_types)->len; i++) {
        Type *t = (Type *)LIST(exc_types)->items[i];
        dict_sets(builtins, t->name, (Obj *)t);
    }
    dict_sets(builtins, "IOError", (Obj *)OSError);
    dict_sets(builtins, "EnvironmentError", (Obj *)OSError);
}

/* syntax errors carry file, line, offset and the source line */
void syntax_error(Obj *filename, const char *src, int line, int col, const char *msg) {
    Obj *e;
    const char *p = src;
    int cur = 1;
    extern void ast_free_all(void);
    int indent = 0;
    (void)indent;
    while (*p && cur < line) { if (*p == '\n') cur++; p++; }
    {
        const char *q = p;
        while (*q && *q != '\n') q++;
        e = exc_new(strstr(msg, "indent") ? IndentationError : SyntaxError, tuple_pack(1, str_c(msg)));
        ((Exc *)e)->dict = dict_new();
        dict_sets(((Exc *)e)->dict, "filename", filename);
        dict_sets(((Exc *)e)->dict, "lineno", MK_SMALL(line));
        dict_sets(((Exc *)e)->dict, "offset", MK_SMALL(col));
        dict_sets(((Exc *)e)->dict, "text", str_new(p, (int)(q - p)));
        dict_sets(((Exc *)e)->dict, "msg", str_c(msg));
    }
    ast_free_all();
    gc_inhibit = 0;
    py_raise(e);
}
