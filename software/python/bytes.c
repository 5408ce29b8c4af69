/* bytes.c - immutable bytes and mutable bytearray */
#include "py.h"
#include <stdio.h>

Obj *bytes_new(const void *s, int len) {
    Bytes *b = gc_new(&BytesType, sizeof(Bytes) + len);
    b->hash = -1;
    b->len = len;
    if (s) memcpy(b->s, s, len); else memset(b->s, 0, len);
    b->s[len] = 0;
    return (Obj *)b;
}
Obj *bytearray_new(const void *s, int len) {
    ByteArray *b = gc_new(&ByteArrayType, sizeof(ByteArray));
    b->cap = len < 8 ? 8 : len;
    b->s = gc_malloc(b->cap);
    if (s) memcpy(b->s, s, len); else memset(b->s, 0, len);
    b->len = len;
    return (Obj *)b;
}
static void ba_release(Obj *o) { gc_free(((ByteArray *)o)->s); }

/* uniform view of bytes-like objects */
static int bview(Obj *o, unsigned char **s, int *len) {
    *s = NULL; *len = 0;
    if (TYPE(o) == &BytesType) { *s = ((Bytes *)o)->s; *len = ((Bytes *)o)->len; return 1; }
    if (TYPE(o) == &ByteArrayType) { *s = ((ByteArray *)o)->s; *len = ((ByteArray *)o)->len; return 1; }
    return 0;
}

Obj *bytes_repr(const unsigned char *s, int len, const char *prefix) {
    Buf b;
    int i, sq = 0, dq = 0;
    char q;
    for (i = 0; i < len; i++) { if (s[i] == '\'') sq = 1; if (s[i] == '"') dq = 1; }
    q = sq && !dq ? '"' : '\'';
    buf_init(&b);
    buf_adds(&b, prefix);
    buf_addc(&b, q);
    for (i = 0; i < len; i++) {
        unsigned char c = s[i];
        char tmp[8];
        if (c == q || c == '\\') { buf_addc(&b, '\\'); buf_addc(&b, (char)c); }
        else if (c == '\n') buf_adds(&b, "\\n");
        else if (c == '\r') buf_adds(&b, "\\r");
        else if (c == '\t') buf_adds(&b, "\\t");
        else if (c < 32 || c >= 127) { snprintf(tmp, sizeof tmp, "\\x%02x", c); buf_adds(&b, tmp); }
        else buf_addc(&b, (char)c);
    }
    buf_addc(&b, q);
    return buf_to_str(&b);
}
static Obj *b_repr(Obj *o) { return bytes_repr(((Bytes *)o)->s, ((Bytes *)o)->len, "b"); }
static Obj *ba_repr(Obj *o) {
    Obj *inner = bytes_repr(((ByteArray *)o)->s, ((ByteArray *)o)->len, "b");
    return str_fmt("bytearray(%s)", CSTR(inner));
}
static intptr_t b_len(Obj *o) { unsigned char *s; int n; bview(o, &s, &n); return n; }
static intptr_t b_hash(Obj *o) {
    Bytes *b = (Bytes *)o;
    if (b->hash == -1) {
        uintptr_t h = 2166136261u;
        int i;
        for (i = 0; i < b->len; i++) h = (h ^ b->s[i]) * 16777619u;
        b->hash = (intptr_t)(h >> 2);
    }
    return b->hash;
}
static Obj *b_getitem(Obj *o, Obj *k) {
    unsigned char *s;
    int n;
    bview(o, &s, &n);
    if (TYPE(k) == &SliceType) {
        intptr_t start, stop, step, count, i;
        Obj *r;
        slice_indices(k, n, &start, &stop, &step, &count);
        r = TYPE(o) == &BytesType ? bytes_new(NULL, (int)count) : bytearray_new(NULL, (int)count);
        {
            unsigned char *d; int dn;
            bview(r, &d, &dn);
            for (i = 0; i < count; i++) d[i] = s[start + i * step];
        }
        return r;
    }
    return MK_SMALL(s[norm_index(index_of(k), n, TYPE(o) == &BytesType ? "index" : "bytearray")]);
}
static void ba_setitem(Obj *o, Obj *k, Obj *v) {
    ByteArray *b = (ByteArray *)o;
    if (TYPE(k) == &SliceType) {
        intptr_t start, stop, step, count;
        unsigned char *src;
        int sn;
        Obj *tmp = NULL;
        slice_indices(k, b->len, &start, &stop, &step, &count);
        if (!v) { v = bytes_new(NULL, 0); }
        if (!bview(v, &src, &sn)) { Obj *a[1]; a[0] = v; tmp = call((Obj *)&BytesType, 1, a, NULL); bview(tmp, &src, &sn); }
        if (step != 1) py_raise_type(ValueError, "extended slice assignment not supported for bytearray");
        {
            int old = stop > start ? (int)(stop - start) : 0, nl = b->len - old + sn;
            if (nl > b->cap) { b->cap = nl * 2; b->s = gc_realloc(b->s, b->cap); }
            memmove(b->s + start + sn, b->s + start + old, b->len - start - old);
            memcpy(b->s + start, src, sn);
            b->len = nl;
        }
        return;
    }
    {
        intptr_t i = norm_index(index_of(k), b->len, "bytearray index");
        long val;
        if (!v) { memmove(b->s + i, b->s + i + 1, b->len - i - 1); b->len--; return; }
        val = as_long(v);
        if (val < 0 || val > 255) py_raise_type(ValueError, "byte must be in range(0, 256)");
        b->s[i] = (unsigned char)val;
    }
}
static int b_contains(Obj *o, Obj *x) {
    unsigned char *s, *t;
    int n, tn, i;
    bview(o, &s, &n);
    if (is_int(x)) { long v = as_long(x); for (i = 0; i < n; i++) if (s[i] == v) return 1; return 0; }
    if (!bview(x, &t, &tn)) py_raise_type(TypeError, "a bytes-like object is required, not '%s'", type_name(x));
    for (i = 0; i + tn <= n; i++) if (!memcmp(s + i, t, tn)) return 1;
    return 0;
}
static Obj *b_binop(int op, Obj *a, Obj *b) {
    unsigned char *x, *y;
    int xn, yn;
    op &= 0xff;
    if (op == OP_ADD && bview(a, &x, &xn) && bview(b, &y, &yn)) {
        Obj *r = TYPE(a) == &BytesType ? bytes_new(NULL, xn + yn) : bytearray_new(NULL, xn + yn);
        unsigned char *d; int dn;
        bview(r, &d, &dn);
        memcpy(d, x, xn); memcpy(d + xn, y, yn);
        return r;
    }
    if (op == OP_MUL && (bview(a, &x, &xn) || bview(b, &x, &xn))) {
        Obj *src = bview(a, &x, &xn) ? a : b, *k = src == a ? b : a, *r;
        long n, i;
        unsigned char *d; int dn;
        if (!is_int(k)) return NULL;
        bview(src, &x, &xn);
        n = as_long(k); if (n < 0) n = 0;
        r = TYPE(src) == &BytesType ? bytes_new(NULL, (int)(xn * n)) : bytearray_new(NULL, (int)(xn * n));
        bview(r, &d, &dn);
        for (i = 0; i < n; i++) memcpy(d + i * xn, x, xn);
        return r;
    }
    if (op == OP_ADD && bview(a, &x, &xn) && TYPE(b) == &StrType)
        py_raise_type(TypeError, "can't concat str to %s", type_name(a));
    if (op == OP_MOD && TYPE(a) == &BytesType) {
        Obj *s = str_percent(str_new((char *)((Bytes *)a)->s, ((Bytes *)a)->len), b);
        return bytes_new(CSTR(s), STR(s)->len);
    }
    return NULL;
}
static Obj *b_compare(int op, Obj *a, Obj *b) {
    unsigned char *x, *y;
    int xn, yn, c, n;
    if (!bview(a, &x, &xn) || !bview(b, &y, &yn)) return NULL;
    n = xn < yn ? xn : yn;
    c = memcmp(x, y, n);
    if (c == 0) c = xn < yn ? -1 : xn > yn;
    switch (op) {
    case CMP_LT: return BOOL(c < 0); case CMP_LE: return BOOL(c <= 0);
    case CMP_EQ: return BOOL(c == 0); case CMP_NE: return BOOL(c != 0);
    case CMP_GT: return BOOL(c > 0); case CMP_GE: return BOOL(c >= 0);
    }
    return NULL;
}
static Obj *b_iter(Obj *o) {
    Iter *it = gc_new(&SeqIterType, sizeof(Iter));
    it->a = o;
    return (Obj *)it;
}
static Obj *fill_from(Obj *src, int mutable_) {
    unsigned char *s;
    int n;
    if (bview(src, &s, &n)) return mutable_ ? bytearray_new(s, n) : bytes_new(s, n);
    if (TYPE(src) == &StrType) py_raise_type(TypeError, "string argument without an encoding");
    if (is_int(src)) {
        long k = as_long(src);
        if (k < 0) py_raise_type(ValueError, "negative count");
        return mutable_ ? bytearray_new(NULL, (int)k) : bytes_new(NULL, (int)k);
    }
    {
        Obj *l = list_from_iter(src), *r;
        int i;
        unsigned char *d; int dn;
        r = mutable_ ? bytearray_new(NULL, LIST(l)->len) : bytes_new(NULL, LIST(l)->len);
        bview(r, &d, &dn);
        for (i = 0; i < LIST(l)->len; i++) {
            long v = as_long(LIST(l)->items[i]);
            if (v < 0 || v > 255) py_raise_type(ValueError, "bytes must be in range(0, 256)");
            d[i] = (unsigned char)v;
        }
        return r;
    }
}
static Obj *bytes_make(Type *t, int n, Obj **a, Obj *kw) {
    (void)kw;
    if (n == 0) return t == &BytesType ? bytes_new(NULL, 0) : bytearray_new(NULL, 0);
    if (TYPE(a[0]) == &StrType && (n > 1 || kw)) {
        return t == &BytesType ? bytes_new(CSTR(a[0]), STR(a[0])->len) : bytearray_new(CSTR(a[0]), STR(a[0])->len);
    }
    if (TYPE(a[0])->flags & TF_USER) {
        Obj *m = type_lookup_s(TYPE(a[0]), "__bytes__");
        if (m) return call1(m, a[0]);
    }
    return fill_from(a[0], t == &ByteArrayType);
}

static Obj *bm_decode(int n, Obj **a, Obj *kw) {
    unsigned char *s;
    int len;
    (void)n; (void)kw;
    bview(a[0], &s, &len);
    {
        /* validate UTF-8 */
        int i = 0;
        while (i < len) {
            unsigned char c = s[i];
            int need = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3 : -1, k;
            if (need < 0 || i + need >= len + (need ? 0 : 1)) {
                Obj *errors = n > 2 ? a[2] : kwarg(kw, "errors");
                if (errors && !strcmp(CSTR(errors), "ignore")) { i++; continue; }
                py_raise_type(UnicodeError, "'utf-8' codec can't decode byte 0x%02x in position %d: invalid start byte", c, i);
            }
            for (k = 1; k <= need; k++) if ((s[i + k] & 0xc0) != 0x80) py_raise_type(UnicodeError, "'utf-8' codec can't decode byte 0x%02x in position %d: invalid continuation byte", c, i);
            i += need + 1;
        }
    }
    return str_new((char *)s, len);
}
static Obj *bm_hex(int n, Obj **a, Obj *kw) {
    unsigned char *s;
    int len, i;
    Buf b;
    (void)n; (void)kw;
    bview(a[0], &s, &len);
    buf_init(&b);
    for (i = 0; i < len; i++) { char t[3]; snprintf(t, 3, "%02x", s[i]); buf_add(&b, t, 2); }
    return buf_to_str(&b);
}
static Obj *bm_fromhex(int n, Obj **a, Obj *kw) {
    Obj *s = a[n - 1];
    Buf b;
    int i = 0;
    (void)kw;
    buf_init(&b);
    while (i < STR(s)->len) {
        unsigned v;
        char c = CSTR(s)[i];
        if (c == ' ') { i++; continue; }
        if (sscanf(CSTR(s) + i, "%2x", &v) != 1 || i + 1 >= STR(s)->len) { buf_free(&b); py_raise_type(ValueError, "non-hexadecimal number found in fromhex() arg at position %d", i); }
        buf_addc(&b, (char)v);
        i += 2;
    }
    {
        Obj *r = bytes_new(b.s, b.len);
        buf_free(&b);
        return r;
    }
}
static Obj *bm_join(int n, Obj **a, Obj *kw) {
    Obj *l = list_from_iter(a[1]);
    Buf b;
    int i;
    unsigned char *sep, *s;
    int sn, len;
    (void)n; (void)kw;
    bview(a[0], &sep, &sn);
    buf_init(&b);
    for (i = 0; i < LIST(l)->len; i++) {
        if (!bview(LIST(l)->items[i], &s, &len)) { buf_free(&b); py_raise_type(TypeError, "sequence item %d: expected a bytes-like object, %s found", i, type_name(LIST(l)->items[i])); }
        if (i) buf_add(&b, (char *)sep, sn);
        buf_add(&b, (char *)s, len);
    }
    {
        Obj *r = TYPE(a[0]) == &BytesType ? bytes_new(b.s, b.len) : bytearray_new(b.s, b.len);
        buf_free(&b);
        return r;
    }
}
/* the remaining methods reuse str's by round-tripping through latin-1-like str */
static Obj *via_str(Obj *self, const char *name, int n, Obj **a, Obj *kw) {
    unsigned char *s;
    int len, i;
    Obj *args[8], *r, *m;
    bview(self, &s, &len);
    args[0] = str_new((char *)s, len);
    for (i = 1; i < n && i < 8; i++) {
        unsigned char *t; int tn;
        args[i] = bview(a[i], &t, &tn) ? str_new((char *)t, tn) : a[i];
    }
    m = type_lookup_s(&StrType, name);
    r = ((Native *)m)->fn(n, args, kw);
    if (TYPE(r) == &StrType) return TYPE(self) == &BytesType ? bytes_new(CSTR(r), STR(r)->len) : bytearray_new(CSTR(r), STR(r)->len);
    if (TYPE(r) == &ListType || TYPE(r) == &TupleType) {
        Obj **items = TYPE(r) == &ListType ? LIST(r)->items : TUPLE(r)->items;
        int cnt = TYPE(r) == &ListType ? LIST(r)->len : TUPLE(r)->len;
        for (i = 0; i < cnt; i++) if (TYPE(items[i]) == &StrType) items[i] = bytes_new(CSTR(items[i]), STR(items[i])->len);
    }
    return r;
}
#define VIA(fn, name) static Obj *fn(int n, Obj **a, Obj *kw) { return via_str(a[0], name, n, a, kw); }
VIA(bm_split, "split") VIA(bm_strip, "strip") VIA(bm_lstrip, "lstrip") VIA(bm_rstrip, "rstrip")
VIA(bm_startswith, "startswith") VIA(bm_endswith, "endswith") VIA(bm_find, "find") VIA(bm_replace, "replace")
VIA(bm_count, "count") VIA(bm_upper, "upper") VIA(bm_lower, "lower") VIA(bm_index, "index") VIA(bm_rfind, "rfind")
VIA(bm_splitlines, "splitlines") VIA(bm_partition, "partition") VIA(bm_rsplit, "rsplit")

static Obj *ba_append(int n, Obj **a, Obj *kw) {
    ByteArray *b = (ByteArray *)a[0];
    long v = as_long(a[1]);
    (void)n; (void)kw;
    if (v < 0 || v > 255) py_raise_type(ValueError, "byte must be in range(0, 256)");
    if (b->len == b->cap) { b->cap *= 2; b->s = gc_realloc(b->s, b->cap); }
    b->s[b->len++] = (unsigned char)v;
    return None;
}
static Obj *ba_extend(int n, Obj **a, Obj *kw) {
    ByteArray *b = (ByteArray *)a[0];
    Obj *src = fill_from(a[1], 0);
    (void)n; (void)kw;
    if (b->len + ((Bytes *)src)->len > b->cap) { b->cap = (b->len + ((Bytes *)src)->len) * 2; b->s = gc_realloc(b->s, b->cap); }
    memcpy(b->s + b->len, ((Bytes *)src)->s, ((Bytes *)src)->len);
    b->len += ((Bytes *)src)->len;
    return None;
}
static Obj *ba_pop(int n, Obj **a, Obj *kw) {
    ByteArray *b = (ByteArray *)a[0];
    intptr_t i = n > 1 ? index_of(a[1]) : -1;
    int v;
    (void)kw;
    if (!b->len) py_raise_type(IndexError, "pop from empty bytearray");
    i = norm_index(i, b->len, "pop");
    v = b->s[i];
    memmove(b->s + i, b->s + i + 1, b->len - i - 1);
    b->len--;
    return MK_SMALL(v);
}

Type BytesType = {{&TypeType}, "bytes", 0};
Type ByteArrayType = {{&TypeType}, "bytearray", 0};

void bytes_init(void) {
    Type *ts[2];
    int i;
    ts[0] = &BytesType; ts[1] = &ByteArrayType;
    BytesType.repr = b_repr; BytesType.hash = b_hash;
    ByteArrayType.repr = ba_repr; ByteArrayType.setitem = ba_setitem; ByteArrayType.release = ba_release;
    for (i = 0; i < 2; i++) {
        Type *t = ts[i];
        t->len = b_len; t->getitem = b_getitem; t->contains = b_contains; t->binop = b_binop;
        t->compare = b_compare; t->iter = b_iter; t->make = bytes_make;
        add_method(t, "decode", bm_decode); add_method(t, "hex", bm_hex); add_method(t, "join", bm_join);
        add_method(t, "split", bm_split); add_method(t, "strip", bm_strip); add_method(t, "lstrip", bm_lstrip);
        add_method(t, "rstrip", bm_rstrip); add_method(t, "startswith", bm_startswith);
        add_method(t, "endswith", bm_endswith); add_method(t, "find", bm_find); add_method(t, "replace", bm_replace);
        add_method(t, "count", bm_count); add_method(t, "upper", bm_upper); add_method(t, "lower", bm_lower);
        add_method(t, "index", bm_index); add_method(t, "rfind", bm_rfind); add_method(t, "splitlines", bm_splitlines);
        add_method(t, "partition", bm_partition); add_method(t, "rsplit", bm_rsplit);
        {
            Wrapper *cm = gc_new(&ClassMethodType, sizeof(Wrapper));
            cm->f = native_new("fromhex", bm_fromhex);
            dict_sets(t->dict, "fromhex", (Obj *)cm);
        }
    }
    add_method(&ByteArrayType, "append", ba_append);
    add_method(&ByteArrayType, "extend", ba_extend);
    add_method(&ByteArrayType, "pop", ba_pop);
}
