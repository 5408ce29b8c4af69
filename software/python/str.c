/* str.c - UTF-8 strings indexed by code point, the string builder, and
 * formatting (format specs, str.format and the % operator).
 */
#include "py.h"
#include <stdio.h>
#include <stdarg.h>
#include <math.h>
#include <stdlib.h>

/* ---- builder ---- */
void buf_init(Buf *b) { b->s = NULL; b->len = b->cap = 0; }
static void buf_grow(Buf *b, int extra) {
    if (b->len + extra + 1 > b->cap) {
        int cap = b->cap ? b->cap : 32;
        while (cap < b->len + extra + 1) cap *= 2;
        b->s = gc_realloc(b->s, cap);
        b->cap = cap;
    }
}
void buf_add(Buf *b, const char *s, int n) { buf_grow(b, n); if (n) memcpy(b->s + b->len, s, n); b->len += n; b->s[b->len] = 0; }
void buf_adds(Buf *b, const char *s) { buf_add(b, s, (int)strlen(s)); }
void buf_addc(Buf *b, char c) { buf_grow(b, 1); b->s[b->len++] = c; b->s[b->len] = 0; }
void buf_addobj(Buf *b, Obj *s) {
    if (TYPE(s) != &StrType) s = to_str(s);
    buf_add(b, CSTR(s), STR(s)->len);
}
Obj *buf_to_str(Buf *b) { Obj *r = str_new(b->s ? b->s : "", b->len); buf_free(b); return r; }
void buf_free(Buf *b) { gc_free(b->s); b->s = NULL; b->len = b->cap = 0; }

/* ---- UTF-8 ---- */
int utf8_decode(const unsigned char *s, int len, int *pos) {
    int i = *pos, c = s[i];
    if (c < 0x80 || i + 1 >= len) { *pos = i + 1; return c; }
    if ((c & 0xe0) == 0xc0) { *pos = i + 2; return ((c & 0x1f) << 6) | (s[i + 1] & 0x3f); }
    if ((c & 0xf0) == 0xe0 && i + 2 < len) { *pos = i + 3; return ((c & 0x0f) << 12) | ((s[i + 1] & 0x3f) << 6) | (s[i + 2] & 0x3f); }
    if ((c & 0xf8) == 0xf0 && i + 3 < len) {
        *pos = i + 4;
        return ((c & 0x07) << 18) | ((s[i + 1] & 0x3f) << 12) | ((s[i + 2] & 0x3f) << 6) | (s[i + 3] & 0x3f);
    }
    *pos = i + 1;
    return c;
}
int utf8_encode(unsigned c, char *o) {
    if (c < 0x80) { o[0] = (char)c; return 1; }
    if (c < 0x800) { o[0] = (char)(0xc0 | (c >> 6)); o[1] = (char)(0x80 | (c & 0x3f)); return 2; }
    if (c < 0x10000) { o[0] = (char)(0xe0 | (c >> 12)); o[1] = (char)(0x80 | ((c >> 6) & 0x3f)); o[2] = (char)(0x80 | (c & 0x3f)); return 3; }
    o[0] = (char)(0xf0 | (c >> 18)); o[1] = (char)(0x80 | ((c >> 12) & 0x3f));
    o[2] = (char)(0x80 | ((c >> 6) & 0x3f)); o[3] = (char)(0x80 | (c & 0x3f));
    return 4;
}
static int count_cp(const char *s, int len) {
    int i, n = 0;
    for (i = 0; i < len; i++) if (((unsigned char)s[i] & 0xc0) != 0x80) n++;
    return n;
}
/* byte offset of code point index i */
static int cp_offset(Obj *o, int i) {
    Str *s = STR(o);
    int pos = 0, k = 0;
    if (s->len == s->clen) return i;
    while (k < i && pos < s->len) { utf8_decode((unsigned char *)s->s, s->len, &pos); k++; }
    return pos;
}

/* ---- construction ---- */
static Obj *empty_str;
static Obj *char_cache[128];

Obj *str_new(const char *s, int len) {
    Str *o;
    if (len == 0 && empty_str) return empty_str;
    if (len == 1 && (unsigned char)s[0] < 128 && char_cache[(unsigned char)s[0]]) return char_cache[(unsigned char)s[0]];
    o = gc_new(&StrType, sizeof(Str) + len);
    o->hash = -1;
    o->len = len;
    if (s) memcpy(o->s, s, len);
    o->s[len] = 0;
    o->clen = count_cp(o->s, len);
    return (Obj *)o;
}
Obj *str_c(const char *s) { return str_new(s, (int)strlen(s)); }

Obj *str_fmt(const char *fmt, ...) {
    va_list ap;
    char buf[512];
    int n;
    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof buf) {
        char *big = gc_malloc(n + 1);
        Obj *r;
        va_start(ap, fmt);
        vsnprintf(big, n + 1, fmt, ap);
        va_end(ap);
        r = str_new(big, n);
        gc_free(big);
        return r;
    }
    return str_new(buf, n);
}

static Obj *interned;
Obj *str_intern_obj(Obj *s) {
    Obj *v = dict_get(interned, s);
    if (v) return v;
    dict_set(interned, s, s);
    return s;
}
Obj *str_intern(const char *s) {
    Str tmp;
    Obj *v;
    int len = (int)strlen(s);
    if (len < 60) {
        /* look up without allocating */
        char space[sizeof(Str) + 64];
        Str *t = (Str *)space;
        t->h.type = &StrType; t->hash = -1; t->len = len; memcpy(t->s, s, len + 1);
        t->clen = len;
        v = dict_get(interned, (Obj *)t);
        if (v) return v;
    }
    (void)tmp;
    return str_intern_obj(str_new(s, len));
}

int str_eq(Obj *a, Obj *b) {
    if (a == b) return 1;
    if (TYPE(a) != &StrType || TYPE(b) != &StrType) return 0;
    return STR(a)->len == STR(b)->len && !memcmp(CSTR(a), CSTR(b), STR(a)->len);
}

Obj *str_concat(Obj *a, Obj *b) {
    Str *r;
    int la = STR(a)->len, lb = STR(b)->len;
    if (!la) return b;
    if (!lb) return a;
    r = gc_new(&StrType, sizeof(Str) + la + lb);
    r->hash = -1; r->len = la + lb;
    memcpy(r->s, CSTR(a), la);
    memcpy(r->s + la, CSTR(b), lb);
    r->s[la + lb] = 0;
    r->clen = STR(a)->clen + STR(b)->clen;
    return (Obj *)r;
}

Obj *str_repr(Obj *o) {
    Str *s = STR(o);
    Buf b;
    int i = 0, sq = 0, dq = 0;
    char q;
    for (i = 0; i < s->len; i++) { if (s->s[i] == '\'') sq = 1; if (s->s[i] == '"') dq = 1; }
    q = sq && !dq ? '"' : '\'';
    buf_init(&b);
    buf_addc(&b, q);
    i = 0;
    while (i < s->len) {
        int start = i, c = utf8_decode((unsigned char *)s->s, s->len, &i);
        char tmp[16];
        if (c == q || c == '\\') { buf_addc(&b, '\\'); buf_addc(&b, (char)c); }
        else if (c == '\n') buf_adds(&b, "\\n");
        else if (c == '\r') buf_adds(&b, "\\r");
        else if (c == '\t') buf_adds(&b, "\\t");
        else if (c < 32 || c == 127) { snprintf(tmp, sizeof tmp, "\\x%02x", c); buf_adds(&b, tmp); }
        else if (c >= 0x80 && c < 0xa0) { snprintf(tmp, sizeof tmp, "\\x%02x", c); buf_adds(&b, tmp); }
        else if (c == 0xad) buf_adds(&b, "\\xad");
        else buf_add(&b, s->s + start, i - start);
    }
    buf_addc(&b, q);
    return buf_to_str(&b);
}

/* ---- slots ---- */
static Obj *str_str(Obj *o) { return o; }
static intptr_t str_hash_slot(Obj *o) { return hash(o); }
static intptr_t str_len(Obj *o) { return STR(o)->clen; }

static Obj *str_char_at(Obj *o, int i) {
    int off = cp_offset(o, i), end = off;
    utf8_decode((unsigned char *)CSTR(o), STR(o)->len, &end);
    return str_new(CSTR(o) + off, end - off);
}

static Obj *str_getitem(Obj *o, Obj *k) {
    Str *s = STR(o);
    if (TYPE(k) == &SliceType) {
        intptr_t start, stop, step, count, i;
        Buf b;
        slice_indices(k, s->clen, &start, &stop, &step, &count);
        if (step == 1) {
            int a = cp_offset(o, (int)start), e = cp_offset(o, (int)stop);
            return str_new(s->s + a, e > a ? e - a : 0);
        }
        buf_init(&b);
        for (i = 0; i < count; i++) buf_addobj(&b, str_char_at(o, (int)(start + i * step)));
        return buf_to_str(&b);
    }
    if (!is_int(k)) py_raise_type(TypeError, "string indices must be integers, not '%s'", type_name(k));
    {
        intptr_t i = index_of(k);
        if (i < 0) i += s->clen;
        if (i < 0 || i >= s->clen) py_raise_type(IndexError, "string index out of range");
        if (s->len == s->clen) return str_new(s->s + i, 1);
        return str_char_at(o, (int)i);
    }
}

static int str_contains(Obj *o, Obj *x) {
    if (TYPE(x) != &StrType) py_raise_type(TypeError, "'in <string>' requires string as left operand, not %s", type_name(x));
    if (STR(x)->len == 0) return 1;
    {
        const char *h = CSTR(o), *n = CSTR(x);
        int hl = STR(o)->len, nl = STR(x)->len, i;
        for (i = 0; i + nl <= hl; i++) if (h[i] == n[0] && !memcmp(h + i, n, nl)) return 1;
    }
    return 0;
}

static Obj *str_repeat(Obj *s, Obj *n) {
    long k = as_long(n), i;
    Str *r;
    int len = STR(s)->len;
    if (k <= 0 || len == 0) return str_new("", 0);
    if ((double)k * len > 1e9) py_raise(exc_new(MemoryError, NULL));
    r = gc_new(&StrType, sizeof(Str) + len * k);
    r->hash = -1; r->len = (int)(len * k); r->clen = (int)(STR(s)->clen * k);
    for (i = 0; i < k; i++) memcpy(r->s + i * len, CSTR(s), len);
    r->s[r->len] = 0;
    return (Obj *)r;
}

static Obj *str_binop(int op, Obj *a, Obj *b) {
    op &= 0xff;
    if (op == OP_ADD && TYPE(a) == &StrType && TYPE(b) == &StrType) return str_concat(a, b);
    if (op == OP_MUL && TYPE(a) == &StrType && is_int(b)) return str_repeat(a, b);
    if (op == OP_MUL && TYPE(b) == &StrType && is_int(a)) return str_repeat(b, a);
    if (op == OP_MOD && TYPE(a) == &StrType) return str_percent(a, b);
    if (op == OP_ADD && TYPE(a) == &StrType && !(TYPE(b)->flags & TF_USER))
        py_raise_type(TypeError, "can only concatenate str (not \"%s\") to str", type_name(b));
    if (op == OP_MUL && (TYPE(a) == &StrType || TYPE(b) == &StrType)) {
        Obj *other = TYPE(a) == &StrType ? b : a;
        if (!(TYPE(other)->flags & TF_USER) && TYPE(other) != &FloatType)
            py_raise_type(TypeError, "can't multiply sequence by non-int of type '%s'", type_name(other));
    }
    return NULL;
}

static Obj *str_compare(int op, Obj *a, Obj *b) {
    int c, la, lb, n;
    if (TYPE(a) != &StrType || TYPE(b) != &StrType) return NULL;
    if (op == CMP_EQ) return BOOL(str_eq(a, b));
    if (op == CMP_NE) return BOOL(!str_eq(a, b));
    la = STR(a)->len; lb = STR(b)->len;
    n = la < lb ? la : lb;
    c = memcmp(CSTR(a), CSTR(b), n);
    if (c == 0) c = la < lb ? -1 : la > lb;
    switch (op) {
    case CMP_LT: return BOOL(c < 0); case CMP_LE: return BOOL(c <= 0);
    case CMP_GT: return BOOL(c > 0); case CMP_GE: return BOOL(c >= 0);
    }
    return NULL;
}

static Obj *str_iter(Obj *o) {
    Iter *it = gc_new(&StrIterType, sizeof(Iter));
    it->a = o;
    return (Obj *)it;
}
static Obj *striter_next(Obj *o) {
    Iter *it = (Iter *)o;
    Str *s = STR(it->a);
    int start = (int)it->i, pos = start;
    if (start >= s->len) return NULL;
    utf8_decode((unsigned char *)s->s, s->len, &pos);
    it->i = pos;
    return str_new(s->s + start, pos - start);
}

static Obj *str_make(Type *t, int n, Obj **a, Obj *kw) {
    Obj *enc = kwarg(kw, "encoding");
    (void)t;
    check_args("str", n, 0, 3);
    if (n == 0) return str_new("", 0);
    if (n >= 2) enc = a[1];
    if (enc || n >= 2) {
        Obj *b = a[0];
        if (TYPE(b) == &BytesType) return str_new((char *)((Bytes *)b)->s, ((Bytes *)b)->len);
        if (TYPE(b) == &ByteArrayType) return str_new((char *)((ByteArray *)b)->s, ((ByteArray *)b)->len);
        py_raise_type(TypeError, "decoding to str: need a bytes-like object, %s found", type_name(b));
    }
    return to_str(a[0]);
}

/* ---- methods ---- */
#define SELF(a) (a[0])
static void need_str(Obj *o, const char *what) {
    if (TYPE(o) != &StrType) py_raise_type(TypeError, "%s", what);
}
static int is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x1c || c == 0x1d || c == 0x1e || c == 0x1f || c == 0x85 || c == 0xa0; }

static int find_bytes(const char *h, int hl, const char *n, int nl, int start, int end, int rev) {
    int i;
    if (end > hl) end = hl;
    if (nl == 0) return start <= end ? (rev ? end : start) : -1;
    if (!rev) { for (i = start; i + nl <= end; i++) if (!memcmp(h + i, n, nl)) return i; }
    else for (i = end - nl; i >= start; i--) if (!memcmp(h + i, n, nl)) return i;
    return -1;
}

static int byte_to_cp(Obj *s, int off) {
    if (STR(s)->len == STR(s)->clen) return off;
    return count_cp(CSTR(s), off);
}

static void get_range(Obj *s, int n, Obj **a, int first, int *start, int *end) {
    intptr_t len = STR(s)->clen, st = 0, en = len;
    if (n > first && a[first] != None) { st = index_of(a[first]); if (st < 0) { st += len; if (st < 0) st = 0; } if (st > len) st = len + 1; }
    if (n > first + 1 && a[first + 1] != None) { en = index_of(a[first + 1]); if (en < 0) { en += len; if (en < 0) en = 0; } if (en > len) en = len; }
    *start = st > len ? STR(s)->len + 1 : cp_offset(s, (int)st);
    *end = cp_offset(s, (int)en);
}

static Obj *s_find_impl(int n, Obj **a, int rev, int raise) {
    int start, end, r;
    check_args(rev ? "rfind" : "find", n, 2, 4);
    need_str(a[1], "must be str");
    if (TYPE(a[1]) != &StrType) py_raise_type(TypeError, "must be str, not %s", type_name(a[1]));
    get_range(a[0], n, a, 2, &start, &end);
    r = end < start ? -1 : find_bytes(CSTR(a[0]), STR(a[0])->len, CSTR(a[1]), STR(a[1])->len, start, end, rev);
    if (r < 0 && raise) py_raise_type(ValueError, "substring not found");
    return MK_SMALL(r < 0 ? -1 : byte_to_cp(a[0], r));
}
static Obj *s_find(int n, Obj **a, Obj *kw) { (void)kw; return s_find_impl(n, a, 0, 0); }
static Obj *s_rfind(int n, Obj **a, Obj *kw) { (void)kw; return s_find_impl(n, a, 1, 0); }
static Obj *s_index(int n, Obj **a, Obj *kw) { (void)kw; return s_find_impl(n, a, 0, 1); }
static Obj *s_rindex(int n, Obj **a, Obj *kw) { (void)kw; return s_find_impl(n, a, 1, 1); }

static Obj *s_count(int n, Obj **a, Obj *kw) {
    int start, end, c = 0, i, nl;
    (void)kw;
    check_args("count", n, 2, 4);
    if (TYPE(a[1]) != &StrType) py_raise_type(TypeError, "must be str, not %s", type_name(a[1]));
    get_range(a[0], n, a, 2, &start, &end);
    nl = STR(a[1])->len;
    if (nl == 0) return MK_SMALL(end >= start ? byte_to_cp(a[0], end) - byte_to_cp(a[0], start) + 1 : 0);
    for (i = start; i + nl <= end;) {
        if (!memcmp(CSTR(a[0]) + i, CSTR(a[1]), nl)) { c++; i += nl; } else i++;
    }
    return MK_SMALL(c);
}

static Obj *s_startsend(int n, Obj **a, int ends) {
    int start, end, i;
    Obj *p = a[1];
    check_args(ends ? "endswith" : "startswith", n, 2, 4);
    get_range(a[0], n, a, 2, &start, &end);
    if (TYPE(p) == &TupleType) {
        for (i = 0; i < TUPLE(p)->len; i++) {
            Obj *args[4];
            int k;
            for (k = 0; k < n; k++) args[k] = a[k];
            args[1] = TUPLE(p)->items[i];
            if (s_startsend(n, args, ends) == True) return True;
        }
        return False;
    }
    if (TYPE(p) != &StrType)
        py_raise_type(TypeError, "%s first arg must be str or a tuple of str, not %s", ends ? "endswith" : "startswith", type_name(p));
    {
        int pl = STR(p)->len;
        if (end - start < pl) return False;
        if (ends) return BOOL(!memcmp(CSTR(a[0]) + end - pl, CSTR(p), pl));
        return BOOL(!memcmp(CSTR(a[0]) + start, CSTR(p), pl));
    }
}
static Obj *s_startswith(int n, Obj **a, Obj *kw) { (void)kw; return s_startsend(n, a, 0); }
static Obj *s_endswith(int n, Obj **a, Obj *kw) { (void)kw; return s_startsend(n, a, 1); }

static Obj *s_strip_impl(int n, Obj **a, int left, int right) {
    const char *s = CSTR(a[0]);
    int i = 0, j = STR(a[0])->len;
    if (n > 1 && a[1] != None) {
        const char *chars;
        int cl;
        if (TYPE(a[1]) != &StrType) py_raise_type(TypeError, "strip arg must be None or str");
        chars = CSTR(a[1]); cl = STR(a[1])->len;
        if (left) while (i < j && memchr(chars, s[i], cl)) i++;
        if (right) while (j > i && memchr(chars, s[j - 1], cl)) j--;
    } else {
        if (left) while (i < j && is_space((unsigned char)s[i])) i++;
        if (right) while (j > i && is_space((unsigned char)s[j - 1])) j--;
    }
    if (i == 0 && j == STR(a[0])->len) return a[0];
    return str_new(s + i, j - i);
}
static Obj *s_strip(int n, Obj **a, Obj *kw) { (void)kw; return s_strip_impl(n, a, 1, 1); }
static Obj *s_lstrip(int n, Obj **a, Obj *kw) { (void)kw; return s_strip_impl(n, a, 1, 0); }
static Obj *s_rstrip(int n, Obj **a, Obj *kw) { (void)kw; return s_strip_impl(n, a, 0, 1); }

static Obj *s_split_impl(int n, Obj **a, Obj *kw, int rev) {
    Obj *sep = n > 1 ? a[1] : kwarg(kw, "sep"), *res = list_new(0);
    Obj *mx = n > 2 ? a[2] : kwarg(kw, "maxsplit");
    long maxsplit = mx ? as_long(mx) : -1;
    const char *s = CSTR(a[0]);
    int len = STR(a[0])->len;
    if (sep == None) sep = NULL;
    if (!sep) {
        if (!rev) {
            int i = 0;
            while (i < len) {
                int j;
                while (i < len && is_space((unsigned char)s[i])) i++;
                if (i >= len) break;
                if (maxsplit >= 0 && LIST(res)->len >= maxsplit) {
                    int e = len;
                    while (e > i && is_space((unsigned char)s[e - 1])) e--;
                    list_append(res, str_new(s + i, e - i));
                    break;
                }
                j = i;
                while (j < len && !is_space((unsigned char)s[j])) j++;
                list_append(res, str_new(s + i, j - i));
                i = j;
            }
        } else {
            int j = len;
            while (j > 0) {
                int i;
                while (j > 0 && is_space((unsigned char)s[j - 1])) j--;
                if (j <= 0) break;
                if (maxsplit >= 0 && LIST(res)->len >= maxsplit) {
                    int b = 0;
                    while (b < j && is_space((unsigned char)s[b])) b++;
                    list_append(res, str_new(s + b, j - b));
                    break;
                }
                i = j;
                while (i > 0 && !is_space((unsigned char)s[i - 1])) i--;
                list_append(res, str_new(s + i, j - i));
                j = i;
            }
            /* reverse */
            {
                int k, m = LIST(res)->len;
                for (k = 0; k < m / 2; k++) { Obj *t = LIST(res)->items[k]; LIST(res)->items[k] = LIST(res)->items[m - 1 - k]; LIST(res)->items[m - 1 - k] = t; }
            }
        }
        return res;
    }
    if (TYPE(sep) != &StrType) py_raise_type(TypeError, "must be str or None, not %s", type_name(sep));
    if (STR(sep)->len == 0) py_raise_type(ValueError, "empty separator");
    {
        const char *p = CSTR(sep);
        int pl = STR(sep)->len;
        if (!rev) {
            int i = 0, j;
            while ((maxsplit < 0 || LIST(res)->len < maxsplit) && (j = find_bytes(s, len, p, pl, i, len, 0)) >= 0) {
                list_append(res, str_new(s + i, j - i));
                i = j + pl;
            }
            list_append(res, str_new(s + i, len - i));
        } else {
            int j = len, i, k, m;
            while ((maxsplit < 0 || LIST(res)->len < maxsplit) && (i = find_bytes(s, len, p, pl, 0, j, 1)) >= 0) {
                list_append(res, str_new(s + i + pl, j - i - pl));
                j = i;
            }
            list_append(res, str_new(s, j));
            m = LIST(res)->len;
            for (k = 0; k < m / 2; k++) { Obj *t = LIST(res)->items[k]; LIST(res)->items[k] = LIST(res)->items[m - 1 - k]; LIST(res)->items[m - 1 - k] = t; }
        }
    }
    return res;
}
static Obj *s_split(int n, Obj **a, Obj *kw) { return s_split_impl(n, a, kw, 0); }
static Obj *s_rsplit(int n, Obj **a, Obj *kw) { return s_split_impl(n, a, kw, 1); }

static Obj *s_splitlines(int n, Obj **a, Obj *kw) {
    Obj *res = list_new(0), *ke = n > 1 ? a[1] : kwarg(kw, "keepends");
    const char *s = CSTR(a[0]);
    int len = STR(a[0])->len, i = 0, keep = ke && truth(ke);
    while (i < len) {
        int j = i, e;
        while (j < len && s[j] != '\n' && s[j] != '\r') j++;
        e = j;
        if (j < len) { if (s[j] == '\r' && j + 1 < len && s[j + 1] == '\n') j += 2; else j++; }
        list_append(res, str_new(s + i, (keep ? j : e) - i));
        i = j;
    }
    return res;
}

static Obj *s_join(int n, Obj **a, Obj *kw) {
    Obj *l, *sep = a[0];
    Buf b;
    int i;
    (void)kw;
    check_args("join", n, 2, 2);
    l = list_from_iter(a[1]);
    buf_init(&b);
    for (i = 0; i < LIST(l)->len; i++) {
        Obj *x = LIST(l)->items[i];
        if (TYPE(x) != &StrType) { buf_free(&b); py_raise_type(TypeError, "sequence item %d: expected str instance, %s found", i, type_name(x)); }
        if (i) buf_add(&b, CSTR(sep), STR(sep)->len);
        buf_add(&b, CSTR(x), STR(x)->len);
    }
    return buf_to_str(&b);
}

static Obj *s_replace(int n, Obj **a, Obj *kw) {
    Obj *old = a[1], *new_ = a[2];
    long count = n > 3 ? as_long(a[3]) : -1, done = 0;
    const char *s = CSTR(a[0]);
    int len = STR(a[0])->len, ol, i = 0, j;
    Buf b;
    (void)kw;
    check_args("replace", n, 3, 4);
    if (TYPE(old) != &StrType || TYPE(new_) != &StrType) py_raise_type(TypeError, "replace() argument 1 must be str, not %s", type_name(TYPE(old) != &StrType ? old : new_));
    ol = STR(old)->len;
    buf_init(&b);
    if (ol == 0) {
        int pos = 0;
        while (pos <= len && (count < 0 || done < count)) {
            int nx = pos;
            buf_addobj(&b, new_);
            done++;
            if (pos == len) { pos++; break; }
            utf8_decode((unsigned char *)s, len, &nx);
            buf_add(&b, s + pos, nx - pos);
            pos = nx;
        }
        if (pos <= len) buf_add(&b, s + pos, len - pos);
        return buf_to_str(&b);
    }
    while ((count < 0 || done < count) && (j = find_bytes(s, len, CSTR(old), ol, i, len, 0)) >= 0) {
        buf_add(&b, s + i, j - i);
        buf_addobj(&b, new_);
        i = j + ol;
        done++;
    }
    buf_add(&b, s + i, len - i);
    return buf_to_str(&b);
}

/* simple case mapping: ASCII, Latin-1, Greek and Cyrillic */
static int is_lower_cp(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 0xdf && c <= 0xff && c != 0xf7) || (c >= 0x3b1 && c <= 0x3c9) ||
           (c >= 0x430 && c <= 0x45f);
}
static int is_upper_cp(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7) || (c >= 0x391 && c <= 0x3a9) ||
           (c >= 0x400 && c <= 0x42f);
}
static int to_upper_cp(int c) {
    if (c >= 'a' && c <= 'z') return c - 32;
    if (c >= 0xe0 && c <= 0xfe && c != 0xf7) return c - 32;
    if (c == 0xff) return 0x178;
    if (c >= 0x3b1 && c <= 0x3c9 && c != 0x3c2) return c - 32;
    if (c >= 0x430 && c <= 0x44f) return c - 32;
    if (c >= 0x450 && c <= 0x45f) return c - 80;
    return c;
}
static int to_lower_cp(int c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c >= 0xc0 && c <= 0xde && c != 0xd7) return c + 32;
    if (c >= 0x391 && c <= 0x3a9 && c != 0x3a2) return c + 32;
    if (c >= 0x410 && c <= 0x42f) return c + 32;
    if (c >= 0x400 && c <= 0x40f) return c + 80;
    return c;
}

static Obj *map_chars(Obj *s, int mode) {
    Buf b;
    int pos = 0, first = 1, idx = 0;
    buf_init(&b);
    while (pos < STR(s)->len) {
        int c = utf8_decode((unsigned char *)CSTR(s), STR(s)->len, &pos);
        int cased = is_lower_cp(c) || is_upper_cp(c);
        char u[4];
        switch (mode) {
        case 0: c = to_upper_cp(c); break;
        case 1: c = to_lower_cp(c); break;
        case 2: c = is_lower_cp(c) ? to_upper_cp(c) : to_lower_cp(c); break;
        case 3:
            if (cased) { c = first ? to_upper_cp(c) : to_lower_cp(c); first = 0; }
            else first = 1;
            break;
        case 4: c = idx == 0 ? to_upper_cp(c) : to_lower_cp(c); break;
        }
        if (c == 0xdf && mode == 0) buf_adds(&b, "SS");
        else buf_add(&b, u, utf8_encode((unsigned)c, u));
        idx++;
    }
    return buf_to_str(&b);
}
static Obj *s_upper(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return map_chars(a[0], 0); }
static Obj *s_lower(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return map_chars(a[0], 1); }
static Obj *s_swapcase(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return map_chars(a[0], 2); }
static Obj *s_title(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return map_chars(a[0], 3); }
static Obj *s_capitalize(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return map_chars(a[0], 4); }

static Obj *char_test(Obj *s, int kind) {
    int i, len = STR(s)->len, cased = 0;
    if (len == 0) return False;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)CSTR(s)[i];
        int ok;
        switch (kind) {
        case 0: ok = c >= '0' && c <= '9'; break;
        case 1: ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; break;
        case 2: ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80; break;
        case 3: ok = is_space(c); break;
        case 4: if (c >= 'A' && c <= 'Z') return False; if (c >= 'a' && c <= 'z') cased = 1; ok = 1; break;
        case 5: if (c >= 'a' && c <= 'z') return False; if (c >= 'A' && c <= 'Z') cased = 1; ok = 1; break;
        default: ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 || (i > 0 && c >= '0' && c <= '9');
        }
        if (!ok) return False;
    }
    if (kind == 4 || kind == 5) return BOOL(cased);
    return True;
}
static Obj *s_isdigit(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return char_test(a[0], 0); }
static Obj *s_isalpha(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return char_test(a[0], 1); }
static Obj *s_isalnum(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return char_test(a[0], 2); }
static Obj *s_isspace(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return char_test(a[0], 3); }
static Obj *s_islower(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return char_test(a[0], 4); }
static Obj *s_isupper(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return char_test(a[0], 5); }
static Obj *s_isidentifier(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return char_test(a[0], 6); }

static Obj *pad(Obj *s, long width, Obj *fillo, int align) {
    Buf b;
    long cl = STR(s)->clen, total, left, i;
    const char *fill = " ";
    int fl = 1;
    if (fillo) {
        if (TYPE(fillo) != &StrType || STR(fillo)->clen != 1) py_raise_type(TypeError, "The fill character must be exactly one character long");
        fill = CSTR(fillo); fl = STR(fillo)->len;
    }
    if (width <= cl) return s;
    total = width - cl;
    left = align == '<' ? 0 : align == '>' ? total : (align == '^' ? total / 2 + ((total & width & 1)) : total / 2);
    buf_init(&b);
    for (i = 0; i < left; i++) buf_add(&b, fill, fl);
    buf_addobj(&b, s);
    for (i = 0; i < total - left; i++) buf_add(&b, fill, fl);
    return buf_to_str(&b);
}
static Obj *s_center(int n, Obj **a, Obj *kw) { (void)kw; check_args("center", n, 2, 3); return pad(a[0], as_long(a[1]), n > 2 ? a[2] : NULL, '^'); }
static Obj *s_ljust(int n, Obj **a, Obj *kw) { (void)kw; check_args("ljust", n, 2, 3); return pad(a[0], as_long(a[1]), n > 2 ? a[2] : NULL, '<'); }
static Obj *s_rjust(int n, Obj **a, Obj *kw) { (void)kw; check_args("rjust", n, 2, 3); return pad(a[0], as_long(a[1]), n > 2 ? a[2] : NULL, '>'); }
static Obj *s_zfill(int n, Obj **a, Obj *kw) {
    long w;
    Obj *s = a[0];
    Buf b;
    int sign, i, len = STR(s)->len;
    (void)kw;
    check_args("zfill", n, 2, 2);
    w = as_long(a[1]);
    if (w <= STR(s)->clen) return s;
    sign = len && (CSTR(s)[0] == '-' || CSTR(s)[0] == '+');
    buf_init(&b);
    if (sign) buf_addc(&b, CSTR(s)[0]);
    for (i = 0; i < w - STR(s)->clen; i++) buf_addc(&b, '0');
    buf_add(&b, CSTR(s) + sign, len - sign);
    return buf_to_str(&b);
}

static Obj *s_partition_impl(Obj **a, int rev) {
    Obj *sep = a[1];
    int j;
    if (TYPE(sep) != &StrType) py_raise_type(TypeError, "must be str, not %s", type_name(sep));
    if (!STR(sep)->len) py_raise_type(ValueError, "empty separator");
    j = find_bytes(CSTR(a[0]), STR(a[0])->len, CSTR(sep), STR(sep)->len, 0, STR(a[0])->len, rev);
    if (j < 0) return rev ? tuple_pack(3, str_new("", 0), str_new("", 0), a[0]) : tuple_pack(3, a[0], str_new("", 0), str_new("", 0));
    return tuple_pack(3, str_new(CSTR(a[0]), j), sep, str_new(CSTR(a[0]) + j + STR(sep)->len, STR(a[0])->len - j - STR(sep)->len));
}
static Obj *s_partition(int n, Obj **a, Obj *kw) { (void)kw; check_args("partition", n, 2, 2); return s_partition_impl(a, 0); }
static Obj *s_rpartition(int n, Obj **a, Obj *kw) { (void)kw; check_args("rpartition", n, 2, 2); return s_partition_impl(a, 1); }

static Obj *s_encode(int n, Obj **a, Obj *kw) {
    (void)n; (void)kw;
    return bytes_new(CSTR(a[0]), STR(a[0])->len);
}
static Obj *s_removeprefix(int n, Obj **a, Obj *kw) {
    int pl = STR(a[1])->len;
    (void)n; (void)kw;
    if (STR(a[0])->len >= pl && !memcmp(CSTR(a[0]), CSTR(a[1]), pl)) return str_new(CSTR(a[0]) + pl, STR(a[0])->len - pl);
    return a[0];
}
static Obj *s_removesuffix(int n, Obj **a, Obj *kw) {
    int pl = STR(a[1])->len, l = STR(a[0])->len;
    (void)n; (void)kw;
    if (pl && l >= pl && !memcmp(CSTR(a[0]) + l - pl, CSTR(a[1]), pl)) return str_new(CSTR(a[0]), l - pl);
    return a[0];
}
static Obj *s_format(int n, Obj **a, Obj *kw) { return str_format_method(a[0], n - 1, a + 1, kw); }
static Obj *s_expandtabs(int n, Obj **a, Obj *kw) {
    long ts = n > 1 ? as_long(a[1]) : 8, col = 0;
    Buf b;
    int i;
    (void)kw;
    buf_init(&b);
    for (i = 0; i < STR(a[0])->len; i++) {
        char c = CSTR(a[0])[i];
        if (c == '\t') { if (ts > 0) { long k = ts - col % ts; while (k--) { buf_addc(&b, ' '); col++; } } }
        else { buf_addc(&b, c); col = (c == '\n' || c == '\r') ? 0 : col + 1; }
    }
    return buf_to_str(&b);
}
static Obj *s_maketrans(int n, Obj **a, Obj *kw) {
    Obj *d = dict_new();
    int i;
    (void)kw;
    if (n == 1) {
        Obj *src = a[0];
        for (i = 0; i < DICT(src)->n; i++) {
            Obj *k = DICT(src)->e[i].key;
            if (!k) continue;
            if (TYPE(k) == &StrType) { int p = 0; k = MK_SMALL(utf8_decode((unsigned char *)CSTR(k), STR(k)->len, &p)); }
            dict_set(d, k, DICT(src)->e[i].val);
        }
        return d;
    }
    {
        int p = 0, q = 0;
        Obj *x = a[0], *y = a[1];
        if (STR(x)->clen != STR(y)->clen) py_raise_type(ValueError, "the first two maketrans arguments must have equal length");
        while (p < STR(x)->len) {
            int c1 = utf8_decode((unsigned char *)CSTR(x), STR(x)->len, &p);
            int c2 = utf8_decode((unsigned char *)CSTR(y), STR(y)->len, &q);
            char u[4];
            dict_set(d, MK_SMALL(c1), str_new(u, utf8_encode(c2, u)));
        }
        if (n > 2) {
            p = 0;
            while (p < STR(a[2])->len) dict_set(d, MK_SMALL(utf8_decode((unsigned char *)CSTR(a[2]), STR(a[2])->len, &p)), None);
        }
    }
    return d;
}
static Obj *s_translate(int n, Obj **a, Obj *kw) {
    Buf b;
    int p = 0;
    (void)n; (void)kw;
    buf_init(&b);
    while (p < STR(a[0])->len) {
        int st = p, c = utf8_decode((unsigned char *)CSTR(a[0]), STR(a[0])->len, &p);
        Obj *v = TYPE(a[1]) == &DictType ? dict_get(a[1], MK_SMALL(c)) : NULL;
        if (!v) buf_add(&b, CSTR(a[0]) + st, p - st);
        else if (v == None) continue;
        else if (is_int(v)) { char u[4]; buf_add(&b, u, utf8_encode((unsigned)as_long(v), u)); }
        else buf_addobj(&b, v);
    }
    return buf_to_str(&b);
}

/* ---- format spec mini-language ---- */
typedef struct { char fill[5]; int align, sign, alt, zero, width, comma, prec; char type; } Spec;

static void parse_spec(Obj *spec, Spec *sp) {
    const char *s = CSTR(spec);
    int len = STR(spec)->len, i = 0;
    memset(sp, 0, sizeof *sp);
    sp->prec = -1;
    strcpy(sp->fill, " ");
    if (len >= 2 && strchr("<>=^", s[1]) && s[1]) {
        sp->fill[0] = s[0]; sp->fill[1] = 0; sp->align = s[1]; i = 2;
    } else if (len >= 1 && strchr("<>=^", s[0]) && s[0]) { sp->align = s[0]; i = 1; }
    else if (len >= 2 && ((unsigned char)s[0] & 0x80)) {
        int p = 0;
        utf8_decode((unsigned char *)s, len, &p);
        if (p < len && strchr("<>=^", s[p]) && s[p]) { memcpy(sp->fill, s, p); sp->fill[p] = 0; sp->align = s[p]; i = p + 1; }
    }
    if (i < len && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) sp->sign = s[i++];
    if (i < len && s[i] == '#') { sp->alt = 1; i++; }
    if (i < len && s[i] == '0') { sp->zero = 1; i++; }
    while (i < len && s[i] >= '0' && s[i] <= '9') sp->width = sp->width * 10 + (s[i++] - '0');
    if (i < len && (s[i] == ',' || s[i] == '_')) { sp->comma = s[i]; i++; }
    if (i < len && s[i] == '.') {
        i++;
        if (i >= len || !(s[i] >= '0' && s[i] <= '9')) py_raise_type(ValueError, "Format specifier missing precision");
        sp->prec = 0;
        while (i < len && s[i] >= '0' && s[i] <= '9') sp->prec = sp->prec * 10 + (s[i++] - '0');
    }
    if (i < len) sp->type = s[i++];
    if (i < len) py_raise_type(ValueError, "Invalid format specifier '%s' for object of type '%s'", s, "str");
}

static Obj *group_digits(const char *digits, int n, char sep) {
    Buf b;
    int i;
    buf_init(&b);
    for (i = 0; i < n; i++) {
        buf_addc(&b, digits[i]);
        if (sep && (n - 1 - i) % 3 == 0 && i != n - 1) buf_addc(&b, sep);
    }
    return buf_to_str(&b);
}

/* apply width/alignment to a formatted number: sign, prefix and digits apart */
static Obj *finish_number(Spec *sp, const char *sign, const char *prefix, Obj *body) {
    Buf b;
    int len = (int)strlen(sign) + (int)strlen(prefix) + STR(body)->clen, i;
    int align = sp->align ? sp->align : '>';
    buf_init(&b);
    if (sp->zero && !sp->align) { align = '='; strcpy(sp->fill, "0"); }
    if (sp->width > len && align == '=') {
        buf_adds(&b, sign); buf_adds(&b, prefix);
        for (i = 0; i < sp->width - len; i++) buf_adds(&b, sp->fill);
        buf_addobj(&b, body);
        return buf_to_str(&b);
    }
    buf_adds(&b, sign); buf_adds(&b, prefix); buf_addobj(&b, body);
    {
        Obj *s = buf_to_str(&b);
        if (sp->width > len) {
            Obj *f = str_c(sp->fill);
            return pad(s, sp->width, f, align);
        }
        return s;
    }
}

static Obj *format_int(Obj *v, Spec *sp) {
    int neg = int_sign(v) < 0, base = 10;
    const char *prefix = "";
    Obj *digits, *absv = neg ? int_binop(OP_SUB, MK_SMALL(0), v) : int_norm(v);
    char t = sp->type ? sp->type : 'd';
    switch (t) {
    case 'd': case 'n': base = 10; break;
    case 'x': base = 16; prefix = sp->alt ? "0x" : ""; break;
    case 'X': base = 16; prefix = sp->alt ? "0X" : ""; break;
    case 'o': base = 8; prefix = sp->alt ? "0o" : ""; break;
    case 'b': base = 2; prefix = sp->alt ? "0b" : ""; break;
    case 'c': { char u[4]; return pad(str_new(u, utf8_encode((unsigned)as_long(v), u)), sp->width, str_c(sp->fill), sp->align ? sp->align : '<'); }
    default: py_raise_type(ValueError, "Unknown format code '%c' for object of type 'int'", t);
    }
    if (sp->prec >= 0) py_raise_type(ValueError, "Precision not allowed in integer format specifier");
    digits = base == 10 ? repr(absv) : int_to_str(absv, base);
    if (t == 'X') {
        int i;
        digits = str_new(CSTR(digits), STR(digits)->len);
        for (i = 0; i < STR(digits)->len; i++) if (CSTR(digits)[i] >= 'a') CSTR(digits)[i] -= 32;
    }
    if (sp->comma) {
        if (sp->zero && sp->width) {
            /* zero padding interacts with grouping: pad digits first */
            int want = sp->width - (neg || sp->sign == '+' || sp->sign == ' ') - (int)strlen(prefix);
            while (STR(digits)->len + (STR(digits)->len - 1) / 3 < want) digits = str_concat(str_c("0"), digits);
        }
        digits = group_digits(CSTR(digits), STR(digits)->len, base == 10 ? (char)sp->comma : '_');
    }
    return finish_number(sp, neg ? "-" : sp->sign == '+' ? "+" : sp->sign == ' ' ? " " : "", prefix, digits);
}

static Obj *format_float(double v, Spec *sp) {
    char buf[512], t = sp->type;
    int neg = signbit(v) && !isnan(v), prec = sp->prec;
    Obj *body;
    if (neg) v = -v;
    if (t == 0) {
        if (prec < 0) body = float_repr_d(v);
        else {
            format_double(buf, sizeof buf, v, 'g', prec ? prec : 1);
            if (!strchr(buf, '.') && !strchr(buf, 'e') && !isinf(v) && !isnan(v)) strcat(buf, ".0");
            body = str_c(buf);
        }
    } else if (t == '%') {
        format_double(buf, sizeof buf, v * 100, 'f', prec < 0 ? 6 : prec);
        strcat(buf, "%");
        body = str_c(buf);
    } else if (strchr("eEfFgG", t)) {
        format_double(buf, sizeof buf, v, t, prec < 0 ? 6 : prec);
        if (sp->alt && !strchr(buf, '.')) strcat(buf, ".");
        body = str_c(buf);
    } else if (t == 'n') {
        format_double(buf, sizeof buf, v, 'g', prec < 0 ? 6 : prec);
        body = str_c(buf);
    } else {
        py_raise_type(ValueError, "Unknown format code '%c' for object of type 'float'", t);
        return NULL;
    }
    if (sp->comma) {
        const char *s = CSTR(body), *dot = s;
        int intlen;
        while (*dot >= '0' && *dot <= '9') dot++;
        intlen = (int)(dot - s);
        body = str_concat(group_digits(s, intlen, (char)sp->comma), str_c(dot));
    }
    return finish_number(sp, neg ? "-" : sp->sign == '+' ? "+" : sp->sign == ' ' ? " " : "", "", body);
}

Obj *str_format_spec(Obj *v, Obj *spec) {
    Spec sp;
    Type *t = TYPE(v);
    if (t->flags & TF_USER) {
        Obj *m = type_lookup_s(t, "__format__");
        if (m) return call2(m, v, spec);
        if (STR(spec)->len == 0) return to_str(v);
    }
    if (STR(spec)->len == 0 && t != &FloatType) return to_str(v);
    parse_spec(spec, &sp);
    if (is_int(v) && t != &BoolType) {
        if (sp.type && strchr("eEfFgG%", sp.type)) return format_float(int_to_double(v), &sp);
        return format_int(v, &sp);
    }
    if (t == &BoolType) {
        if (sp.type) return format_int(int_norm(v), &sp);
        v = to_str(v);
    }
    if (t == &FloatType) {
        if (sp.type && strchr("dxXobc", sp.type)) py_raise_type(ValueError, "Unknown format code '%c' for object of type 'float'", sp.type);
        return format_float(((Float *)v)->v, &sp);
    }
    if (TYPE(v) != &StrType) {
        if (STR(spec)->len) py_raise_type(TypeError, "unsupported format string passed to %s.__format__", t->name);
        v = to_str(v);
    }
    if (sp.type && sp.type != 's') py_raise_type(ValueError, "Unknown format code '%c' for object of type 'str'", sp.type);
    if (sp.sign) py_raise_type(ValueError, "Sign not allowed in string format specifier");
    if (sp.prec >= 0 && sp.prec < STR(v)->clen) v = str_new(CSTR(v), cp_offset(v, sp.prec));
    if (sp.zero && !sp.align) { sp.align = '<'; strcpy(sp.fill, "0"); }
    return pad(v, sp.width, str_c(sp.fill), sp.align ? sp.align : '<');
}

/* "{0} {name!r:>10}".format(...) */
Obj *str_format_method(Obj *fmt, int n, Obj **args, Obj *kw) {
    const char *s = CSTR(fmt);
    int len = STR(fmt)->len, i = 0, autoidx = 0;
    Buf b;
    buf_init(&b);
    while (i < len) {
        char c = s[i];
        if (c == '{' && i + 1 < len && s[i + 1] == '{') { buf_addc(&b, '{'); i += 2; continue; }
        if (c == '}' && i + 1 < len && s[i + 1] == '}') { buf_addc(&b, '}'); i += 2; continue; }
        if (c == '}') { buf_free(&b); py_raise_type(ValueError, "Single '}' encountered in format string"); }
        if (c != '{') { buf_addc(&b, c); i++; continue; }
        {
            int start = ++i, depth = 0, fend, conv = 0;
            Obj *v, *spec = NULL;
            while (i < len && (depth > 0 || (s[i] != '}' && s[i] != '!' && s[i] != ':'))) {
                if (s[i] == '[') depth++;
                if (s[i] == ']') depth--;
                i++;
            }
            if (i >= len) { buf_free(&b); py_raise_type(ValueError, "expected '}' before end of string"); }
            fend = i;
            if (s[i] == '!') { conv = s[i + 1]; i += 2; }
            if (i < len && s[i] == ':') {
                int ss = ++i, d = 0;
                while (i < len && (d > 0 || s[i] != '}')) { if (s[i] == '{') d++; if (s[i] == '}') d--; i++; }
                spec = str_new(s + ss, i - ss);
                if (strchr(CSTR(spec), '{')) spec = str_format_method(spec, n, args, kw);
            }
            if (i >= len || s[i] != '}') { buf_free(&b); py_raise_type(ValueError, "expected '}' before end of string"); }
            i++;
            /* field name: index or name, then .attr / [key] parts */
            {
                int p = start, q = start;
                while (q < fend && s[q] != '.' && s[q] != '[') q++;
                if (q == p) {
                    if (autoidx < 0) { buf_free(&b); py_raise_type(ValueError, "cannot switch from manual field specification to automatic field numbering"); }
                    if (autoidx >= n) { buf_free(&b); py_raise_type(IndexError, "Replacement index %d out of range for positional args tuple", autoidx); }
                    v = args[autoidx++];
                } else if (s[p] >= '0' && s[p] <= '9') {
                    int idx = atoi(s + p);
                    if (autoidx > 0) { buf_free(&b); py_raise_type(ValueError, "cannot switch from automatic field numbering to manual field specification"); }
                    autoidx = -1;
                    if (idx >= n) { buf_free(&b); py_raise_type(IndexError, "Replacement index %d out of range for positional args tuple", idx); }
                    v = args[idx];
                } else {
                    Obj *key = str_new(s + p, q - p);
                    v = kw ? dict_get(kw, key) : NULL;
                    if (!v) { buf_free(&b); py_raise(exc_new(KeyError, tuple_pack(1, key))); }
                }
                while (q < fend) {
                    if (s[q] == '.') {
                        int r = ++q;
                        while (q < fend && s[q] != '.' && s[q] != '[') q++;
                        v = getattr(v, str_new(s + r, q - r));
                    } else {
                        int r = ++q;
                        Obj *key;
                        while (q < fend && s[q] != ']') q++;
                        key = str_new(s + r, q - r);
                        if (q - r > 0 && s[r] >= '0' && s[r] <= '9') key = MK_SMALL(atoi(s + r));
                        v = getitem(v, key);
                        q++;
                    }
                }
            }
            if (conv == 'r' || conv == 'a') v = repr(v);
            else if (conv == 's') v = to_str(v);
            buf_addobj(&b, str_format_spec(v, spec ? spec : str_new("", 0)));
        }
    }
    return buf_to_str(&b);
}

/* "%d %s" % args */
Obj *str_percent(Obj *fmt, Obj *args) {
    const char *s = CSTR(fmt);
    int len = STR(fmt)->len, i = 0, argi = 0, nargs;
    Obj **items;
    Obj *single[1];
    Obj *mapping = NULL;
    Buf b;
    if (TYPE(args) == &TupleType) { nargs = TUPLE(args)->len; items = TUPLE(args)->items; }
    else { single[0] = args; items = single; nargs = 1; if (TYPE(args) == &DictType) mapping = args; }
    buf_init(&b);
    while (i < len) {
        Spec sp;
        char t;
        Obj *v;
        if (s[i] != '%') { buf_addc(&b, s[i++]); continue; }
        i++;
        if (i >= len) { buf_free(&b); py_raise_type(ValueError, "incomplete format"); }
        if (s[i] == '%') { buf_addc(&b, '%'); i++; continue; }
        memset(&sp, 0, sizeof sp);
        sp.prec = -1;
        strcpy(sp.fill, " ");
        v = NULL;
        if (s[i] == '(') {
            int st = ++i;
            while (i < len && s[i] != ')') i++;
            if (!mapping) { buf_free(&b); py_raise_type(TypeError, "format requires a mapping"); }
            v = getitem(mapping, str_new(s + st, i - st));
            i++;
        }
        while (i < len && strchr("-+ #0", s[i]) && s[i]) {
            if (s[i] == '-') sp.align = '<';
            else if (s[i] == '+') sp.sign = '+';
            else if (s[i] == ' ') { if (!sp.sign) sp.sign = ' '; }
            else if (s[i] == '#') sp.alt = 1;
            else sp.zero = 1;
            i++;
        }
        if (i < len && s[i] == '*') { sp.width = (int)as_long(items[argi++]); i++; }
        while (i < len && s[i] >= '0' && s[i] <= '9') sp.width = sp.width * 10 + (s[i++] - '0');
        if (i < len && s[i] == '.') {
            i++; sp.prec = 0;
            if (i < len && s[i] == '*') { sp.prec = (int)as_long(items[argi++]); i++; }
            while (i < len && s[i] >= '0' && s[i] <= '9') sp.prec = sp.prec * 10 + (s[i++] - '0');
        }
        if (i >= len) { buf_free(&b); py_raise_type(ValueError, "incomplete format"); }
        t = s[i++];
        if (!v) {
            if (argi >= nargs) { buf_free(&b); py_raise_type(TypeError, "not enough arguments for format string"); }
            v = items[argi++];
        }
        if (sp.align == '<') sp.zero = 0;
        switch (t) {
        case 's': case 'r': case 'a': {
            Obj *str = t == 's' ? to_str(v) : repr(v);
            if (sp.prec >= 0 && sp.prec < STR(str)->clen) str = str_new(CSTR(str), cp_offset(str, sp.prec));
            buf_addobj(&b, pad(str, sp.width, NULL, sp.align ? '<' : '>'));
            break;
        }
        case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
            Obj *iv;
            if (TYPE(v) == &FloatType) iv = int_from_double(((Float *)v)->v);
            else if (is_int(v)) iv = v;
            else { buf_free(&b); py_raise_type(TypeError, "%%%c format: a real number is required, not %s", t, type_name(v)); return NULL; }
            sp.type = (t == 'i' || t == 'u') ? 'd' : t;
            if (sp.prec >= 0) {
                Obj *ds = int_to_str(int_sign(iv) < 0 ? int_binop(OP_SUB, MK_SMALL(0), iv) : iv, t == 'x' || t == 'X' ? 16 : t == 'o' ? 8 : 10);
                while (STR(ds)->len < sp.prec) ds = str_concat(str_c("0"), ds);
                buf_addobj(&b, pad(str_concat(str_c(int_sign(iv) < 0 ? "-" : ""), ds), sp.width, NULL, sp.align ? '<' : '>'));
                break;
            }
            if (sp.alt && t == 'o') { sp.alt = 1; }
            if (!sp.align) sp.align = sp.zero ? 0 : '>';
            buf_addobj(&b, format_int(iv, &sp));
            break;
        }
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
            double d = as_double(v);
            sp.type = t;
            if (sp.prec < 0) sp.prec = 6;
            if (!sp.align) sp.align = sp.zero ? 0 : '>';
            buf_addobj(&b, format_float(d, &sp));
            break;
        }
        case 'c': {
            char u[4];
            if (TYPE(v) == &StrType) buf_addobj(&b, v);
            else buf_add(&b, u, utf8_encode((unsigned)as_long(v), u));
            break;
        }
        default:
            buf_free(&b);
            py_raise_type(ValueError, "unsupported format character '%c' (0x%x) at index %d", t, t, i - 1);
        }
    }
    if (argi < nargs && !mapping) { buf_free(&b); py_raise_type(TypeError, "not all arguments converted during string formatting"); }
    return buf_to_str(&b);
}

Type StrType = {{&TypeType}, "str", 0};
Type StrIterType = {{&TypeType}, "str_ascii_iterator", 0};

static Obj *iter_self(Obj *o) { return o; }
static void iter_mark(Obj *o) { gc_mark(((Iter *)o)->a); gc_mark(((Iter *)o)->b); }

void str_init(void) {
    int i;
    interned = dict_new();
    gc_add_root(&interned);
    empty_str = str_new("", 0);
    gc_add_root(&empty_str);
    for (i = 0; i < 128; i++) { char c = (char)i; char_cache[i] = str_new(&c, 1); gc_add_root(&char_cache[i]); }
    StrType.repr = str_repr; StrType.str = str_str; StrType.hash = str_hash_slot; StrType.len = str_len;
    StrType.getitem = str_getitem; StrType.contains = str_contains; StrType.binop = str_binop;
    StrType.compare = str_compare; StrType.iter = str_iter; StrType.make = str_make;
    StrIterType.next = striter_next; StrIterType.iter = iter_self; StrIterType.mark = iter_mark;
    add_method(&StrType, "find", s_find); add_method(&StrType, "rfind", s_rfind);
    add_method(&StrType, "index", s_index); add_method(&StrType, "rindex", s_rindex);
    add_method(&StrType, "count", s_count);
    add_method(&StrType, "startswith", s_startswith); add_method(&StrType, "endswith", s_endswith);
    add_method(&StrType, "strip", s_strip); add_method(&StrType, "lstrip", s_lstrip); add_method(&StrType, "rstrip", s_rstrip);
    add_method(&StrType, "split", s_split); add_method(&StrType, "rsplit", s_rsplit);
    add_method(&StrType, "splitlines", s_splitlines); add_method(&StrType, "join", s_join);
    add_method(&StrType, "replace", s_replace);
    add_method(&StrType, "upper", s_upper); add_method(&StrType, "lower", s_lower);
    add_method(&StrType, "casefold", s_lower);
    add_method(&StrType, "swapcase", s_swapcase); add_method(&StrType, "title", s_title);
    add_method(&StrType, "capitalize", s_capitalize);
    add_method(&StrType, "isdigit", s_isdigit); add_method(&StrType, "isnumeric", s_isdigit);
    add_method(&StrType, "isdecimal", s_isdigit);
    add_method(&StrType, "isalpha", s_isalpha); add_method(&StrType, "isalnum", s_isalnum);
    add_method(&StrType, "isspace", s_isspace); add_method(&StrType, "islower", s_islower);
    add_method(&StrType, "isupper", s_isupper); add_method(&StrType, "isidentifier", s_isidentifier);
    add_method(&StrType, "center", s_center); add_method(&StrType, "ljust", s_ljust);
    add_method(&StrType, "rjust", s_rjust); add_method(&StrType, "zfill", s_zfill);
    add_method(&StrType, "partition", s_partition); add_method(&StrType, "rpartition", s_rpartition);
    add_method(&StrType, "encode", s_encode); add_method(&StrType, "format", s_format);
    add_method(&StrType, "removeprefix", s_removeprefix); add_method(&StrType, "removesuffix", s_removesuffix);
    add_method(&StrType, "expandtabs", s_expandtabs);
    add_method(&StrType, "translate", s_translate);
    {
        Wrapper *sm = gc_new(&StaticMethodType, sizeof(Wrapper));
        sm->f = native_new("maketrans", s_maketrans);
        dict_sets(StrType.dict, "maketrans", (Obj *)sm);
    }
}
