/* builtins.c - the builtins module: print, len, sorted, min/max, ... */
#include "py.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

Obj *builtins_dict;
extern int file_std_fd(Obj *o);
extern Obj *calliter_new(Obj *f, Obj *sentinel);

static Obj *b_print(int n, Obj **a, Obj *kw) {
    Obj *sep = kwarg(kw, "sep"), *end = kwarg(kw, "end"), *file = kwarg(kw, "file"), *flush = kwarg(kw, "flush");
    Buf b;
    int i, fd;
    if (!file || file == None) {
        /* honour a replaced sys.stdout */
        Obj *sys = dict_gets(sys_modules, "sys");
        file = sys ? dict_gets(((Module *)sys)->dict, "stdout") : NULL;
        if (!file) file = sys_stdout;
    }
    if (sep == None) sep = NULL;
    if (end == None) end = NULL;
    if (sep && TYPE(sep) != &StrType) py_raise_type(TypeError, "sep must be None or a string, not %s", type_name(sep));
    if (end && TYPE(end) != &StrType) py_raise_type(TypeError, "end must be None or a string, not %s", type_name(end));
    buf_init(&b);
    for (i = 0; i < n; i++) {
        if (i) { if (sep) buf_addobj(&b, sep); else buf_addc(&b, ' '); }
        buf_addobj(&b, to_str(a[i]));
    }
    if (end) buf_addobj(&b, end); else buf_addc(&b, '\n');
    fd = file_std_fd(file);
    if (fd >= 0) { port_write(fd, b.s, b.len); buf_free(&b); }
    else { Obj *text = buf_to_str(&b); call_method(file, "write", 1, &text); }
    if (flush && truth(flush)) port_flush();
    return None;
}

static Obj *b_len(int n, Obj **a, Obj *kw) { (void)kw; check_args("len", n, 1, 1); return int_from_ll(length(a[0])); }
static Obj *b_repr(int n, Obj **a, Obj *kw) { (void)kw; check_args("repr", n, 1, 1); return repr(a[0]); }
static Obj *b_ascii(int n, Obj **a, Obj *kw) {
    Obj *r;
    Buf b;
    int p = 0;
    (void)kw; check_args("ascii", n, 1, 1);
    r = repr(a[0]);
    buf_init(&b);
    while (p < STR(r)->len) {
        int c = utf8_decode((unsigned char *)CSTR(r), STR(r)->len, &p);
        char tmp[16];
        if (c < 128) buf_addc(&b, (char)c);
        else { snprintf(tmp, sizeof tmp, c < 256 ? "\\x%02x" : c < 65536 ? "\\u%04x" : "\\U%08x", c); buf_adds(&b, tmp); }
    }
    return buf_to_str(&b);
}
static Obj *b_id(int n, Obj **a, Obj *kw) { (void)kw; check_args("id", n, 1, 1); return int_from_ll((long long)(uintptr_t)a[0]); }
static Obj *b_hash(int n, Obj **a, Obj *kw) { (void)kw; check_args("hash", n, 1, 1); return int_from_ll(hash(a[0])); }
static Obj *b_abs(int n, Obj **a, Obj *kw) {
    Obj *x;
    (void)kw; check_args("abs", n, 1, 1);
    x = a[0];
    if (is_int(x)) return int_sign(x) < 0 ? unary_neg(x) : int_norm(x);
    if (TYPE(x) == &FloatType) return float_new(fabs(((Float *)x)->v));
    if (TYPE(x)->flags & TF_USER) { Obj *m = type_lookup_s(TYPE(x), "__abs__"); if (m) return call1(m, x); }
    py_raise_type(TypeError, "bad operand type for abs(): '%s'", type_name(x));
    return NULL;
}
static Obj *b_callable(int n, Obj **a, Obj *kw) {
    Type *t;
    (void)kw; check_args("callable", n, 1, 1);
    t = TYPE(a[0]);
    return BOOL(t == &FuncType || t == &NativeType || t == &MethodType || t == &TypeType || t->call);
}
static Obj *b_isinstance(int n, Obj **a, Obj *kw) {
    Obj *c;
    int i;
    (void)kw; check_args("isinstance", n, 2, 2);
    c = a[1];
    if (TYPE(c) == &TupleType) {
        for (i = 0; i < TUPLE(c)->len; i++) { Obj *args[2]; args[0] = a[0]; args[1] = TUPLE(c)->items[i]; if (b_isinstance(2, args, NULL) == True) return True; }
        return False;
    }
    if (TYPE(c) != &TypeType) py_raise_type(TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
    if (c == (Obj *)&IntType && TYPE(a[0]) == &BoolType) return True;
    return BOOL(isinstance(a[0], (Type *)c));
}
static Obj *b_issubclass(int n, Obj **a, Obj *kw) {
    Obj *c;
    int i;
    (void)kw; check_args("issubclass", n, 2, 2);
    if (TYPE(a[0]) != &TypeType) py_raise_type(TypeError, "issubclass() arg 1 must be a class");
    c = a[1];
    if (TYPE(c) == &TupleType) {
        for (i = 0; i < TUPLE(c)->len; i++) if (TYPE(TUPLE(c)->items[i]) == &TypeType && is_subtype((Type *)a[0], (Type *)TUPLE(c)->items[i])) return True;
        return False;
    }
    if (TYPE(c) != &TypeType) py_raise_type(TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    if ((Type *)a[0] == &BoolType && c == (Obj *)&IntType) return True;
    return BOOL(is_subtype((Type *)a[0], (Type *)c));
}
static Obj *b_getattr(int n, Obj **a, Obj *kw) {
    Obj *v;
    (void)kw; check_args("getattr", n, 2, 3);
    if (TYPE(a[1]) != &StrType) py_raise_type(TypeError, "attribute name must be string, not '%s'", type_name(a[1]));
    if (n == 2) return getattr(a[0], a[1]);
    {
        /* missing attributes, and AttributeError raised by properties, give the default */
        static Obj *target, *name, *result;
        extern void getattr_try_body(void *);
        Obj *e;
        Obj *st = target, *sn = name;
        (void)result;
        target = a[0]; name = a[1];
        {
            Obj *pair[3];
            pair[0] = a[0]; pair[1] = a[1]; pair[2] = NULL;
            e = py_try(getattr_try_body, pair);
            target = st; name = sn;
            if (e) { if (isinstance(e, AttributeError)) return a[2]; py_raise(e); }
            v = pair[2];
        }
    }
    return v ? v : a[2];
}
void getattr_try_body(void *p) { Obj **pair = (Obj **)p; pair[2] = getattr_opt(pair[0], pair[1]); }
static Obj *b_hasattr(int n, Obj **a, Obj *kw) {
    Obj *pair[3], *e;
    (void)kw; check_args("hasattr", n, 2, 2);
    if (TYPE(a[1]) != &StrType) py_raise_type(TypeError, "attribute name must be string, not '%s'", type_name(a[1]));
    pair[0] = a[0]; pair[1] = a[1]; pair[2] = NULL;
    e = py_try(getattr_try_body, pair);
    if (e) { if (isinstance(e, AttributeError)) return False; py_raise(e); }
    return BOOL(pair[2] != NULL);
}
static Obj *b_setattr(int n, Obj **a, Obj *kw) {
    (void)kw; check_args("setattr", n, 3, 3);
    if (TYPE(a[1]) != &StrType) py_raise_type(TypeError, "attribute name must be string, not '%s'", type_name(a[1]));
    setattr(a[0], str_intern_obj(a[1]), a[2]);
    return None;
}
static Obj *b_delattr(int n, Obj **a, Obj *kw) { (void)kw; check_args("delattr", n, 2, 2); setattr(a[0], a[1], NULL); return None; }
static Obj *b_iter(int n, Obj **a, Obj *kw) {
    (void)kw; check_args("iter", n, 1, 2);
    if (n == 2) return calliter_new(a[0], a[1]);
    return get_iter(a[0]);
}
static Obj *b_next(int n, Obj **a, Obj *kw) {
    Obj *v;
    (void)kw; check_args("next", n, 1, 2);
    if (!TYPE(a[0])->next) py_raise_type(TypeError, "'%s' object is not an iterator", type_name(a[0]));
    if (TYPE(a[0]) == &GenType) {
        /* a generator's return value travels in StopIteration */
        int done;
        v = gen_send(a[0], None, &done);
        if (!done) return v;
        if (n == 2) return a[1];
        py_raise(exc_new(StopIteration, v == None ? NULL : tuple_pack(1, v)));
    }
    v = iter_next(a[0]);
    if (v) return v;
    if (n == 2) return a[1];
    if (TYPE(a[0]) == &GenType) {
        /* the generator's return value travels in StopIteration */
    }
    py_raise(exc_new(StopIteration, NULL));
    return NULL;
}
static Obj *b_sorted(int n, Obj **a, Obj *kw) {
    Obj *l, *rev = kwarg(kw, "reverse");
    check_args("sorted", n, 1, 1);
    l = list_from_iter(a[0]);
    list_sort(l, kwarg(kw, "key"), rev && truth(rev));
    return l;
}
static Obj *minmax(int n, Obj **a, Obj *kw, int op, const char *name) {
    Obj *key = kwarg(kw, "key"), *dflt = kwarg(kw, "default"), *best = NULL, *bestk = NULL, *it, *v;
    if (n == 0) py_raise_type(TypeError, "%s expected at least 1 argument, got 0", name);
    if (key == None) key = NULL;
    if (n == 1) it = get_iter(a[0]);
    else {
        Obj *t = tuple_new(n);
        memcpy(TUPLE(t)->items, a, n * sizeof(Obj *));
        it = get_iter(t);
    }
    while ((v = iter_next(it)) != NULL) {
        Obj *k = key ? call1(key, v) : v;
        if (!best || truth(compare(op, k, bestk))) { best = v; bestk = k; }
    }
    if (!best) {
        if (dflt) return dflt;
        py_raise_type(ValueError, "%s() arg is an empty sequence", name);
    }
    return best;
}
static Obj *b_min(int n, Obj **a, Obj *kw) { return minmax(n, a, kw, CMP_LT, "min"); }
static Obj *b_max(int n, Obj **a, Obj *kw) { return minmax(n, a, kw, CMP_GT, "max"); }
static Obj *b_sum(int n, Obj **a, Obj *kw) {
    Obj *total = n > 1 ? a[1] : kwarg(kw, "start"), *it, *v;
    check_args("sum", n, 1, 2);
    if (!total) total = MK_SMALL(0);
    if (TYPE(total) == &StrType) py_raise_type(TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    it = get_iter(a[0]);
    while ((v = iter_next(it)) != NULL) {
        if (IS_SMALL(total) && IS_SMALL(v)) {
            long s = SMALL_VAL(total) + SMALL_VAL(v);
            if (s >= SMALL_MIN && s <= SMALL_MAX) { total = MK_SMALL(s); continue; }
        }
        if (TYPE(total) == &FloatType && TYPE(v) == &FloatType) { total = float_new(((Float *)total)->v + ((Float *)v)->v); continue; }
        total = binop(OP_ADD, total, v);
    }
    return total;
}
static Obj *b_any(int n, Obj **a, Obj *kw) {
    Obj *it, *v;
    (void)kw; check_args("any", n, 1, 1);
    it = get_iter(a[0]);
    while ((v = iter_next(it)) != NULL) if (truth(v)) return True;
    return False;
}
static Obj *b_all(int n, Obj **a, Obj *kw) {
    Obj *it, *v;
    (void)kw; check_args("all", n, 1, 1);
    it = get_iter(a[0]);
    while ((v = iter_next(it)) != NULL) if (!truth(v)) return False;
    return True;
}
static Obj *b_divmod(int n, Obj **a, Obj *kw) {
    (void)kw; check_args("divmod", n, 2, 2);
    if ((TYPE(a[0])->flags & TF_USER)) { Obj *m = type_lookup_s(TYPE(a[0]), "__divmod__"); if (m) return call2(m, a[0], a[1]); }
    return tuple_pack(2, binop(OP_FLOORDIV, a[0], a[1]), binop(OP_MOD, a[0], a[1]));
}
static Obj *b_pow(int n, Obj **a, Obj *kw) {
    (void)kw; check_args("pow", n, 2, 3);
    if (n == 3 && a[2] != None) {
        Obj *base = a[0], *e = a[1], *m = a[2], *r = MK_SMALL(1);
        if (!is_int(base) || !is_int(e) || !is_int(m)) py_raise_type(TypeError, "pow() 3rd argument not allowed unless all arguments are integers");
        if (int_sign(m) == 0) py_raise_type(ValueError, "pow() 3rd argument cannot be 0");
        if (int_sign(e) < 0) py_raise_type(ValueError, "base is not invertible for the given modulus");
        base = binop(OP_MOD, base, m);
        while (int_sign(e) > 0) {
            if (truth(binop(OP_AND, e, MK_SMALL(1)))) r = binop(OP_MOD, binop(OP_MUL, r, base), m);
            e = binop(OP_RSHIFT, e, MK_SMALL(1));
            base = binop(OP_MOD, binop(OP_MUL, base, base), m);
        }
        return r;
    }
    return binop(OP_POW, a[0], a[1]);
}
static Obj *b_round(int n, Obj **a, Obj *kw) {
    Obj *x, *nd = n > 1 ? a[1] : kwarg(kw, "ndigits");
    check_args("round", n, 1, 2);
    x = a[0];
    if (nd == None) nd = NULL;
    if (TYPE(x)->flags & TF_USER) { Obj *m = type_lookup_s(TYPE(x), "__round__"); if (m) return nd ? call2(m, x, nd) : call1(m, x); }
    if (is_int(x)) {
        long d;
        Obj *p, *q, *r;
        if (!nd) return int_norm(x);
        d = as_long(nd);
        if (d >= 0) return int_norm(x);
        p = binop(OP_POW, MK_SMALL(10), MK_SMALL(-d));
        q = binop(OP_FLOORDIV, x, p);
        r = binop(OP_SUB, x, binop(OP_MUL, q, p));
        /* round half to even */
        {
            Obj *twice = binop(OP_MUL, r, MK_SMALL(2));
            int c = int_cmp(twice, p);
            if (c > 0 || (c == 0 && truth(binop(OP_AND, q, MK_SMALL(1))))) q = binop(OP_ADD, q, MK_SMALL(1));
        }
        return binop(OP_MUL, q, p);
    }
    if (TYPE(x) == &FloatType) {
        double v = ((Float *)x)->v, r;
        if (!nd) {
            if (isnan(v)) py_raise_type(ValueError, "cannot convert float NaN to integer");
            if (isinf(v)) py_raise_type(OverflowError, "cannot convert float infinity to integer");
            r = floor(v + 0.5);
            if (r - v == 0.5 && fmod(r, 2) != 0) r -= 1;
            return int_from_double(r);
        }
        {
            long d = as_long(nd);
            char buf[64];
            if (isnan(v) || isinf(v) || d > 300) return x;
            if (d < -308) return float_new(0.0 * v);
            if (d >= 0) {
                /* correctly rounded via decimal string formatting */
                snprintf(buf, sizeof buf, "%.*f", (int)d, v);
                return float_new(strtod(buf, NULL));
            }
            {
                double p = pow(10.0, (double)-d), y = v / p, z = floor(y + 0.5);
                if (z - y == 0.5 && fmod(z, 2) != 0) z -= 1;
                return float_new(z * p);
            }
        }
    }
    py_raise_type(TypeError, "type %s doesn't define __round__ method", type_name(x));
    return NULL;
}
static Obj *b_chr(int n, Obj **a, Obj *kw) {
    long c;
    char u[4];
    (void)kw; check_args("chr", n, 1, 1);
    c = as_long(a[0]);
    if (c < 0 || c > 0x10ffff) py_raise_type(ValueError, "chr() arg not in range(0x110000)");
    return str_new(u, utf8_encode((unsigned)c, u));
}
static Obj *b_ord(int n, Obj **a, Obj *kw) {
    Obj *s;
    int p = 0;
    (void)kw; check_args("ord", n, 1, 1);
    s = a[0];
    if (TYPE(s) == &BytesType || TYPE(s) == &ByteArrayType) {
        int len = TYPE(s) == &BytesType ? ((Bytes *)s)->len : ((ByteArray *)s)->len;
        if (len != 1) py_raise_type(TypeError, "ord() expected a character, but string of length %d found", len);
        return MK_SMALL(TYPE(s) == &BytesType ? ((Bytes *)s)->s[0] : ((ByteArray *)s)->s[0]);
    }
    if (TYPE(s) != &StrType) py_raise_type(TypeError, "ord() expected string of length 1, but %s found", type_name(s));
    if (STR(s)->clen != 1) py_raise_type(TypeError, "ord() expected a character, but string of length %d found", STR(s)->clen);
    return MK_SMALL(utf8_decode((unsigned char *)CSTR(s), STR(s)->len, &p));
}
static Obj *radix(Obj *x, int base, const char *prefix) {
    Obj *v = x;
    if (!is_int(v)) v = int_from_ll(index_of(x));
    if (int_sign(v) < 0) return str_concat(str_c("-"), str_concat(str_c(prefix), int_to_str(unary_neg(v), base)));
    return str_concat(str_c(prefix), int_to_str(v, base));
}
static Obj *b_hex(int n, Obj **a, Obj *kw) { (void)kw; check_args("hex", n, 1, 1); return radix(a[0], 16, "0x"); }
static Obj *b_bin(int n, Obj **a, Obj *kw) { (void)kw; check_args("bin", n, 1, 1); return radix(a[0], 2, "0b"); }
static Obj *b_oct(int n, Obj **a, Obj *kw) { (void)kw; check_args("oct", n, 1, 1); return radix(a[0], 8, "0o"); }
static Obj *b_format(int n, Obj **a, Obj *kw) { (void)kw; check_args("format", n, 1, 2); return str_format_spec(a[0], n > 1 ? a[1] : str_c("")); }
static Obj *b_input(int n, Obj **a, Obj *kw) {
    char buf[65536];
    int r;
    (void)kw;
    if (n > 0) { Obj *p = to_str(a[0]); port_write(1, CSTR(p), STR(p)->len); }
    port_flush();
    r = port_readline(buf, sizeof buf);
    if (r < 0) py_raise(exc_new(EOFError, tuple_pack(1, str_c("EOF when reading a line"))));
    if (r > 0 && buf[r - 1] == '\n') r--;
    return str_new(buf, r);
}
static Obj *b_globals(int n, Obj **a, Obj *kw) { (void)n; (void)a; (void)kw; return cur_frame ? cur_frame->globals : None; }
static Obj *b_locals(int n, Obj **a, Obj *kw) {
    Frame *f = cur_frame;
    Obj *d;
    int i;
    (void)n; (void)a; (void)kw;
    if (!f) return None;
    if (f->locals) return f->locals;
    d = dict_new();
    for (i = 0; i < f->code->nlocals; i++) if (f->fast[i]) dict_set(d, TUPLE(f->code->varnames)->items[i], f->fast[i]);
    for (i = 0; i < f->code->ncells; i++) if (((Cell *)f->fast[f->code->nlocals + i])->v) dict_set(d, TUPLE(f->code->cellnames)->items[i], ((Cell *)f->fast[f->code->nlocals + i])->v);
    return d;
}
static Obj *b_vars(int n, Obj **a, Obj *kw) {
    if (n == 0) return b_locals(0, a, kw);
    return getattr_s(a[0], "__dict__");
}
static Obj *b_dir(int n, Obj **a, Obj *kw) {
    Obj *l = list_new(0), *seen = dict_new();
    int i, j;
    if (n == 0) {
        Obj *d = b_locals(0, a, kw);
        for (i = 0; i < DICT(d)->n; i++) if (DICT(d)->e[i].key) list_append(l, DICT(d)->e[i].key);
    } else {
        Obj *o = a[0];
        Obj *dicts[64];
        int nd = 0;
        if (TYPE(o) == &ModuleType) dicts[nd++] = ((Module *)o)->dict;
        else {
            Type *t = TYPE(o) == &TypeType ? (Type *)o : TYPE(o);
            if ((TYPE(o)->flags & TF_HASDICT) && INST_DICT(o) && TYPE(o) != &TypeType) dicts[nd++] = INST_DICT(o);
            for (i = 0; i < TUPLE(t->mro)->len && nd < 64; i++) dicts[nd++] = ((Type *)TUPLE(t->mro)->items[i])->dict;
        }
        for (j = 0; j < nd; j++) {
            if (!dicts[j]) continue;
            for (i = 0; i < DICT(dicts[j])->n; i++) {
                Obj *k = DICT(dicts[j])->e[i].key;
                if (k && !dict_get(seen, k)) { dict_set(seen, k, True); list_append(l, k); }
            }
        }
    }
    list_sort(l, NULL, 0);
    return l;
}

static Obj *exec_eval(int n, Obj **a, Obj *kw, int mode) {
    Obj *src, *globals = n > 1 ? a[1] : kwarg(kw, "globals"), *locals = n > 2 ? a[2] : kwarg(kw, "locals");
    Code *code;
    if (n < 1) py_raise_type(TypeError, "%s() missing required argument", mode == MODE_EVAL ? "eval" : "exec");
    src = a[0];
    if (globals == None) globals = NULL;
    if (locals == None) locals = NULL;
    if (!globals) {
        globals = cur_frame ? cur_frame->globals : dict_new();
        if (!locals && cur_frame) locals = cur_frame->locals ? cur_frame->locals : b_locals(0, a, kw);
    }
    if (!dict_gets(globals, "__builtins__")) dict_sets(globals, "__builtins__", builtins_dict);
    if (TYPE(src) == &CodeType) code = (Code *)src;
    else {
        if (TYPE(src) == &BytesType) src = str_new((char *)((Bytes *)src)->s, ((Bytes *)src)->len);
        if (TYPE(src) != &StrType) py_raise_type(TypeError, "%s() arg 1 must be a string, bytes or code object", mode == MODE_EVAL ? "eval" : "exec");
        code = compile_source(CSTR(src), STR(src)->len, str_c("<string>"), mode);
    }
    {
        Obj *r = run_code(code, globals, locals && locals != globals ? locals : (mode == MODE_EVAL ? locals : locals));
        return mode == MODE_EVAL ? r : None;
    }
}
static Obj *b_exec(int n, Obj **a, Obj *kw) { return exec_eval(n, a, kw, MODE_EXEC); }
static Obj *b_eval(int n, Obj **a, Obj *kw) { return exec_eval(n, a, kw, MODE_EVAL); }
static Obj *b_compile(int n, Obj **a, Obj *kw) {
    Obj *src = a[0], *fn = n > 1 ? a[1] : str_c("<string>"), *mode = n > 2 ? a[2] : kwarg(kw, "mode");
    (void)kw;
    return (Obj *)compile_source(CSTR(src), STR(src)->len, fn, mode && !strcmp(CSTR(mode), "eval") ? MODE_EVAL : MODE_EXEC);
}
static Obj *b_import(int n, Obj **a, Obj *kw) {
    Obj *fromlist = n > 3 ? a[3] : kwarg(kw, "fromlist");
    (void)kw;
    check_args("__import__", n, 1, 5);
    return import_module(a[0], n > 1 ? a[1] : NULL, fromlist ? fromlist : None, n > 4 ? (int)as_long(a[4]) : 0);
}
static Obj *b_exit(int n, Obj **a, Obj *kw) {
    (void)kw;
    py_raise(exc_new(SystemExit, n ? tuple_pack(1, a[0]) : NULL));
    return None;
}

Obj *native_module(const char *name, void (*fill)(Obj *dict)) {
    Obj *m = module_new(str_intern(name));
    fill(((Module *)m)->dict);
    dict_set(sys_modules, str_intern(name), m);
    return m;
}

void builtins_init(void) {
    Obj *d;
    extern void exc_export(Obj *);
    extern void file_init(void);
    struct { const char *name; NativeFn fn; } fns[] = {
        {"print", b_print}, {"len", b_len}, {"repr", b_repr}, {"ascii", b_ascii}, {"id", b_id}, {"hash", b_hash},
        {"abs", b_abs}, {"callable", b_callable}, {"isinstance", b_isinstance}, {"issubclass", b_issubclass},
        {"getattr", b_getattr}, {"hasattr", b_hasattr}, {"setattr", b_setattr}, {"delattr", b_delattr},
        {"iter", b_iter}, {"next", b_next}, {"sorted", b_sorted}, {"min", b_min}, {"max", b_max},
        {"sum", b_sum}, {"any", b_any}, {"all", b_all}, {"divmod", b_divmod}, {"pow", b_pow},
        {"round", b_round}, {"chr", b_chr}, {"ord", b_ord}, {"hex", b_hex}, {"bin", b_bin}, {"oct", b_oct},
        {"format", b_format}, {"input", b_input}, {"globals", b_globals}, {"locals", b_locals},
        {"vars", b_vars}, {"dir", b_dir}, {"exec", b_exec}, {"eval", b_eval}, {"compile", b_compile},
        {"__import__", b_import}, {"exit", b_exit}, {"quit", b_exit}, {NULL, NULL}};
    Type *types[] = {&ObjectType, &TypeType, &IntType, &BoolType, &FloatType, &StrType, &BytesType,
        &ByteArrayType, &ListType, &TupleType, &DictType, &SetType, &FrozenSetType, &RangeType, &SliceType,
        &PropertyType, &StaticMethodType, &ClassMethodType, &SuperType, &EnumerateType, &ZipType, &MapType,
        &FilterType, &ReversedType, NULL};
    int i;
    builtins_dict = d = dict_new();
    gc_add_root(&builtins_dict);
    for (i = 0; fns[i].name; i++) dict_sets(d, fns[i].name, native_new(fns[i].name, fns[i].fn));
    for (i = 0; types[i]; i++) dict_sets(d, types[i]->name, (Obj *)types[i]);
    dict_sets(d, "None", None);
    dict_sets(d, "True", True);
    dict_sets(d, "False", False);
    dict_sets(d, "NotImplemented", &NotImplObj);
    dict_sets(d, "Ellipsis", &EllipsisObj);
    dict_sets(d, "__debug__", True);
    exc_export(d);
    file_init();
}
