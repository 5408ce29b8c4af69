/* mod_struct.c - struct (pack/unpack of C values) and array (typed
 * buffers 'b' 'B' 'h' 'H' 'i' 'I' 'l' 'L' 'q' 'Q' 'f' 'd' whose raw
 * memory C code can use directly through array_buffer()).
 */
#include "py.h"
#include <stdio.h>

/* ---- element codecs shared by struct and array ---- */
static int code_size(char c) {
    switch (c) {
    case 'b': case 'B': case 'c': case '?': case 'x': case 's': return 1;
    case 'h': case 'H': return 2;
    case 'i': case 'I': case 'l': case 'L': case 'f': return 4;
    case 'q': case 'Q': case 'd': return 8;
    }
    return 0;
}

static void put_uint(unsigned char *p, unsigned long long v, int size, int little) {
    int i;
    for (i = 0; i < size; i++) p[little ? i : size - 1 - i] = (unsigned char)(v >> (8 * i));
}
static unsigned long long get_uint(const unsigned char *p, int size, int little) {
    unsigned long long v = 0;
    int i;
    for (i = 0; i < size; i++) v |= (unsigned long long)p[little ? i : size - 1 - i] << (8 * i);
    return v;
}

static Type *struct_error;

static void pack_one_ex(unsigned char *p, char c, Obj *v, int little, int in_struct) {
    int size = code_size(c);
    if (c == 'f' || c == 'd') {
        double d = as_double(v);
        if (c == 'f') { float f = (float)d; uint32_t u; memcpy(&u, &f, 4); put_uint(p, u, 4, little); }
        else { uint64_t u; memcpy(&u, &d, 8); put_uint(p, u, 8, little); }
        return;
    }
    if (c == '?') { *p = (unsigned char)truth(v); return; }
    if (c == 'c') {
        if (TYPE(v) != &BytesType || ((Bytes *)v)->len != 1) py_raise_type(TypeError, "char format requires a bytes object of length 1");
        *p = ((Bytes *)v)->s[0];
        return;
    }
    {
        long long x;
        int is_signed = c == 'b' || c == 'h' || c == 'i' || c == 'l' || c == 'q';
        if (!is_int(v)) py_raise_type(TypeError, "required argument is not an integer");
        if (!int_to_ll(v, &x)) {
            if (c == 'Q' && int_sign(v) > 0) {
                Obj *hi = int_binop(OP_RSHIFT, v, MK_SMALL(32)), *lo = int_binop(OP_AND, v, int_from_ll(0xffffffffLL));
                long long h, l;
                int_to_ll(hi, &h); int_to_ll(lo, &l);
                put_uint(p, ((unsigned long long)h << 32) | (unsigned long long)l, 8, little);
                return;
            }
            py_raise_type(OverflowError, "int too large to convert");
        }
        if (size < 8) {
            long long lo = is_signed ? -(1LL << (size * 8 - 1)) : 0;
            long long hi = is_signed ? (1LL << (size * 8 - 1)) - 1 : (1LL << (size * 8)) - 1;
            if (x < lo || x > hi) {
                if (in_struct) {
                    if (c == 'b' || c == 'B' || c == 'h' || c == 'H')
                        py_raise_type(struct_error, "%s format requires %lld <= number <= %lld",
                                      c == 'b' ? "byte" : c == 'B' ? "ubyte" : c == 'h' ? "short" : "ushort", lo, hi);
                    py_raise_type(struct_error, "'%c' format requires %lld <= number <= %lld", c, lo, hi);
                }
                if (c == 'b' || c == 'B') py_raise_type(OverflowError, is_signed ? "signed char is greater than maximum" : "unsigned byte integer is greater than maximum");
                py_raise_type(OverflowError, "argument out of range");
            }
        } else if (!is_signed && x < 0) py_raise_type(OverflowError, "argument out of range");
        put_uint(p, (unsigned long long)x, size, little);
    }
}

static void pack_one(unsigned char *p, char c, Obj *v, int little) { pack_one_ex(p, c, v, little, 0); }

static Obj *unpack_one(const unsigned char *p, char c, int little) {
    int size = code_size(c);
    unsigned long long u = get_uint(p, size, little);
    switch (c) {
    case 'f': { uint32_t w = (uint32_t)u; float f; memcpy(&f, &w, 4); return float_new(f); }
    case 'd': { double d; memcpy(&d, &u, 8); return float_new(d); }
    case '?': return BOOL(u != 0);
    case 'c': return bytes_new(p, 1);
    case 'b': return MK_SMALL((signed char)u);
    case 'h': return MK_SMALL((int16_t)u);
    case 'i': case 'l': return int_from_ll((int32_t)u);
    case 'q': return int_from_ll((long long)u);
    case 'Q':
        if (u > 0x7fffffffffffffffULL)
            return int_binop(OP_ADD, int_binop(OP_LSHIFT, int_from_ll((long long)(u >> 32)), MK_SMALL(32)), int_from_ll((long long)(u & 0xffffffffULL)));
        return int_from_ll((long long)u);
    default: return int_from_ll((long long)u);
    }
}

/* ---- struct ---- */
typedef struct { char code; int count; } Item;

static int parse_fmt(Obj *fmt, Item *items, int max, int *little, int *total) {
    const char *s;
    int n = 0, i = 0;
    if (TYPE(fmt) == &BytesType) fmt = str_new((char *)((Bytes *)fmt)->s, ((Bytes *)fmt)->len);
    if (TYPE(fmt) != &StrType) py_raise_type(TypeError, "Struct() argument 1 must be a str or bytes object, not %s", type_name(fmt));
    s = CSTR(fmt);
    *little = 1; *total = 0;
    if (s[0] && strchr("<>!=@", s[0])) { *little = s[0] == '<' || s[0] == '=' || s[0] == '@'; i = 1; }
    while (s[i]) {
        int count = 0, has = 0;
        if (s[i] == ' ') { i++; continue; }
        while (s[i] >= '0' && s[i] <= '9') { count = count * 10 + (s[i++] - '0'); has = 1; }
        if (!has) count = 1;
        if (!code_size(s[i])) py_raise_type(struct_error, "bad char in struct format");
        if (n >= max) py_raise_type(ValueError, "struct format too long");
        items[n].code = s[i]; items[n].count = count;
        *total += code_size(s[i]) * count;
        n++; i++;
    }
    return n;
}

static int count_values(Item *items, int n) {
    int i, c = 0;
    for (i = 0; i < n; i++) c += items[i].code == 's' ? 1 : items[i].code == 'x' ? 0 : items[i].count;
    return c;
}

static Obj *st_calcsize(int n, Obj **a, Obj *kw) {
    Item items[64];
    int little, total;
    (void)n; (void)kw;
    parse_fmt(a[0], items, 64, &little, &total);
    return MK_SMALL(total);
}
static Obj *st_pack(int n, Obj **a, Obj *kw) {
    Item items[64];
    int little, total, ni, i, k, vi = 1;
    Obj *r;
    unsigned char *p;
    (void)kw;
    if (n < 1) py_raise_type(TypeError, "pack expected at least 1 argument");
    ni = parse_fmt(a[0], items, 64, &little, &total);
    if (count_values(items, ni) != n - 1)
        py_raise_type(struct_error, "pack expected %d items for packing (got %d)", count_values(items, ni), n - 1);
    r = bytes_new(NULL, total);
    p = ((Bytes *)r)->s;
    for (i = 0; i < ni; i++) {
        char c = items[i].code;
        if (c == 'x') { p += items[i].count; continue; }
        if (c == 's') {
            Obj *v = a[vi++];
            int len;
            if (TYPE(v) != &BytesType) py_raise_type(TypeError, "argument for 's' must be a bytes object");
            len = ((Bytes *)v)->len < items[i].count ? ((Bytes *)v)->len : items[i].count;
            memcpy(p, ((Bytes *)v)->s, len);
            p += items[i].count;
            continue;
        }
        for (k = 0; k < items[i].count; k++) { pack_one_ex(p, c, a[vi++], little, 1); p += code_size(c); }
    }
    return r;
}
static Obj *unpack_from(Obj *fmt, const unsigned char *p, int len, int exact) {
    Item items[64];
    int little, total, ni, i, k;
    Obj *l = list_new(0);
    ni = parse_fmt(fmt, items, 64, &little, &total);
    if ((exact && len != total) || len < total)
        py_raise_type(struct_error, "unpack requires a buffer of %d bytes", total);
    for (i = 0; i < ni; i++) {
        char c = items[i].code;
        if (c == 'x') { p += items[i].count; continue; }
        if (c == 's') { list_append(l, bytes_new(p, items[i].count)); p += items[i].count; continue; }
        for (k = 0; k < items[i].count; k++) { list_append(l, unpack_one(p, c, little)); p += code_size(c); }
    }
    return seq_tuple(l);
}

static Obj *st_unpack(int n, Obj **a, Obj *kw) {
    const unsigned char *p;
    int len;
    (void)kw;
    check_args("unpack", n, 2, 2);
    byte_view(a[1], &p, &len);
    return unpack_from(a[0], p, len, 1);
}
static Obj *st_unpack_from(int n, Obj **a, Obj *kw) {
    const unsigned char *p;
    int len;
    long off = n > 2 ? as_long(a[2]) : kwarg(kw, "offset") ? as_long(kwarg(kw, "offset")) : 0;
    byte_view(a[1], &p, &len);
    if (off < 0 || off > len) py_raise_type(ValueError, "offset out of range");
    return unpack_from(a[0], p + off, len - (int)off, 0);
}

static void fill_struct(Obj *d) {
    dict_sets(d, "pack", native_new("pack", st_pack));
    dict_sets(d, "unpack", native_new("unpack", st_unpack));
    dict_sets(d, "unpack_from", native_new("unpack_from", st_unpack_from));
    dict_sets(d, "calcsize", native_new("calcsize", st_calcsize));
    struct_error = make_exc_type("error", Exception);
    dict_sets(struct_error->dict, "__module__", str_c("struct"));
    dict_sets(d, "error", (Obj *)struct_error);
}

/* ---- array ---- */
typedef struct { Obj h; char code; int itemsize; int len, cap; unsigned char *data; } Array;
Type ArrayType = {{&TypeType}, "array", 0};

static void array_release(Obj *o) { gc_free(((Array *)o)->data); }

/* C code (e.g. an accelerator binding) gets the raw buffer with this */
void *array_buffer(Obj *o, int *len, char *code) {
    Array *a = (Array *)o;
    if (TYPE(o) != &ArrayType) return NULL;
    if (len) *len = a->len;
    if (code) *code = a->code;
    return a->data;
}

/* bytes, bytearray or array.array as raw bytes; TypeError otherwise */
void byte_view(Obj *o, const unsigned char **p, int *len) {
    if (TYPE(o) == &BytesType) { *p = ((Bytes *)o)->s; *len = ((Bytes *)o)->len; return; }
    if (TYPE(o) == &ByteArrayType) { *p = ((ByteArray *)o)->s; *len = ((ByteArray *)o)->len; return; }
    if (TYPE(o) == &ArrayType) { *p = ((Array *)o)->data; *len = ((Array *)o)->len * ((Array *)o)->itemsize; return; }
    py_raise_type(TypeError, "a bytes-like object is required, not '%s'", type_name(o));
}

static void array_reserve(Array *a, int n) {
    if (n > a->cap) {
        int cap = a->cap ? a->cap * 2 : 8;
        if (cap < n) cap = n;
        a->data = gc_realloc(a->data, (size_t)cap * a->itemsize);
        a->cap = cap;
    }
}
static Obj *array_get(Array *a, int i) { return unpack_one(a->data + (size_t)i * a->itemsize, a->code, 1); }
static void array_put(Array *a, int i, Obj *v) {
    if (a->code != 'f' && a->code != 'd' && !is_int(v)) py_raise_type(TypeError, "'%s' object cannot be interpreted as an integer", type_name(v));
    pack_one(a->data + (size_t)i * a->itemsize, a->code, v, 1);
}
static void array_append_v(Array *a, Obj *v) { array_reserve(a, a->len + 1); a->len++; array_put(a, a->len - 1, v); }

static Obj *array_new(char code, int n) {
    Array *a = gc_new(&ArrayType, sizeof(Array));
    a->code = code;
    a->itemsize = code_size(code);
    array_reserve(a, n > 0 ? n : 1);
    memset(a->data, 0, (size_t)a->cap * a->itemsize);
    a->len = n;
    return (Obj *)a;
}

static void array_extend_iter(Array *a, Obj *src) {
    if (TYPE(src) == &ArrayType && ((Array *)src)->code == a->code) {
        Array *b = (Array *)src;
        int n = b->len;
        array_reserve(a, a->len + n);
        memcpy(a->data + (size_t)a->len * a->itemsize, b->data, (size_t)n * a->itemsize);
        a->len += n;
        return;
    }
    if (TYPE(src) == &ListType) {
        int i, n = LIST(src)->len;
        array_reserve(a, a->len + n);
        for (i = 0; i < n; i++) { a->len++; array_put(a, a->len - 1, LIST(src)->items[i]); }
        return;
    }
    {
        Obj *it = get_iter(src), *v;
        while ((v = iter_next(it)) != NULL) array_append_v(a, v);
    }
}

static Obj *array_make(Type *t, int n, Obj **args, Obj *kw) {
    Obj *tc;
    char code;
    Array *a;
    (void)t; (void)kw;
    check_args("array", n, 1, 2);
    tc = args[0];
    if (TYPE(tc) != &StrType || STR(tc)->len != 1 || !strchr("bBhHiIlLqQfd", CSTR(tc)[0]))
        py_raise_type(ValueError, "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
    code = CSTR(tc)[0];
    a = (Array *)array_new(code, 0);
    if (n > 1) {
        Obj *src = args[1];
        if (TYPE(src) == &BytesType || TYPE(src) == &ByteArrayType) {
            const unsigned char *p;
            int len;
            byte_view(src, &p, &len);
            if (len % a->itemsize) py_raise_type(ValueError, "bytes length not a multiple of item size");
            array_reserve(a, len / a->itemsize);
            memcpy(a->data, p, len);
            a->len = len / a->itemsize;
        } else if (TYPE(src) == &StrType) py_raise_type(TypeError, "cannot use a str to initialize an array with typecode '%c'", code);
        else array_extend_iter(a, src);
    }
    return (Obj *)a;
}

static Obj *array_repr(Obj *o) {
    Array *a = (Array *)o;
    Obj *l;
    int i;
    if (a->len == 0) return str_fmt("array('%c')", a->code);
    l = list_new(a->len);
    for (i = 0; i < a->len; i++) LIST(l)->items[i] = array_get(a, i);
    return str_fmt("array('%c', %s)", a->code, CSTR(repr(l)));
}
static intptr_t array_len(Obj *o) { return ((Array *)o)->len; }
static Obj *array_getitem(Obj *o, Obj *k) {
    Array *a = (Array *)o;
    if (TYPE(k) == &SliceType) {
        intptr_t start, stop, step, count, i;
        Array *r;
        slice_indices(k, a->len, &start, &stop, &step, &count);
        r = (Array *)array_new(a->code, (int)count);
        for (i = 0; i < count; i++) memcpy(r->data + i * a->itemsize, a->data + (start + i * step) * a->itemsize, a->itemsize);
        return (Obj *)r;
    }
    return array_get(a, (int)norm_index(index_of(k), a->len, "array"));
}
static void array_setitem(Obj *o, Obj *k, Obj *v) {
    Array *a = (Array *)o;
    if (TYPE(k) == &SliceType) {
        intptr_t start, stop, step, count, i;
        Obj *src;
        slice_indices(k, a->len, &start, &stop, &step, &count);
        if (!v) py_raise_type(TypeError, "array slice deletion is not supported");
        src = list_from_iter(v);
        if (LIST(src)->len != count) py_raise_type(ValueError, "attempt to assign array of size %d to slice of size %d", LIST(src)->len, (int)count);
        for (i = 0; i < count; i++) array_put(a, (int)(start + i * step), LIST(src)->items[i]);
        return;
    }
    {
        intptr_t i = norm_index(index_of(k), a->len, "array assignment");
        if (!v) { memmove(a->data + i * a->itemsize, a->data + (i + 1) * a->itemsize, (a->len - i - 1) * a->itemsize); a->len--; return; }
        array_put(a, (int)i, v);
    }
}
static Obj *array_iter(Obj *o) {
    Iter *it = gc_new(&SeqIterType, sizeof(Iter));
    it->a = o;
    return (Obj *)it;
}
static Obj *array_compare(int op, Obj *a, Obj *b) {
    Obj *x, *y;
    if (TYPE(a) != &ArrayType || TYPE(b) != &ArrayType) return NULL;
    x = list_from_iter(a); y = list_from_iter(b);
    return compare(op, x, y);
}
static Obj *array_binop(int op, Obj *a, Obj *b) {
    op &= 0xff;
    if (op == OP_ADD && TYPE(a) == &ArrayType && TYPE(b) == &ArrayType) {
        Array *r;
        if (((Array *)a)->code != ((Array *)b)->code) py_raise_type(TypeError, "bad argument type for built-in operation");
        r = (Array *)array_new(((Array *)a)->code, 0);
        array_extend_iter(r, a); array_extend_iter(r, b);
        return (Obj *)r;
    }
    if (op == OP_MUL && TYPE(a) == &ArrayType && is_int(b)) {
        Array *r = (Array *)array_new(((Array *)a)->code, 0);
        long k = as_long(b), i;
        for (i = 0; i < k; i++) array_extend_iter(r, a);
        return (Obj *)r;
    }
    return NULL;
}
static Obj *am_append(int n, Obj **a, Obj *kw) { (void)kw; check_args("append", n, 2, 2); array_append_v((Array *)a[0], a[1]); return None; }
static Obj *am_extend(int n, Obj **a, Obj *kw) { (void)kw; check_args("extend", n, 2, 2); array_extend_iter((Array *)a[0], a[1]); return None; }
static Obj *am_tolist(int n, Obj **a, Obj *kw) {
    Array *ar = (Array *)a[0];
    Obj *l = list_new(ar->len);
    int i;
    (void)n; (void)kw;
    for (i = 0; i < ar->len; i++) LIST(l)->items[i] = array_get(ar, i);
    return l;
}
static Obj *am_tobytes(int n, Obj **a, Obj *kw) { Array *ar = (Array *)a[0]; (void)n; (void)kw; return bytes_new(ar->data, ar->len * ar->itemsize); }
static Obj *am_frombytes(int n, Obj **a, Obj *kw) {
    Array *ar = (Array *)a[0];
    const unsigned char *p;
    int len;
    (void)n; (void)kw;
    byte_view(a[1], &p, &len);
    if (len % ar->itemsize) py_raise_type(ValueError, "bytes length not a multiple of item size");
    array_reserve(ar, ar->len + len / ar->itemsize);
    memcpy(ar->data + (size_t)ar->len * ar->itemsize, p, len);
    ar->len += len / ar->itemsize;
    return None;
}
static Obj *am_pop(int n, Obj **a, Obj *kw) {
    Array *ar = (Array *)a[0];
    intptr_t i = n > 1 ? index_of(a[1]) : -1;
    Obj *v;
    (void)kw;
    if (!ar->len) py_raise_type(IndexError, "pop from empty array");
    i = norm_index(i, ar->len, "pop");
    v = array_get(ar, (int)i);
    memmove(ar->data + i * ar->itemsize, ar->data + (i + 1) * ar->itemsize, (ar->len - i - 1) * ar->itemsize);
    ar->len--;
    return v;
}
static Obj *array_getattr(Obj *o, Obj *name) {
    Array *a = (Array *)o;
    if (!strcmp(CSTR(name), "typecode")) return str_new(&a->code, 1);
    if (!strcmp(CSTR(name), "itemsize")) return MK_SMALL(a->itemsize);
    return generic_getattr(o, name);
}

static void fill_array(Obj *d) {
    dict_sets(d, "array", (Obj *)&ArrayType);
    dict_sets(d, "typecodes", str_c("bBhHiIlLqQfd"));
}

void buffer_init(void) {
    ArrayType.release = array_release; ArrayType.make = array_make; ArrayType.repr = array_repr;
    ArrayType.len = array_len; ArrayType.getitem = array_getitem; ArrayType.setitem = array_setitem;
    ArrayType.iter = array_iter; ArrayType.compare = array_compare; ArrayType.binop = array_binop;
    ArrayType.getattr = array_getattr;
    type_ready(&ArrayType);
    add_method(&ArrayType, "append", am_append); add_method(&ArrayType, "extend", am_extend);
    add_method(&ArrayType, "tolist", am_tolist); add_method(&ArrayType, "tobytes", am_tobytes);
    add_method(&ArrayType, "frombytes", am_frombytes); add_method(&ArrayType, "pop", am_pop);
    native_module("struct", fill_struct);
    native_module("array", fill_array);
}
