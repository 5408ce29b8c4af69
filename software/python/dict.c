/* dict.c - insertion-ordered hash tables: an entries array plus an index
 * table of open-addressed slots.  Sets and frozensets share the layout.
 */
#include "py.h"
#include <stdio.h>

#define EMPTY (-1)
#define DELETED (-2)

static void dict_release(Obj *o) { gc_free(DICT(o)->e); gc_free(DICT(o)->index); }
static void dict_mark(Obj *o) {
    Dict *d = DICT(o);
    int i;
    for (i = 0; i < d->n; i++) if (d->e[i].key) { gc_mark(d->e[i].key); gc_mark(d->e[i].val); }
}

Obj *dict_new(void) {
    Dict *d = gc_new(&DictType, sizeof(Dict));
    return (Obj *)d;
}

static int keys_equal(Obj *a, Obj *b) {
    if (a == b) return 1;
    if (TYPE(a) == &StrType && TYPE(b) == &StrType) return str_eq(a, b);
    if (IS_SMALL(a) && IS_SMALL(b)) return 0;
    return equal(a, b);
}

/* slot in the index for key, or the empty slot where it would go */
static int lookup(Dict *d, Obj *key, intptr_t h, int *found) {
    unsigned mask = d->isize - 1, i = (unsigned)h & mask, perturb = (unsigned)h;
    int firstdel = -1;
    for (;;) {
        int ix = d->index[i];
        if (ix == EMPTY) { *found = 0; return firstdel >= 0 ? firstdel : (int)i; }
        if (ix == DELETED) { if (firstdel < 0) firstdel = (int)i; }
        else if (d->e[ix].hash == h && keys_equal(d->e[ix].key, key)) { *found = 1; return (int)i; }
        perturb >>= 5;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

static void rebuild(Dict *d, int minsize) {
    int isize = 8, i, w = 0;
    while (isize < minsize * 3 / 2 + 1) isize *= 2;
    /* compact entries */
    for (i = 0; i < d->n; i++) if (d->e[i].key) d->e[w++] = d->e[i];
    d->n = w;
    gc_free(d->index);
    d->index = gc_malloc(sizeof(int) * isize);
    for (i = 0; i < isize; i++) d->index[i] = EMPTY;
    d->isize = isize;
    if (d->cap < isize * 2 / 3 + 1) {
        d->cap = isize * 2 / 3 + 1;
        d->e = gc_realloc(d->e, sizeof(DictEntry) * d->cap);
    }
    for (i = 0; i < d->n; i++) {
        unsigned mask = isize - 1, j = (unsigned)d->e[i].hash & mask, perturb = (unsigned)d->e[i].hash;
        while (d->index[j] != EMPTY) { perturb >>= 5; j = (j * 5 + 1 + perturb) & mask; }
        d->index[j] = i;
    }
}

Obj *dict_get(Obj *o, Obj *key) {
    Dict *d = DICT(o);
    int found, slot;
    intptr_t h;
    if (!d->used) return NULL;
    /* strings cache their hash: skip the call */
    h = !IS_SMALL(key) && key->type == &StrType && STR(key)->hash != -1 ? STR(key)->hash : hash(key);
    slot = lookup(d, key, h, &found);
    return found ? d->e[d->index[slot]].val : NULL;
}

Obj *dict_gets(Obj *o, const char *key) { return dict_get(o, str_intern(key)); }

void dict_set(Obj *o, Obj *key, Obj *val) {
    Dict *d = DICT(o);
    intptr_t h = hash(key);
    int found, slot;
    if (!d->index || d->n + 1 > d->isize * 2 / 3) rebuild(d, d->used + 1 > 8 ? (d->used + 1) * 2 : 8);
    slot = lookup(d, key, h, &found);
    if (found) { d->e[d->index[slot]].val = val; return; }
    if (d->n >= d->cap) { rebuild(d, (d->used + 1) * 2); slot = lookup(d, key, h, &found); }
    d->e[d->n].hash = h; d->e[d->n].key = key; d->e[d->n].val = val;
    d->index[slot] = d->n;
    d->n++;
    d->used++;
}

void dict_sets(Obj *o, const char *key, Obj *val) { dict_set(o, str_intern(key), val); }

int dict_del(Obj *o, Obj *key) {
    Dict *d = DICT(o);
    int found, slot;
    if (!d->used) return 0;
    slot = lookup(d, key, hash(key), &found);
    if (!found) return 0;
    d->e[d->index[slot]].key = NULL;
    d->e[d->index[slot]].val = NULL;
    d->index[slot] = DELETED;
    d->used--;
    if (d->used == 0) { d->n = 0; rebuild(d, 8); }
    return 1;
}

static void dict_repr_body(void *p);
static Obj *dict_repr(Obj *o) {
    extern Obj *guard_enter(Obj *);
    extern int guard_depth(void);
    extern void guard_restore(int);
    Obj *job[2], *e;
    int depth = guard_depth();
    if (!guard_enter(o)) return str_c("{...}");
    job[0] = o; job[1] = NULL;
    e = py_try(dict_repr_body, job);
    guard_restore(depth);
    if (e) py_raise(e);
    return job[1];
}

static void dict_repr_body(void *p) {
    Obj **job = (Obj **)p, *o = job[0];
    Dict *d = DICT(o);
    Buf b;
    int i, first = 1;
    buf_init(&b);
    buf_addc(&b, '{');
    for (i = 0; i < d->n; i++) {
        if (!d->e[i].key) continue;
        if (!first) buf_adds(&b, ", ");
        first = 0;
        buf_addobj(&b, repr(d->e[i].key));
        buf_adds(&b, ": ");
        buf_addobj(&b, repr(d->e[i].val));
    }
    buf_addc(&b, '}');
    job[1] = buf_to_str(&b);
}

static intptr_t dict_len(Obj *o) { return DICT(o)->used; }

static Obj *dict_getitem(Obj *o, Obj *k) {
    Obj *v = dict_get(o, k);
    if (!v) {
        if (TYPE(o) != &DictType) {
            Obj *m = type_lookup_s(TYPE(o), "__missing__");
            if (m) return call2(m, o, k);
        }
        py_raise(exc_new(KeyError, tuple_pack(1, k)));
    }
    return v;
}
static void dict_setitem(Obj *o, Obj *k, Obj *v) {
    if (v) dict_set(o, k, v);
    else if (!dict_del(o, k)) py_raise(exc_new(KeyError, tuple_pack(1, k)));
}
static int dict_contains(Obj *o, Obj *k) { return dict_get(o, k) != NULL; }

static Obj *dict_compare(int op, Obj *a, Obj *b) {
    Dict *x = DICT(a);
    int i, eq = 1;
    if (!isinstance(a, &DictType) || !isinstance(b, &DictType) || (op != CMP_EQ && op != CMP_NE)) return NULL;
    if (x->used != DICT(b)->used) eq = 0;
    for (i = 0; eq && i < x->n; i++) {
        Obj *v;
        if (!x->e[i].key) continue;
        v = dict_get(b, x->e[i].key);
        if (!v || !equal(v, x->e[i].val)) eq = 0;
    }
    return BOOL(op == CMP_EQ ? eq : !eq);
}

/* iteration over keys, values or items: Iter.a = dict, i = position, n = kind */
static Obj *dict_view_iter(Obj *d, int kind) {
    Iter *it = gc_new(&DictIterType, sizeof(Iter));
    it->a = d; it->n = kind; it->step = DICT(d)->used;
    return (Obj *)it;
}
static Obj *dictiter_next(Obj *o) {
    Iter *it = (Iter *)o;
    Dict *d = DICT(it->a);
    if (d->used != it->step) {
        it->step = d->used;
        py_raise_type(RuntimeError, TYPE(it->a) == &DictType ? "dictionary changed size during iteration" : "Set changed size during iteration");
    }
    while (it->i < d->n && !d->e[it->i].key) it->i++;
    if (it->i >= d->n) return NULL;
    it->i++;
    switch (it->n) {
    case 0: return d->e[it->i - 1].key;
    case 1: return d->e[it->i - 1].val;
    default: return tuple_pack(2, d->e[it->i - 1].key, d->e[it->i - 1].val);
    }
}
static Obj *dict_iter(Obj *o) { return dict_view_iter(o, 0); }

/* views */
static Obj *view_new(Type *t, Obj *d) { Iter *v = gc_new(t, sizeof(Iter)); v->a = d; return (Obj *)v; }
static Obj *keys_iter(Obj *v) { return dict_view_iter(((Iter *)v)->a, 0); }
static Obj *values_iter(Obj *v) { return dict_view_iter(((Iter *)v)->a, 1); }
static Obj *items_iter(Obj *v) { return dict_view_iter(((Iter *)v)->a, 2); }
static intptr_t view_len(Obj *v) { return DICT(((Iter *)v)->a)->used; }
static int keys_contains(Obj *v, Obj *k) { return dict_get(((Iter *)v)->a, k) != NULL; }
static int items_contains(Obj *v, Obj *k) {
    Obj *val;
    if (TYPE(k) != &TupleType || TUPLE(k)->len != 2) return 0;
    val = dict_get(((Iter *)v)->a, TUPLE(k)->items[0]);
    return val && equal(val, TUPLE(k)->items[1]);
}
static Obj *view_repr(Obj *v) {
    Obj *l = list_from_iter(v);
    return str_fmt("%s(%s)", TYPE(v)->name, CSTR(repr(l)));
}
static Obj *keys_binop(int op, Obj *a, Obj *b) {
    Obj *s, *args[1];
    op &= 0xff;
    if (op != OP_AND && op != OP_OR && op != OP_SUB && op != OP_XOR) return NULL;
    args[0] = a;
    s = call((Obj *)&SetType, 1, args, NULL);
    if (TYPE(b) != &SetType) { args[0] = b; b = call((Obj *)&SetType, 1, args, NULL); }
    return binop(op, s, b);
}
static Obj *view_compare(int op, Obj *a, Obj *b) {
    Obj *args[1], *x, *y;
    if (op != CMP_EQ && op != CMP_NE) return NULL;
    args[0] = a; x = call((Obj *)&SetType, 1, args, NULL);
    if (TYPE(b) == &DictKeysType || TYPE(b) == &SetType || TYPE(b) == &FrozenSetType) { args[0] = b; y = call((Obj *)&SetType, 1, args, NULL); }
    else return BOOL(op == CMP_NE);
    return compare(op, x, y);
}

static Obj *dict_make(Type *t, int n, Obj **a, Obj *kw) {
    Obj *d = dict_new();
    (void)t;
    check_args("dict", n, 0, 1);
    if (n == 1) {
        Obj *src = a[0];
        if (TYPE(src) == &DictType) {
            int i;
            for (i = 0; i < DICT(src)->n; i++) if (DICT(src)->e[i].key) dict_set(d, DICT(src)->e[i].key, DICT(src)->e[i].val);
        } else if (getattr_opt(src, str_intern("keys"))) {
            Obj *ks = call_method(src, "keys", 0, NULL), *it = get_iter(ks), *k;
            while ((k = iter_next(it)) != NULL) dict_set(d, k, getitem(src, k));
        } else {
            Obj *it = get_iter(src), *item;
            int idx = 0;
            while ((item = iter_next(it)) != NULL) {
                Obj *pair = list_from_iter(item);
                if (LIST(pair)->len != 2)
                    py_raise_type(ValueError, "dictionary update sequence element #%d has length %d; 2 is required", idx, LIST(pair)->len);
                dict_set(d, LIST(pair)->items[0], LIST(pair)->items[1]);
                idx++;
            }
        }
    }
    if (kw) { int i; for (i = 0; i < DICT(kw)->n; i++) if (DICT(kw)->e[i].key) dict_set(d, DICT(kw)->e[i].key, DICT(kw)->e[i].val); }
    return d;
}

static Obj *d_get(int n, Obj **a, Obj *kw) {
    Obj *v;
    (void)kw;
    check_args("get", n, 2, 3);
    v = dict_get(a[0], a[1]);
    return v ? v : n > 2 ? a[2] : None;
}
static Obj *d_keys(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return view_new(&DictKeysType, a[0]); }
static Obj *d_values(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return view_new(&DictValuesType, a[0]); }
static Obj *d_items(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return view_new(&DictItemsType, a[0]); }
static Obj *d_pop(int n, Obj **a, Obj *kw) {
    Obj *v;
    (void)kw;
    check_args("pop", n, 2, 3);
    v = dict_get(a[0], a[1]);
    if (!v) { if (n > 2) return a[2]; py_raise(exc_new(KeyError, tuple_pack(1, a[1]))); }
    dict_del(a[0], a[1]);
    return v;
}
static Obj *d_popitem(int n, Obj **a, Obj *kw) {
    Dict *d = DICT(a[0]);
    int i;
    (void)n; (void)kw;
    for (i = d->n - 1; i >= 0; i--)
        if (d->e[i].key) {
            Obj *r = tuple_pack(2, d->e[i].key, d->e[i].val);
            dict_del(a[0], d->e[i].key);
            return r;
        }
    py_raise_type(KeyError, "popitem(): dictionary is empty");
    return None;
}
static Obj *d_setdefault(int n, Obj **a, Obj *kw) {
    Obj *v;
    (void)kw;
    check_args("setdefault", n, 2, 3);
    v = dict_get(a[0], a[1]);
    if (v) return v;
    v = n > 2 ? a[2] : None;
    dict_set(a[0], a[1], v);
    return v;
}
static Obj *d_update(int n, Obj **a, Obj *kw) {
    Obj *tmp = dict_make(&DictType, n - 1, a + 1, kw);
    int i;
    for (i = 0; i < DICT(tmp)->n; i++) if (DICT(tmp)->e[i].key) dict_set(a[0], DICT(tmp)->e[i].key, DICT(tmp)->e[i].val);
    return None;
}
static Obj *d_init(int n, Obj **a, Obj *kw) { return d_update(n, a, kw); }
static Obj *d_copy(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return dict_make(&DictType, 1, a, NULL); }
static Obj *d_clear(int n, Obj **a, Obj *kw) {
    Dict *d = DICT(a[0]);
    (void)n; (void)kw;
    d->n = 0; d->used = 0;
    rebuild(d, 8);
    return None;
}
static Obj *d_fromkeys(int n, Obj **a, Obj *kw) {
    Obj *d = dict_new(), *it, *k;
    (void)kw;
    it = get_iter(a[1]);
    while ((k = iter_next(it)) != NULL) dict_set(d, k, n > 2 ? a[2] : None);
    return d;
}
static Obj *dict_binop(int op, Obj *a, Obj *b) {
    Obj *r;
    int i;
    if ((op & 0xff) != OP_OR || TYPE(a) != &DictType || TYPE(b) != &DictType) return NULL;
    r = dict_make(&DictType, 1, &a, NULL);
    for (i = 0; i < DICT(b)->n; i++) if (DICT(b)->e[i].key) dict_set(r, DICT(b)->e[i].key, DICT(b)->e[i].val);
    return r;
}

/* ---- sets ---- */
Obj *set_new(Type *t) { Dict *d = gc_new(t, sizeof(Dict)); return (Obj *)d; }
void set_add(Obj *s, Obj *k) { dict_set(s, k, True); }
int set_has(Obj *s, Obj *k) { return dict_get(s, k) != NULL; }
static int is_set(Obj *o) { return TYPE(o) == &SetType || TYPE(o) == &FrozenSetType; }

static Obj *set_repr(Obj *o) {
    Dict *d = DICT(o);
    Buf b;
    int i, first = 1;
    if (d->used == 0) return str_fmt("%s()", TYPE(o)->name);
    buf_init(&b);
    if (TYPE(o) == &FrozenSetType) buf_adds(&b, "frozenset(");
    buf_addc(&b, '{');
    for (i = 0; i < d->n; i++) {
        if (!d->e[i].key) continue;
        if (!first) buf_adds(&b, ", ");
        first = 0;
        buf_addobj(&b, repr(d->e[i].key));
    }
    buf_addc(&b, '}');
    if (TYPE(o) == &FrozenSetType) buf_addc(&b, ')');
    return buf_to_str(&b);
}
static Obj *set_iter(Obj *o) { return dict_view_iter(o, 0); }
static int set_contains(Obj *o, Obj *k) {
    if (TYPE(k) == &SetType) {
        /* a set can be looked up as a frozenset */
        Obj *f = set_new(&FrozenSetType);
        int i;
        for (i = 0; i < DICT(k)->n; i++) if (DICT(k)->e[i].key) set_add(f, DICT(k)->e[i].key);
        k = f;
    }
    return dict_get(o, k) != NULL;
}
static Obj *set_from(Type *t, Obj *src) {
    Obj *s = set_new(t), *it, *k;
    if (is_set(src) || TYPE(src) == &DictType) {
        int i;
        for (i = 0; i < DICT(src)->n; i++) if (DICT(src)->e[i].key) set_add(s, DICT(src)->e[i].key);
        return s;
    }
    it = get_iter(src);
    while ((k = iter_next(it)) != NULL) set_add(s, k);
    return s;
}
static Obj *set_make(Type *t, int n, Obj **a, Obj *kw) {
    (void)kw;
    check_args(t->name, n, 0, 1);
    if (n == 0) return set_new(t);
    return set_from(t, a[0]);
}

static Obj *set_op(int op, Obj *a, Obj *b, Type *rt) {
    Obj *r = set_new(rt);
    Dict *x = DICT(a), *y = DICT(b);
    int i;
    switch (op) {
    case OP_OR:
        for (i = 0; i < x->n; i++) if (x->e[i].key) set_add(r, x->e[i].key);
        for (i = 0; i < y->n; i++) if (y->e[i].key) set_add(r, y->e[i].key);
        break;
    case OP_AND:
        for (i = 0; i < x->n; i++) if (x->e[i].key && set_has(b, x->e[i].key)) set_add(r, x->e[i].key);
        break;
    case OP_SUB:
        for (i = 0; i < x->n; i++) if (x->e[i].key && !set_has(b, x->e[i].key)) set_add(r, x->e[i].key);
        break;
    case OP_XOR:
        for (i = 0; i < x->n; i++) if (x->e[i].key && !set_has(b, x->e[i].key)) set_add(r, x->e[i].key);
        for (i = 0; i < y->n; i++) if (y->e[i].key && !set_has(a, y->e[i].key)) set_add(r, y->e[i].key);
        break;
    }
    return r;
}
static Obj *set_binop(int op, Obj *a, Obj *b) {
    op &= 0xff;
    if (!is_set(a) || !is_set(b)) return NULL;
    if (op != OP_OR && op != OP_AND && op != OP_SUB && op != OP_XOR) return NULL;
    return set_op(op, a, b, TYPE(a));
}
static int subset(Obj *a, Obj *b) {
    int i;
    for (i = 0; i < DICT(a)->n; i++) if (DICT(a)->e[i].key && !set_has(b, DICT(a)->e[i].key)) return 0;
    return 1;
}
static Obj *set_compare(int op, Obj *a, Obj *b) {
    int la, lb;
    if (!is_set(a) || !is_set(b)) return NULL;
    la = DICT(a)->used; lb = DICT(b)->used;
    switch (op) {
    case CMP_EQ: return BOOL(la == lb && subset(a, b));
    case CMP_NE: return BOOL(!(la == lb && subset(a, b)));
    case CMP_LE: return BOOL(subset(a, b));
    case CMP_LT: return BOOL(la < lb && subset(a, b));
    case CMP_GE: return BOOL(subset(b, a));
    case CMP_GT: return BOOL(la > lb && subset(b, a));
    }
    return NULL;
}
static intptr_t frozenset_hash(Obj *o) {
    uintptr_t h = 1927868237u;
    int i;
    for (i = 0; i < DICT(o)->n; i++) if (DICT(o)->e[i].key) h ^= ((uintptr_t)DICT(o)->e[i].hash * 3644798167u) ^ 89869747u;
    return (intptr_t)(h >> 1);
}

static Obj *as_set(Obj *o) { return is_set(o) ? o : set_from(&SetType, o); }
static Obj *st_add(int n, Obj **a, Obj *kw) { (void)kw; check_args("add", n, 2, 2); set_add(a[0], a[1]); return None; }
static Obj *st_remove(int n, Obj **a, Obj *kw) {
    (void)kw; check_args("remove", n, 2, 2);
    if (!dict_del(a[0], a[1])) py_raise(exc_new(KeyError, tuple_pack(1, a[1])));
    return None;
}
static Obj *st_discard(int n, Obj **a, Obj *kw) { (void)kw; check_args("discard", n, 2, 2); dict_del(a[0], a[1]); return None; }
static Obj *st_pop(int n, Obj **a, Obj *kw) {
    Dict *d = DICT(a[0]);
    int i;
    (void)n; (void)kw;
    for (i = 0; i < d->n; i++) if (d->e[i].key) { Obj *k = d->e[i].key; dict_del(a[0], k); return k; }
    py_raise_type(KeyError, "pop from an empty set");
    return None;
}
static Obj *st_update(int n, Obj **a, Obj *kw) {
    int i;
    (void)kw;
    for (i = 1; i < n; i++) { Obj *it = get_iter(a[i]), *k; while ((k = iter_next(it)) != NULL) set_add(a[0], k); }
    return None;
}
static Obj *st_multi(int n, Obj **a, int op) {
    Obj *r = set_from(TYPE(a[0]), a[0]);
    int i;
    for (i = 1; i < n; i++) r = set_op(op, r, as_set(a[i]), TYPE(a[0]));
    return r;
}
static Obj *st_union(int n, Obj **a, Obj *kw) { (void)kw; return st_multi(n, a, OP_OR); }
static Obj *st_intersection(int n, Obj **a, Obj *kw) { (void)kw; return st_multi(n, a, OP_AND); }
static Obj *st_difference(int n, Obj **a, Obj *kw) { (void)kw; return st_multi(n, a, OP_SUB); }
static Obj *st_symdiff(int n, Obj **a, Obj *kw) { (void)kw; return st_multi(n, a, OP_XOR); }
static void replace_contents(Obj *dst, Obj *src) {
    Dict *d = DICT(dst);
    int i;
    d->n = 0; d->used = 0;
    rebuild(d, 8);
    for (i = 0; i < DICT(src)->n; i++) if (DICT(src)->e[i].key) set_add(dst, DICT(src)->e[i].key);
}
static Obj *st_intersection_update(int n, Obj **a, Obj *kw) { replace_contents(a[0], st_intersection(n, a, kw)); return None; }
static Obj *st_difference_update(int n, Obj **a, Obj *kw) { replace_contents(a[0], st_difference(n, a, kw)); return None; }
static Obj *st_symdiff_update(int n, Obj **a, Obj *kw) { replace_contents(a[0], st_symdiff(n, a, kw)); return None; }
static Obj *st_issubset(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return BOOL(subset(a[0], as_set(a[1]))); }
static Obj *st_issuperset(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return BOOL(subset(as_set(a[1]), a[0])); }
static Obj *st_isdisjoint(int n, Obj **a, Obj *kw) {
    Obj *b = as_set(a[1]);
    int i;
    (void)n; (void)kw;
    for (i = 0; i < DICT(a[0])->n; i++) if (DICT(a[0])->e[i].key && set_has(b, DICT(a[0])->e[i].key)) return False;
    return True;
}
static Obj *st_copy(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return set_from(TYPE(a[0]), a[0]); }
static Obj *st_clear(int n, Obj **a, Obj *kw) { (void)n; (void)kw; DICT(a[0])->n = 0; DICT(a[0])->used = 0; rebuild(DICT(a[0]), 8); return None; }

Type DictType = {{&TypeType}, "dict", 0};
Type SetType = {{&TypeType}, "set", 0};
Type FrozenSetType = {{&TypeType}, "frozenset", 0};
Type DictKeysType = {{&TypeType}, "dict_keys", 0};
Type DictValuesType = {{&TypeType}, "dict_values", 0};
Type DictItemsType = {{&TypeType}, "dict_items", 0};
Type DictIterType = {{&TypeType}, "dict_keyiterator", 0};
static Obj *iter_self(Obj *o) { return o; }
static void iter_mark(Obj *o) { gc_mark(((Iter *)o)->a); gc_mark(((Iter *)o)->b); }

void dict_init(void) {
    Type *sets[2];
    int i;
    DictType.repr = dict_repr; DictType.len = dict_len; DictType.getitem = dict_getitem;
    DictType.setitem = dict_setitem; DictType.contains = dict_contains; DictType.compare = dict_compare;
    DictType.iter = dict_iter; DictType.make = dict_make; DictType.mark = dict_mark;
    DictType.release = dict_release; DictType.binop = dict_binop;
    DictIterType.next = dictiter_next; DictIterType.iter = iter_self; DictIterType.mark = iter_mark;
    DictKeysType.iter = keys_iter; DictKeysType.len = view_len; DictKeysType.contains = keys_contains;
    DictKeysType.mark = iter_mark; DictKeysType.repr = view_repr; DictKeysType.binop = keys_binop;
    DictKeysType.compare = view_compare;
    DictValuesType.iter = values_iter; DictValuesType.len = view_len; DictValuesType.mark = iter_mark;
    DictValuesType.repr = view_repr;
    DictItemsType.iter = items_iter; DictItemsType.len = view_len; DictItemsType.contains = items_contains;
    DictItemsType.mark = iter_mark; DictItemsType.repr = view_repr; DictItemsType.binop = keys_binop;
    add_method(&DictType, "get", d_get); add_method(&DictType, "keys", d_keys);
    add_method(&DictType, "values", d_values); add_method(&DictType, "items", d_items);
    add_method(&DictType, "pop", d_pop); add_method(&DictType, "popitem", d_popitem);
    add_method(&DictType, "setdefault", d_setdefault); add_method(&DictType, "update", d_update);
    add_method(&DictType, "copy", d_copy);
    add_method(&DictType, "__init__", d_init); add_method(&DictType, "clear", d_clear);
    {
        Wrapper *cm = gc_new(&ClassMethodType, sizeof(Wrapper));
        cm->f = native_new("fromkeys", d_fromkeys);
        dict_sets(DictType.dict, "fromkeys", (Obj *)cm);
    }
    sets[0] = &SetType; sets[1] = &FrozenSetType;
    for (i = 0; i < 2; i++) {
        Type *t = sets[i];
        t->repr = set_repr; t->len = dict_len; t->contains = set_contains; t->iter = set_iter;
        t->make = set_make; t->mark = dict_mark; t->release = dict_release; t->binop = set_binop;
        t->compare = set_compare;
        add_method(t, "union", st_union); add_method(t, "intersection", st_intersection);
        add_method(t, "difference", st_difference); add_method(t, "symmetric_difference", st_symdiff);
        add_method(t, "issubset", st_issubset); add_method(t, "issuperset", st_issuperset);
        add_method(t, "isdisjoint", st_isdisjoint); add_method(t, "copy", st_copy);
    }
    FrozenSetType.hash = frozenset_hash;
    add_method(&SetType, "add", st_add); add_method(&SetType, "remove", st_remove);
    add_method(&SetType, "discard", st_discard); add_method(&SetType, "pop", st_pop);
    add_method(&SetType, "update", st_update);
    add_method(&SetType, "__init__", st_update); add_method(&SetType, "clear", st_clear);
    add_method(&SetType, "intersection_update", st_intersection_update);
    add_method(&SetType, "difference_update", st_difference_update);
    add_method(&SetType, "symmetric_difference_update", st_symdiff_update);
}
