/* compile.c - parse tree to bytecode.
 *
 * Two passes: scope analysis decides for every name whether it is a local,
 * a cell (captured by an inner function), a free variable or a global;
 * code generation then walks the tree emitting instructions into a Unit,
 * one per function / class body / comprehension / module.
 */
#include "ast.h"
#include "opcodes.h"
#include <stdlib.h>
#include <stdio.h>

enum { SC_MODULE, SC_FUNC, SC_CLASS };
enum { F_LOCAL = 1, F_PARAM = 2, F_GLOBAL = 4, F_NONLOCAL = 8, F_USE = 16, F_CELL = 32, F_FREE = 64 };

typedef struct Scope {
    int kind;
    struct Scope *parent;
    Obj *syms;          /* dict name -> flags (small int) */
    Obj *order;         /* list of names in first-seen order */
    Obj *params;        /* list of parameter names in order */
    Obj *cells, *frees; /* lists */
    int generator;
    Obj *name;          /* qualified name */
    Node *node;
    Node *first_nonlocal;  /* for error positions */
} Scope;

static Obj *cur_filename;
static const char *cur_src;
static Scope **all_scopes;
static int nscopes, scopes_cap;

static void err(Node *n, const char *msg) { syntax_error(cur_filename, cur_src, n->line, n->col + 1, msg); }

static Scope *scope_new(int kind, Scope *parent, Node *node, Obj *name) {
    Scope *s = calloc(1, sizeof(Scope));
    s->kind = kind; s->parent = parent; s->node = node; s->name = name;
    s->syms = dict_new(); s->order = list_new(0); s->params = list_new(0);
    s->cells = list_new(0); s->frees = list_new(0);
    if (nscopes == scopes_cap) { scopes_cap = scopes_cap ? scopes_cap * 2 : 64; all_scopes = realloc(all_scopes, scopes_cap * sizeof(Scope *)); }
    all_scopes[nscopes++] = s;
    if (node) node->scope = s;
    return s;
}

static int sym_flags(Scope *s, Obj *name) {
    Obj *v = dict_get(s->syms, name);
    return v ? (int)SMALL_VAL(v) : 0;
}

static void sym_add(Scope *s, Obj *name, int flag, Node *at) {
    int old = sym_flags(s, name);
    if (!dict_get(s->syms, name)) list_append(s->order, name);
    if ((flag & (F_GLOBAL | F_NONLOCAL)) && (old & (F_LOCAL | F_USE | F_PARAM)) && at) {
        char msg[200];
        snprintf(msg, sizeof msg, (old & F_PARAM) ? "name '%s' is parameter and %s" :
                 (old & F_LOCAL) ? "name '%s' is assigned to before %s declaration" : "name '%s' is used prior to %s declaration",
                 CSTR(name), (flag & F_GLOBAL) ? "global" : "nonlocal");
        err(at, msg);
    }
    dict_set(s->syms, name, MK_SMALL(old | flag));
}

/* ---------------- pass 1: collect symbols ---------------- */
static void an_expr(Scope *s, Node *n);
static void an_stmts(Scope *s, Node *n);
static void an_target(Scope *s, Node *n) {
    int i;
    if (!n) return;
    switch (n->kind) {
    case N_NAME: sym_add(s, n->v, F_LOCAL, NULL); break;
    case N_TUPLE: case N_LIST: for (i = 0; i < n->nkids; i++) an_target(s, n->kids[i]); break;
    case N_STARRED: an_target(s, n->a); break;
    default: an_expr(s, n); break;
    }
}

static void an_params(Scope *outer, Scope *inner, Node *args) {
    int i;
    for (i = 0; i < args->nkids; i++) {
        Node *p = args->kids[i];
        if (p->a) an_expr(outer, p->a);
        sym_add(inner, p->v, F_PARAM | F_LOCAL, NULL);
        list_append(inner->params, p->v);
    }
}

static Obj *qualname(Scope *s, Obj *name) {
    if (s->kind == SC_MODULE) return name;
    if (s->kind == SC_FUNC) return str_fmt("%s.<locals>.%s", CSTR(s->name), CSTR(name));
    return str_fmt("%s.%s", CSTR(s->name), CSTR(name));
}

static void an_comp(Scope *s, Node *n) {
    Scope *c;
    int i, j;
    static Obj *names[4];
    const char *nm = n->kind == N_LISTCOMP ? "<listcomp>" : n->kind == N_SETCOMP ? "<setcomp>" :
                     n->kind == N_DICTCOMP ? "<dictcomp>" : "<genexpr>";
    an_expr(s, n->kids[0]->b);    /* first iterable runs in the enclosing scope */
    c = scope_new(SC_FUNC, s, n, qualname(s, str_intern(nm)));
    (void)names;
    sym_add(c, str_intern(".0"), F_PARAM | F_LOCAL, NULL);
    list_append(c->params, str_intern(".0"));
    if (n->kind == N_GENEXP) c->generator = 1;
    for (i = 0; i < n->nkids; i++) {
        Node *f = n->kids[i];
        if (i > 0) an_expr(c, f->b);
        an_target(c, f->a);
        for (j = 0; j < f->nkids; j++) an_expr(c, f->kids[j]);
    }
    an_expr(c, n->a);
    if (n->b) an_expr(c, n->b);
}

static void an_expr(Scope *s, Node *n) {
    int i;
    if (!n) return;
    switch (n->kind) {
    case N_NAME:
        sym_add(s, n->v, F_USE, NULL);
        if (s->kind == SC_FUNC && !strcmp(CSTR(n->v), "super")) sym_add(s, str_intern("__class__"), F_USE, NULL);
        break;
    case N_LAMBDA:
        for (i = 0; i < n->a->nkids; i++) an_expr(s, n->a->kids[i]->a);   /* defaults */
        break;
    case N_LISTCOMP: case N_SETCOMP: case N_DICTCOMP: case N_GENEXP: an_comp(s, n); return;
    case N_YIELD: case N_YIELDFROM: s->generator = 1; an_expr(s, n->a); return;
    case N_WALRUS: {
        /* the target binds in the nearest enclosing non-comprehension scope */
        Scope *t = s;
        while (t->node && (t->node->kind == N_LISTCOMP || t->node->kind == N_SETCOMP || t->node->kind == N_DICTCOMP || t->node->kind == N_GENEXP)) t = t->parent;
        sym_add(t, n->a->v, F_LOCAL, NULL);
        if (t != s) sym_add(s, n->a->v, F_USE, NULL);
        an_expr(s, n->b);
        return;
    }
    default: break;
    }
    if (n->kind == N_LAMBDA) {
        Scope *c = scope_new(SC_FUNC, s, n, qualname(s, str_intern("<lambda>")));
        for (i = 0; i < n->a->nkids; i++) {
            sym_add(c, n->a->kids[i]->v, F_PARAM | F_LOCAL, NULL);
            list_append(c->params, n->a->kids[i]->v);
        }
        an_expr(c, n->b);
        return;
    }
    an_expr(s, n->a); an_expr(s, n->b); an_expr(s, n->c); an_expr(s, n->d);
    for (i = 0; i < n->nkids; i++) an_expr(s, n->kids[i]);
}

static void an_stmt(Scope *s, Node *n) {
    int i;
    if (!n) return;
    switch (n->kind) {
    case N_BLOCK: an_stmts(s, n); return;
    case N_ASSIGN:
        an_expr(s, n->a);
        for (i = 0; i < n->nkids; i++) an_target(s, n->kids[i]);
        return;
    case N_AUGASSIGN:
        an_expr(s, n->b);
        if (n->a->kind == N_NAME) sym_add(s, n->a->v, F_LOCAL | F_USE, NULL); else an_expr(s, n->a);
        return;
    case N_DEL: for (i = 0; i < n->nkids; i++) an_target(s, n->kids[i]); return;
    case N_GLOBAL: case N_NONLOCAL:
        for (i = 0; i < n->nkids; i++) {
            if (n->kind == N_NONLOCAL && s->kind == SC_CLASS && !s->parent) err(n, "nonlocal declaration not allowed at module level");
            sym_add(s, n->kids[i]->v, n->kind == N_GLOBAL ? F_GLOBAL : F_NONLOCAL, n);
            if (n->kind == N_NONLOCAL && !s->first_nonlocal) s->first_nonlocal = n;
        }
        return;
    case N_FOR: an_target(s, n->a); an_expr(s, n->b); an_stmt(s, n->c); an_stmt(s, n->d); return;
    case N_WHILE: case N_IF: an_expr(s, n->a); an_stmt(s, n->b); an_stmt(s, n->c); return;
    case N_TRY:
        an_stmt(s, n->a);
        for (i = 0; i < n->nkids; i++) {
            Node *h = n->kids[i];
            an_expr(s, h->a);
            if (h->v) sym_add(s, h->v, F_LOCAL, NULL);
            an_stmt(s, h->b);
        }
        an_stmt(s, n->c); an_stmt(s, n->d);
        return;
    case N_WITH:
        for (i = 0; i < n->nkids; i++) { an_expr(s, n->kids[i]->a); an_target(s, n->kids[i]->b); }
        an_stmt(s, n->a);
        return;
    case N_IMPORT:
        for (i = 0; i < n->nkids; i++) {
            Node *al = n->kids[i];
            if (al->v2) sym_add(s, al->v2, F_LOCAL, NULL);
            else {
                const char *dot = strchr(CSTR(al->v), '.');
                sym_add(s, dot ? str_intern_obj(str_new(CSTR(al->v), (int)(dot - CSTR(al->v)))) : al->v, F_LOCAL, NULL);
            }
        }
        return;
    case N_IMPORTFROM:
        for (i = 0; i < n->nkids; i++) {
            Node *al = n->kids[i];
            if (!strcmp(CSTR(al->v), "*")) { if (s->kind != SC_MODULE) err(n, "import * only allowed at module level"); continue; }
            sym_add(s, al->v2 ? al->v2 : al->v, F_LOCAL, NULL);
        }
        return;
    case N_FUNCDEF: {
        Scope *c;
        for (i = 0; i < n->nkids; i++) an_expr(s, n->kids[i]);
        c = scope_new(SC_FUNC, s, n, qualname(s, n->v));
        an_params(s, c, n->a);
        an_stmts(c, n->b);
        sym_add(s, n->v, F_LOCAL, NULL);
        return;
    }
    case N_CLASS: {
        Scope *c;
        for (i = 0; i < n->nkids; i++) an_expr(s, n->kids[i]);
        an_expr(s, n->a);
        c = scope_new(SC_CLASS, s, n, qualname(s, n->v));
        an_stmts(c, n->b);
        sym_add(s, n->v, F_LOCAL, NULL);
        return;
    }
    case N_RETURN:
        if (s->generator == 0) {}
        an_expr(s, n->a);
        return;
    default:
        an_expr(s, n->a); an_expr(s, n->b);
        for (i = 0; i < n->nkids; i++) an_expr(s, n->kids[i]);
        return;
    }
}

static void an_stmts(Scope *s, Node *n) {
    int i;
    if (n->kind != N_BLOCK && n->kind != N_MODULE) { an_stmt(s, n); return; }
    for (i = 0; i < n->nkids; i++) an_stmt(s, n->kids[i]);
}

/* ---------------- pass 2: resolve free variables ---------------- */
static int list_index(Obj *l, Obj *name) {
    int i;
    for (i = 0; i < LIST(l)->len; i++) if (LIST(l)->items[i] == name || str_eq(LIST(l)->items[i], name)) return i;
    return -1;
}

static int binds(Scope *s, Obj *name) {
    int f = sym_flags(s, name);
    if (f & F_GLOBAL) return 0;
    if (f & F_NONLOCAL) return 0;
    return (f & (F_LOCAL | F_PARAM)) != 0;
}

static void resolve(Scope *s) {
    int i;
    for (i = 0; i < LIST(s->order)->len; i++) {
        Obj *name = LIST(s->order)->items[i];
        int f = sym_flags(s, name);
        Scope *a;
        int is_class_cell = !strcmp(CSTR(name), "__class__");
        if (f & F_GLOBAL) continue;
        if ((f & (F_LOCAL | F_PARAM)) && !(f & F_NONLOCAL) && s->kind != SC_CLASS) continue;
        if (s->kind == SC_MODULE) continue;
        if (s->kind == SC_CLASS && !(f & F_NONLOCAL)) continue;
        /* search enclosing function scopes */
        for (a = s->parent; a; a = a->parent) {
            if (a->kind == SC_CLASS) {
                if (is_class_cell) break;
                continue;
            }
            if (a->kind == SC_MODULE) { a = NULL; break; }
            if (binds(a, name)) break;
        }
        if (!a) {
            if (f & F_NONLOCAL) {
                char msg[200];
                snprintf(msg, sizeof msg, "no binding for nonlocal '%s' found", CSTR(name));
                err(s->first_nonlocal ? s->first_nonlocal : s->node, msg);
            }
            continue;
        }
        /* a binds the name: cell there, free in every scope between */
        {
            Scope *b;
            if (list_index(a->cells, name) < 0) list_append(a->cells, name);
            for (b = s; b != a; b = b->parent)
                if (list_index(b->frees, name) < 0) list_append(b->frees, name);
        }
    }
}

/* ---------------- code generation ---------------- */
enum { FB_LOOP, FB_FOR, FB_EXCEPT, FB_HANDLER, FB_FINALLY, FB_WITH };
typedef struct { int kind; int top; Node *fin; Obj *exname; } FBlock;

typedef struct Unit {
    Scope *sc;
    uint32_t *code;
    int *lines;
    int n, cap;
    Obj *consts, *names, *varnames;
    int line;
    int depth, maxdepth;
    FBlock fb[64];
    int nfb;
    Obj *labels_break[64];
} Unit;

typedef struct { int *breaks; int nbreaks, capbreaks; int cont; } Loop;

static int stack_effect(int op, int arg) {
    switch (op) {
    case LOAD_CONST: case LOAD_FAST: case LOAD_DEREF: case LOAD_GLOBAL: case LOAD_NAME: case LOAD_CLOSURE:
    case LOAD_BUILD_CLASS: case DUP_TOP: case LOAD_ASSERTION_ERROR: case LOAD_CLASSDEREF: return 1;
    case DUP_TOP_TWO: return 2;
    case STORE_FAST: case STORE_DEREF: case STORE_GLOBAL: case STORE_NAME: case POP_TOP: return -1;
    case STORE_ATTR: return -2;
    case DELETE_ATTR: return -1;
    case LOAD_METHOD: return 1;
    case CALL_METHOD: return -arg - 1;
    case CALL_METHOD_KW: return -arg - 2;
    case BINARY_OP: case INPLACE_OP: case COMPARE_OP: return -1;
    case BUILD_LIST: case BUILD_TUPLE: case BUILD_SET: case BUILD_STRING: return 1 - arg;
    case BUILD_MAP: return 1 - 2 * arg;
    case BUILD_SLICE: return 1 - arg;
    case LIST_APPEND: case SET_ADD: case LIST_EXTEND: case SET_UPDATE: case DICT_UPDATE: return -1;
    case MAP_ADD: return -2;
    case FORMAT_VALUE: return (arg & 4) ? -1 : 0;
    case SUBSCR: return -1;
    case STORE_SUBSCR: return -3;
    case DELETE_SUBSCR: return -2;
    case POP_JUMP_IF_FALSE: case POP_JUMP_IF_TRUE: return -1;
    case FOR_ITER: return 1;
    case CALL: return -arg;
    case CALL_KW: return -arg - 1;
    case CALL_EX: return (arg & 1) ? -2 : -1;
    case MAKE_FUNCTION: return -((arg & 1) != 0) - ((arg & 2) != 0) - ((arg & 4) != 0);
    case RETURN_VALUE: return -1;
    case YIELD_FROM: return -1;
    case SETUP_WITH: return 1;
    case RAISE: return -arg;
    case UNPACK_SEQUENCE: return arg - 1;
    case UNPACK_EX: return (arg & 0xff) + (arg >> 8);
    case IMPORT_NAME: return -1;
    case IMPORT_FROM: return 1;
    case IMPORT_STAR: return -1;
    case RERAISE: return -1;
    default: return 0;
    }
}

static int emit(Unit *u, int op, int arg) {
    if (u->n == u->cap) {
        u->cap = u->cap ? u->cap * 2 : 64;
        u->code = gc_realloc(u->code, u->cap * sizeof(uint32_t));
        u->lines = gc_realloc(u->lines, u->cap * sizeof(int));
    }
    if (arg < 0 || arg >= (1 << 24)) py_raise_type(SyntaxError, "too many constants or names");
    u->code[u->n] = (uint32_t)op | ((uint32_t)arg << 8);
    u->lines[u->n] = u->line;
    u->depth += stack_effect(op, arg);
    if (u->depth > u->maxdepth) u->maxdepth = u->depth;
    return u->n++;
}

static void patch(Unit *u, int at, int target) { u->code[at] = (u->code[at] & 0xff) | ((uint32_t)target << 8); }
static int here(Unit *u) { return u->n; }

static int add_const(Unit *u, Obj *v) {
    int i;
    Tuple *dummy = NULL;
    (void)dummy;
    for (i = 0; i < LIST(u->consts)->len; i++) {
        Obj *c = LIST(u->consts)->items[i];
        if (c == v) return i;
        if (TYPE(c) == &StrType && TYPE(v) == &StrType && str_eq(c, v)) return i;
    }
    list_append(u->consts, v);
    return LIST(u->consts)->len - 1;
}

static int add_name(Unit *u, Obj *name) {
    int i = list_index(u->names, name);
    if (i >= 0) return i;
    list_append(u->names, name);
    return LIST(u->names)->len - 1;
}

static void c_expr(Unit *u, Node *n);
static void c_stmt(Unit *u, Node *n);
static void c_block(Unit *u, Node *n);
static void c_docstring(Unit *u, Node *body);
static Code *c_unit_finish(Unit *u, Obj *name, int argc, int kwonly, int flags, int firstline);

enum { ACC_LOAD, ACC_STORE, ACC_DEL };

static void c_name(Unit *u, Obj *name, int acc) {
    Scope *s = u->sc;
    int f = sym_flags(s, name), i;
    static const int fast_ops[] = {LOAD_FAST, STORE_FAST, DELETE_FAST};
    static const int deref_ops[] = {LOAD_DEREF, STORE_DEREF, DELETE_DEREF};
    static const int global_ops[] = {LOAD_GLOBAL, STORE_GLOBAL, DELETE_GLOBAL};
    static const int name_ops[] = {LOAD_NAME, STORE_NAME, DELETE_NAME};
    if ((i = list_index(s->cells, name)) >= 0) {
        if (s->kind == SC_CLASS && strcmp(CSTR(name), "__class__")) { emit(u, name_ops[acc], add_name(u, name)); return; }
        emit(u, deref_ops[acc], i);
        return;
    }
    if ((i = list_index(s->frees, name)) >= 0) {
        if (s->kind == SC_CLASS) {
            if (acc == ACC_LOAD) { emit(u, LOAD_CLASSDEREF, LIST(s->cells)->len + i); return; }
            emit(u, name_ops[acc], add_name(u, name));
            return;
        }
        emit(u, deref_ops[acc], LIST(s->cells)->len + i);
        return;
    }
    if (f & F_GLOBAL) { emit(u, global_ops[acc], add_name(u, name)); return; }
    if (s->kind == SC_FUNC) {
        if ((f & (F_LOCAL | F_PARAM))) {
            i = list_index(u->varnames, name);
            if (i < 0) { list_append(u->varnames, name); i = LIST(u->varnames)->len - 1; }
            emit(u, fast_ops[acc], i);
            return;
        }
        emit(u, global_ops[acc], add_name(u, name));
        return;
    }
    emit(u, name_ops[acc], add_name(u, name));
}

static void set_line(Unit *u, Node *n) { if (n && n->line) u->line = n->line; }

/* load a value and call a method/function with positional, keyword, star args */
static int has_complex_args(Node *call) {
    int i;
    for (i = 0; i < call->nkids; i++) if (call->kids[i]->kind == N_STARRED || call->kids[i]->kind == N_DSTAR) return 1;
    return 0;
}

/* push args of a call; returns the kind of CALL to emit */
static void c_call_args(Unit *u, Node *call, int extra, int method) {
    int i, npos = 0, nkw = 0;
    if (!has_complex_args(call)) {
        Obj *names = NULL;
        for (i = 0; i < call->nkids; i++) {
            Node *k = call->kids[i];
            if (k->kind == N_KEYWORD) {
                int j;
                if (!names) names = list_new(0);
                for (j = 0; j < LIST(names)->len; j++)
                    if (str_eq(LIST(names)->items[j], k->v)) {
                        char msg[150];
                        snprintf(msg, sizeof msg, "keyword argument repeated: %s", CSTR(k->v));
                        err(k, msg);
                    }
                list_append(names, k->v);
                c_expr(u, k->a);
                nkw++;
            } else { c_expr(u, k); npos++; }
        }
        if (names) {
            emit(u, LOAD_CONST, add_const(u, seq_tuple(names)));
            emit(u, method ? CALL_METHOD_KW : CALL_KW, npos + nkw + extra);
        } else emit(u, method ? CALL_METHOD : CALL, npos + extra);
        return;
    }
    /* general case: build a tuple of positionals and a dict of keywords */
    emit(u, BUILD_LIST, extra);
    for (i = 0; i < call->nkids; i++) {
        Node *k = call->kids[i];
        if (k->kind == N_STARRED) { c_expr(u, k->a); emit(u, LIST_EXTEND, 1); }
        else if (k->kind != N_KEYWORD && k->kind != N_DSTAR) { c_expr(u, k); emit(u, LIST_APPEND, 1); }
    }
    emit(u, LIST_TO_TUPLE, 0);
    for (i = 0; i < call->nkids; i++) if (call->kids[i]->kind == N_KEYWORD || call->kids[i]->kind == N_DSTAR) nkw++;
    if (nkw) {
        emit(u, BUILD_MAP, 0);
        for (i = 0; i < call->nkids; i++) {
            Node *k = call->kids[i];
            if (k->kind == N_KEYWORD) { emit(u, LOAD_CONST, add_const(u, k->v)); c_expr(u, k->a); emit(u, MAP_ADD, 1); }
            else if (k->kind == N_DSTAR) { c_expr(u, k->a); emit(u, DICT_UPDATE, 1); }
        }
    }
    emit(u, CALL_EX, nkw ? 1 : 0);
}

static void c_store(Unit *u, Node *t);

static void c_unpack_store(Unit *u, Node *t) {
    int i, star = -1;
    for (i = 0; i < t->nkids; i++)
        if (t->kids[i]->kind == N_STARRED) {
            if (star >= 0) err(t->kids[i], "multiple starred expressions in assignment");
            star = i;
        }
    if (star < 0) emit(u, UNPACK_SEQUENCE, t->nkids);
    else emit(u, UNPACK_EX, star | ((t->nkids - star - 1) << 8));
    for (i = 0; i < t->nkids; i++) c_store(u, t->kids[i]->kind == N_STARRED ? t->kids[i]->a : t->kids[i]);
}

static void c_store(Unit *u, Node *t) {
    set_line(u, t);
    switch (t->kind) {
    case N_NAME: c_name(u, t->v, ACC_STORE); break;
    case N_ATTR: c_expr(u, t->a); emit(u, STORE_ATTR, add_name(u, t->v)); break;
    case N_SUBSCR: c_expr(u, t->a); c_expr(u, t->b); emit(u, STORE_SUBSCR, 0); break;
    case N_TUPLE: case N_LIST: c_unpack_store(u, t); break;
    case N_STARRED: err(t, "starred assignment target must be in a list or tuple"); break;
    default: err(t, "cannot assign to expression");
    }
}

static void c_del(Unit *u, Node *t) {
    int i;
    switch (t->kind) {
    case N_NAME: c_name(u, t->v, ACC_DEL); break;
    case N_ATTR: c_expr(u, t->a); emit(u, DELETE_ATTR, add_name(u, t->v)); break;
    case N_SUBSCR: c_expr(u, t->a); c_expr(u, t->b); emit(u, DELETE_SUBSCR, 0); break;
    case N_TUPLE: case N_LIST: for (i = 0; i < t->nkids; i++) c_del(u, t->kids[i]); break;
    default: err(t, "cannot delete expression");
    }
}

/* compile a nested code unit for a function / lambda / comprehension / class */
static void unit_init(Unit *u, Scope *sc) {
    memset(u, 0, sizeof *u);
    u->sc = sc;
    u->consts = list_new(0);
    u->names = list_new(0);
    u->varnames = list_new(0);
    {
        int i;
        for (i = 0; i < LIST(sc->params)->len; i++) list_append(u->varnames, LIST(sc->params)->items[i]);
    }
}

static void c_make_closure(Unit *u, Code *code, Scope *child, int flags) {
    int i;
    if (LIST(child->frees)->len) {
        for (i = 0; i < LIST(child->frees)->len; i++) {
            Obj *name = LIST(child->frees)->items[i];
            int idx = list_index(u->sc->cells, name);
            if (idx < 0) idx = LIST(u->sc->cells)->len + list_index(u->sc->frees, name);
            emit(u, LOAD_CLOSURE, idx);
        }
        emit(u, BUILD_TUPLE, LIST(child->frees)->len);
        flags |= MF_CLOSURE;
    }
    emit(u, LOAD_CONST, add_const(u, (Obj *)code));
    emit(u, MAKE_FUNCTION, flags);
}

static int c_defaults(Unit *u, Node *args) {
    int i, ndef = 0, nkwdef = 0, flags = 0;
    for (i = 0; i < args->nkids; i++) if (args->kids[i]->a && args->kids[i]->op == P_POS) { c_expr(u, args->kids[i]->a); ndef++; }
    if (ndef) { emit(u, BUILD_TUPLE, ndef); flags |= MF_DEFAULTS; }
    for (i = 0; i < args->nkids; i++)
        if (args->kids[i]->a && args->kids[i]->op == P_KWONLY) {
            emit(u, LOAD_CONST, add_const(u, args->kids[i]->v));
            c_expr(u, args->kids[i]->a);
            nkwdef++;
        }
    if (nkwdef) { emit(u, BUILD_MAP, nkwdef); flags |= MF_KWDEFAULTS; }
    return flags;
}

static Code *c_function_body(Scope *sc, Node *args, Node *body, int is_lambda, Obj *name, int line) {
    Unit u;
    int i, argc = 0, kwonly = 0, flags = CO_NEWLOCALS;
    unit_init(&u, sc);
    u.line = line;
    /* parameters must be ordered: positional, kw-only, *args, **kwargs */
    {
        Obj *ordered = list_new(0);
        int kinds[] = {P_POS, P_KWONLY, P_VARARGS, P_VARKW}, k;
        for (k = 0; k < 4; k++)
            for (i = 0; i < args->nkids; i++)
                if (args->kids[i]->op == kinds[k]) {
                    list_append(ordered, args->kids[i]->v);
                    if (k == 0) argc++;
                    if (k == 1) kwonly++;
                    if (k == 2) flags |= CO_VARARGS;
                    if (k == 3) flags |= CO_VARKW;
                }
        u.varnames = ordered;
    }
    if (is_lambda) {
        c_expr(&u, body);
        if (sc->generator) emit(&u, POP_TOP, 0), emit(&u, LOAD_CONST, add_const(&u, None));
        emit(&u, RETURN_VALUE, 0);
    } else {
        c_block(&u, body);
        emit(&u, LOAD_CONST, add_const(&u, None));
        emit(&u, RETURN_VALUE, 0);
    }
    if (sc->generator) flags |= CO_GENERATOR;
    return c_unit_finish(&u, name, argc, kwonly, flags, line);
}

static void c_comprehension(Unit *u, Node *n) {
    Scope *sc = n->scope;
    Unit cu;
    int i, nfor = n->nkids;
    int *tops = calloc(nfor, sizeof(int)), *exits = calloc(nfor, sizeof(int));
    Code *code;
    Obj *name = n->kind == N_LISTCOMP ? str_intern("<listcomp>") : n->kind == N_SETCOMP ? str_intern("<setcomp>") :
                n->kind == N_DICTCOMP ? str_intern("<dictcomp>") : str_intern("<genexpr>");
    unit_init(&cu, sc);
    cu.line = n->line;
    if (n->kind == N_LISTCOMP) emit(&cu, BUILD_LIST, 0);
    else if (n->kind == N_SETCOMP) emit(&cu, BUILD_SET, 0);
    else if (n->kind == N_DICTCOMP) emit(&cu, BUILD_MAP, 0);
    for (i = 0; i < nfor; i++) {
        Node *f = n->kids[i];
        int j;
        if (i == 0) emit(&cu, LOAD_FAST, 0);
        else { c_expr(&cu, f->b); emit(&cu, GET_ITER, 0); }
        tops[i] = here(&cu);
        exits[i] = emit(&cu, FOR_ITER, 0);
        c_store(&cu, f->a);
        for (j = 0; j < f->nkids; j++) {
            c_expr(&cu, f->kids[j]);
            emit(&cu, POP_JUMP_IF_FALSE, tops[i]);
        }
    }
    if (n->kind == N_GENEXP) { c_expr(&cu, n->a); emit(&cu, YIELD_VALUE, 0); emit(&cu, POP_TOP, 0); }
    else if (n->kind == N_DICTCOMP) { c_expr(&cu, n->a); c_expr(&cu, n->b); emit(&cu, MAP_ADD, nfor + 1); }
    else { c_expr(&cu, n->a); emit(&cu, n->kind == N_LISTCOMP ? LIST_APPEND : SET_ADD, nfor + 1); }
    for (i = nfor - 1; i >= 0; i--) {
        emit(&cu, JUMP, tops[i]);
        patch(&cu, exits[i], here(&cu));
        cu.depth--;   /* FOR_ITER pops the iterator at exhaustion */
    }
    if (n->kind == N_GENEXP) emit(&cu, LOAD_CONST, add_const(&cu, None));
    emit(&cu, RETURN_VALUE, 0);
    code = c_unit_finish(&cu, name, 1, 0, CO_NEWLOCALS | (n->kind == N_GENEXP ? CO_GENERATOR : 0), n->line);
    free(tops); free(exits);
    c_make_closure(u, code, sc, 0);
    c_expr(u, n->kids[0]->b);
    emit(u, GET_ITER, 0);
    emit(u, CALL, 1);
}

static void c_fstring(Unit *u, Node *n) {
    int i;
    for (i = 0; i < n->nkids; i++) {
        Node *k = n->kids[i];
        if (k->kind == N_CONST) emit(u, LOAD_CONST, add_const(u, k->v));
        else {
            int arg = k->op == 's' ? 1 : k->op == 'r' ? 2 : k->op == 'a' ? 3 : 0;
            c_expr(u, k->a);
            if (k->b) { c_fstring(u, k->b); arg |= 4; }
            emit(u, FORMAT_VALUE, arg);
        }
    }
    if (n->nkids != 1 || n->kids[0]->kind != N_CONST) emit(u, BUILD_STRING, n->nkids);
    if (n->nkids == 0) { /* BUILD_STRING 0 gives '' */ }
}

static void c_seq_with_star(Unit *u, Node *n, int kind) {
    int i, star = 0;
    for (i = 0; i < n->nkids; i++) if (n->kids[i]->kind == N_STARRED) star = 1;
    if (!star) {
        for (i = 0; i < n->nkids; i++) c_expr(u, n->kids[i]);
        emit(u, kind == N_TUPLE ? BUILD_TUPLE : kind == N_LIST ? BUILD_LIST : BUILD_SET, n->nkids);
        return;
    }
    emit(u, kind == N_SET ? BUILD_SET : BUILD_LIST, 0);
    for (i = 0; i < n->nkids; i++) {
        if (n->kids[i]->kind == N_STARRED) { c_expr(u, n->kids[i]->a); emit(u, kind == N_SET ? SET_UPDATE : LIST_EXTEND, 1); }
        else { c_expr(u, n->kids[i]); emit(u, kind == N_SET ? SET_ADD : LIST_APPEND, 1); }
    }
    if (kind == N_TUPLE) emit(u, LIST_TO_TUPLE, 0);
}

static void c_expr(Unit *u, Node *n) {
    int i;
    set_line(u, n);
    switch (n->kind) {
    case N_NAME: c_name(u, n->v, ACC_LOAD); break;
    case N_CONST: emit(u, LOAD_CONST, add_const(u, n->v)); break;
    case N_BINOP: c_expr(u, n->a); c_expr(u, n->b); set_line(u, n); emit(u, BINARY_OP, n->op); break;
    case N_UNARY:
        c_expr(u, n->a);
        emit(u, n->op == '-' ? UNARY_NEG : n->op == '+' ? UNARY_POS : UNARY_INVERT, 0);
        break;
    case N_NOT: c_expr(u, n->a); emit(u, UNARY_NOT, 0); break;
    case N_BOOLOP: {
        int *jumps = calloc(n->nkids, sizeof(int));
        for (i = 0; i < n->nkids; i++) {
            c_expr(u, n->kids[i]);
            if (i < n->nkids - 1) { jumps[i] = emit(u, n->op ? JUMP_IF_TRUE_OR_POP : JUMP_IF_FALSE_OR_POP, 0); u->depth--; }
        }
        for (i = 0; i < n->nkids - 1; i++) patch(u, jumps[i], here(u));
        free(jumps);
        break;
    }
    case N_COMPARE: {
        int nops = n->nkids - 1;
        c_expr(u, n->kids[0]);
        if (nops == 1) { c_expr(u, n->kids[1]); set_line(u, n); emit(u, COMPARE_OP, n->ops[0]); break; }
        {
            int *jumps = calloc(nops, sizeof(int)), endj;
            for (i = 0; i < nops; i++) {
                c_expr(u, n->kids[i + 1]);
                if (i < nops - 1) {
                    emit(u, DUP_TOP, 0);
                    emit(u, ROT_THREE, 0);
                    emit(u, COMPARE_OP, n->ops[i]);
                    jumps[i] = emit(u, JUMP_IF_FALSE_OR_POP, 0);
                    u->depth--;
                } else emit(u, COMPARE_OP, n->ops[i]);
            }
            endj = emit(u, JUMP, 0);
            for (i = 0; i < nops - 1; i++) patch(u, jumps[i], here(u));
            u->depth += 1;
            emit(u, ROT_TWO, 0);
            emit(u, POP_TOP, 0);
            patch(u, endj, here(u));
            free(jumps);
        }
        break;
    }
    case N_IFEXP: {
        int jf, je;
        c_expr(u, n->a);
        jf = emit(u, POP_JUMP_IF_FALSE, 0);
        c_expr(u, n->b);
        je = emit(u, JUMP, 0);
        u->depth--;
        patch(u, jf, here(u));
        c_expr(u, n->c);
        patch(u, je, here(u));
        break;
    }
    case N_LAMBDA: {
        int flags = c_defaults(u, n->a);
        Code *code = c_function_body(n->scope, n->a, n->b, 1, str_intern("<lambda>"), n->line);
        c_make_closure(u, code, n->scope, flags);
        break;
    }
    case N_CALL:
        if (n->a->kind == N_ATTR && !has_complex_args(n)) {
            c_expr(u, n->a->a);
            set_line(u, n);
            emit(u, LOAD_METHOD, add_name(u, n->a->v));
            c_call_args(u, n, 0, 1);
        } else {
            c_expr(u, n->a);
            c_call_args(u, n, 0, 0);
        }
        break;
    case N_ATTR: c_expr(u, n->a); set_line(u, n); emit(u, LOAD_ATTR, add_name(u, n->v)); break;
    case N_SUBSCR: c_expr(u, n->a); c_expr(u, n->b); set_line(u, n); emit(u, SUBSCR, 0); break;
    case N_SLICE:
        if (n->a) c_expr(u, n->a); else emit(u, LOAD_CONST, add_const(u, None));
        if (n->b) c_expr(u, n->b); else emit(u, LOAD_CONST, add_const(u, None));
        if (n->c) { c_expr(u, n->c); emit(u, BUILD_SLICE, 3); } else emit(u, BUILD_SLICE, 2);
        break;
    case N_TUPLE: case N_LIST: case N_SET: c_seq_with_star(u, n, n->kind); break;
    case N_DICT: {
        int dstar = 0;
        for (i = 0; i < n->nkids; i++) if (n->kids[i]->kind == N_DSTAR) dstar = 1;
        if (!dstar) {
            for (i = 0; i < n->nkids; i++) c_expr(u, n->kids[i]);
            emit(u, BUILD_MAP, n->nkids / 2);
            break;
        }
        emit(u, BUILD_MAP, 0);
        for (i = 0; i < n->nkids; i++) {
            if (n->kids[i]->kind == N_DSTAR) { c_expr(u, n->kids[i]->a); emit(u, DICT_UPDATE, 1); }
            else { c_expr(u, n->kids[i]); c_expr(u, n->kids[i + 1]); i++; emit(u, MAP_ADD, 1); }
        }
        break;
    }
    case N_LISTCOMP: case N_SETCOMP: case N_DICTCOMP: case N_GENEXP: c_comprehension(u, n); break;
    case N_STARRED: err(n, "can't use starred expression here"); break;
    case N_YIELD:
        if (u->sc->kind != SC_FUNC) err(n, "'yield' outside function");
        if (n->a) c_expr(u, n->a); else emit(u, LOAD_CONST, add_const(u, None));
        emit(u, YIELD_VALUE, 0);
        break;
    case N_YIELDFROM:
        if (u->sc->kind != SC_FUNC) err(n, "'yield' outside function");
        c_expr(u, n->a);
        emit(u, GET_YIELD_FROM_ITER, 0);
        emit(u, LOAD_CONST, add_const(u, None));
        emit(u, YIELD_FROM, 0);
        break;
    case N_FSTRING: c_fstring(u, n); break;
    case N_WALRUS: c_expr(u, n->b); emit(u, DUP_TOP, 0); c_store(u, n->a); break;
    case N_KEYWORD: case N_DSTAR: err(n, "invalid syntax"); break;
    default: err(n, "invalid syntax");
    }
}

/* ---- control flow with cleanup of enclosing blocks ---- */
static Loop *loops[64];
static int nloops;

static void unwind_fblock(Unit *u, FBlock *fb, int preserve_tos) {
    switch (fb->kind) {
    case FB_FOR: if (preserve_tos) emit(u, ROT_TWO, 0); emit(u, POP_TOP, 0); break;
    case FB_EXCEPT: emit(u, POP_BLOCK, 0); break;
    case FB_HANDLER:
        emit(u, POP_EXCEPT, 0);
        if (fb->exname) {
            emit(u, LOAD_CONST, add_const(u, None));
            c_name(u, fb->exname, ACC_STORE);
            c_name(u, fb->exname, ACC_DEL);
        }
        break;
    case FB_FINALLY: {
        FBlock saved = *fb;
        emit(u, POP_BLOCK, 0);
        u->nfb = (int)(fb - u->fb);   /* the finally body runs outside its own block */
        c_block(u, saved.fin);
        break;
    }
    case FB_WITH:
        emit(u, POP_BLOCK, 0);
        if (preserve_tos) emit(u, ROT_TWO, 0);
        emit(u, LOAD_CONST, add_const(u, None));
        emit(u, DUP_TOP, 0);
        emit(u, DUP_TOP, 0);
        emit(u, CALL, 3);
        emit(u, POP_TOP, 0);
        break;
    default: break;
    }
}

/* run cleanup for blocks down to (but not including) index stop */
static void unwind_to(Unit *u, int stop, int preserve_tos) {
    int saved_n = u->nfb, i;
    FBlock saved[64];
    memcpy(saved, u->fb, sizeof(FBlock) * u->nfb);
    for (i = saved_n - 1; i >= stop; i--) {
        u->nfb = i + 1;
        unwind_fblock(u, &u->fb[i], preserve_tos);
        memcpy(u->fb, saved, sizeof(FBlock) * saved_n);
    }
    u->nfb = saved_n;
}

static int innermost_loop(Unit *u) {
    int i;
    for (i = u->nfb - 1; i >= 0; i--) if (u->fb[i].kind == FB_LOOP || u->fb[i].kind == FB_FOR) return i;
    return -1;
}

static void push_fb(Unit *u, int kind, Node *fin, Obj *exname) {
    if (u->nfb >= 60) py_raise_type(SyntaxError, "too many statically nested blocks");
    u->fb[u->nfb].kind = kind;
    u->fb[u->nfb].fin = fin;
    u->fb[u->nfb].exname = exname;
    u->nfb++;
}

static void loop_add_break(Loop *l, int at) {
    if (l->nbreaks == l->capbreaks) { l->capbreaks = l->capbreaks ? l->capbreaks * 2 : 8; l->breaks = realloc(l->breaks, l->capbreaks * sizeof(int)); }
    l->breaks[l->nbreaks++] = at;
}

static void c_try(Unit *u, Node *n) {
    if (n->d) {
        /* try/finally wraps a possible try/except */
        int setup = emit(u, SETUP_EXCEPT, 0), endj, depth0 = u->depth;
        push_fb(u, FB_FINALLY, n->d, NULL);
        if (n->nkids) { Node inner = *n; inner.d = NULL; c_try(u, &inner); }
        else c_block(u, n->a);
        u->nfb--;
        emit(u, POP_BLOCK, 0);
        c_block(u, n->d);
        endj = emit(u, JUMP, 0);
        patch(u, setup, here(u));
        u->depth = depth0 + 1;     /* the exception */
        push_fb(u, FB_HANDLER, NULL, NULL);
        c_block(u, n->d);
        u->nfb--;
        emit(u, RERAISE, 0);
        patch(u, endj, here(u));
        u->depth = depth0;
        return;
    }
    {
        int setup = emit(u, SETUP_EXCEPT, 0), endj, i, depth0 = u->depth;
        int *ends = calloc(n->nkids + 1, sizeof(int));
        push_fb(u, FB_EXCEPT, NULL, NULL);
        c_block(u, n->a);
        u->nfb--;
        emit(u, POP_BLOCK, 0);
        if (n->c) c_block(u, n->c);
        endj = emit(u, JUMP, 0);
        patch(u, setup, here(u));
        u->depth = depth0 + 1;
        for (i = 0; i < n->nkids; i++) {
            Node *h = n->kids[i];
            int nextj = -1;
            set_line(u, h);
            if (!h->a && i < n->nkids - 1) err(h, "default 'except:' must be last");
            if (h->a) {
                emit(u, DUP_TOP, 0);
                c_expr(u, h->a);
                emit(u, COMPARE_OP, CMP_EXC_MATCH);
                nextj = emit(u, POP_JUMP_IF_FALSE, 0);
            }
            if (h->v) c_name(u, h->v, ACC_STORE); else emit(u, POP_TOP, 0);
            push_fb(u, FB_HANDLER, NULL, h->v);
            c_block(u, h->b);
            u->nfb--;
            emit(u, POP_EXCEPT, 0);
            if (h->v) {
                emit(u, LOAD_CONST, add_const(u, None));
                c_name(u, h->v, ACC_STORE);
                c_name(u, h->v, ACC_DEL);
            }
            ends[i] = emit(u, JUMP, 0);
            u->depth = depth0 + 1;
            if (nextj >= 0) patch(u, nextj, here(u));
        }
        emit(u, RERAISE, 0);
        for (i = 0; i < n->nkids; i++) patch(u, ends[i], here(u));
        patch(u, endj, here(u));
        u->depth = depth0;
        free(ends);
    }
}

static void c_with(Unit *u, Node *n, int item) {
    Node *it = n->kids[item];
    int setup, endj, depth0;
    set_line(u, it);
    c_expr(u, it->a);
    depth0 = u->depth - 1;
    setup = emit(u, SETUP_WITH, 0);
    if (it->b) c_store(u, it->b); else emit(u, POP_TOP, 0);
    push_fb(u, FB_WITH, NULL, NULL);
    if (item + 1 < n->nkids) c_with(u, n, item + 1); else c_block(u, n->a);
    u->nfb--;
    emit(u, POP_BLOCK, 0);
    emit(u, LOAD_CONST, add_const(u, None));
    emit(u, DUP_TOP, 0);
    emit(u, DUP_TOP, 0);
    emit(u, CALL, 3);
    emit(u, POP_TOP, 0);
    endj = emit(u, JUMP, 0);
    patch(u, setup, here(u));
    u->depth = depth0 + 2;   /* exit, exception */
    emit(u, WITH_EXCEPT, 0);
    emit(u, POP_EXCEPT, 0);
    emit(u, POP_TOP, 0);
    patch(u, endj, here(u));
    u->depth = depth0;
}

static void c_import(Unit *u, Node *n) {
    int i;
    for (i = 0; i < n->nkids; i++) {
        Node *al = n->kids[i];
        emit(u, LOAD_CONST, add_const(u, MK_SMALL(0)));
        emit(u, LOAD_CONST, add_const(u, None));
        emit(u, IMPORT_NAME, add_name(u, al->v));
        if (al->v2) {
            /* import a.b.c as d binds the innermost module */
            const char *s = CSTR(al->v), *dot;
            while ((dot = strchr(s, '.')) != NULL) {
                s = dot + 1;
                emit(u, IMPORT_FROM, add_name(u, str_intern(s)));
                emit(u, ROT_TWO, 0);
                emit(u, POP_TOP, 0);
                if (strchr(s, '.')) {
                    /* IMPORT_FROM name uses up to the next dot */
                    int len = (int)(strchr(s, '.') - s);
                    u->code[u->n - 3] = IMPORT_FROM | (uint32_t)add_name(u, str_intern_obj(str_new(s, len))) << 8;
                }
            }
            c_name(u, al->v2, ACC_STORE);
        } else {
            const char *dot = strchr(CSTR(al->v), '.');
            c_name(u, dot ? str_intern_obj(str_new(CSTR(al->v), (int)(dot - CSTR(al->v)))) : al->v, ACC_STORE);
        }
    }
}

static void c_importfrom(Unit *u, Node *n) {
    int i;
    Obj *names = list_new(0);
    for (i = 0; i < n->nkids; i++) list_append(names, n->kids[i]->v);
    emit(u, LOAD_CONST, add_const(u, MK_SMALL(n->op)));
    emit(u, LOAD_CONST, add_const(u, seq_tuple(names)));
    emit(u, IMPORT_NAME, add_name(u, n->v ? n->v : str_intern("")));
    if (n->nkids == 1 && !strcmp(CSTR(n->kids[0]->v), "*")) { emit(u, IMPORT_STAR, 0); return; }
    for (i = 0; i < n->nkids; i++) {
        Node *al = n->kids[i];
        emit(u, IMPORT_FROM, add_name(u, al->v));
        c_name(u, al->v2 ? al->v2 : al->v, ACC_STORE);
    }
    emit(u, POP_TOP, 0);
}

static void c_class(Unit *u, Node *n) {
    Scope *sc = n->scope;
    Unit cu;
    Code *code;
    int i;
    for (i = 0; i < n->nkids; i++) c_expr(u, n->kids[i]);
    unit_init(&cu, sc);
    cu.line = n->line;
    c_name(&cu, str_intern("__name__"), ACC_LOAD);
    cu.code[cu.n - 1] = LOAD_GLOBAL | (uint32_t)add_name(&cu, str_intern("__name__")) << 8;
    c_name(&cu, str_intern("__module__"), ACC_STORE);
    emit(&cu, LOAD_CONST, add_const(&cu, sc->name));
    c_name(&cu, str_intern("__qualname__"), ACC_STORE);
    c_docstring(&cu, n->b);
    c_block(&cu, n->b);
    if (list_index(sc->cells, str_intern("__class__")) >= 0) {
        emit(&cu, LOAD_CLOSURE, list_index(sc->cells, str_intern("__class__")));
        emit(&cu, STORE_NAME, add_name(&cu, str_intern("__classcell__")));
    }
    emit(&cu, LOAD_CONST, add_const(&cu, None));
    emit(&cu, RETURN_VALUE, 0);
    code = c_unit_finish(&cu, n->v, 0, 0, CO_CLASS, n->line);
    set_line(u, n);
    emit(u, LOAD_BUILD_CLASS, 0);
    c_make_closure(u, code, sc, 0);
    emit(u, LOAD_CONST, add_const(u, n->v));
    {
        /* bases and keywords as a call with two extra leading arguments */
        Node *call = n->a;
        if (has_complex_args(call)) err(n, "star arguments in class bases are not supported");
        c_call_args(u, call, 2, 0);
    }
    for (i = 0; i < n->nkids; i++) emit(u, CALL, 1);
    c_name(u, n->v, ACC_STORE);
}

static void c_stmt(Unit *u, Node *n) {
    int i;
    set_line(u, n);
    switch (n->kind) {
    case N_BLOCK: c_block(u, n); break;
    case N_EXPR:
        c_expr(u, n->a);
        emit(u, POP_TOP, 0);
        break;
    case N_ASSIGN:
        c_expr(u, n->a);
        for (i = 0; i < n->nkids; i++) {
            if (i < n->nkids - 1) emit(u, DUP_TOP, 0);
            c_store(u, n->kids[i]);
        }
        break;
    case N_AUGASSIGN: {
        Node *t = n->a;
        if (t->kind == N_NAME) {
            c_name(u, t->v, ACC_LOAD); c_expr(u, n->b); set_line(u, n);
            emit(u, INPLACE_OP, n->op); c_name(u, t->v, ACC_STORE);
        } else if (t->kind == N_ATTR) {
            c_expr(u, t->a); emit(u, DUP_TOP, 0); emit(u, LOAD_ATTR, add_name(u, t->v));
            c_expr(u, n->b); set_line(u, n); emit(u, INPLACE_OP, n->op);
            emit(u, ROT_TWO, 0); emit(u, STORE_ATTR, add_name(u, t->v));
        } else {
            c_expr(u, t->a); c_expr(u, t->b); emit(u, DUP_TOP_TWO, 0); emit(u, SUBSCR, 0);
            c_expr(u, n->b); set_line(u, n); emit(u, INPLACE_OP, n->op);
            emit(u, ROT_THREE, 0); emit(u, STORE_SUBSCR, 0);
        }
        break;
    }
    case N_PASS: break;
    case N_BREAK: case N_CONTINUE: {
        int li = innermost_loop(u);
        Loop *l = loops[nloops - 1];
        if (li < 0) err(n, n->kind == N_BREAK ? "'break' outside loop" : "'continue' not properly in loop");
        if (n->kind == N_BREAK) {
            unwind_to(u, li, 0);
            loop_add_break(l, emit(u, JUMP, 0));
        } else {
            unwind_to(u, li + 1, 0);
            emit(u, JUMP, l->cont);
        }
        break;
    }
    case N_RETURN:
        if (u->sc->kind != SC_FUNC) err(n, "'return' outside function");
        if (n->a) c_expr(u, n->a); else emit(u, LOAD_CONST, add_const(u, None));
        unwind_to(u, 0, 1);
        emit(u, RETURN_VALUE, 0);
        u->depth++;
        break;
    case N_RAISE:
        if (n->a) c_expr(u, n->a);
        if (n->b) c_expr(u, n->b);
        emit(u, RAISE, n->b ? 2 : n->a ? 1 : 0);
        break;
    case N_GLOBAL: case N_NONLOCAL: break;
    case N_DEL: for (i = 0; i < n->nkids; i++) c_del(u, n->kids[i]); break;
    case N_ASSERT: {
        int j;
        c_expr(u, n->a);
        j = emit(u, POP_JUMP_IF_TRUE, 0);
        emit(u, LOAD_ASSERTION_ERROR, 0);
        if (n->b) { c_expr(u, n->b); emit(u, CALL, 1); }
        emit(u, RAISE, 1);
        patch(u, j, here(u));
        break;
    }
    case N_IMPORT: c_import(u, n); break;
    case N_IMPORTFROM: c_importfrom(u, n); break;
    case N_IF: {
        int jf, je;
        c_expr(u, n->a);
        jf = emit(u, POP_JUMP_IF_FALSE, 0);
        c_block(u, n->b);
        if (n->c) {
            je = emit(u, JUMP, 0);
            patch(u, jf, here(u));
            c_block(u, n->c);
            patch(u, je, here(u));
        } else patch(u, jf, here(u));
        break;
    }
    case N_WHILE: {
        Loop l;
        int top = here(u), jf;
        memset(&l, 0, sizeof l);
        l.cont = top;
        c_expr(u, n->a);
        jf = emit(u, POP_JUMP_IF_FALSE, 0);
        loops[nloops++] = &l;
        push_fb(u, FB_LOOP, NULL, NULL);
        c_block(u, n->b);
        u->nfb--;
        nloops--;
        emit(u, JUMP, top);
        patch(u, jf, here(u));
        if (n->c) c_block(u, n->c);
        for (i = 0; i < l.nbreaks; i++) patch(u, l.breaks[i], here(u));
        free(l.breaks);
        break;
    }
    case N_FOR: {
        Loop l;
        int top, exitj;
        memset(&l, 0, sizeof l);
        c_expr(u, n->b);
        emit(u, GET_ITER, 0);
        top = here(u);
        l.cont = top;
        exitj = emit(u, FOR_ITER, 0);
        c_store(u, n->a);
        loops[nloops++] = &l;
        push_fb(u, FB_FOR, NULL, NULL);
        c_block(u, n->c);
        u->nfb--;
        nloops--;
        emit(u, JUMP, top);
        patch(u, exitj, here(u));
        u->depth--;
        if (n->d) c_block(u, n->d);
        for (i = 0; i < l.nbreaks; i++) patch(u, l.breaks[i], here(u));
        free(l.breaks);
        break;
    }
    case N_TRY: c_try(u, n); break;
    case N_WITH: c_with(u, n, 0); break;
    case N_FUNCDEF: {
        int flags;
        Code *code;
        for (i = 0; i < n->nkids; i++) c_expr(u, n->kids[i]);
        set_line(u, n);
        flags = c_defaults(u, n->a);
        code = c_function_body(n->scope, n->a, n->b, 0, n->v, n->line);
        code->qualname = ((Scope *)n->scope)->name;
        c_make_closure(u, code, n->scope, flags);
        for (i = 0; i < n->nkids; i++) emit(u, CALL, 1);
        c_name(u, n->v, ACC_STORE);
        break;
    }
    case N_CLASS: c_class(u, n); break;
    default: c_expr(u, n); emit(u, POP_TOP, 0); break;
    }
}

/* a leading string statement in a module or class body becomes __doc__ */
static void c_docstring(Unit *u, Node *body) {
    Node *first = body->kind == N_BLOCK || body->kind == N_MODULE ? (body->nkids ? body->kids[0] : NULL) : body;
    Obj *doc = None;
    if (first && first->kind == N_EXPR && first->a->kind == N_CONST && TYPE(first->a->v) == &StrType) doc = first->a->v;
    emit(u, LOAD_CONST, add_const(u, doc));
    emit(u, STORE_NAME, add_name(u, str_intern("__doc__")));
}

static void c_block(Unit *u, Node *n) {
    int i;
    if (n->kind != N_BLOCK && n->kind != N_MODULE) { c_stmt(u, n); return; }
    for (i = 0; i < n->nkids; i++) c_stmt(u, n->kids[i]);
}

static Code *c_unit_finish(Unit *u, Obj *name, int argc, int kwonly, int flags, int firstline) {
    Code *c = gc_new(&CodeType, sizeof(Code));
    Scope *sc = u->sc;
    int i;
    c->name = name;
    c->qualname = sc->name ? sc->name : name;
    c->filename = cur_filename;
    c->argc = argc; c->kwonly = kwonly; c->flags = flags; c->firstline = firstline;
    c->varnames = seq_tuple(u->varnames);
    c->nlocals = LIST(u->varnames)->len;
    c->cellnames = seq_tuple(sc->cells);
    c->freenames = seq_tuple(sc->frees);
    c->ncells = LIST(sc->cells)->len;
    c->nfree = LIST(sc->frees)->len;
    c->names = seq_tuple(u->names);
    c->consts = seq_tuple(u->consts);
    c->code = u->code; c->ncode = u->n; c->lines = u->lines;
    c->stacksize = u->maxdepth + 8;
    c->cell2arg = gc_malloc(sizeof(int) * (c->ncells + 1));
    for (i = 0; i < c->ncells; i++) {
        int j;
        c->cell2arg[i] = -1;
        for (j = 0; j < c->nlocals; j++)
            if (str_eq(TUPLE(c->varnames)->items[j], TUPLE(c->cellnames)->items[i])) c->cell2arg[i] = j;
    }
    return c;
}

Code *compile_source(const char *src, int len, Obj *filename, int mode) {
    Lexer lx;
    Node *mod;
    Scope *top;
    Unit u;
    Code *code;
    int i;
    extern int gc_inhibit;
    gc_inhibit++;
    cur_filename = filename;
    cur_src = src;
    nscopes = 0;
    nloops = 0;
    lex_source(&lx, src, len, filename);
    mod = parse_file(&lx, mode);
    top = scope_new(SC_MODULE, NULL, mod, NULL);
    if (mode == MODE_EVAL) an_expr(top, mod->a); else an_stmts(top, mod);
    for (i = 0; i < nscopes; i++) resolve(all_scopes[i]);
    unit_init(&u, top);
    if (mode == MODE_EVAL) { c_expr(&u, mod->a); emit(&u, RETURN_VALUE, 0); }
    else {
        c_docstring(&u, mod);
        c_block(&u, mod);
        emit(&u, LOAD_CONST, add_const(&u, None));
        emit(&u, RETURN_VALUE, 0);
    }
    code = c_unit_finish(&u, str_intern("<module>"), 0, 0, 0, 1);
    for (i = 0; i < nscopes; i++) free(all_scopes[i]);
    nscopes = 0;
    gc_free(lx.toks);
    ast_free_all();
    gc_inhibit--;
    return code;
}
