/* list.c - lists and tuples (both arrays of Obj*), with a stable merge sort */
#include "py.h"
#include <stdio.h>

Obj *list_new(int n) {
    List *l = gc_new(&ListType, sizeof(List));
    l->cap = n < 4 ? 4 : n;
    l->items = gc_malloc(sizeof(Obj *) * l->cap);
    memset(l->items, 0, sizeof(Obj *) * l->cap);
    l->len = n;
    return (Obj *)l;
}
static void list_release(Obj *o) { gc_free(LIST(o)->items); }
static void list_mark(Obj *o) { int i; for (i = 0; i < LIST(o)->len; i++) gc_mark(LIST(o)->items[i]); }

static void list_reserve(List *l, int n) {
    if (n > l->cap) {
        int cap = l->cap * 2;
        if (cap < n) cap = n;
        l->items = gc_realloc(l->items, sizeof(Obj *) * cap);
        l->cap = cap;
    }
}
void list_append(Obj *o, Obj *v) {
    List *l = LIST(o);
    if (l->len == l->cap) list_reserve(l, l->len + 1);
    l->items[l->len++] = v;
}
void list_extend(Obj *o, Obj *it) {
    if (TYPE(it) == &ListType || TYPE(it) == &TupleType) {
        int n = TYPE(it) == &ListType ? LIST(it)->len : TUPLE(it)->len;
        Obj **src = TYPE(it) == &ListType ? LIST(it)->items : TUPLE(it)->items;
        List *l = LIST(o);
        list_reserve(l, l->len + n);
        memmove(l->items + l->len, src, n * sizeof(Obj *));
        l->len += n;
        return;
    }
    {
        Obj *i = get_iter(it), *v;
        while ((v = iter_next(i)) != NULL) list_append(o, v);
    }
}

intptr_t norm_index(intptr_t i, intptr_t len, const char *what) {
    if (i < 0) i += len;
    if (i < 0 || i >= len) py_raise_type(IndexError, "%s index out of range", what);
    return i;
}

Obj *list_pop(Obj *o, intptr_t i) {
    List *l = LIST(o);
    Obj *v;
    if (l->len == 0) py_raise_type(IndexError, "pop from empty list");
    i = norm_index(i, l->len, "pop");
    v = l->items[i];
    memmove(l->items + i, l->items + i + 1, (l->len - i - 1) * sizeof(Obj *));
    l->len--;
    return v;
}

static Obj *seq_repr(Obj **items, int n, const char *open, const char *close, int one_comma) {
    Buf b;
    int i;
    buf_init(&b);
    buf_adds(&b, open);
    for (i = 0; i < n; i++) {
        if (i) buf_adds(&b, ", ");
        buf_addobj(&b, repr(items[i]));
    }
    if (one_comma && n == 1) buf_addc(&b, ',');
    buf_adds(&b, close);
    return buf_to_str(&b);
}

static Obj *repr_guard;   /* list of containers being printed, to show [...] */
static int in_repr(Obj *o) {
    int i;
    for (i = 0; i < LIST(repr_guard)->len; i++) if (LIST(repr_guard)->items[i] == o) return 1;
    return 0;
}
typedef struct { Obj **items; int n; const char *open, *close; int one; Obj *result; } ReprJob;
static void repr_job(void *p) {
    ReprJob *j = (ReprJob *)p;
    j->result = seq_repr(j->items, j->n, j->open, j->close, j->one);
}
static Obj *guarded_repr(Obj *o, Obj **items, int n, const char *open, const char *close, const char *rec, int one) {
    ReprJob job;
    Obj *e;
    int depth = LIST(repr_guard)->len;
    if (in_repr(o)) return str_c(rec);
    list_append(repr_guard, o);
    job.items = items; job.n = n; job.open = open; job.close = close; job.one = one; job.result = NULL;
    e = py_try(repr_job, &job);
    LIST(repr_guard)->len = depth;    /* leave the guard as we found it, even on errors */
    if (e) py_raise(e);
    return job.result;
}
Obj *guard_enter(Obj *o) { if (in_repr(o)) return NULL; list_append(repr_guard, o); return o; }
void guard_leave(void) { LIST(repr_guard)->len--; }
int guard_depth(void) { return LIST(repr_guard)->len; }
void guard_restore(int depth) { LIST(repr_guard)->len = depth; }
void guard_reset(void) { LIST(repr_guard)->len = 0; }

static Obj *list_repr(Obj *o) { return guarded_repr(o, LIST(o)->items, LIST(o)->len, "[", "]", "[...]", 0); }
static intptr_t list_len(Obj *o) { return LIST(o)->len; }

void slice_indices(Obj *so, intptr_t len, intptr_t *start, intptr_t *stop, intptr_t *step, intptr_t *count) {
    Slice *s = (Slice *)so;
    intptr_t st = s->step == None ? 1 : index_of(s->step), a, b;
    if (st == 0) py_raise_type(ValueError, "slice step cannot be zero");
    if (s->start == None) a = st > 0 ? 0 : len - 1;
    else {
        a = index_of(s->start);
        if (a < 0) { a += len; if (a < 0) a = st > 0 ? 0 : -1; }
        else if (a >= len) a = st > 0 ? len : len - 1;
    }
    if (s->stop == None) b = st > 0 ? len : -1;
    else {
        b = index_of(s->stop);
        if (b < 0) { b += len; if (b < 0) b = st > 0 ? 0 : -1; }
        else if (b >= len) b = st > 0 ? len : len - 1;
    }
    *start = a; *stop = b; *step = st;
    if (st > 0) *count = b > a ? (b - a + st - 1) / st : 0;
    else *count = a > b ? (a - b - st - 1) / (-st) : 0;
}

static Obj *list_getitem(Obj *o, Obj *k) {
    List *l = LIST(o);
    if (TYPE(k) == &SliceType) {
        intptr_t start, stop, step, count, i;
        Obj *r;
        slice_indices(k, l->len, &start, &stop, &step, &count);
        r = list_new((int)count);
        for (i = 0; i < count; i++) LIST(r)->items[i] = l->items[start + i * step];
        return r;
    }
    if (!is_int(k) && !(TYPE(k)->flags & TF_USER)) py_raise_type(TypeError, "list indices must be integers or slices, not %s", type_name(k));
    return l->items[norm_index(index_of(k), l->len, "list")];
}

static void list_setitem(Obj *o, Obj *k, Obj *v) {
    List *l = LIST(o);
    if (TYPE(k) == &SliceType) {
        intptr_t start, stop, step, count, i;
        slice_indices(k, l->len, &start, &stop, &step, &count);
        if (!v) {
            /* delete slice */
            int w = 0;
            Obj **keep = gc_malloc(sizeof(Obj *) * (l->len + 1));
            for (i = 0; i < l->len; i++) {
                int del = 0;
                if (step > 0 ? (i >= start && i < stop && (i - start) % step == 0) : (i <= start && i > stop && (start - i) % (-step) == 0)) del = 1;
                if (!del) keep[w++] = l->items[i];
            }
            memcpy(l->items, keep, w * sizeof(Obj *));
            gc_free(keep);
            l->len = w;
            return;
        }
        {
            Obj *src = list_from_iter(v);
            int n = LIST(src)->len;
            if (step == 1) {
                intptr_t old = stop > start ? stop - start : 0;
                list_reserve(l, (int)(l->len - old + n));
                memmove(l->items + start + n, l->items + start + old, (l->len - start - old) * sizeof(Obj *));
                memcpy(l->items + start, LIST(src)->items, n * sizeof(Obj *));
                l->len = (int)(l->len - old + n);
                return;
            }
            if (n != count) py_raise_type(ValueError, "attempt to assign sequence of size %d to extended slice of size %d", n, (int)count);
            for (i = 0; i < count; i++) l->items[start + i * step] = LIST(src)->items[i];
            return;
        }
    }
    if (!is_int(k) && !(TYPE(k)->flags & TF_USER)) py_raise_type(TypeError, "list indices must be integers or slices, not %s", type_name(k));
    {
        intptr_t i = norm_index(index_of(k), l->len, v ? "list assignment" : "list assignment");
        if (v) l->items[i] = v;
        else { memmove(l->items + i, l->items + i + 1, (l->len - i - 1) * sizeof(Obj *)); l->len--; }
    }
}

static int list_contains(Obj *o, Obj *x) {
    int i;
    for (i = 0; i < LIST(o)->len; i++) if (equal(LIST(o)->items[i], x)) return 1;
    return 0;
}

static Obj *seq_compare(int op, Obj **a, int na, Obj **b, int nb) {
    int i;
    for (i = 0; i < na && i < nb; i++) {
        if (!equal(a[i], b[i])) {
            if (op == CMP_EQ) return False;
            if (op == CMP_NE) return True;
            return compare(op, a[i], b[i]);
        }
    }
    switch (op) {
    case CMP_LT: return BOOL(na < nb); case CMP_LE: return BOOL(na <= nb);
    case CMP_EQ: return BOOL(na == nb); case CMP_NE: return BOOL(na != nb);
    case CMP_GT: return BOOL(na > nb); case CMP_GE: return BOOL(na >= nb);
    }
    return NULL;
}
static int is_list(Obj *o) { return TYPE(o) == &ListType || ((TYPE(o)->flags & TF_USER) && is_subtype(TYPE(o), &ListType)); }

static Obj *list_compare(int op, Obj *a, Obj *b) {
    if (!is_list(a) || !is_list(b)) return NULL;
    return seq_compare(op, LIST(a)->items, LIST(a)->len, LIST(b)->items, LIST(b)->len);
}

static Obj *list_binop(int op, Obj *a, Obj *b) {
    op &= 0xff;
    if (op == OP_ADD && is_list(a) && is_list(b)) {
        Obj *r = list_new(LIST(a)->len + LIST(b)->len);
        memcpy(LIST(r)->items, LIST(a)->items, LIST(a)->len * sizeof(Obj *));
        memcpy(LIST(r)->items + LIST(a)->len, LIST(b)->items, LIST(b)->len * sizeof(Obj *));
        return r;
    }
    if (op == OP_ADD && TYPE(a) == &ListType && !(TYPE(b)->flags & TF_USER))
        py_raise_type(TypeError, "can only concatenate list (not \"%s\") to list", type_name(b));
    if (op == OP_MUL && (TYPE(a) == &ListType || TYPE(b) == &ListType)) {
        Obj *l = TYPE(a) == &ListType ? a : b, *k = l == a ? b : a, *r;
        long n, i;
        int len = LIST(l)->len;
        if (!is_int(k)) {
            if (TYPE(k)->flags & TF_USER) return NULL;
            py_raise_type(TypeError, "can't multiply sequence by non-int of type '%s'", type_name(k));
        }
        n = as_long(k);
        if (n < 0) n = 0;
        if ((double)n * len > 5e8) py_raise(exc_new(MemoryError, NULL));
        r = list_new((int)(n * len));
        for (i = 0; i < n; i++) memcpy(LIST(r)->items + i * len, LIST(l)->items, len * sizeof(Obj *));
        return r;
    }
    return NULL;
}

static Obj *list_iter(Obj *o) {
    Iter *it = gc_new(&ListIterType, sizeof(Iter));
    it->a = o;
    return (Obj *)it;
}
static Obj *listiter_next(Obj *o) {
    Iter *it = (Iter *)o;
    if (it->i < LIST(it->a)->len) return LIST(it->a)->items[it->i++];
    return NULL;
}

static Obj *list_make(Type *t, int n, Obj **a, Obj *kw) {
    (void)t; (void)kw;
    check_args("list", n, 0, 1);
    if (n == 0) return list_new(0);
    return list_from_iter(a[0]);
}

/* ---- sort: stable merge sort on (key, value) pairs ---- */
static int less_than(Obj *a, Obj *b) {
    if (IS_SMALL(a) && IS_SMALL(b)) return SMALL_VAL(a) < SMALL_VAL(b);
    return truth(compare(CMP_LT, a, b));
}
static void merge_sort(Obj **keys, Obj **vals, Obj **tk, Obj **tv, int n) {
    int mid, i, j, k;
    if (n < 2) return;
    if (n <= 8) {
        for (i = 1; i < n; i++) {
            Obj *kk = keys[i], *vv = vals[i];
            for (j = i; j > 0 && less_than(kk, keys[j - 1]); j--) { keys[j] = keys[j - 1]; vals[j] = vals[j - 1]; }
            keys[j] = kk; vals[j] = vv;
        }
        return;
    }
    mid = n / 2;
    merge_sort(keys, vals, tk, tv, mid);
    merge_sort(keys + mid, vals + mid, tk, tv, n - mid);
    if (!less_than(keys[mid], keys[mid - 1])) return;
    memcpy(tk, keys, mid * sizeof(Obj *));
    memcpy(tv, vals, mid * sizeof(Obj *));
    i = 0; j = mid; k = 0;
    while (i < mid && j < n) {
        if (less_than(keys[j], tk[i])) { keys[k] = keys[j]; vals[k++] = vals[j++]; }
        else { keys[k] = tk[i]; vals[k++] = tv[i++]; }
    }
    while (i < mid) { keys[k] = tk[i]; vals[k++] = tv[i++]; }
}

void list_sort(Obj *o, Obj *key, int reverse) {
    List *l = LIST(o);
    int n = l->len, i;
    Obj *keys = list_new(n), *vals = list_new(n), *tk = list_new(n), *tv = list_new(n);
    for (i = 0; i < n; i++) {
        LIST(vals)->items[i] = l->items[reverse ? n - 1 - i : i];
        LIST(keys)->items[i] = key && key != None ? call1(key, LIST(vals)->items[i]) : LIST(vals)->items[i];
    }
    merge_sort(LIST(keys)->items, LIST(vals)->items, LIST(tk)->items, LIST(tv)->items, n);
    if (l->len != n) py_raise_type(ValueError, "list modified during sort");
    for (i = 0; i < n; i++) l->items[i] = LIST(vals)->items[reverse ? n - 1 - i : i];
}

/* ---- list methods ---- */
static Obj *l_append(int n, Obj **a, Obj *kw) { (void)kw; check_args("append", n, 2, 2); list_append(a[0], a[1]); return None; }
static Obj *l_extend(int n, Obj **a, Obj *kw) { (void)kw; check_args("extend", n, 2, 2); list_extend(a[0], a[1]); return None; }
static Obj *l_pop(int n, Obj **a, Obj *kw) { (void)kw; check_args("pop", n, 1, 2); return list_pop(a[0], n > 1 ? index_of(a[1]) : -1); }
static Obj *l_insert(int n, Obj **a, Obj *kw) {
    List *l = LIST(a[0]);
    intptr_t i;
    (void)kw;
    check_args("insert", n, 3, 3);
    i = index_of(a[1]);
    if (i < 0) { i += l->len; if (i < 0) i = 0; }
    if (i > l->len) i = l->len;
    list_reserve(l, l->len + 1);
    memmove(l->items + i + 1, l->items + i, (l->len - i) * sizeof(Obj *));
    l->items[i] = a[2];
    l->len++;
    return None;
}
static Obj *l_remove(int n, Obj **a, Obj *kw) {
    List *l = LIST(a[0]);
    int i;
    (void)kw;
    check_args("remove", n, 2, 2);
    for (i = 0; i < l->len; i++)
        if (equal(l->items[i], a[1])) { list_pop(a[0], i); return None; }
    py_raise_type(ValueError, "list.remove(x): x not in list");
    return None;
}
static Obj *l_index(int n, Obj **a, Obj *kw) {
    List *l = LIST(a[0]);
    intptr_t i, start = n > 2 ? index_of(a[2]) : 0, stop = n > 3 ? index_of(a[3]) : l->len;
    (void)kw;
    if (start < 0) { start += l->len; if (start < 0) start = 0; }
    if (stop < 0) stop += l->len;
    for (i = start; i < stop && i < l->len; i++) if (equal(l->items[i], a[1])) return MK_SMALL(i);
    py_raise_type(ValueError, "%s is not in list", CSTR(repr(a[1])));
    return None;
}
static Obj *l_count(int n, Obj **a, Obj *kw) {
    int i, c = 0;
    (void)kw;
    check_args("count", n, 2, 2);
    for (i = 0; i < LIST(a[0])->len; i++) if (equal(LIST(a[0])->items[i], a[1])) c++;
    return MK_SMALL(c);
}
static Obj *l_reverse(int n, Obj **a, Obj *kw) {
    List *l = LIST(a[0]);
    int i;
    (void)n; (void)kw;
    for (i = 0; i < l->len / 2; i++) { Obj *t = l->items[i]; l->items[i] = l->items[l->len - 1 - i]; l->items[l->len - 1 - i] = t; }
    return None;
}
static Obj *l_sort(int n, Obj **a, Obj *kw) {
    Obj *rev = kwarg(kw, "reverse");
    if (n > 1) py_raise_type(TypeError, "sort() takes no positional arguments");
    list_sort(a[0], kwarg(kw, "key"), rev && truth(rev));
    return None;
}
static Obj *l_copy(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return list_from_iter(a[0]); }
static Obj *l_clear(int n, Obj **a, Obj *kw) { (void)n; (void)kw; LIST(a[0])->len = 0; return None; }
static Obj *l_init(int n, Obj **a, Obj *kw) {
    (void)kw;
    check_args("list", n, 1, 2);
    LIST(a[0])->len = 0;
    if (n > 1) list_extend(a[0], a[1]);
    return None;
}

/* ---- tuples ---- */
static Obj *empty_tuple;
Obj *tuple_new(int n) {
    Tuple *t;
    if (n == 0 && empty_tuple) return empty_tuple;
    t = gc_new(&TupleType, sizeof(Tuple) + sizeof(Obj *) * (n > 0 ? n - 1 : 0));
    t->len = n;
    return (Obj *)t;
}
#include <stdarg.h>
Obj *tuple_pack(int n, ...) {
    va_list ap;
    Obj *t = tuple_new(n);
    int i;
    va_start(ap, n);
    for (i = 0; i < n; i++) TUPLE(t)->items[i] = va_arg(ap, Obj *);
    va_end(ap);
    return t;
}
static void tuple_mark(Obj *o) { int i; for (i = 0; i < TUPLE(o)->len; i++) gc_mark(TUPLE(o)->items[i]); }
static Obj *tuple_repr(Obj *o) { return guarded_repr(o, TUPLE(o)->items, TUPLE(o)->len, "(", ")", "(...)", 1); }
static intptr_t tuple_len(Obj *o) { return TUPLE(o)->len; }
static Obj *tuple_getitem(Obj *o, Obj *k) {
    Tuple *t = TUPLE(o);
    if (TYPE(k) == &SliceType) {
        intptr_t start, stop, step, count, i;
        Obj *r;
        slice_indices(k, t->len, &start, &stop, &step, &count);
        r = tuple_new((int)count);
        for (i = 0; i < count; i++) TUPLE(r)->items[i] = t->items[start + i * step];
        return r;
    }
    if (!is_int(k) && !(TYPE(k)->flags & TF_USER)) py_raise_type(TypeError, "tuple indices must be integers or slices, not %s", type_name(k));
    return t->items[norm_index(index_of(k), t->len, "tuple")];
}
static int tuple_contains(Obj *o, Obj *x) {
    int i;
    for (i = 0; i < TUPLE(o)->len; i++) if (equal(TUPLE(o)->items[i], x)) return 1;
    return 0;
}
static Obj *tuple_compare(int op, Obj *a, Obj *b) {
    if (TYPE(a) != &TupleType || TYPE(b) != &TupleType) return NULL;
    return seq_compare(op, TUPLE(a)->items, TUPLE(a)->len, TUPLE(b)->items, TUPLE(b)->len);
}
static intptr_t tuple_hash(Obj *o) {
    uintptr_t h = 0x345678;
    int i;
    for (i = 0; i < TUPLE(o)->len; i++) h = (h ^ (uintptr_t)hash(TUPLE(o)->items[i])) * 1000003u;
    return (intptr_t)(h >> 1);
}
static Obj *tuple_binop(int op, Obj *a, Obj *b) {
    op &= 0xff;
    if (op == OP_ADD && TYPE(a) == &TupleType && TYPE(b) == &TupleType) {
        Obj *r = tuple_new(TUPLE(a)->len + TUPLE(b)->len);
        memcpy(TUPLE(r)->items, TUPLE(a)->items, TUPLE(a)->len * sizeof(Obj *));
        memcpy(TUPLE(r)->items + TUPLE(a)->len, TUPLE(b)->items, TUPLE(b)->len * sizeof(Obj *));
        return r;
    }
    if (op == OP_ADD && TYPE(a) == &TupleType && !(TYPE(b)->flags & TF_USER))
        py_raise_type(TypeError, "can only concatenate tuple (not \"%s\") to tuple", type_name(b));
    if (op == OP_MUL && (TYPE(a) == &TupleType || TYPE(b) == &TupleType)) {
        Obj *t = TYPE(a) == &TupleType ? a : b, *k = t == a ? b : a, *r;
        long n, i;
        int len = TUPLE(t)->len;
        if (!is_int(k)) return NULL;
        n = as_long(k);
        if (n < 0) n = 0;
        if ((double)n * len > 5e8) py_raise(exc_new(MemoryError, NULL));
        r = tuple_new((int)(n * len));
        for (i = 0; i < n; i++) memcpy(TUPLE(r)->items + i * len, TUPLE(t)->items, len * sizeof(Obj *));
        return r;
    }
    return NULL;
}
static Obj *tuple_iter(Obj *o) {
    Iter *it = gc_new(&TupleIterType, sizeof(Iter));
    it->a = o;
    return (Obj *)it;
}
static Obj *tupleiter_next(Obj *o) {
    Iter *it = (Iter *)o;
    if (it->i < TUPLE(it->a)->len) return TUPLE(it->a)->items[it->i++];
    return NULL;
}
static Obj *tuple_make(Type *t, int n, Obj **a, Obj *kw) {
    (void)t; (void)kw;
    check_args("tuple", n, 0, 1);
    if (n == 0) return tuple_new(0);
    return seq_tuple(a[0]);
}
static Obj *t_index(int n, Obj **a, Obj *kw) {
    int i;
    (void)kw; (void)n;
    for (i = 0; i < TUPLE(a[0])->len; i++) if (equal(TUPLE(a[0])->items[i], a[1])) return MK_SMALL(i);
    py_raise_type(ValueError, "tuple.index(x): x not in tuple");
    return None;
}
static Obj *t_count(int n, Obj **a, Obj *kw) {
    int i, c = 0;
    (void)kw; (void)n;
    for (i = 0; i < TUPLE(a[0])->len; i++) if (equal(TUPLE(a[0])->items[i], a[1])) c++;
    return MK_SMALL(c);
}

Type ListType = {{&TypeType}, "list", 0};
Type TupleType = {{&TypeType}, "tuple", 0};
Type ListIterType = {{&TypeType}, "list_iterator", 0};
Type TupleIterType = {{&TypeType}, "tuple_iterator", 0};
static Obj *iter_self(Obj *o) { return o; }
static void iter_mark(Obj *o) { gc_mark(((Iter *)o)->a); gc_mark(((Iter *)o)->b); }

void list_init(void) {
    repr_guard = NULL;
    ListType.repr = list_repr; ListType.len = list_len; ListType.getitem = list_getitem;
    ListType.setitem = list_setitem; ListType.contains = list_contains; ListType.compare = list_compare;
    ListType.binop = list_binop; ListType.iter = list_iter; ListType.make = list_make;
    ListType.mark = list_mark; ListType.release = list_release;
    ListIterType.next = listiter_next; ListIterType.iter = iter_self; ListIterType.mark = iter_mark;
    TupleIterType.next = tupleiter_next; TupleIterType.iter = iter_self; TupleIterType.mark = iter_mark;
    TupleType.repr = tuple_repr; TupleType.len = tuple_len; TupleType.getitem = tuple_getitem;
    TupleType.contains = tuple_contains; TupleType.compare = tuple_compare; TupleType.hash = tuple_hash;
    TupleType.binop = tuple_binop; TupleType.iter = tuple_iter; TupleType.make = tuple_make;
    TupleType.mark = tuple_mark;
    empty_tuple = NULL;
    empty_tuple = tuple_new(0);
    gc_add_root(&empty_tuple);
    repr_guard = list_new(0);
    gc_add_root(&repr_guard);
    add_method(&ListType, "append", l_append); add_method(&ListType, "extend", l_extend);
    add_method(&ListType, "pop", l_pop); add_method(&ListType, "insert", l_insert);
    add_method(&ListType, "remove", l_remove); add_method(&ListType, "index", l_index);
    add_method(&ListType, "count", l_count); add_method(&ListType, "reverse", l_reverse);
    add_method(&ListType, "sort", l_sort); add_method(&ListType, "copy", l_copy);
    add_method(&ListType, "clear", l_clear);
    add_method(&ListType, "__init__", l_init);
    add_method(&TupleType, "index", t_index); add_method(&TupleType, "count", t_count);
}
