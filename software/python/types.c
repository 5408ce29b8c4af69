/* types.c - object, type, user classes (C3 MRO, dunder dispatch),
 * functions, methods, descriptors, super, modules, range and slice.
 */
#include "py.h"
#include <stdio.h>
#include "opcodes.h"

Obj NoneObj = {&NoneType}, NotImplObj = {&NotImplType}, EllipsisObj = {&EllipsisType};

void check_args(const char *fname, int n, int min, int max) {
    if (n < min || n > max) {
        if (min == max) py_raise_type(TypeError, "%s() takes exactly %d argument%s (%d given)", fname, min - 0, min == 1 ? "" : "s", n);
        if (n < min) py_raise_type(TypeError, "%s expected at least %d argument%s, got %d", fname, min, min == 1 ? "" : "s", n);
        py_raise_type(TypeError, "%s expected at most %d argument%s, got %d", fname, max, max == 1 ? "" : "s", n);
    }
}

Obj *kwarg(Obj *kw, const char *name) { return kw ? dict_gets(kw, name) : NULL; }

Obj *native_new(const char *name, NativeFn fn) {
    Native *n = gc_new(&NativeType, sizeof(Native));
    n->name = name; n->fn = fn;
    return (Obj *)n;
}

void add_method(Type *t, const char *name, NativeFn fn) {
    if (!t->dict) t->dict = dict_new();
    dict_sets(t->dict, name, native_new(name, fn));
}

Obj *method_new(Obj *self, Obj *f) {
    Method *m = gc_new(&MethodType, sizeof(Method));
    m->self = self; m->func = f;
    return (Obj *)m;
}

Obj *func_new(Code *code, Obj *globals) {
    Func *f = gc_new(&FuncType, sizeof(Func));
    f->code = code; f->globals = globals; f->name = code->name; f->qualname = code->qualname;
    return (Obj *)f;
}

int is_subtype(Type *a, Type *b) {
    Tuple *mro;
    int i;
    if (a == b) return 1;
    mro = (Tuple *)a->mro;
    if (!mro) { for (; a; a = a->base) if (a == b) return 1; return 0; }
    for (i = 0; i < mro->len; i++) if (mro->items[i] == (Obj *)b) return 1;
    return 0;
}
int isinstance(Obj *o, Type *t) { return is_subtype(TYPE(o), t); }

/* ---- C3 linearization ---- */
static Obj *c3_merge(Obj *seqs) {
    Obj *result = list_new(0);
    for (;;) {
        int i, j, nonempty = 0;
        Obj *cand = NULL;
        for (i = 0; i < LIST(seqs)->len; i++) {
            Obj *s = LIST(seqs)->items[i];
            if (!LIST(s)->len) continue;
            nonempty = 1;
            cand = LIST(s)->items[0];
            /* candidate must not be in the tail of any sequence */
            for (j = 0; j < LIST(seqs)->len; j++) {
                Obj *t = LIST(seqs)->items[j];
                int k;
                for (k = 1; k < LIST(t)->len; k++) if (LIST(t)->items[k] == cand) { cand = NULL; break; }
                if (!cand) break;
            }
            if (cand) break;
        }
        if (!nonempty) return result;
        if (!cand) py_raise_type(TypeError, "Cannot create a consistent method resolution order (MRO)");
        list_append(result, cand);
        for (i = 0; i < LIST(seqs)->len; i++) {
            Obj *s = LIST(seqs)->items[i];
            if (LIST(s)->len && LIST(s)->items[0] == cand) list_pop(s, 0);
        }
    }
}

static void compute_mro(Type *t) {
    Obj *seqs = list_new(0), *merged, *r = list_new(0);
    Tuple *bases = (Tuple *)t->bases;
    int i;
    for (i = 0; i < bases->len; i++) list_append(seqs, list_from_iter(((Type *)bases->items[i])->mro));
    list_append(seqs, list_from_iter((Obj *)bases));
    merged = c3_merge(seqs);
    list_append(r, (Obj *)t);
    for (i = 0; i < LIST(merged)->len; i++) list_append(r, LIST(merged)->items[i]);
    t->mro = seq_tuple(r);
}

/* built-in types get a one-line MRO from their base chain */
void type_ready(Type *t) {
    Obj *l;
    Type *b;
    if (t->mro) return;
    gc_add_static((Obj *)t);
    if (!t->dict) t->dict = dict_new();
    if (t != &ObjectType && !t->base) t->base = &ObjectType;
    if (t->base) type_ready(t->base);
    l = list_new(0);
    for (b = t; b; b = b->base) list_append(l, (Obj *)b);
    t->mro = seq_tuple(l);
    t->bases = t->base ? tuple_pack(1, (Obj *)t->base) : tuple_new(0);
    if (!t->h.type) t->h.type = &TypeType;
}

/* ---- dunder dispatch for user classes ---- */
static Obj *user_lookup(Type *t, const char *name) {
    Tuple *mro = (Tuple *)t->mro;
    Obj *key = str_intern(name);
    int i;
    for (i = 0; i < mro->len; i++) {
        Type *b = (Type *)mro->items[i];
        Obj *v;
        if (!(b->flags & TF_USER)) return NULL;
        v = dict_get(b->dict, key);
        if (v) return v;
    }
    return NULL;
}
static Type *builtin_base(Type *t) {
    Tuple *mro = (Tuple *)t->mro;
    int i;
    for (i = 0; i < mro->len; i++) if (!(((Type *)mro->items[i])->flags & TF_USER)) return (Type *)mro->items[i];
    return &ObjectType;
}
static Obj *call_dunder(Obj *m, Obj *self, int n, Obj **args) {
    Obj *a[4];
    int i;
    a[0] = self;
    for (i = 0; i < n; i++) a[i + 1] = args[i];
    if (TYPE(m) == &StaticMethodType) return call(((Wrapper *)m)->f, n, args, NULL);
    if (TYPE(m) != &FuncType && TYPE(m) != &NativeType) {
        Obj *bound = TYPE(m)->descr_get ? TYPE(m)->descr_get(m, self, TYPE(self)) : m;
        return call(bound, n, args, NULL);
    }
    return call(m, n + 1, a, NULL);
}

static Obj *inst_repr(Obj *o) {
    Obj *m = user_lookup(TYPE(o), "__repr__");
    Type *b;
    if (m) return call_dunder(m, o, 0, NULL);
    b = builtin_base(TYPE(o));
    return b->repr ? b->repr(o) : obj_default_repr(o);
}
static Obj *inst_str(Obj *o) {
    Obj *m = user_lookup(TYPE(o), "__str__");
    Type *b;
    if (m) return call_dunder(m, o, 0, NULL);
    if (user_lookup(TYPE(o), "__repr__")) return inst_repr(o);
    b = builtin_base(TYPE(o));
    return b->str ? b->str(o) : inst_repr(o);
}
static intptr_t inst_hash(Obj *o) {
    Obj *m = user_lookup(TYPE(o), "__hash__");
    if (m == None) py_raise_type(TypeError, "unhashable type: '%s'", type_name(o));
    if (m) { Obj *r = call_dunder(m, o, 0, NULL); return is_int(r) ? int_hash(r) : 0; }
    if (user_lookup(TYPE(o), "__eq__")) py_raise_type(TypeError, "unhashable type: '%s'", type_name(o));
    return (intptr_t)((uintptr_t)o >> 4);
}
static Obj *inst_call(Obj *o, int n, Obj **args, Obj *kwnames) {
    Obj *m = type_lookup_s(TYPE(o), "__call__"), *a[8], **aa, *r;
    if (!m) py_raise_type(TypeError, "'%s' object is not callable", type_name(o));
    aa = n + 1 <= 8 ? a : gc_malloc(sizeof(Obj *) * (n + 1));
    aa[0] = o;
    if (n) memcpy(aa + 1, args, n * sizeof(Obj *));
    r = call(m, n + 1, aa, kwnames);
    if (aa != a) gc_free(aa);
    return r;
}
static Obj *inst_iter(Obj *o) {
    Obj *m = user_lookup(TYPE(o), "__iter__");
    if (m) return call_dunder(m, o, 0, NULL);
    if (user_lookup(TYPE(o), "__getitem__")) {
        Iter *s = gc_new(&SeqIterType, sizeof(Iter));
        s->a = o;
        return (Obj *)s;
    }
    {
        Type *b = builtin_base(TYPE(o));
        if (b->iter) return b->iter(o);
    }
    py_raise_type(TypeError, "'%s' object is not iterable", type_name(o));
    return NULL;
}
static Obj *next_target, *next_result;
static void next_body(void *m) { next_result = call_dunder((Obj *)m, next_target, 0, NULL); }
static Obj *inst_next(Obj *o) {
    Obj *m = user_lookup(TYPE(o), "__next__"), *e, *saved_t = next_target;
    if (!m) {
        Type *b = builtin_base(TYPE(o));
        if (b->next) return b->next(o);
        py_raise_type(TypeError, "'%s' object is not an iterator", type_name(o));
    }
    next_target = o;
    e = py_try(next_body, m);
    next_target = saved_t;
    if (e) {
        if (isinstance(e, StopIteration)) return NULL;
        py_raise(e);
    }
    return next_result;
}

static const char *binop_names[][2] = {
    {"__add__", "__radd__"}, {"__sub__", "__rsub__"}, {"__mul__", "__rmul__"}, {"__truediv__", "__rtruediv__"},
    {"__floordiv__", "__rfloordiv__"}, {"__mod__", "__rmod__"}, {"__pow__", "__rpow__"},
    {"__lshift__", "__rlshift__"}, {"__rshift__", "__rrshift__"}, {"__and__", "__rand__"},
    {"__or__", "__ror__"}, {"__xor__", "__rxor__"}, {"__matmul__", "__rmatmul__"}};

static Obj *inst_binop(int op, Obj *a, Obj *b) {
    int reflected_only = op & 0x100;
    Obj *m, *r;
    op &= 0xff;
    if (!reflected_only && (TYPE(a)->flags & TF_USER)) {
        m = user_lookup(TYPE(a), binop_names[op][0]);
        if (m) { r = call_dunder(m, a, 1, &b); if (r != &NotImplObj) return r; }
        else {
            Type *bb = builtin_base(TYPE(a));
            if (bb->binop) { r = bb->binop(op, a, b); if (r) return r; }
        }
    }
    if (TYPE(b)->flags & TF_USER) {
        m = user_lookup(TYPE(b), binop_names[op][1]);
        if (m) { r = call_dunder(m, b, 1, &a); if (r != &NotImplObj) return r; }
    }
    return NULL;
}

static const char *cmp_names[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
static Obj *inst_compare(int op, Obj *a, Obj *b) {
    Obj *m = user_lookup(TYPE(a), cmp_names[op]), *r;
    if (m) {
        r = call_dunder(m, a, 1, &b);
        if (r != &NotImplObj) return r;
        return NULL;
    }
    if (op == CMP_NE) {
        m = user_lookup(TYPE(a), "__eq__");
        if (m) {
            r = call_dunder(m, a, 1, &b);
            if (r == &NotImplObj) return NULL;
            return BOOL(!truth(r));
        }
    }
    {
        Type *bb = builtin_base(TYPE(a));
        if (bb->compare) return bb->compare(op, a, b);
    }
    return NULL;
}
static Obj *inst_getitem(Obj *o, Obj *k) {
    Obj *m = user_lookup(TYPE(o), "__getitem__");
    if (m) return call_dunder(m, o, 1, &k);
    {
        Type *b = builtin_base(TYPE(o));
        if (b->getitem) return b->getitem(o, k);
    }
    if (TYPE(o) == (Type *)o) return o;
    py_raise_type(TypeError, "'%s' object is not subscriptable", type_name(o));
    return NULL;
}
static void inst_setitem(Obj *o, Obj *k, Obj *v) {
    Obj *m = user_lookup(TYPE(o), v ? "__setitem__" : "__delitem__");
    Obj *args[2];
    if (m) { args[0] = k; args[1] = v; call_dunder(m, o, v ? 2 : 1, args); return; }
    {
        Type *b = builtin_base(TYPE(o));
        if (b->setitem) { b->setitem(o, k, v); return; }
    }
    if (v) py_raise_type(TypeError, "'%s' object does not support item assignment", type_name(o));
    py_raise_type(TypeError, "'%s' object doesn't support item deletion", type_name(o));
}
static intptr_t inst_len(Obj *o) {
    Obj *m = user_lookup(TYPE(o), "__len__"), *r;
    intptr_t n;
    if (!m) {
        Type *b = builtin_base(TYPE(o));
        if (b->len) return b->len(o);
        py_raise_type(TypeError, "object of type '%s' has no len()", type_name(o));
    }
    r = call_dunder(m, o, 0, NULL);
    if (!is_int(r)) py_raise_type(TypeError, "'%s' object cannot be interpreted as an integer", type_name(r));
    n = index_of(r);
    if (n < 0) py_raise_type(ValueError, "__len__() should return >= 0");
    return n;
}
static int inst_contains(Obj *o, Obj *x) {
    Obj *m = user_lookup(TYPE(o), "__contains__");
    if (m) return truth(call_dunder(m, o, 1, &x));
    {
        Type *b = builtin_base(TYPE(o));
        if (b->contains) return b->contains(o, x);
    }
    return -1;
}
static int inst_truth(Obj *o) {
    Obj *m = user_lookup(TYPE(o), "__bool__"), *r;
    if (m) {
        r = call_dunder(m, o, 0, NULL);
        if (TYPE(r) != &BoolType) py_raise_type(TypeError, "__bool__ should return bool, returned %s", type_name(r));
        return r == True;
    }
    if (user_lookup(TYPE(o), "__len__")) return inst_len(o) != 0;
    {
        Type *b = builtin_base(TYPE(o));
        if (b->truth) return b->truth(o);
        if (b->len) return b->len(o) != 0;
    }
    return 1;
}
static Obj *inst_getattr(Obj *o, Obj *name) {
    Obj *ga = user_lookup(TYPE(o), "__getattribute__");
    if (ga) {
        Obj *r;
        r = call_dunder(ga, o, 1, &name);
        return r;
    }
    return generic_getattr(o, name);
}
static void inst_setattr(Obj *o, Obj *name, Obj *v) {
    Obj *m = user_lookup(TYPE(o), v ? "__setattr__" : "__delattr__");
    if (m) {
        Obj *args[2];
        args[0] = name; args[1] = v;
        call_dunder(m, o, v ? 2 : 1, args);
        return;
    }
    generic_setattr(o, name, v);
}
static Obj *inst_descr_get(Obj *d, Obj *inst, Type *owner) {
    Obj *m = user_lookup(TYPE(d), "__get__"), *args[2];
    if (!m) return d;
    args[0] = inst ? inst : None; args[1] = (Obj *)owner;
    return call_dunder(m, d, 2, args);
}
static int inst_descr_set(Obj *d, Obj *inst, Obj *v) {
    Obj *m = user_lookup(TYPE(d), v ? "__set__" : "__delete__"), *args[2];
    if (!m) return 0;
    args[0] = inst; args[1] = v;
    call_dunder(m, d, v ? 2 : 1, args);
    return 1;
}
static void inst_mark(Obj *o) {
    Type *t = TYPE(o);
    gc_mark(INST_DICT(o));
    if (is_subtype(t, BaseException)) {
        Exc *e = (Exc *)o;
        gc_mark(e->args); gc_mark(e->tb); gc_mark(e->cause); gc_mark(e->context);
    }
    {
        Type *b = builtin_base(t);
        if (b->mark && b->mark != inst_mark && b != &ObjectType && !is_subtype(t, BaseException)) b->mark(o);
    }
}

Obj *instance_new(Type *t) {
    Instance *o = gc_new(t, t->inst_size ? t->inst_size : sizeof(Instance));
    return (Obj *)o;
}

/* calling a user class: __new__ then __init__ */
static Obj *user_type_call(Type *t, int n, Obj **args, Obj *kwnames) {
    Obj *newf = user_lookup(t, "__new__"), *o, *init;
    Type *b = builtin_base(t);
    if (newf) {
        Obj *a[8], **aa = n + 1 <= 8 ? a : gc_malloc(sizeof(Obj *) * (n + 1));
        aa[0] = (Obj *)t;
        if (n) memcpy(aa + 1, args, n * sizeof(Obj *));
        if (TYPE(newf) == &StaticMethodType) newf = ((Wrapper *)newf)->f;
        o = call(newf, n + 1, aa, kwnames);
        if (aa != a) gc_free(aa);
        if (!isinstance(o, t)) return o;
    } else if (is_subtype(t, BaseException)) {
        int npos = n - (kwnames ? TUPLE(kwnames)->len : 0), i;
        o = instance_new(t);
        ((Exc *)o)->args = tuple_new(npos);
        for (i = 0; i < npos; i++) TUPLE(((Exc *)o)->args)->items[i] = args[i];
    } else {
        o = instance_new(t);
        if (b == &ListType) {
            LIST(o)->cap = 4;
            LIST(o)->items = gc_malloc(sizeof(Obj *) * 4);
        }
    }
    init = type_lookup_s(t, "__init__");
    if (init && !(TYPE(init) == &NativeType && ((Native *)init)->fn == NULL)) {
        Obj *a[8], **aa = n + 1 <= 8 ? a : gc_malloc(sizeof(Obj *) * (n + 1)), *r;
        aa[0] = o;
        if (n) memcpy(aa + 1, args, n * sizeof(Obj *));
        r = call(init, n + 1, aa, kwnames);
        if (aa != a) gc_free(aa);
        if (r != None) py_raise_type(TypeError, "__init__() should return None, not '%s'", type_name(r));
    }
    return o;
}

Type *type_new_user(Obj *name, Obj *bases, Obj *dict) {
    Type *t = gc_new(&TypeType, sizeof(Type));
    int i;
    Type *solid = &ObjectType;
    t->name = CSTR(name);
    if (TUPLE(bases)->len == 0) bases = tuple_pack(1, (Obj *)&ObjectType);
    for (i = 0; i < TUPLE(bases)->len; i++) {
        Obj *b = TUPLE(bases)->items[i];
        if (TYPE(b) != &TypeType) py_raise_type(TypeError, "bases must be types");
        if (!(((Type *)b)->flags & (TF_BASETYPE | TF_USER)) && b != (Obj *)&ObjectType && !is_subtype((Type *)b, BaseException) &&
            b != (Obj *)&ListType && b != (Obj *)&DictType && b != (Obj *)&SetType)
            py_raise_type(TypeError, "type '%s' is not an acceptable base type", ((Type *)b)->name);
    }
    t->bases = bases;
    t->base = (Type *)TUPLE(bases)->items[0];
    t->dict = dict;
    t->flags = TF_USER | TF_HASDICT;
    type_cache_version++;
    compute_mro(t);
    solid = builtin_base(t);
    t->inst_size = is_subtype(t, BaseException) ? sizeof(Exc) : sizeof(Instance);
    t->dict_offset = offsetof(Instance, dict);
    if (solid == &ListType || solid == &DictType || solid == &SetType) {
        /* a container subclass: the container's fields, then the dict pointer */
        size_t base = solid == &ListType ? sizeof(List) : sizeof(Dict);
        t->inst_size = base + sizeof(Obj *);
        t->dict_offset = base;
    }
    t->release = solid->release;
    if (is_subtype(t, BaseException)) t->flags |= TF_EXC;
    t->repr = inst_repr; t->str = inst_str; t->hash = inst_hash; t->call = inst_call;
    t->getattr = inst_getattr; t->setattr = inst_setattr; t->iter = inst_iter; t->next = inst_next;
    t->binop = inst_binop; t->compare = inst_compare; t->getitem = inst_getitem; t->setitem = inst_setitem;
    t->len = inst_len; t->contains = inst_contains; t->truth = inst_truth; t->mark = inst_mark;
    t->descr_get = inst_descr_get; t->descr_set = inst_descr_set;
    if (!user_lookup(t, "__get__")) t->descr_get = NULL;
    if (!user_lookup(t, "__set__") && !user_lookup(t, "__delete__")) t->descr_set = NULL;
    if (!user_lookup(t, "__getattribute__")) t->getattr = solid->getattr ? solid->getattr : generic_getattr;
    if (!user_lookup(t, "__setattr__") && !user_lookup(t, "__delattr__")) t->setattr = solid->setattr;
    if (!user_lookup(t, "__call__") && !type_lookup_s(t, "__call__")) t->call = NULL;
    if (!user_lookup(t, "__iter__") && !user_lookup(t, "__getitem__") && !solid->iter) t->iter = NULL;
    if (!user_lookup(t, "__next__") && !solid->next) t->next = NULL;
    if (!user_lookup(t, "__getitem__") && !solid->getitem) t->getitem = NULL;
    if (!user_lookup(t, "__setitem__") && !user_lookup(t, "__delitem__") && !solid->setitem) t->setitem = NULL;
    if (!user_lookup(t, "__len__") && !solid->len) t->len = NULL;
    /* __init_subclass__ and __set_name__ */
    for (i = 0; i < DICT(dict)->n; i++) {
        Obj *v = DICT(dict)->e[i].val, *sn;
        if (!DICT(dict)->e[i].key || IS_SMALL(v)) continue;
        if ((TYPE(v)->flags & TF_USER) && (sn = type_lookup_s(TYPE(v), "__set_name__")) != NULL) {
            Obj *args[3];
            args[0] = v; args[1] = (Obj *)t; args[2] = DICT(dict)->e[i].key;
            call(sn, 3, args, NULL);
        }
    }
    {
        Tuple *mro = (Tuple *)t->mro;
        for (i = 1; i < mro->len; i++) {
            Type *b = (Type *)mro->items[i];
            Obj *isc = b->dict ? dict_gets(b->dict, "__init_subclass__") : NULL;
            if (isc) {
                if (TYPE(isc) == &ClassMethodType) isc = ((Wrapper *)isc)->f;
                call1(isc, (Obj *)t);
                break;
            }
        }
    }
    return t;
}

/* ---- the type type ---- */
static Obj *type_repr(Obj *o) {
    Type *t = (Type *)o;
    if (t->flags & TF_USER) {
        Obj *mod = dict_gets(t->dict, "__module__"), *qn = dict_gets(t->dict, "__qualname__");
        if (mod && TYPE(mod) == &StrType && strcmp(CSTR(mod), "builtins"))
            return str_fmt("<class '%s.%s'>", CSTR(mod), qn ? CSTR(qn) : t->name);
    }
    return str_fmt("<class '%s'>", t->name);
}

static Obj *type_call(Obj *f, int n, Obj **args, Obj *kwnames) {
    Type *t = (Type *)f;
    if (t == &TypeType) {
        if (n == 1 && !kwnames) return (Obj *)TYPE(args[0]);
        if (n == 3) return (Obj *)type_new_user(args[0], seq_tuple(args[1]), args[2]);
        py_raise_type(TypeError, "type() takes 1 or 3 arguments");
    }
    if (t->flags & TF_USER) return user_type_call(t, n, args, kwnames);
    if (!t->make) py_raise_type(TypeError, "cannot create '%s' instances", t->name);
    {
        Obj *kw = NULL;
        int npos = n;
        if (kwnames && TUPLE(kwnames)->len) {
            int i, nk = TUPLE(kwnames)->len;
            kw = dict_new();
            for (i = 0; i < nk; i++) dict_set(kw, TUPLE(kwnames)->items[i], args[n - nk + i]);
            npos = n - nk;
        }
        return t->make(t, npos, args, kw);
    }
}

static Obj *type_getattr(Obj *o, Obj *name) {
    Type *t = (Type *)o;
    Obj *v = type_lookup(t, name);
    const char *s = CSTR(name);
    if (v) {
        Type *vt = TYPE(v);
        if (vt == &ClassMethodType) return method_new(o, ((Wrapper *)v)->f);
        if (vt == &StaticMethodType) return ((Wrapper *)v)->f;
        if (vt->descr_get && vt != &PropertyType && (vt->flags & TF_USER)) return vt->descr_get(v, NULL, t);
        return v;
    }
    if (s[0] == '_' && s[1] == '_') {
        if (!strcmp(s, "__name__")) return str_c(t->name);
        if (!strcmp(s, "__qualname__")) return str_c(t->name);
        if (!strcmp(s, "__dict__")) return t->dict;
        if (!strcmp(s, "__bases__")) return t->bases;
        if (!strcmp(s, "__base__")) return t->base ? (Obj *)t->base : None;
        if (!strcmp(s, "__mro__")) return t->mro;
        if (!strcmp(s, "__module__")) return str_c("builtins");
        if (!strcmp(s, "__class__")) return (Obj *)&TypeType;
        if (!strcmp(s, "__doc__")) return None;
        if (!strcmp(s, "__subclasses__")) return NULL;
    }
    v = type_lookup(&TypeType, name);
    if (v && TYPE(v) == &NativeType) return method_new(o, v);
    {
        extern Obj *slot_dunder(Type *t, Obj *name);
        if (s[0] == '_' && !(t->flags & TF_USER)) return slot_dunder(t, name);
    }
    return NULL;
}

static void type_setattr(Obj *o, Obj *name, Obj *v) {
    Type *t = (Type *)o;
    if (!(t->flags & TF_USER)) py_raise_type(TypeError, "cannot set '%s' attribute of immutable type '%s'", CSTR(name), t->name);
    type_cache_version++;
    if (v) dict_set(t->dict, name, v);
    else if (!dict_del(t->dict, name)) py_raise_type(AttributeError, "type object '%s' has no attribute '%s'", t->name, CSTR(name));
    /* a dunder may have been added: refresh the slots */
    if (CSTR(name)[0] == '_' && CSTR(name)[1] == '_') {
        if (!strcmp(CSTR(name), "__call__")) t->call = inst_call;
        if (!strcmp(CSTR(name), "__iter__") || !strcmp(CSTR(name), "__getitem__")) t->iter = inst_iter;
        if (!strcmp(CSTR(name), "__next__")) t->next = inst_next;
        if (!strcmp(CSTR(name), "__getitem__")) t->getitem = inst_getitem;
        if (!strcmp(CSTR(name), "__setitem__")) t->setitem = inst_setitem;
        if (!strcmp(CSTR(name), "__len__")) t->len = inst_len;
        if (!strcmp(CSTR(name), "__setattr__")) t->setattr = inst_setattr;
    }
}

static void type_mark(Obj *o) {
    Type *t = (Type *)o;
    gc_mark(t->bases); gc_mark(t->mro); gc_mark(t->dict); gc_mark((Obj *)t->base);
}
static intptr_t id_hash(Obj *o) { return (intptr_t)((uintptr_t)o >> 4); }
static Obj *type_compare(int op, Obj *a, Obj *b) { (void)a; (void)b; (void)op; return NULL; }

static Obj *t_mro(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return list_from_iter(((Type *)a[0])->mro); }
static Obj *t_subclasses(int n, Obj **a, Obj *kw) { (void)n; (void)kw; (void)a; return list_new(0); }

/* ---- object ---- */
static Obj *obj_make(Type *t, int n, Obj **a, Obj *kw) {
    (void)a; (void)kw;
    if (n) py_raise_type(TypeError, "object() takes no arguments");
    return (Obj *)gc_new(t, sizeof(Obj));
}
static Obj *o_init(int n, Obj **a, Obj *kw) { (void)n; (void)a; (void)kw; return None; }
static Obj *o_new(int n, Obj **a, Obj *kw) {
    Type *t;
    (void)kw;
    if (n < 1 || TYPE(a[0]) != &TypeType) py_raise_type(TypeError, "object.__new__(X): X is not a type object");
    t = (Type *)a[0];
    if (is_subtype(t, BaseException)) {
        Obj *o = instance_new(t);
        int i;
        ((Exc *)o)->args = tuple_new(n - 1);
        for (i = 1; i < n; i++) TUPLE(((Exc *)o)->args)->items[i - 1] = a[i];
        return o;
    }
    if (t->flags & TF_USER) return instance_new(t);
    return t->make(t, 0, NULL, NULL);
}
static Obj *o_repr(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return obj_default_repr(a[0]); }
static Obj *o_str(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return repr(a[0]); }
static Obj *o_eq(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return a[0] == a[1] ? True : &NotImplObj; }
static Obj *o_ne(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return a[0] != a[1] ? True : &NotImplObj; }
static Obj *o_hash(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return int_from_ll((long long)((uintptr_t)a[0] >> 4)); }
static Obj *o_setattr(int n, Obj **a, Obj *kw) { (void)n; (void)kw; generic_setattr(a[0], a[1], a[2]); return None; }
static Obj *o_delattr(int n, Obj **a, Obj *kw) { (void)n; (void)kw; generic_setattr(a[0], a[1], NULL); return None; }
static Obj *o_getattribute(int n, Obj **a, Obj *kw) {
    Obj *v;
    (void)n; (void)kw;
    v = generic_getattr(a[0], a[1]);
    if (!v) py_raise_type(AttributeError, "'%s' object has no attribute '%s'", type_name(a[0]), CSTR(a[1]));
    return v;
}
static Obj *o_init_subclass(int n, Obj **a, Obj *kw) { (void)n; (void)a; (void)kw; return None; }
static Obj *o_format(int n, Obj **a, Obj *kw) {
    (void)n; (void)kw;
    if (STR(a[1])->len) py_raise_type(TypeError, "unsupported format string passed to %s.__format__", type_name(a[0]));
    return to_str(a[0]);
}

/* ---- functions and methods ---- */
static void func_mark(Obj *o) {
    Func *f = (Func *)o;
    gc_mark((Obj *)f->code); gc_mark(f->globals); gc_mark(f->defaults); gc_mark(f->kwdefaults);
    gc_mark(f->closure); gc_mark(f->name); gc_mark(f->dict); gc_mark(f->qualname);
}
static Obj *func_repr(Obj *o) { return str_fmt("<function %s at %p>", CSTR(((Func *)o)->qualname), (void *)o); }
static Obj *func_getattr(Obj *o, Obj *name) {
    Func *f = (Func *)o;
    const char *s = CSTR(name);
    if (!strcmp(s, "__name__")) return f->name;
    if (!strcmp(s, "__qualname__")) return f->qualname;
    if (!strcmp(s, "__module__")) { Obj *m = dict_gets(f->globals, "__name__"); return m ? m : None; }
    if (!strcmp(s, "__doc__")) {
        if (TUPLE(f->code->consts)->len && TYPE(TUPLE(f->code->consts)->items[0]) == &StrType && f->code->ncode > 1 &&
            (f->code->code[0] & 0xff) == LOAD_CONST && (f->code->code[1] & 0xff) == POP_TOP) return TUPLE(f->code->consts)->items[0];
        if (f->dict && dict_gets(f->dict, "__doc__")) return dict_gets(f->dict, "__doc__");
        return None;
    }
    if (!strcmp(s, "__defaults__")) return f->defaults ? f->defaults : None;
    if (!strcmp(s, "__kwdefaults__")) return f->kwdefaults ? f->kwdefaults : None;
    if (!strcmp(s, "__code__")) return (Obj *)f->code;
    if (!strcmp(s, "__globals__")) return f->globals;
    if (!strcmp(s, "__closure__")) return f->closure ? f->closure : None;
    if (!strcmp(s, "__dict__")) { if (!f->dict) f->dict = dict_new(); return f->dict; }
    if (f->dict) { Obj *v = dict_get(f->dict, name); if (v) return v; }
    return generic_getattr(o, name);
}
static void func_setattr(Obj *o, Obj *name, Obj *v) {
    Func *f = (Func *)o;
    if (!strcmp(CSTR(name), "__name__")) { f->name = v; return; }
    if (!strcmp(CSTR(name), "__qualname__")) { f->qualname = v; return; }
    if (!strcmp(CSTR(name), "__defaults__")) { f->defaults = v == None ? NULL : v; return; }
    if (!f->dict) f->dict = dict_new();
    if (v) dict_set(f->dict, name, v); else dict_del(f->dict, name);
}
static Obj *func_descr_get(Obj *d, Obj *inst, Type *owner) { (void)owner; return inst ? method_new(inst, d) : d; }

static void method_mark(Obj *o) { gc_mark(((Method *)o)->self); gc_mark(((Method *)o)->func); }
static Obj *method_repr(Obj *o) {
    Method *m = (Method *)o;
    Obj *name = TYPE(m->func) == &FuncType ? ((Func *)m->func)->qualname : str_c(TYPE(m->func) == &NativeType ? ((Native *)m->func)->name : "?");
    if (TYPE(m->func) == &NativeType)
        return str_fmt("<built-in method %s of %s object at %p>", CSTR(name), type_name(m->self), (void *)m->self);
    return str_fmt("<bound method %s of %s>", CSTR(name), CSTR(repr(m->self)));
}
static Obj *method_getattr(Obj *o, Obj *name) {
    Method *m = (Method *)o;
    if (!strcmp(CSTR(name), "__self__")) return m->self;
    if (!strcmp(CSTR(name), "__func__")) return m->func;
    return getattr_opt(m->func, name);
}
static Obj *method_compare(int op, Obj *a, Obj *b) {
    int eq;
    if (TYPE(b) != &MethodType || (op != CMP_EQ && op != CMP_NE)) return NULL;
    eq = ((Method *)a)->self == ((Method *)b)->self && ((Method *)a)->func == ((Method *)b)->func;
    return BOOL(op == CMP_EQ ? eq : !eq);
}
static intptr_t method_hash(Obj *o) { return (intptr_t)(((uintptr_t)((Method *)o)->self >> 4) ^ ((uintptr_t)((Method *)o)->func >> 4)); }

static void native_mark(Obj *o) { gc_mark(((Native *)o)->self); }
static Obj *native_repr(Obj *o) { return str_fmt("<built-in function %s>", ((Native *)o)->name); }
static Obj *native_getattr(Obj *o, Obj *name) {
    if (!strcmp(CSTR(name), "__name__") || !strcmp(CSTR(name), "__qualname__")) return str_c(((Native *)o)->name);
    if (!strcmp(CSTR(name), "__doc__")) return None;
    if (!strcmp(CSTR(name), "__module__")) return str_c("builtins");
    return generic_getattr(o, name);
}

/* ---- property, staticmethod, classmethod ---- */
static void prop_mark(Obj *o) { Property *p = (Property *)o; gc_mark(p->fget); gc_mark(p->fset); gc_mark(p->fdel); }
static Obj *prop_make(Type *t, int n, Obj **a, Obj *kw) {
    Property *p = gc_new(&PropertyType, sizeof(Property));
    (void)t;
    p->fget = n > 0 ? a[0] : kwarg(kw, "fget");
    p->fset = n > 1 ? a[1] : kwarg(kw, "fset");
    p->fdel = n > 2 ? a[2] : kwarg(kw, "fdel");
    if (p->fget == None) p->fget = NULL;
    if (p->fset == None) p->fset = NULL;
    return (Obj *)p;
}
static Obj *prop_get(Obj *d, Obj *inst, Type *owner) {
    Property *p = (Property *)d;
    (void)owner;
    if (!inst) return d;
    if (!p->fget) py_raise_type(AttributeError, "property of '%s' object has no getter", type_name(inst));
    return call1(p->fget, inst);
}
static int prop_set(Obj *d, Obj *inst, Obj *v) {
    Property *p = (Property *)d;
    if (v) {
        if (!p->fset) py_raise_type(AttributeError, "property of '%s' object has no setter", type_name(inst));
        call2(p->fset, inst, v);
    } else {
        if (!p->fdel) py_raise_type(AttributeError, "property of '%s' object has no deleter", type_name(inst));
        call1(p->fdel, inst);
    }
    return 1;
}
static Obj *prop_copy(Obj *o, Obj *get, Obj *set, Obj *del) {
    Property *p = gc_new(&PropertyType, sizeof(Property)), *q = (Property *)o;
    p->fget = get ? get : q->fget; p->fset = set ? set : q->fset; p->fdel = del ? del : q->fdel;
    return (Obj *)p;
}
static Obj *p_getter(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return prop_copy(a[0], a[1], NULL, NULL); }
static Obj *p_setter(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return prop_copy(a[0], NULL, a[1], NULL); }
static Obj *p_deleter(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return prop_copy(a[0], NULL, NULL, a[1]); }
static Obj *prop_getattr(Obj *o, Obj *name) {
    if (!strcmp(CSTR(name), "fget")) return ((Property *)o)->fget ? ((Property *)o)->fget : None;
    if (!strcmp(CSTR(name), "fset")) return ((Property *)o)->fset ? ((Property *)o)->fset : None;
    if (!strcmp(CSTR(name), "__doc__")) return ((Property *)o)->fget ? getattr_opt(((Property *)o)->fget, name) : None;
    return generic_getattr(o, name);
}

static void wrapper_mark(Obj *o) { gc_mark(((Wrapper *)o)->f); }
static Obj *wrapper_make(Type *t, int n, Obj **a, Obj *kw) {
    Wrapper *w = gc_new(t, sizeof(Wrapper));
    (void)kw;
    check_args(t->name, n, 1, 1);
    w->f = a[0];
    return (Obj *)w;
}
static Obj *static_get(Obj *d, Obj *inst, Type *owner) { (void)inst; (void)owner; return ((Wrapper *)d)->f; }
static Obj *class_get(Obj *d, Obj *inst, Type *owner) { (void)inst; return method_new((Obj *)owner, ((Wrapper *)d)->f); }
static Obj *wrapper_getattr(Obj *o, Obj *name) {
    if (!strcmp(CSTR(name), "__func__")) return ((Wrapper *)o)->f;
    return getattr_opt(((Wrapper *)o)->f, name);
}
static Obj *static_call(Obj *f, int n, Obj **args, Obj *kwnames) { return call(((Wrapper *)f)->f, n, args, kwnames); }

/* ---- super ---- */
static void super_mark(Obj *o) { gc_mark((Obj *)((Super *)o)->type); gc_mark(((Super *)o)->obj); }
static Obj *super_make(Type *t, int n, Obj **a, Obj *kw) {
    Super *s = gc_new(&SuperType, sizeof(Super));
    (void)t; (void)kw;
    if (n == 2) { s->type = (Type *)a[0]; s->obj = a[1]; return (Obj *)s; }
    if (n == 0) {
        /* zero-argument form: __class__ cell and first argument of the caller */
        Frame *f = cur_frame;
        Code *co;
        int i;
        if (!f) py_raise_type(RuntimeError, "super(): no current frame");
        co = f->code;
        if (co->argc == 0 && !(co->flags & CO_VARARGS)) py_raise_type(RuntimeError, "super(): no arguments");
        for (i = 0; i < co->nfree; i++)
            if (!strcmp(CSTR(TUPLE(co->freenames)->items[i]), "__class__")) {
                s->type = (Type *)((Cell *)f->fast[co->nlocals + co->ncells + i])->v;
                break;
            }
        if (!s->type) py_raise_type(RuntimeError, "super(): __class__ cell not found");
        if (co->argc == 0 && !(co->flags & CO_VARARGS)) py_raise_type(RuntimeError, "super(): no arguments");
        s->obj = f->fast[0];
        for (i = 0; i < co->ncells; i++) if (co->cell2arg[i] == 0) s->obj = ((Cell *)f->fast[co->nlocals + i])->v;
        if (!s->obj) py_raise_type(RuntimeError, "super(): arg[0] deleted");
        return (Obj *)s;
    }
    py_raise_type(TypeError, "super() takes 0 or 2 arguments");
    return NULL;
}
static Obj *super_getattr(Obj *o, Obj *name) {
    Super *s = (Super *)o;
    Type *start = TYPE(s->obj) == &TypeType && is_subtype((Type *)s->obj, s->type) ? (Type *)s->obj : TYPE(s->obj);
    Tuple *mro = (Tuple *)start->mro;
    int i, found = 0;
    for (i = 0; i < mro->len; i++) {
        Type *b = (Type *)mro->items[i];
        Obj *v;
        if (!found) { if (b == s->type) found = 1; continue; }
        v = b->dict ? dict_get(b->dict, name) : NULL;
        if (v) {
            Type *vt = TYPE(v);
            int is_cls = TYPE(s->obj) == &TypeType;
            if (vt == &FuncType || vt == &NativeType) return is_cls ? v : method_new(s->obj, v);
            if (vt == &ClassMethodType) return method_new(is_cls ? s->obj : (Obj *)TYPE(s->obj), ((Wrapper *)v)->f);
            if (vt == &StaticMethodType) return ((Wrapper *)v)->f;
            if (vt->descr_get && !is_cls) return vt->descr_get(v, s->obj, start);
            return v;
        }
    }
    if (!strcmp(CSTR(name), "__class__")) return (Obj *)&SuperType;
    py_raise_type(AttributeError, "'super' object has no attribute '%s'", CSTR(name));
    return NULL;
}

/* ---- modules ---- */
static void module_mark(Obj *o) { gc_mark(((Module *)o)->name); gc_mark(((Module *)o)->dict); }
Obj *module_new(Obj *name) {
    Module *m = gc_new(&ModuleType, sizeof(Module));
    m->name = name;
    m->dict = dict_new();
    dict_sets(m->dict, "__name__", name);
    return (Obj *)m;
}
static Obj *module_getattr(Obj *o, Obj *name) {
    Module *m = (Module *)o;
    Obj *v = dict_get(m->dict, name);
    if (v) return v;
    if (!strcmp(CSTR(name), "__dict__")) return m->dict;
    {
        Obj *ga = dict_gets(m->dict, "__getattr__");
        if (ga) return call1(ga, name);
    }
    return NULL;
}
static void module_setattr(Obj *o, Obj *name, Obj *v) {
    if (v) dict_set(((Module *)o)->dict, name, v);
    else if (!dict_del(((Module *)o)->dict, name)) py_raise_type(AttributeError, "module has no attribute '%s'", CSTR(name));
}
static Obj *module_repr(Obj *o) {
    Obj *f = dict_gets(((Module *)o)->dict, "__file__");
    if (f) return str_fmt("<module '%s' from '%s'>", CSTR(((Module *)o)->name), CSTR(f));
    return str_fmt("<module '%s' (built-in)>", CSTR(((Module *)o)->name));
}

/* ---- cells, code, singletons ---- */
static void cell_mark(Obj *o) { gc_mark(((Cell *)o)->v); }
static void code_mark(Obj *o) {
    Code *c = (Code *)o;
    gc_mark(c->name); gc_mark(c->qualname); gc_mark(c->filename); gc_mark(c->varnames);
    gc_mark(c->cellnames); gc_mark(c->freenames); gc_mark(c->names); gc_mark(c->consts);
}
static void code_release(Obj *o) { Code *c = (Code *)o; gc_free(c->code); gc_free(c->lines); gc_free(c->cell2arg); }
static Obj *code_getattr(Obj *o, Obj *name) {
    Code *c = (Code *)o;
    if (!strcmp(CSTR(name), "co_name")) return c->name;
    if (!strcmp(CSTR(name), "co_filename")) return c->filename;
    if (!strcmp(CSTR(name), "co_argcount")) return MK_SMALL(c->argc);
    if (!strcmp(CSTR(name), "co_varnames")) return c->varnames;
    if (!strcmp(CSTR(name), "co_firstlineno")) return MK_SMALL(c->firstline);
    return NULL;
}
static Obj *none_repr(Obj *o) { (void)o; return str_c("None"); }
static Obj *notimpl_repr(Obj *o) { (void)o; return str_c("NotImplemented"); }
static Obj *ellipsis_repr(Obj *o) { (void)o; return str_c("Ellipsis"); }
static int false_truth(Obj *o) { (void)o; return 0; }
static Obj *none_make(Type *t, int n, Obj **a, Obj *kw) { (void)t; (void)n; (void)a; (void)kw; return None; }

/* ---- range ---- */
Obj *range_new(long start, long stop, long step) {
    Range *r = gc_new(&RangeType, sizeof(Range));
    r->start = start; r->stop = stop; r->step = step;
    return (Obj *)r;
}
static long range_count(Range *r) {
    if (r->step > 0) return r->stop > r->start ? (r->stop - r->start + r->step - 1) / r->step : 0;
    return r->start > r->stop ? (r->start - r->stop - r->step - 1) / (-r->step) : 0;
}
static Obj *range_make(Type *t, int n, Obj **a, Obj *kw) {
    long start = 0, stop, step = 1;
    int i;
    (void)t; (void)kw;
    if (n == 0) py_raise_type(TypeError, "range expected at least 1 argument, got 0");
    if (n > 3) py_raise_type(TypeError, "range expected at most 3 arguments, got %d", n);
    for (i = 0; i < n; i++) if (!is_int(a[i]) && !(TYPE(a[i])->flags & TF_USER))
        py_raise_type(TypeError, "'%s' object cannot be interpreted as an integer", type_name(a[i]));
    if (n == 1) stop = as_long(a[0]);
    else { start = as_long(a[0]); stop = as_long(a[1]); if (n == 3) step = as_long(a[2]); }
    if (step == 0) py_raise_type(ValueError, "range() arg 3 must not be zero");
    return range_new(start, stop, step);
}
static Obj *range_repr(Obj *o) {
    Range *r = (Range *)o;
    if (r->step == 1) return str_fmt("range(%ld, %ld)", r->start, r->stop);
    return str_fmt("range(%ld, %ld, %ld)", r->start, r->stop, r->step);
}
static intptr_t range_len(Obj *o) { return range_count((Range *)o); }
static Obj *range_iter(Obj *o) {
    Range *r = (Range *)o;
    Iter *it = gc_new(&RangeIterType, sizeof(Iter));
    it->b = (Obj *)(intptr_t)r->start;
    it->step = r->step;
    it->n = range_count(r);
    return (Obj *)it;
}
static Obj *rangeiter_next(Obj *o) {
    Iter *it = (Iter *)o;
    if (it->i >= it->n) return NULL;
    return int_from_ll((long long)(intptr_t)it->b + (long long)it->i++ * it->step);
}
static void rangeiter_mark(Obj *o) { (void)o; }
static Obj *range_getitem(Obj *o, Obj *k) {
    Range *r = (Range *)o;
    long n = range_count(r);
    if (TYPE(k) == &SliceType) {
        intptr_t start, stop, step, count;
        slice_indices(k, n, &start, &stop, &step, &count);
        return range_new(r->start + start * r->step, r->start + start * r->step + count * step * r->step, step * r->step);
    }
    return int_from_ll(r->start + (long long)norm_index(index_of(k), n, "range object") * r->step);
}
static int range_contains(Obj *o, Obj *x) {
    Range *r = (Range *)o;
    long v;
    if (!IS_SMALL(x)) return -1;
    v = SMALL_VAL(x);
    if (r->step > 0 ? (v < r->start || v >= r->stop) : (v > r->start || v <= r->stop)) return 0;
    return (v - r->start) % r->step == 0;
}
static Obj *range_getattr(Obj *o, Obj *name) {
    Range *r = (Range *)o;
    if (!strcmp(CSTR(name), "start")) return int_from_ll(r->start);
    if (!strcmp(CSTR(name), "stop")) return int_from_ll(r->stop);
    if (!strcmp(CSTR(name), "step")) return int_from_ll(r->step);
    return generic_getattr(o, name);
}
static Obj *range_compare(int op, Obj *a, Obj *b) {
    Range *x = (Range *)a, *y = (Range *)b;
    long nx, ny;
    int eq;
    if (TYPE(b) != &RangeType || (op != CMP_EQ && op != CMP_NE)) return NULL;
    nx = range_count(x); ny = range_count(y);
    eq = nx == ny && (nx == 0 || (x->start == y->start && (nx == 1 || x->step == y->step)));
    return BOOL(op == CMP_EQ ? eq : !eq);
}
static Obj *r_index(int n, Obj **a, Obj *kw) {
    Range *r = (Range *)a[0];
    (void)n; (void)kw;
    if (range_contains(a[0], a[1]) == 1) return MK_SMALL((SMALL_VAL(a[1]) - r->start) / r->step);
    py_raise_type(ValueError, "%s is not in range", CSTR(repr(a[1])));
    return None;
}
static Obj *r_count(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return MK_SMALL(range_contains(a[0], a[1]) == 1); }

/* ---- slice ---- */
Obj *slice_new(Obj *a, Obj *b, Obj *c) {
    Slice *s = gc_new(&SliceType, sizeof(Slice));
    s->start = a; s->stop = b; s->step = c;
    return (Obj *)s;
}
static void slice_mark(Obj *o) { Slice *s = (Slice *)o; gc_mark(s->start); gc_mark(s->stop); gc_mark(s->step); }
static Obj *slice_repr(Obj *o) {
    Slice *s = (Slice *)o;
    return str_fmt("slice(%s, %s, %s)", CSTR(repr(s->start)), CSTR(repr(s->stop)), CSTR(repr(s->step)));
}
static Obj *slice_make(Type *t, int n, Obj **a, Obj *kw) {
    (void)t; (void)kw;
    check_args("slice", n, 1, 3);
    if (n == 1) return slice_new(None, a[0], None);
    return slice_new(a[0], a[1], n > 2 ? a[2] : None);
}
static Obj *slice_getattr(Obj *o, Obj *name) {
    Slice *s = (Slice *)o;
    if (!strcmp(CSTR(name), "start")) return s->start;
    if (!strcmp(CSTR(name), "stop")) return s->stop;
    if (!strcmp(CSTR(name), "step")) return s->step;
    return generic_getattr(o, name);
}
static Obj *sl_indices(int n, Obj **a, Obj *kw) {
    intptr_t start, stop, step, count;
    (void)n; (void)kw;
    slice_indices(a[0], index_of(a[1]), &start, &stop, &step, &count);
    return tuple_pack(3, int_from_ll(start), int_from_ll(stop), int_from_ll(step));
}
static Obj *slice_compare(int op, Obj *a, Obj *b) {
    Slice *x = (Slice *)a, *y = (Slice *)b;
    int eq;
    if (TYPE(b) != &SliceType || (op != CMP_EQ && op != CMP_NE)) return NULL;
    eq = equal(x->start, y->start) && equal(x->stop, y->stop) && equal(x->step, y->step);
    return BOOL(op == CMP_EQ ? eq : !eq);
}

Type ObjectType = {{&TypeType}, "object", 0};
Type TypeType = {{&TypeType}, "type", &ObjectType};
Type NoneType = {{&TypeType}, "NoneType", 0};
Type NotImplType = {{&TypeType}, "NotImplementedType", 0};
Type EllipsisType = {{&TypeType}, "ellipsis", 0};
Type CellType = {{&TypeType}, "cell", 0};
Type MethodType = {{&TypeType}, "method", 0};
Type NativeType = {{&TypeType}, "builtin_function_or_method", 0};
Type FuncType = {{&TypeType}, "function", 0};
Type CodeType = {{&TypeType}, "code", 0};
Type ModuleType = {{&TypeType}, "module", 0};
Type PropertyType = {{&TypeType}, "property", 0};
Type StaticMethodType = {{&TypeType}, "staticmethod", 0};
Type ClassMethodType = {{&TypeType}, "classmethod", 0};
Type SuperType = {{&TypeType}, "super", 0};
Type RangeType = {{&TypeType}, "range", 0};
Type RangeIterType = {{&TypeType}, "range_iterator", 0};
Type SliceType = {{&TypeType}, "slice", 0};
static Obj *iter_self(Obj *o) { return o; }

void types_init(void) {
    ObjectType.make = obj_make; ObjectType.hash = id_hash; ObjectType.flags = TF_BASETYPE;
    TypeType.repr = type_repr; TypeType.call = type_call; TypeType.getattr = type_getattr;
    TypeType.setattr = type_setattr; TypeType.mark = type_mark; TypeType.hash = id_hash;
    TypeType.compare = type_compare; TypeType.flags = TF_BASETYPE;
    NoneType.repr = none_repr; NoneType.truth = false_truth; NoneType.hash = id_hash; NoneType.make = none_make;
    NotImplType.repr = notimpl_repr; NotImplType.hash = id_hash;
    EllipsisType.repr = ellipsis_repr; EllipsisType.hash = id_hash;
    CellType.mark = cell_mark;
    CodeType.mark = code_mark; CodeType.release = code_release; CodeType.getattr = code_getattr;
    FuncType.mark = func_mark; FuncType.repr = func_repr; FuncType.getattr = func_getattr;
    FuncType.setattr = func_setattr; FuncType.hash = id_hash; FuncType.descr_get = func_descr_get;
    MethodType.mark = method_mark; MethodType.repr = method_repr; MethodType.getattr = method_getattr;
    MethodType.compare = method_compare; MethodType.hash = method_hash;
    NativeType.mark = native_mark; NativeType.repr = native_repr; NativeType.hash = id_hash;
    NativeType.getattr = native_getattr;
    PropertyType.mark = prop_mark; PropertyType.make = prop_make; PropertyType.descr_get = prop_get;
    PropertyType.descr_set = prop_set; PropertyType.getattr = prop_getattr;
    StaticMethodType.mark = wrapper_mark; StaticMethodType.make = wrapper_make; StaticMethodType.descr_get = static_get;
    StaticMethodType.getattr = wrapper_getattr; StaticMethodType.call = static_call;
    ClassMethodType.mark = wrapper_mark; ClassMethodType.make = wrapper_make; ClassMethodType.descr_get = class_get;
    ClassMethodType.getattr = wrapper_getattr;
    SuperType.mark = super_mark; SuperType.make = super_make; SuperType.getattr = super_getattr;
    ModuleType.mark = module_mark; ModuleType.getattr = module_getattr; ModuleType.setattr = module_setattr;
    ModuleType.repr = module_repr; ModuleType.hash = id_hash;
    RangeType.make = range_make; RangeType.repr = range_repr; RangeType.len = range_len;
    RangeType.iter = range_iter; RangeType.getitem = range_getitem; RangeType.contains = range_contains;
    RangeType.getattr = range_getattr; RangeType.compare = range_compare;
    RangeIterType.next = rangeiter_next; RangeIterType.iter = iter_self; RangeIterType.mark = rangeiter_mark;
    SliceType.mark = slice_mark; SliceType.repr = slice_repr; SliceType.make = slice_make;
    SliceType.getattr = slice_getattr; SliceType.compare = slice_compare;
    add_method(&ObjectType, "__init__", o_init);
    add_method(&ObjectType, "__repr__", o_repr);
    add_method(&ObjectType, "__str__", o_str);
    add_method(&ObjectType, "__eq__", o_eq);
    add_method(&ObjectType, "__ne__", o_ne);
    add_method(&ObjectType, "__hash__", o_hash);
    add_method(&ObjectType, "__setattr__", o_setattr);
    add_method(&ObjectType, "__delattr__", o_delattr);
    add_method(&ObjectType, "__getattribute__", o_getattribute);
    add_method(&ObjectType, "__format__", o_format);
    {
        Wrapper *w = gc_new(&StaticMethodType, sizeof(Wrapper));
        w->f = native_new("__new__", o_new);
        dict_sets(ObjectType.dict, "__new__", (Obj *)w);
        w = gc_new(&ClassMethodType, sizeof(Wrapper));
        w->f = native_new("__init_subclass__", o_init_subclass);
        dict_sets(ObjectType.dict, "__init_subclass__", (Obj *)w);
    }
    add_method(&TypeType, "mro", t_mro);
    add_method(&TypeType, "__subclasses__", t_subclasses);
    add_method(&PropertyType, "getter", p_getter);
    add_method(&PropertyType, "setter", p_setter);
    add_method(&PropertyType, "deleter", p_deleter);
    add_method(&RangeType, "index", r_index);
    add_method(&RangeType, "count", r_count);
    add_method(&SliceType, "indices", sl_indices);
}
