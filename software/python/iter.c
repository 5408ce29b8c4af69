/* iter.c - the iterator types behind enumerate, zip, map, filter,
 * reversed, iter(callable, sentinel) and sequence iteration.
 */
#include "py.h"

static Obj *iter_self(Obj *o) { return o; }
static void iter_mark(Obj *o) { gc_mark(((Iter *)o)->a); gc_mark(((Iter *)o)->b); }

static Iter *iter_new(Type *t, Obj *a, Obj *b) {
    Iter *it = gc_new(t, sizeof(Iter));
    it->a = a; it->b = b;
    return it;
}

/* iteration by __getitem__ with 0, 1, 2, ... until IndexError */
static Obj *seq_target, *seq_result;
static void seq_body(void *p) { seq_result = getitem(seq_target, MK_SMALL(*(intptr_t *)p)); }
static Obj *seqiter_next(Obj *o) {
    Iter *it = (Iter *)o;
    Obj *e, *saved = seq_target;
    intptr_t i = it->i;
    if (!it->a) return NULL;
    if (TYPE(it->a) == &ListType) {
        if (it->i < LIST(it->a)->len) return LIST(it->a)->items[it->i++];
        return NULL;
    }
    seq_target = it->a;
    e = py_try(seq_body, &i);
    seq_target = saved;
    if (e) {
        if (isinstance(e, IndexError) || isinstance(e, StopIteration)) { it->a = NULL; return NULL; }
        py_raise(e);
    }
    it->i++;
    return seq_result;
}

static Obj *enumerate_make(Type *t, int n, Obj **a, Obj *kw) {
    Obj *start = n > 1 ? a[1] : kwarg(kw, "start");
    Iter *it;
    (void)t;
    if (n < 1) py_raise_type(TypeError, "enumerate() missing required argument 'iterable'");
    it = iter_new(&EnumerateType, get_iter(a[0]), start ? start : MK_SMALL(0));
    return (Obj *)it;
}
static Obj *enumerate_next(Obj *o) {
    Iter *it = (Iter *)o;
    Obj *v = iter_next(it->a), *idx;
    if (!v) return NULL;
    idx = it->b;
    it->b = IS_SMALL(idx) && SMALL_VAL(idx) < SMALL_MAX ? MK_SMALL(SMALL_VAL(idx) + 1) : binop(OP_ADD, idx, MK_SMALL(1));
    return tuple_pack(2, idx, v);
}

static Obj *zip_make(Type *t, int n, Obj **a, Obj *kw) {
    Obj *its = tuple_new(n);
    int i;
    Obj *strict = kwarg(kw, "strict");
    (void)t;
    for (i = 0; i < n; i++) TUPLE(its)->items[i] = get_iter(a[i]);
    return (Obj *)iter_new(&ZipType, its, strict && truth(strict) ? True : NULL);
}
static Obj *zip_next(Obj *o) {
    Iter *it = (Iter *)o;
    Tuple *its = (Tuple *)it->a;
    Obj *r;
    int i;
    if (its->len == 0 || it->i) return NULL;
    r = tuple_new(its->len);
    for (i = 0; i < its->len; i++) {
        Obj *v = iter_next(its->items[i]);
        if (!v) {
            it->i = 1;
            if (it->b == True) {
                if (i > 0) py_raise_type(ValueError, "zip() argument %d is shorter than argument%s%d", i + 1, i > 1 ? "s 1-" : " ", i);
                for (i = 1; i < its->len; i++)
                    if (iter_next(its->items[i])) py_raise_type(ValueError, "zip() argument %d is longer than argument%s%d", i + 1, i > 1 ? "s 1-" : " ", i);
            }
            return NULL;
        }
        TUPLE(r)->items[i] = v;
    }
    return r;
}

static Obj *map_make(Type *t, int n, Obj **a, Obj *kw) {
    Obj *its;
    int i;
    (void)t; (void)kw;
    if (n < 2) py_raise_type(TypeError, "map() must have at least two arguments.");
    its = tuple_new(n - 1);
    for (i = 1; i < n; i++) TUPLE(its)->items[i - 1] = get_iter(a[i]);
    return (Obj *)iter_new(&MapType, a[0], its);
}
static Obj *map_next(Obj *o) {
    Iter *it = (Iter *)o;
    Tuple *its = (Tuple *)it->b;
    Obj *args[8], **aa = its->len <= 8 ? args : gc_malloc(sizeof(Obj *) * its->len), *r;
    int i;
    for (i = 0; i < its->len; i++) {
        Obj *v = iter_next(its->items[i]);
        if (!v) { if (aa != args) gc_free(aa); return NULL; }
        aa[i] = v;
    }
    r = call(it->a, its->len, aa, NULL);
    if (aa != args) gc_free(aa);
    return r;
}

static Obj *filter_make(Type *t, int n, Obj **a, Obj *kw) {
    (void)t; (void)kw;
    check_args("filter", n, 2, 2);
    return (Obj *)iter_new(&FilterType, a[0], get_iter(a[1]));
}
static Obj *filter_next(Obj *o) {
    Iter *it = (Iter *)o;
    Obj *v;
    while ((v = iter_next(it->b)) != NULL) {
        if (it->a == None ? truth(v) : truth(call1(it->a, v))) return v;
    }
    return NULL;
}

static Obj *reversed_make(Type *t, int n, Obj **a, Obj *kw) {
    Obj *seq;
    Iter *it;
    (void)t; (void)kw;
    check_args("reversed", n, 1, 1);
    seq = a[0];
    if (TYPE(seq)->flags & TF_USER) {
        Obj *m = type_lookup_s(TYPE(seq), "__reversed__");
        if (m) return call1(m, seq);
    }
    if (TYPE(seq) == &DictType || TYPE(seq) == &DictKeysType) seq = list_from_iter(seq);
    if (!TYPE(seq)->getitem || !TYPE(seq)->len || TYPE(seq) == &DictType)
        py_raise_type(TypeError, "'%s' object is not reversible", type_name(seq));
    it = iter_new(&ReversedType, seq, NULL);
    it->i = length(seq) - 1;
    return (Obj *)it;
}
static Obj *reversed_next(Obj *o) {
    Iter *it = (Iter *)o;
    if (it->i < 0) return NULL;
    if (TYPE(it->a) == &ListType) {
        if (it->i >= LIST(it->a)->len) { it->i = -1; return NULL; }
        return LIST(it->a)->items[it->i--];
    }
    return getitem(it->a, int_from_ll(it->i--));
}

static Obj *calliter_next(Obj *o) {
    Iter *it = (Iter *)o;
    Obj *v;
    if (!it->a) return NULL;
    v = call0(it->a);
    if (equal(v, it->b)) { it->a = NULL; return NULL; }
    return v;
}
Obj *calliter_new(Obj *f, Obj *sentinel) { return (Obj *)iter_new(&CallIterType, f, sentinel); }

Type IterType = {{&TypeType}, "iterator", 0};
Type SeqIterType = {{&TypeType}, "iterator", 0};
Type EnumerateType = {{&TypeType}, "enumerate", 0};
Type ZipType = {{&TypeType}, "zip", 0};
Type MapType = {{&TypeType}, "map", 0};
Type FilterType = {{&TypeType}, "filter", 0};
Type ReversedType = {{&TypeType}, "reversed", 0};
Type CallIterType = {{&TypeType}, "callable_iterator", 0};

void iter_init(void) {
    Type *ts[] = {&SeqIterType, &EnumerateType, &ZipType, &MapType, &FilterType, &ReversedType, &CallIterType};
    Obj *(*nexts[])(Obj *) = {seqiter_next, enumerate_next, zip_next, map_next, filter_next, reversed_next, calliter_next};
    int i;
    for (i = 0; i < 7; i++) { ts[i]->iter = iter_self; ts[i]->next = nexts[i]; ts[i]->mark = iter_mark; }
    EnumerateType.make = enumerate_make; ZipType.make = zip_make; MapType.make = map_make;
    FilterType.make = filter_make; ReversedType.make = reversed_make;
}
