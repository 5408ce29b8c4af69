/* object.c - the generic protocols: repr, hash, compare, arithmetic,
 * attributes, items, iteration and calls, dispatched through type slots.
 */
#include "py.h"
#include <stdio.h>

const char *type_name(Obj *o) { return TYPE(o)->name; }

Obj *obj_default_repr(Obj *o) {
    Type *t = TYPE(o);
    Obj *mod = (t->flags & TF_USER) ? dict_gets(t->dict, "__module__") : NULL;
    Obj *qn = (t->flags & TF_USER) ? dict_gets(t->dict, "__qualname__") : NULL;
    if (mod && TYPE(mod) == &StrType && strcmp(CSTR(mod), "builtins"))
        return str_fmt("<%s.%s object at %p>", CSTR(mod), qn ? CSTR(qn) : t->name, (void *)o);
    return str_fmt("<%s object at %p>", t->name, (void *)o);
}

Obj *repr(Obj *o) {
    Type *t = TYPE(o);
    Obj *r;
    if (!t->repr) return obj_default_repr(o);
    if (recursion_depth > 1000 + 50) py_raise_type(RecursionError, "maximum recursion depth exceeded while getting the repr of an object");
    recursion_depth++;
    r = t->repr(o);
    recursion_depth--;
    if (TYPE(r) != &StrType) py_raise_type(TypeError, "__repr__ returned non-string (type %s)", type_name(r));
    return r;
}

Obj *to_str(Obj *o) {
    Type *t = TYPE(o);
    Obj *r;
    if (t == &StrType) return o;
    r = t->str ? t->str(o) : repr(o);
    if (TYPE(r) != &StrType) py_raise_type(TypeError, "__str__ returned non-string (type %s)", type_name(r));
    return r;
}

intptr_t hash(Obj *o) {
    Type *t = TYPE(o);
    if (IS_SMALL(o)) return SMALL_VAL(o) == -1 ? -2 : SMALL_VAL(o);
    if (t == &StrType) {
        Str *s = (Str *)o;
        if (s->hash == -1) {
            uintptr_t h = 2166136261u;
            int i;
            for (i = 0; i < s->len; i++) h = (h ^ (unsigned char)s->s[i]) * 16777619u;
            s->hash = (intptr_t)(h & (((uintptr_t)-1) >> 2));
            if (s->hash == -1) s->hash = -2;
        }
        return s->hash;
    }
    if (!t->hash) py_raise_type(TypeError, "unhashable type: '%s'", t->name);
    return t->hash(o);
}

int truth(Obj *o) {
    Type *t;
    if (o == True) return 1;
    if (o == False || o == None) return 0;
    if (IS_SMALL(o)) return SMALL_VAL(o) != 0;
    t = TYPE(o);
    if (t->truth) return t->truth(o);
    if (t->len) return t->len(o) != 0;
    return 1;
}

static int swap_cmp(int op) {
    switch (op) {
    case CMP_LT: return CMP_GT; case CMP_LE: return CMP_GE;
    case CMP_GT: return CMP_LT; case CMP_GE: return CMP_LE;
    default: return op;
    }
}
static const char *cmp_sym[] = {"<", "<=", "==", "!=", ">", ">="};

Obj *compare(int op, Obj *a, Obj *b) {
    Type *ta, *tb;
    Obj *r;
    switch (op) {
    case CMP_IS: return BOOL(a == b);
    case CMP_ISNOT: return BOOL(a != b);
    case CMP_IN: return BOOL(contains(b, a));
    case CMP_NOTIN: return BOOL(!contains(b, a));
    }
    ta = TYPE(a); tb = TYPE(b);
    /* a subclass on the right gets the first try at reflected operators */
    if (ta != tb && (tb->flags & TF_USER) && is_subtype(tb, ta) && tb->compare) {
        r = tb->compare(swap_cmp(op), b, a);
        if (r) return r;
    }
    if (ta->compare) { r = ta->compare(op, a, b); if (r) return r; }
    if (tb->compare && (tb != ta || (ta->flags & TF_USER))) { r = tb->compare(swap_cmp(op), b, a); if (r) return r; }
    if (op == CMP_EQ) return BOOL(a == b);
    if (op == CMP_NE) return BOOL(a != b);
    py_raise_type(TypeError, "'%s' not supported between instances of '%s' and '%s'", cmp_sym[op], ta->name, tb->name);
    return NULL;
}

int equal(Obj *a, Obj *b) {
    if (a == b) return 1;
    if (IS_SMALL(a) && IS_SMALL(b)) return 0;
    if (TYPE(a) == &StrType && TYPE(b) == &StrType) return str_eq(a, b);
    return truth(compare(CMP_EQ, a, b));
}

static const char *op_sym[] = {"+", "-", "*", "/", "//", "%", "** or pow()", "<<", ">>", "&", "|", "^", "@"};

Obj *binop(int op, Obj *a, Obj *b) {
    Type *ta = TYPE(a), *tb = TYPE(b);
    Obj *r;
    if (ta != tb && (tb->flags & TF_USER) && is_subtype(tb, ta) && tb->binop) {
        r = tb->binop(op | 0x100, a, b);   /* reflected first */
        if (r) return r;
    }
    if (ta->binop) { r = ta->binop(op, a, b); if (r) return r; }
    if (tb->binop && tb->binop != ta->binop) { r = tb->binop(op, a, b); if (r) return r; }
    py_raise_type(TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", op_sym[op], ta->name, tb->name);
    return NULL;
}

Obj *inplace_op(int op, Obj *a, Obj *b) {
    Type *ta = TYPE(a);
    if (ta == &ListType && op == OP_ADD) { list_extend(a, b); return a; }
    if (ta->flags & TF_USER) {
        static const char *inames[] = {"__iadd__", "__isub__", "__imul__", "__itruediv__", "__ifloordiv__", "__imod__",
                                       "__ipow__", "__ilshift__", "__irshift__", "__iand__", "__ior__", "__ixor__", "__imatmul__"};
        Obj *m = type_lookup_s(ta, inames[op]);
        if (m) {
            Obj *args[2], *r;
            args[0] = a; args[1] = b;
            r = call(m, 2, args, NULL);
            if (r != &NotImplObj) return r;
        }
    }
    {
        Type *tb = TYPE(b);
        Obj *r;
        if (ta->binop) { r = ta->binop(op, a, b); if (r) return r; }
        if (tb->binop && tb->binop != ta->binop) { r = tb->binop(op, a, b); if (r) return r; }
        {
            static const char *isym[] = {"+=", "-=", "*=", "/=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=", "@="};
            py_raise_type(TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", isym[op], ta->name, tb->name);
        }
    }
    return NULL;
}

static Obj *unary_dunder(Obj *o, const char *name, const char *sym) {
    Type *t = TYPE(o);
    if (t->flags & TF_USER) {
        Obj *m = type_lookup_s(t, name);
        if (m) return call1(m, o);
    }
    py_raise_type(TypeError, "bad operand type for unary %s: '%s'", sym, t->name);
    return NULL;
}

Obj *unary_neg(Obj *o) {
    if (IS_SMALL(o)) return int_from_ll(-(long long)SMALL_VAL(o));
    if (is_int(o)) return int_binop(OP_SUB, MK_SMALL(0), o);
    if (TYPE(o) == &FloatType) return float_new(-((Float *)o)->v);
    return unary_dunder(o, "__neg__", "-");
}
Obj *unary_pos(Obj *o) {
    if (is_int(o)) return int_norm(o);
    if (TYPE(o) == &FloatType) return o;
    return unary_dunder(o, "__pos__", "+");
}
Obj *unary_invert(Obj *o) {
    if (is_int(o)) return int_binop(OP_SUB, MK_SMALL(-1), o);
    return unary_dunder(o, "__invert__", "~");
}

/* ---- attributes ---- */
/* A cache of MRO lookups keyed by (type, name).  Any change to a class
   dict through setattr, any new class and every collection invalidate it
   by bumping the version. */
#define LOOKUP_CACHE 1024
static struct { Type *t; Obj *name; Obj *value; unsigned version; } lookup_cache[LOOKUP_CACHE];
unsigned type_cache_version = 1;

static Obj *type_lookup_uncached(Type *t, Obj *name) {
    Tuple *mro = (Tuple *)t->mro;
    int i;
    if (!mro) return t->dict ? dict_get(t->dict, name) : NULL;
    for (i = 0; i < mro->len; i++) {
        Type *b = (Type *)mro->items[i];
        Obj *v = b->dict ? dict_get(b->dict, name) : NULL;
        if (v) return v;
    }
    return NULL;
}

Obj *type_lookup(Type *t, Obj *name) {
    unsigned i = (unsigned)((((uintptr_t)t >> 4) ^ ((uintptr_t)name >> 3)) & (LOOKUP_CACHE - 1));
    Obj *v;
    if (lookup_cache[i].t == t && lookup_cache[i].name == name && lookup_cache[i].version == type_cache_version)
        return lookup_cache[i].value;
    v = type_lookup_uncached(t, name);
    lookup_cache[i].t = t; lookup_cache[i].name = name; lookup_cache[i].value = v;
    lookup_cache[i].version = type_cache_version;
    return v;
}
Obj *type_lookup_s(Type *t, const char *name) { return type_lookup(t, str_intern(name)); }

/* built-in types expose their slots as dunder methods (x.__len__, dict.__or__) */
static Obj *sd_len(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return int_from_ll(length(a[0])); }
static Obj *sd_iter(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return get_iter(a[0]); }
static Obj *sd_next(int n, Obj **a, Obj *kw) {
    Obj *v = iter_next(a[0]);
    (void)n; (void)kw;
    if (!v) py_raise(exc_new(StopIteration, NULL));
    return v;
}
static Obj *sd_getitem(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return getitem(a[0], a[1]); }
static Obj *sd_setitem(int n, Obj **a, Obj *kw) { (void)n; (void)kw; setitem(a[0], a[1], a[2]); return None; }
static Obj *sd_delitem(int n, Obj **a, Obj *kw) { (void)n; (void)kw; setitem(a[0], a[1], NULL); return None; }
static Obj *sd_contains(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return BOOL(contains(a[0], a[1])); }
static Obj *sd_repr(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return repr(a[0]); }
static Obj *sd_str(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return to_str(a[0]); }
static Obj *sd_hash(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return int_from_ll(hash(a[0])); }
static Obj *sd_bool(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return BOOL(truth(a[0])); }
static Obj *sd_call(int n, Obj **a, Obj *kw) { return call_kwdict(a[0], n - 1, a + 1, kw); }
static Obj *sd_neg(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return unary_neg(a[0]); }
static const char *bin_dunders[] = {"__add__", "__sub__", "__mul__", "__truediv__", "__floordiv__", "__mod__",
    "__pow__", "__lshift__", "__rshift__", "__and__", "__or__", "__xor__", "__matmul__"};
static const char *cmp_dunders[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
static Obj *sd_binop(Obj *self, Obj *other, const char *name) {
    int i;
    Type *t = TYPE(self);
    for (i = 0; i < NUM_BINOPS; i++)
        if (!strcmp(name, bin_dunders[i])) {
            Obj *r = t->binop ? t->binop(i, self, other) : NULL;
            return r ? r : &NotImplObj;
        }
    for (i = 0; i < 6; i++)
        if (!strcmp(name, cmp_dunders[i])) {
            Obj *r = t->compare ? t->compare(i, self, other) : NULL;
            if (!r && i == CMP_EQ) r = self == other ? True : &NotImplObj;
            if (!r && i == CMP_NE) r = self != other ? True : &NotImplObj;
            return r ? r : &NotImplObj;
        }
    return &NotImplObj;
}
#define SD_BIN(fn, nm) static Obj *fn(int n, Obj **a, Obj *kw) { (void)n; (void)kw; return sd_binop(a[0], a[1], nm); }
SD_BIN(sd_add, "__add__") SD_BIN(sd_sub, "__sub__") SD_BIN(sd_mul, "__mul__") SD_BIN(sd_truediv, "__truediv__")
SD_BIN(sd_floordiv, "__floordiv__") SD_BIN(sd_mod, "__mod__") SD_BIN(sd_pow, "__pow__") SD_BIN(sd_and, "__and__")
SD_BIN(sd_or, "__or__") SD_BIN(sd_xor, "__xor__") SD_BIN(sd_lt, "__lt__") SD_BIN(sd_le, "__le__")
SD_BIN(sd_eq, "__eq__") SD_BIN(sd_ne, "__ne__") SD_BIN(sd_gt, "__gt__") SD_BIN(sd_ge, "__ge__")
SD_BIN(sd_lshift, "__lshift__") SD_BIN(sd_rshift, "__rshift__") SD_BIN(sd_matmul, "__matmul__")

Obj *slot_dunder(Type *t, Obj *name) {
    const char *s = CSTR(name);
    static const struct { const char *name; NativeFn fn; int slot; } table[] = {
        {"__len__", sd_len, 0}, {"__iter__", sd_iter, 1}, {"__next__", sd_next, 2}, {"__getitem__", sd_getitem, 3},
        {"__setitem__", sd_setitem, 4}, {"__delitem__", sd_delitem, 4}, {"__contains__", sd_contains, 5},
        {"__repr__", sd_repr, 6}, {"__str__", sd_str, 6}, {"__hash__", sd_hash, 7}, {"__bool__", sd_bool, 8},
        {"__call__", sd_call, 9}, {"__neg__", sd_neg, 10}, {"__add__", sd_add, 11}, {"__sub__", sd_sub, 11},
        {"__mul__", sd_mul, 11}, {"__truediv__", sd_truediv, 11}, {"__floordiv__", sd_floordiv, 11},
        {"__mod__", sd_mod, 11}, {"__pow__", sd_pow, 11}, {"__and__", sd_and, 11}, {"__or__", sd_or, 11},
        {"__xor__", sd_xor, 11}, {"__lshift__", sd_lshift, 11}, {"__rshift__", sd_rshift, 11},
        {"__matmul__", sd_matmul, 11}, {"__lt__", sd_lt, 12}, {"__le__", sd_le, 12}, {"__eq__", sd_eq, 12},
        {"__ne__", sd_ne, 12}, {"__gt__", sd_gt, 12}, {"__ge__", sd_ge, 12}, {NULL, NULL, 0}};
    int i;
    if (s[0] != '_' || s[1] != '_' || (t->flags & TF_USER)) return NULL;
    for (i = 0; table[i].name; i++) {
        int has;
        if (strcmp(s, table[i].name)) continue;
        switch (table[i].slot) {
        case 0: has = t->len != NULL; break;
        case 1: has = t->iter != NULL; break;
        case 2: has = t->next != NULL; break;
        case 3: has = t->getitem != NULL; break;
        case 4: has = t->setitem != NULL; break;
        case 5: has = t->contains != NULL; break;
        case 7: has = t->hash != NULL; break;
        case 9: has = t->call != NULL || t == &FuncType || t == &NativeType || t == &MethodType; break;
        case 10: has = t == &IntType || t == &FloatType || t == &BoolType; break;
        case 11: {
            int j;
            has = 0;
            if (t->binop) {
                /* only claim operators the type implements */
                for (j = 0; j < NUM_BINOPS; j++) if (!strcmp(s, bin_dunders[j])) break;
                if (t == &IntType || t == &BoolType || t == &FloatType) has = j < NUM_BINOPS && j != OP_MATMUL && (t != &FloatType || j < OP_LSHIFT);
                else if (t == &StrType || t == &ListType || t == &TupleType || t == &BytesType) has = j == OP_ADD || j == OP_MUL || (j == OP_MOD && t == &StrType);
                else if (t == &SetType || t == &FrozenSetType) has = j == OP_OR || j == OP_AND || j == OP_SUB || j == OP_XOR;
                else if (t == &DictType) has = j == OP_OR;
                else has = 1;
            }
            break;
        }
        default: has = 1;
        }
        if (!has) return NULL;
        return native_new(table[i].name, table[i].fn);
    }
    return NULL;
}

Obj *generic_getattr(Obj *o, Obj *name) {
    Type *t = TYPE(o);
    Obj *d = type_lookup(t, name), *v;
    if (d) {
        Type *dt = TYPE(d);
        if (dt->descr_get && dt->descr_set) return dt->descr_get(d, o, t);   /* data descriptor */
    }
    if ((t->flags & TF_HASDICT) && INST_DICT(o)) {
        v = dict_get(INST_DICT(o), name);
        if (v) return v;
    }
    if (d) {
        Type *dt = TYPE(d);
        if (dt == &FuncType || (dt == &NativeType && !((Native *)d)->self)) return method_new(o, d);
        if (dt->descr_get) return dt->descr_get(d, o, t);
        return d;
    }
    if (CSTR(name)[0] == '_' && CSTR(name)[1] == '_') {
        if (!strcmp(CSTR(name), "__class__")) return (Obj *)t;
        if (!strcmp(CSTR(name), "__dict__") && (t->flags & TF_HASDICT)) {
            if (!INST_DICT(o)) INST_DICT(o) = dict_new();
            return INST_DICT(o);
        }
    }
    if (t->flags & TF_USER) {
        Obj *ga = type_lookup_s(t, "__getattr__");
        if (ga) return call2(ga, o, name);
    } else if (CSTR(name)[0] == '_') {
        Obj *sd = slot_dunder(t, name);
        if (sd) return method_new(o, sd);
    }
    return NULL;
}

void generic_setattr(Obj *o, Obj *name, Obj *v) {
    Type *t = TYPE(o);
    Obj *d = type_lookup(t, name);
    if (d && TYPE(d)->descr_set && TYPE(d)->descr_set(d, o, v)) return;
    if (!(t->flags & TF_HASDICT)) {
        if (d) py_raise_type(AttributeError, "'%s' object attribute '%s' is read-only", t->name, CSTR(name));
        py_raise_type(AttributeError, "'%s' object has no attribute '%s'", t->name, CSTR(name));
    }
    if (!INST_DICT(o)) INST_DICT(o) = dict_new();
    if (v) dict_set(INST_DICT(o), name, v);
    else if (!dict_del(INST_DICT(o), name))
        py_raise_type(AttributeError, "'%s' object has no attribute '%s'", t->name, CSTR(name));
}

Obj *getattr_opt(Obj *o, Obj *name) {
    Type *t = TYPE(o);
    if (t->getattr) return t->getattr(o, name);
    return generic_getattr(o, name);
}

static Obj *catch_attr_name;
static Obj *catch_attr_obj;
static Obj *catch_attr_result;
static void getattr_body(void *unused) {
    (void)unused;
    catch_attr_result = getattr_opt(catch_attr_obj, catch_attr_name);
}

Obj *getattr(Obj *o, Obj *name) {
    Obj *v = getattr_opt(o, name);
    if (v) return v;
    if (TYPE(o) == &ModuleType)
        py_raise_type(AttributeError, "module '%s' has no attribute '%s'", CSTR(((Module *)o)->name), CSTR(name));
    if (TYPE(o) == &TypeType)
        py_raise_type(AttributeError, "type object '%s' has no attribute '%s'", ((Type *)o)->name, CSTR(name));
    py_raise_type(AttributeError, "'%s' object has no attribute '%s'", type_name(o), CSTR(name));
    (void)getattr_body; (void)catch_attr_name; (void)catch_attr_obj; (void)catch_attr_result;
    return NULL;
}

Obj *getattr_s(Obj *o, const char *name) { return getattr(o, str_intern(name)); }

void setattr(Obj *o, Obj *name, Obj *v) {
    Type *t = TYPE(o);
    if (t->setattr) t->setattr(o, name, v);
    else generic_setattr(o, name, v);
}

/* ---- items ---- */
Obj *getitem(Obj *o, Obj *k) {
    Type *t = TYPE(o);
    if (t->getitem) return t->getitem(o, k);
    if (t == &TypeType) {
        Obj *cg = type_lookup_s((Type *)o, "__class_getitem__");
        if (cg) return call2(cg, o, k);
        return o;   /* list[int] style annotations */
    }
    py_raise_type(TypeError, "'%s' object is not subscriptable", t->name);
    return NULL;
}

void setitem(Obj *o, Obj *k, Obj *v) {
    Type *t = TYPE(o);
    if (t->setitem) { t->setitem(o, k, v); return; }
    if (v) py_raise_type(TypeError, "'%s' object does not support item assignment", t->name);
    py_raise_type(TypeError, "'%s' object doesn't support item deletion", t->name);
}

intptr_t length(Obj *o) {
    Type *t = TYPE(o);
    if (t->len) return t->len(o);
    py_raise_type(TypeError, "object of type '%s' has no len()", t->name);
    return 0;
}

int contains(Obj *c, Obj *x) {
    Type *t = TYPE(c);
    Obj *it, *v;
    if (t->contains) {
        int r = t->contains(c, x);
        if (r >= 0) return r;
    }
    if (!t->iter && !t->getitem) py_raise_type(TypeError, "argument of type '%s' is not iterable", t->name);
    it = get_iter(c);
    while ((v = iter_next(it)) != NULL) if (equal(v, x)) return 1;
    return 0;
}

Obj *get_iter(Obj *o) {
    Type *t = TYPE(o);
    Obj *it;
    if (t->iter) {
        it = t->iter(o);
        if (!TYPE(it)->next) py_raise_type(TypeError, "iter() returned non-iterator of type '%s'", type_name(it));
        return it;
    }
    if (t->getitem) {
        Iter *s = gc_new(&SeqIterType, sizeof(Iter));
        s->a = o;
        return (Obj *)s;
    }
    py_raise_type(TypeError, "'%s' object is not iterable", t->name);
    return NULL;
}

Obj *iter_next(Obj *it) {
    Type *t = TYPE(it);
    if (!t->next) py_raise_type(TypeError, "'%s' object is not an iterator", t->name);
    return t->next(it);
}

Obj *list_from_iter(Obj *o) {
    Obj *l, *it, *v;
    if (TYPE(o) == &ListType || TYPE(o) == &TupleType) {
        int n = TYPE(o) == &ListType ? LIST(o)->len : TUPLE(o)->len;
        Obj **items = TYPE(o) == &ListType ? LIST(o)->items : TUPLE(o)->items;
        l = list_new(n);
        if (n) memcpy(LIST(l)->items, items, n * sizeof(Obj *));
        return l;
    }
    l = list_new(0);
    it = get_iter(o);
    while ((v = iter_next(it)) != NULL) list_append(l, v);
    return l;
}

Obj *seq_tuple(Obj *o) {
    Obj *l, *t;
    if (TYPE(o) == &TupleType) return o;
    l = TYPE(o) == &ListType ? o : list_from_iter(o);
    t = tuple_new(LIST(l)->len);
    if (LIST(l)->len) memcpy(TUPLE(t)->items, LIST(l)->items, LIST(l)->len * sizeof(Obj *));
    return t;
}

/* ---- calls ---- */
static Obj *kwnames_to_dict(int n, Obj **args, Obj *kwnames) {
    Obj *d = dict_new();
    int nk = TUPLE(kwnames)->len, i;
    for (i = 0; i < nk; i++) dict_set(d, TUPLE(kwnames)->items[i], args[n - nk + i]);
    return d;
}

Obj *call(Obj *f, int n, Obj **args, Obj *kwnames) {
    Type *t = TYPE(f);
    if (t == &FuncType) return call_func((Func *)f, n, args, kwnames);
    if (t == &NativeType) {
        Native *nf = (Native *)f;
        Obj *kw = kwnames && TUPLE(kwnames)->len ? kwnames_to_dict(n, args, kwnames) : NULL;
        int npos = n - (kwnames ? TUPLE(kwnames)->len : 0);
        if (nf->self) {
            Obj *tmp[8], **a = npos + 1 <= 8 ? tmp : gc_malloc(sizeof(Obj *) * (npos + 1)), *r;
            a[0] = nf->self;
            if (npos) memcpy(a + 1, args, npos * sizeof(Obj *));
            r = nf->fn(npos + 1, a, kw);
            if (a != tmp) gc_free(a);
            return r;
        }
        return nf->fn(npos, args, kw);
    }
    if (t == &MethodType) {
        Method *m = (Method *)f;
        Obj *tmp[8], **a = n + 1 <= 8 ? tmp : gc_malloc(sizeof(Obj *) * (n + 1)), *r;
        a[0] = m->self;
        if (n) memcpy(a + 1, args, n * sizeof(Obj *));
        r = call(m->func, n + 1, a, kwnames);
        if (a != tmp) gc_free(a);
        return r;
    }
    if (t->call) return t->call(f, n, args, kwnames);
    py_raise_type(TypeError, "'%s' object is not callable", t->name);
    return NULL;
}

Obj *call0(Obj *f) { return call(f, 0, NULL, NULL); }
Obj *call1(Obj *f, Obj *a) { return call(f, 1, &a, NULL); }
Obj *call2(Obj *f, Obj *a, Obj *b) { Obj *args[2]; args[0] = a; args[1] = b; return call(f, 2, args, NULL); }

Obj *call_kwdict(Obj *f, int n, Obj **args, Obj *kwdict) {
    Obj **a, *names, *r;
    int nk, i, k = 0;
    if (!kwdict || DICT(kwdict)->used == 0) return call(f, n, args, NULL);
    if (TYPE(kwdict) != &DictType) py_raise_type(TypeError, "argument after ** must be a mapping, not %s", type_name(kwdict));
    nk = DICT(kwdict)->used;
    a = gc_malloc(sizeof(Obj *) * (n + nk));
    memcpy(a, args, n * sizeof(Obj *));
    names = tuple_new(nk);
    for (i = 0; i < DICT(kwdict)->n; i++) {
        DictEntry *e = &DICT(kwdict)->e[i];
        if (!e->key) continue;
        if (TYPE(e->key) != &StrType) { gc_free(a); py_raise_type(TypeError, "keywords must be strings"); }
        TUPLE(names)->items[k] = e->key;
        a[n + k] = e->val;
        k++;
    }
    r = call(f, n + nk, a, names);
    gc_free(a);
    return r;
}

Obj *call_method(Obj *o, const char *name, int n, Obj **args) {
    Obj *m = getattr(o, str_intern(name));
    return call(m, n, args, NULL);
}

/* ---- conversions ---- */
intptr_t index_of(Obj *o) {
    long long v;
    if (IS_SMALL(o)) return SMALL_VAL(o);
    if (o == True) return 1;
    if (o == False) return 0;
    if (is_int(o)) {
        if (!int_to_ll(o, &v) || v != (intptr_t)v) py_raise_type(IndexError, "cannot fit 'int' into an index-sized integer");
        return (intptr_t)v;
    }
    if (TYPE(o)->flags & TF_USER) {
        Obj *m = type_lookup_s(TYPE(o), "__index__");
        if (m) return index_of(call1(m, o));
    }
    py_raise_type(TypeError, "'%s' object cannot be interpreted as an integer", type_name(o));
    return 0;
}

long as_long(Obj *o) { return (long)index_of(o); }

double as_double(Obj *o) {
    if (IS_SMALL(o)) return (double)SMALL_VAL(o);
    if (TYPE(o) == &FloatType) return ((Float *)o)->v;
    if (is_int(o)) return int_to_double(o);
    if (TYPE(o)->flags & TF_USER) {
        Obj *m = type_lookup_s(TYPE(o), "__float__");
        if (m) return as_double(call1(m, o));
    }
    py_raise_type(TypeError, "must be real number, not %s", type_name(o));
    return 0;
}
