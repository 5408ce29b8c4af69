/* vm.c - the bytecode interpreter: frames, argument binding, generators.
 *
 * vm_run executes one frame.  A Python call from Python recurses into
 * vm_run.  Each vm_run installs a setjmp handler; py_raise longjmps to the
 * innermost one, which unwinds the frame's block stack to a handler or
 * passes the exception on to the caller's vm_run.
 */
#include "py.h"
#include "opcodes.h"
#include <stdio.h>

Frame *cur_frame;
int recursion_depth;
int recursion_limit = 1000;
/* Python calls nest C frames too: past this many bytes of C stack a call
 * raises RecursionError instead of overflowing the stack. The default fits
 * an 8 MiB stack; a build for a smaller one passes its own (os_build.py). */
#ifndef PYRT_C_STACK_KB
#define PYRT_C_STACK_KB 7168
#endif
#define C_STACK_BUDGET ((size_t)PYRT_C_STACK_KB * 1024)
static int reraising;     /* RERAISE: do not add a traceback entry again */

static void frame_mark(Obj *o) {
    Frame *f = (Frame *)o;
    Obj **p;
    int i;
    gc_mark((Obj *)f->code); gc_mark((Obj *)f->func); gc_mark(f->globals); gc_mark(f->locals);
    gc_mark((Obj *)f->back); gc_mark(f->handling);
    for (i = 0; i < f->nblocks; i++) gc_mark(f->blocks[i].prev);
    if (f->fast) {
        /* locals precisely; the value stack conservatively, since the
           running frame's stack pointer lives in a C local of vm_run */
        Obj **base = f->fast + f->code->nlocals + f->code->ncells + f->code->nfree;
        for (p = f->fast; p < base; p++) gc_mark(*p);
        for (; p < base + f->code->stacksize; p++) gc_mark_maybe(*p);
    }
}
static void frame_release(Obj *o) { if (!((Frame *)o)->on_stack) gc_free(((Frame *)o)->fast); }

/* Plain (non-generator) calls keep their Frame in call_func's C frame and
   their locals and value stack on this data stack, popped on return. */
#define DATA_STACK_SLOTS (1 << 18)
static Obj **data_stack, **data_top, **data_end;

static int frame_init_on_stack(Frame *f, Code *co, Func *fn) {
    int nfast = co->nlocals + co->ncells + co->nfree;
    if (data_top + nfast + co->stacksize > data_end) return 0;
    f->h.type = &FrameType;
    f->h.gcmark = 0;
    f->code = co; f->func = fn; f->globals = fn->globals; f->locals = NULL;
    f->fast = data_top;
    data_top += nfast + co->stacksize;
    memset(f->fast, 0, sizeof(Obj *) * (nfast + co->stacksize));
    f->sp = f->fast + nfast;
    f->ip = 0; f->nblocks = 0; f->back = NULL; f->handling = NULL; f->running = 0;
    f->on_stack = 1;
    return 1;
}
Type FrameType = {{&TypeType}, "frame", 0};

static Frame *frame_new(Code *co, Func *fn, Obj *globals, Obj *locals) {
    Frame *f = gc_new(&FrameType, sizeof(Frame));
    int nfast = co->nlocals + co->ncells + co->nfree;
    f->code = co; f->func = fn; f->globals = globals; f->locals = locals;
    f->fast = gc_malloc(sizeof(Obj *) * (nfast + co->stacksize));
    memset(f->fast, 0, sizeof(Obj *) * nfast);
    f->sp = f->fast + nfast;
    return f;
}

static void frame_init_cells(Frame *f, Func *fn) {
    Code *co = f->code;
    int i;
    for (i = 0; i < co->ncells; i++) {
        Cell *c = gc_new(&CellType, sizeof(Cell));
        if (co->cell2arg[i] >= 0) { c->v = f->fast[co->cell2arg[i]]; }
        f->fast[co->nlocals + i] = (Obj *)c;
    }
    if (fn && co->nfree) for (i = 0; i < co->nfree; i++) f->fast[co->nlocals + co->ncells + i] = TUPLE(fn->closure)->items[i];
}

static const char *fname(Func *fn) { return CSTR(fn->code->qualname); }

static void missing_args(Func *fn, Obj **fast, int from, int to, int kwonly) {
    Code *co = fn->code;
    Obj *names = list_new(0);
    Buf b;
    int i, n;
    for (i = from; i < to; i++) if (!fast[i]) list_append(names, TUPLE(co->varnames)->items[i]);
    n = LIST(names)->len;
    buf_init(&b);
    for (i = 0; i < n; i++) {
        buf_adds(&b, "'"); buf_addobj(&b, LIST(names)->items[i]); buf_adds(&b, "'");
        if (i < n - 2) buf_adds(&b, ", ");
        else if (i == n - 2) buf_adds(&b, n > 2 ? ", and " : " and ");
    }
    buf_addc(&b, 0);
    py_raise_type(TypeError, "%s() missing %d required %s argument%s: %s", fname(fn), n,
                  kwonly ? "keyword-only" : "positional", n > 1 ? "s" : "", b.s);
}

/* place call arguments into the new frame's locals */
static void bind_args(Frame *f, Func *fn, int n, Obj **args, Obj *kwnames) {
    Code *co = fn->code;
    Obj **fast = f->fast;
    int nkw = kwnames ? TUPLE(kwnames)->len : 0, npos = n - nkw, i;
    int argc = co->argc, total = co->argc + co->kwonly;
    Obj *kwdict = NULL;
    if (npos > argc && !(co->flags & CO_VARARGS)) {
        int ndef = fn->defaults ? TUPLE(fn->defaults)->len : 0;
        if (ndef) py_raise_type(TypeError, "%s() takes from %d to %d positional arguments but %d %s given", fname(fn),
                                argc - ndef, argc, npos, npos == 1 ? "was" : "were");
        py_raise_type(TypeError, "%s() takes %d positional argument%s but %d %s given", fname(fn), argc,
                      argc == 1 ? "" : "s", npos, npos == 1 ? "was" : "were");
    }
    for (i = 0; i < npos && i < argc; i++) fast[i] = args[i];
    if (co->flags & CO_VARARGS) {
        int extra = npos > argc ? npos - argc : 0;
        Obj *t = tuple_new(extra);
        for (i = 0; i < extra; i++) TUPLE(t)->items[i] = args[argc + i];
        fast[total] = t;
    }
    if (co->flags & CO_VARKW) {
        kwdict = dict_new();
        fast[total + ((co->flags & CO_VARARGS) ? 1 : 0)] = kwdict;
    }
    for (i = 0; i < nkw; i++) {
        Obj *name = TUPLE(kwnames)->items[i];
        int j, found = -1;
        for (j = 0; j < total; j++) {
            Obj *vn = TUPLE(co->varnames)->items[j];
            if (vn == name || str_eq(vn, name)) { found = j; break; }
        }
        if (found < 0) {
            if (!kwdict) py_raise_type(TypeError, "%s() got an unexpected keyword argument '%s'", fname(fn), CSTR(name));
            dict_set(kwdict, name, args[npos + i]);
            continue;
        }
        if (fast[found]) py_raise_type(TypeError, "%s() got multiple values for argument '%s'", fname(fn), CSTR(name));
        fast[found] = args[npos + i];
    }
    if (npos < argc) {
        int ndef = fn->defaults ? TUPLE(fn->defaults)->len : 0;
        for (i = npos; i < argc; i++)
            if (!fast[i]) {
                if (i >= argc - ndef) fast[i] = TUPLE(fn->defaults)->items[i - (argc - ndef)];
            }
        for (i = npos; i < argc; i++) if (!fast[i]) missing_args(fn, fast, npos, argc, 0);
    }
    for (i = argc; i < total; i++) {
        if (!fast[i] && fn->kwdefaults) fast[i] = dict_get(fn->kwdefaults, TUPLE(co->varnames)->items[i]);
    }
    for (i = argc; i < total; i++) if (!fast[i]) missing_args(fn, fast, argc, total, 1);
}

static Obj *vm_run(Frame *f, Obj *sendval, int *yielded);

Obj *call_func(Func *fn, int n, Obj **args, Obj *kwnames) {
    Code *co = fn->code;
    Frame stack_frame, *f;
    int yielded = 0;
    if (!(co->flags & CO_GENERATOR) && frame_init_on_stack(&stack_frame, co, fn)) f = &stack_frame;
    else f = frame_new(co, fn, fn->globals, NULL);
    if (!kwnames && n == co->argc && !(co->flags & (CO_VARARGS | CO_VARKW)) && !co->kwonly) {
        int i;
        for (i = 0; i < n; i++) f->fast[i] = args[i];
    } else bind_args(f, fn, n, args, kwnames);
    frame_init_cells(f, fn);
    if (co->flags & CO_GENERATOR) {
        Gen *g = gc_new(&GenType, sizeof(Gen));
        g->frame = f;
        g->name = co->name;
        return (Obj *)g;
    }
    return vm_run(f, NULL, &yielded);
}

Obj *run_code(Code *code, Obj *globals, Obj *locals) {
    Frame *f = frame_new(code, NULL, globals, locals);
    int yielded = 0;
    frame_init_cells(f, NULL);
    return vm_run(f, NULL, &yielded);
}

/* ---- generators ---- */
static void gen_mark(Obj *o) { gc_mark((Obj *)((Gen *)o)->frame); gc_mark(((Gen *)o)->name); }

Obj *gen_send(Obj *go, Obj *v, int *done) {
    Gen *g = (Gen *)go;
    Frame *f = g->frame;
    int yielded = 0;
    Obj *r;
    *done = 0;
    if (g->finished || !f) { *done = 1; return None; }
    if (f->running) py_raise_type(ValueError, "generator already executing");
    if (f->ip == 0 && v != None) {
        if (!f->ip && f->sp == f->fast + f->code->nlocals + f->code->ncells + f->code->nfree && !g->finished && v)
            py_raise_type(TypeError, "can't send non-None value to a just-started generator");
    }
    {
        int started = f->ip != 0 || f->nblocks;
        Obj *exc;
        struct { Frame *f; Obj *v; int started; int *y; Obj *r; } ctx;
        (void)started; (void)exc; (void)ctx;
    }
    {
        jmp_buf jb, *saved = cur_handler;
        cur_handler = &jb;
        if (setjmp(jb)) {
            Obj *e = cur_exc;
            cur_handler = saved;
            g->finished = 1;
            if (isinstance(e, StopIteration)) {
                Obj *re = exc_new(RuntimeError, tuple_pack(1, str_c("generator raised StopIteration")));
                ((Exc *)re)->cause = e;
                ((Exc *)re)->context = e;
                py_raise(re);
            }
            py_raise(e);
        }
        r = vm_run(f, f->ip == 0 ? NULL : v, &yielded);
        cur_handler = saved;
    }
    if (!yielded) { g->finished = 1; *done = 1; }
    return r;
}

static Obj *gen_next(Obj *g) {
    int done;
    Obj *r = gen_send(g, None, &done);
    return done ? NULL : r;
}

/* throw an exception into a generator at its paused yield */
Obj *gen_throw(Obj *go, Obj *exc, int *done) {
    Gen *g = (Gen *)go;
    Frame *f = g->frame;
    *done = 0;
    if (g->finished) { *done = 1; py_raise(exc); }
    if (f->ip == 0) { g->finished = 1; py_raise(exc); }
    /* resume with a marker that makes the VM raise exc at the yield */
    {
        Obj *box = tuple_pack(1, exc);
        box->type = &EllipsisType;  /* never escapes: the VM recognizes it below */
        (void)box;
    }
    {
        extern Obj *pending_throw;
        pending_throw = exc;
        return gen_send(go, None, done);
    }
}
Obj *pending_throw;

static Obj *gen_iter(Obj *o) { return o; }
static Obj *gen_repr(Obj *o) { return str_fmt("<generator object %s at %p>", CSTR(((Gen *)o)->name), (void *)o); }
static Obj *gen_send_m(int n, Obj **a, Obj *kw) {
    int done;
    Obj *r;
    (void)kw;
    check_args("send", n, 2, 2);
    r = gen_send(a[0], a[1], &done);
    if (done) py_raise(exc_new(StopIteration, r == None ? NULL : tuple_pack(1, r)));
    return r;
}
static Obj *gen_throw_m(int n, Obj **a, Obj *kw) {
    int done;
    Obj *e, *r;
    (void)kw;
    check_args("throw", n, 2, 4);
    e = a[1];
    if (TYPE(e) == &TypeType) e = call(e, n > 2 ? 1 : 0, a + 2, NULL);
    r = gen_throw(a[0], e, &done);
    if (done) py_raise(exc_new(StopIteration, r == None ? NULL : tuple_pack(1, r)));
    return r;
}
static void close_body(void *g) {
    int done;
    gen_throw((Obj *)g, exc_new(GeneratorExit, NULL), &done);
    if (!done) py_raise_type(RuntimeError, "generator ignored GeneratorExit");
}
static Obj *gen_close_m(int n, Obj **a, Obj *kw) {
    Gen *g = (Gen *)a[0];
    Obj *e;
    (void)n; (void)kw;
    if (g->finished || g->frame->ip == 0) { g->finished = 1; return None; }
    e = py_try(close_body, g);
    if (e && !isinstance(e, GeneratorExit) && !isinstance(e, StopIteration)) py_raise(e);
    g->finished = 1;
    return None;
}
Type GenType = {{&TypeType}, "generator", 0};
void gen_init(void) {
    GenType.mark = gen_mark; GenType.iter = gen_iter; GenType.next = gen_next; GenType.repr = gen_repr;
    add_method(&GenType, "send", gen_send_m);
    add_method(&GenType, "throw", gen_throw_m);
    add_method(&GenType, "close", gen_close_m);
    FrameType.mark = frame_mark; FrameType.release = frame_release;
}

/* ---- helpers for the instruction loop ---- */
static Obj *load_global(Frame *f, Obj *name) {
    Obj *v = dict_get(f->globals, name);
    if (!v) v = dict_get(builtins_dict, name);
    if (!v) py_raise_type(NameError, "name '%s' is not defined", CSTR(name));
    return v;
}

static void unpack(Obj *seq, int n, Obj **out) {   /* out[0] = first item */
    int i;
    if (TYPE(seq) == &TupleType || TYPE(seq) == &ListType) {
        int len = TYPE(seq) == &TupleType ? TUPLE(seq)->len : LIST(seq)->len;
        Obj **items = TYPE(seq) == &TupleType ? TUPLE(seq)->items : LIST(seq)->items;
        if (len != n) {
            if (len > n) py_raise_type(ValueError, "too many values to unpack (expected %d)", n);
            py_raise_type(ValueError, "not enough values to unpack (expected %d, got %d)", n, len);
        }
        for (i = 0; i < n; i++) out[i] = items[i];
        return;
    }
    {
        Obj *it = get_iter(seq);
        for (i = 0; i < n; i++) {
            Obj *v = iter_next(it);
            if (!v) py_raise_type(ValueError, "not enough values to unpack (expected %d, got %d)", n, i);
            out[i] = v;
        }
        if (iter_next(it)) py_raise_type(ValueError, "too many values to unpack (expected %d)", n);
    }
}

static Obj *build_class(int n, Obj **args, Obj *kw);
static Obj *build_class_fn;

static Obj *make_function(Frame *f, Code *co, int flags, Obj **sp) {
    Func *fn = (Func *)func_new(co, f->globals);
    if (flags & MF_CLOSURE) fn->closure = *--sp;
    if (flags & MF_KWDEFAULTS) fn->kwdefaults = *--sp;
    if (flags & MF_DEFAULTS) fn->defaults = *--sp;
    return (Obj *)fn;
}

static Obj *exc_from_raise(Obj *v) {
    if (TYPE(v) == &TypeType && is_subtype((Type *)v, BaseException)) return call0(v);
    if (!isinstance(v, BaseException)) py_raise_type(TypeError, "exceptions must derive from BaseException");
    return v;
}

static Obj *format_value(Obj *v, int conv, Obj *spec) {
    if (conv == 1) v = to_str(v);
    else if (conv == 2 || conv == 3) v = repr(v);
    if (!spec && TYPE(v) == &StrType) return v;
    return str_format_spec(v, spec ? spec : str_c(""));
}

static void add_traceback(Obj *exc, Frame *f) {
    Exc *e = (Exc *)exc;
    Obj *entry;
    if (!isinstance(exc, BaseException)) return;
    if (!e->tb) e->tb = list_new(0);
    entry = tuple_pack(3, f->code->filename, MK_SMALL(f->code->lines[f->ip < f->code->ncode ? f->ip : f->code->ncode - 1]), f->code->name);
    list_append(e->tb, entry);
}

#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])

static Obj *vm_run(Frame *f, Obj *sendval, int *yielded) {
    Code *co = f->code;
    uint32_t *code = co->code;
    Obj **consts = TUPLE(co->consts)->items;
    Obj **names = TUPLE(co->names)->items;
    Obj **fast = f->fast;
    Obj **stack_base = f->fast + co->nlocals + co->ncells + co->nfree;
    Obj **sp;
    int ip;
    jmp_buf jb;
    jmp_buf *saved_handler = cur_handler;
    Frame *saved_frame = cur_frame;
    Obj **saved_top = f->on_stack ? f->fast : data_top;

    if (recursion_depth >= recursion_limit || gc_stack_used() > C_STACK_BUDGET) {
        if (f->on_stack) data_top = f->fast;
        py_raise_type(RecursionError, "maximum recursion depth exceeded");
    }
    recursion_depth++;
    f->back = cur_frame;
    cur_frame = f;
    f->running = 1;
    sp = f->sp;
    ip = f->ip;
    if (sendval) *sp++ = sendval;
    cur_handler = &jb;
    if (setjmp(jb)) {
        Obj *exc = cur_exc;
        cur_handler = &jb;
        /* calls that failed while binding arguments left their frames on the data stack */
        if (data_top > saved_top) data_top = f->on_stack ? f->fast + co->nlocals + co->ncells + co->nfree + co->stacksize : saved_top;
        if (!reraising) add_traceback(exc, f);
        reraising = 0;
        while (f->nblocks > 0) {
            Block *b = &f->blocks[--f->nblocks];
            if (b->kind == B_HANDLER) { f->handling = b->prev; continue; }
            /* an except/finally handler: enter it */
            if (f->handling && f->handling != exc && isinstance(exc, BaseException) && !((Exc *)exc)->context && f->handling != exc)
                ((Exc *)exc)->context = f->handling;
            sp = stack_base + b->level;
            ip = b->handler;
            f->blocks[f->nblocks].kind = B_HANDLER;
            f->blocks[f->nblocks].prev = f->handling;
            f->blocks[f->nblocks].level = b->level;
            f->nblocks++;
            f->handling = exc;
            PUSH(exc);
            cur_exc = NULL;
            goto dispatch;
        }
        /* not handled here: pass it to the caller */
        f->running = 0;
        f->ip = -1;
        f->sp = stack_base;
        f->back = NULL;
        data_top = saved_top;
        cur_frame = saved_frame;
        cur_handler = saved_handler;
        recursion_depth--;
        py_raise(exc);
    }
    if (pending_throw) {
        Obj *e = pending_throw;
        pending_throw = NULL;
        if (sendval) sp--;
        /* paused in yield from: the inner generator gets the exception first */
        if ((code[ip] & 0xff) == YIELD_FROM && TYPE(sp[-1]) == &GenType) {
            int done;
            Obj *r = gen_throw(sp[-1], e, &done);
            if (!done) {
                f->ip = ip;
                f->sp = sp;
                f->back = NULL;
                f->running = 0;
                cur_frame = saved_frame;
                cur_handler = saved_handler;
                recursion_depth--;
                *yielded = 1;
                return r;
            }
            sp[-1] = r;
            ip++;
            goto dispatch;
        }
        if (ip > 0) f->ip = ip - 1;
        py_raise(e);
    }
dispatch:
    for (;;) {
        uint32_t ins = code[ip];
        int arg = (int)(ins >> 8);
        f->ip = ip++;
        switch (ins & 0xff) {
        case NOP: break;
        case LOAD_CONST: PUSH(consts[arg]); break;
        case LOAD_FAST: {
            Obj *v = fast[arg];
            if (!v) py_raise_type(UnboundLocalError, "cannot access local variable '%s' where it is not associated with a value",
                                  CSTR(TUPLE(co->varnames)->items[arg]));
            PUSH(v);
            break;
        }
        case STORE_FAST: fast[arg] = POP(); break;
        case DELETE_FAST:
            if (!fast[arg]) py_raise_type(UnboundLocalError, "cannot access local variable '%s' where it is not associated with a value",
                                          CSTR(TUPLE(co->varnames)->items[arg]));
            fast[arg] = NULL;
            break;
        case LOAD_DEREF: {
            Obj *v = ((Cell *)fast[co->nlocals + arg])->v;
            if (!v) {
                if (arg < co->ncells) py_raise_type(UnboundLocalError, "cannot access local variable '%s' where it is not associated with a value", CSTR(TUPLE(co->cellnames)->items[arg]));
                py_raise_type(NameError, "cannot access free variable '%s' where it is not associated with a value in enclosing scope", CSTR(TUPLE(co->freenames)->items[arg - co->ncells]));
            }
            PUSH(v);
            break;
        }
        case LOAD_CLASSDEREF: {
            Obj *name = TUPLE(co->freenames)->items[arg - co->ncells];
            Obj *v = f->locals ? dict_get(f->locals, name) : NULL;
            if (!v) v = ((Cell *)fast[co->nlocals + arg])->v;
            if (!v) py_raise_type(NameError, "name '%s' is not defined", CSTR(name));
            PUSH(v);
            break;
        }
        case STORE_DEREF: ((Cell *)fast[co->nlocals + arg])->v = POP(); break;
        case DELETE_DEREF: ((Cell *)fast[co->nlocals + arg])->v = NULL; break;
        case LOAD_CLOSURE: PUSH(fast[co->nlocals + arg]); break;
        case LOAD_GLOBAL: {
            Obj *v = dict_get(f->globals, names[arg]);
            if (!v) v = load_global(f, names[arg]);
            PUSH(v);
            break;
        }
        case STORE_GLOBAL: dict_set(f->globals, names[arg], POP()); break;
        case DELETE_GLOBAL:
            if (!dict_del(f->globals, names[arg])) py_raise_type(NameError, "name '%s' is not defined", CSTR(names[arg]));
            break;
        case LOAD_NAME: {
            Obj *v = f->locals ? dict_get(f->locals, names[arg]) : NULL;
            if (!v) v = load_global(f, names[arg]);
            PUSH(v);
            break;
        }
        case STORE_NAME: {
            Obj *v = POP();
            if (f->locals) { if (TYPE(f->locals) == &DictType) dict_set(f->locals, names[arg], v); else setitem(f->locals, names[arg], v); }
            else dict_set(f->globals, names[arg], v);
            break;
        }
        case DELETE_NAME:
            if (!dict_del(f->locals ? f->locals : f->globals, names[arg])) py_raise_type(NameError, "name '%s' is not defined", CSTR(names[arg]));
            break;
        case LOAD_ATTR: sp[-1] = getattr(sp[-1], names[arg]); break;
        case STORE_ATTR: setattr(sp[-1], names[arg], sp[-2]); sp -= 2; break;
        case DELETE_ATTR: setattr(sp[-1], names[arg], NULL); sp--; break;
        case LOAD_METHOD: {
            Obj *o = sp[-1], *name = names[arg];
            Type *t = TYPE(o);
            if (t->getattr == generic_getattr || t->getattr == NULL) {
                /* look for a plain function in the type to avoid a bound method */
                Obj *m = type_lookup(t, name);
                if (m && (TYPE(m) == &FuncType || (TYPE(m) == &NativeType && !((Native *)m)->self))) {
                    Obj *inst = (t->flags & TF_HASDICT) && TYPE(o) != &TypeType ? INST_DICT(o) : NULL;
                    if (!inst || !dict_get(inst, name)) {
                        sp[-1] = m;
                        PUSH(o);
                        break;
                    }
                }
            }
            sp[-1] = getattr(o, name);
            PUSH(NULL);
            break;
        }
        case CALL_METHOD: {
            Obj *r;
            if (sp[-arg - 1]) r = call(sp[-arg - 2], arg + 1, sp - arg - 1, NULL);
            else r = call(sp[-arg - 2], arg, sp - arg, NULL);
            sp -= arg + 2;
            PUSH(r);
            gc_maybe_collect();
            break;
        }
        case CALL_METHOD_KW: {
            Obj *names_t = POP(), *r;
            if (sp[-arg - 1]) r = call(sp[-arg - 2], arg + 1, sp - arg - 1, names_t);
            else r = call(sp[-arg - 2], arg, sp - arg, names_t);
            sp -= arg + 2;
            PUSH(r);
            break;
        }
        case CALL: {
            Obj *r = call(sp[-arg - 1], arg, sp - arg, NULL);
            sp -= arg + 1;
            PUSH(r);
            gc_maybe_collect();
            break;
        }
        case CALL_KW: {
            Obj *kwn = POP(), *r;
            r = call(sp[-arg - 1], arg, sp - arg, kwn);
            sp -= arg + 1;
            PUSH(r);
            break;
        }
        case CALL_EX: {
            Obj *kw = arg & 1 ? POP() : NULL;
            Obj *args = POP();
            Obj *fn = POP();
            PUSH(call_kwdict(fn, TUPLE(args)->len, TUPLE(args)->items, kw));
            break;
        }
        case BINARY_OP: {
            Obj *b = POP(), *a = TOP();
            if (IS_SMALL(a) && IS_SMALL(b)) {
                long x = SMALL_VAL(a), y = SMALL_VAL(b), r;
                if (arg == OP_ADD) { r = x + y; if (r >= SMALL_MIN && r <= SMALL_MAX) { sp[-1] = MK_SMALL(r); break; } }
                else if (arg == OP_SUB) { r = x - y; if (r >= SMALL_MIN && r <= SMALL_MAX) { sp[-1] = MK_SMALL(r); break; } }
            }
            sp[-1] = binop(arg, a, b);
            break;
        }
        case INPLACE_OP: {
            Obj *b = POP(), *a = TOP();
            if (IS_SMALL(a) && IS_SMALL(b)) {
                long x = SMALL_VAL(a), y = SMALL_VAL(b), r;
                if (arg == OP_ADD) { r = x + y; if (r >= SMALL_MIN && r <= SMALL_MAX) { sp[-1] = MK_SMALL(r); break; } }
                else if (arg == OP_SUB) { r = x - y; if (r >= SMALL_MIN && r <= SMALL_MAX) { sp[-1] = MK_SMALL(r); break; } }
            }
            sp[-1] = inplace_op(arg, a, b);
            break;
        }
        case UNARY_NEG: sp[-1] = unary_neg(sp[-1]); break;
        case UNARY_POS: sp[-1] = unary_pos(sp[-1]); break;
        case UNARY_INVERT: sp[-1] = unary_invert(sp[-1]); break;
        case UNARY_NOT: sp[-1] = BOOL(!truth(sp[-1])); break;
        case COMPARE_OP: {
            Obj *b = POP(), *a = TOP();
            if (IS_SMALL(a) && IS_SMALL(b) && arg <= CMP_GE) {
                long x = SMALL_VAL(a), y = SMALL_VAL(b);
                int r = 0;
                switch (arg) {
                case CMP_LT: r = x < y; break; case CMP_LE: r = x <= y; break;
                case CMP_EQ: r = x == y; break; case CMP_NE: r = x != y; break;
                case CMP_GT: r = x > y; break; default: r = x >= y; break;
                }
                sp[-1] = BOOL(r);
                break;
            }
            if (arg == CMP_EXC_MATCH) {
                int i, m = 0;
                if (TYPE(b) == &TupleType) {
                    for (i = 0; i < TUPLE(b)->len; i++) {
                        Obj *t = TUPLE(b)->items[i];
                        if (TYPE(t) != &TypeType || !is_subtype((Type *)t, BaseException))
                            py_raise_type(TypeError, "catching classes that do not inherit from BaseException is not allowed");
                        if (isinstance(a, (Type *)t)) m = 1;
                    }
                } else {
                    if (TYPE(b) != &TypeType || !is_subtype((Type *)b, BaseException))
                        py_raise_type(TypeError, "catching classes that do not inherit from BaseException is not allowed");
                    m = isinstance(a, (Type *)b);
                }
                sp[-1] = BOOL(m);
                break;
            }
            sp[-1] = compare(arg, a, b);
            break;
        }
        case BUILD_LIST: {
            Obj *l = list_new(arg);
            int i;
            for (i = 0; i < arg; i++) LIST(l)->items[i] = sp[i - arg];
            sp -= arg;
            PUSH(l);
            break;
        }
        case BUILD_TUPLE: {
            Obj *t = tuple_new(arg);
            int i;
            for (i = 0; i < arg; i++) TUPLE(t)->items[i] = sp[i - arg];
            sp -= arg;
            PUSH(t);
            break;
        }
        case BUILD_MAP: {
            Obj *d = dict_new();
            int i;
            for (i = 0; i < arg; i++) dict_set(d, sp[2 * i - 2 * arg], sp[2 * i - 2 * arg + 1]);
            sp -= 2 * arg;
            PUSH(d);
            break;
        }
        case BUILD_SET: {
            Obj *s = set_new(&SetType);
            int i;
            for (i = 0; i < arg; i++) set_add(s, sp[i - arg]);
            sp -= arg;
            PUSH(s);
            break;
        }
        case BUILD_SLICE: {
            Obj *c = arg == 3 ? POP() : None;
            Obj *b = POP();
            sp[-1] = slice_new(sp[-1], b, c);
            break;
        }
        case BUILD_STRING: {
            Buf b;
            int i;
            buf_init(&b);
            for (i = 0; i < arg; i++) buf_addobj(&b, sp[i - arg]);
            sp -= arg;
            PUSH(buf_to_str(&b));
            break;
        }
        case FORMAT_VALUE: {
            Obj *spec = (arg & 4) ? POP() : NULL;
            sp[-1] = format_value(sp[-1], arg & 3, spec);
            break;
        }
        case LIST_APPEND: { Obj *v = POP(); list_append(sp[-arg], v); break; }
        case SET_ADD: { Obj *v = POP(); set_add(sp[-arg], v); break; }
        case MAP_ADD: { Obj *v = POP(), *k = POP(); dict_set(sp[-arg], k, v); break; }
        case LIST_EXTEND: { Obj *v = POP(); list_extend(sp[-arg], v); break; }
        case SET_UPDATE: {
            Obj *v = POP(), *it = get_iter(v), *x;
            while ((x = iter_next(it)) != NULL) set_add(sp[-arg], x);
            break;
        }
        case DICT_UPDATE: {
            Obj *v = POP(), *d = sp[-arg];
            if (TYPE(v) == &DictType) {
                int i;
                for (i = 0; i < DICT(v)->n; i++) if (DICT(v)->e[i].key) dict_set(d, DICT(v)->e[i].key, DICT(v)->e[i].val);
            } else {
                Obj *keys = call_method(v, "keys", 0, NULL), *it = get_iter(keys), *k;
                while ((k = iter_next(it)) != NULL) dict_set(d, k, getitem(v, k));
            }
            break;
        }
        case LIST_TO_TUPLE: sp[-1] = seq_tuple(sp[-1]); break;
        case SUBSCR: {
            Obj *k = POP(), *o = TOP();
            if (TYPE(o) == &ListType && IS_SMALL(k)) {
                long i = SMALL_VAL(k);
                if (i < 0) i += LIST(o)->len;
                if (i >= 0 && i < LIST(o)->len) { sp[-1] = LIST(o)->items[i]; break; }
            }
            sp[-1] = getitem(o, k);
            break;
        }
        case STORE_SUBSCR: {
            Obj *k = sp[-1], *o = sp[-2], *v = sp[-3];
            if (TYPE(o) == &ListType && IS_SMALL(k)) {
                long i = SMALL_VAL(k);
                if (i < 0) i += LIST(o)->len;
                if (i >= 0 && i < LIST(o)->len) { LIST(o)->items[i] = v; sp -= 3; break; }
            }
            setitem(o, k, v);
            sp -= 3;
            break;
        }
        case DELETE_SUBSCR: setitem(sp[-2], sp[-1], NULL); sp -= 2; break;
        case JUMP:
            if (arg < ip) gc_maybe_collect();
            ip = arg;
            break;
        case POP_JUMP_IF_FALSE: { Obj *v = POP(); if (v == False || (v != True && !truth(v))) ip = arg; break; }
        case POP_JUMP_IF_TRUE: { Obj *v = POP(); if (v == True || (v != False && truth(v))) ip = arg; break; }
        case JUMP_IF_FALSE_OR_POP: if (!truth(TOP())) ip = arg; else sp--; break;
        case JUMP_IF_TRUE_OR_POP: if (truth(TOP())) ip = arg; else sp--; break;
        case GET_ITER: sp[-1] = get_iter(sp[-1]); break;
        case FOR_ITER: {
            Obj *it = TOP(), *v;
            if (TYPE(it) == &RangeIterType) {
                Iter *r = (Iter *)it;
                if (r->i < r->n) { PUSH(int_from_ll((long long)r->i * r->step + (intptr_t)r->b)); r->i++; break; }
                sp--; ip = arg; break;
            }
            if (TYPE(it) == &ListIterType) {
                Iter *r = (Iter *)it;
                if (r->i < LIST(r->a)->len) { PUSH(LIST(r->a)->items[r->i++]); break; }
                sp--; ip = arg; break;
            }
            v = TYPE(it)->next(it);
            if (v) PUSH(v); else { sp--; ip = arg; }
            break;
        }
        case POP_TOP: sp--; break;
        case DUP_TOP: { Obj *v = TOP(); PUSH(v); break; }
        case DUP_TOP_TWO: { Obj *a = sp[-2], *b = sp[-1]; PUSH(a); PUSH(b); break; }
        case ROT_TWO: { Obj *t = sp[-1]; sp[-1] = sp[-2]; sp[-2] = t; break; }
        case ROT_THREE: { Obj *t = sp[-1]; sp[-1] = sp[-2]; sp[-2] = sp[-3]; sp[-3] = t; break; }
        case ROT_FOUR: { Obj *t = sp[-1]; sp[-1] = sp[-2]; sp[-2] = sp[-3]; sp[-3] = sp[-4]; sp[-4] = t; break; }
        case MAKE_FUNCTION: {
            Code *c = (Code *)POP();
            Obj *fn = make_function(f, c, arg, sp);
            sp -= ((arg & 1) != 0) + ((arg & 2) != 0) + ((arg & 4) != 0);
            PUSH(fn);
            break;
        }
        case RETURN_VALUE: {
            Obj *v = POP();
            f->running = 0;
            f->ip = -1;
            f->sp = stack_base;
            f->back = NULL;
            data_top = saved_top;
            cur_frame = saved_frame;
            cur_handler = saved_handler;
            recursion_depth--;
            return v;
        }
        case YIELD_VALUE: {
            Obj *v = POP();
            f->ip = ip;
            f->sp = sp;
            f->back = NULL;
            f->running = 0;
            cur_frame = saved_frame;
            cur_handler = saved_handler;
            recursion_depth--;
            *yielded = 1;
            return v;
        }
        case GET_YIELD_FROM_ITER: if (TYPE(TOP()) != &GenType) sp[-1] = get_iter(sp[-1]); break;
        case YIELD_FROM: {
            Obj *v = POP(), *sub = TOP(), *r;
            int done = 0;
            if (TYPE(sub) == &GenType) r = gen_send(sub, v, &done);
            else if (v == None) { r = iter_next(sub); if (!r) { done = 1; r = None; } }
            else r = call_method(sub, "send", 1, &v);
            if (done) { sp[-1] = r; break; }
            /* yield r to our caller; resume at this instruction with the sent value */
            f->ip = ip - 1;
            f->sp = sp;
            f->back = NULL;
            f->running = 0;
            cur_frame = saved_frame;
            cur_handler = saved_handler;
            recursion_depth--;
            *yielded = 1;
            return r;
        }
        case SETUP_EXCEPT:
            if (f->nblocks >= MAX_BLOCKS) py_raise_type(SyntaxError, "too many statically nested blocks");
            f->blocks[f->nblocks].kind = B_EXCEPT;
            f->blocks[f->nblocks].handler = arg;
            f->blocks[f->nblocks].level = (int)(sp - stack_base);
            f->blocks[f->nblocks].prev = NULL;
            f->nblocks++;
            break;
        case SETUP_WITH: {
            Obj *mgr = POP(), *enter, *exitf, *r;
            enter = getattr_opt(mgr, str_intern("__enter__"));
            exitf = getattr_opt(mgr, str_intern("__exit__"));
            if (!enter || !exitf) py_raise_type(TypeError, "'%s' object does not support the context manager protocol", type_name(mgr));
            PUSH(exitf);
            r = call0(enter);
            if (f->nblocks >= MAX_BLOCKS) py_raise_type(SyntaxError, "too many statically nested blocks");
            f->blocks[f->nblocks].kind = B_EXCEPT;
            f->blocks[f->nblocks].handler = arg;
            f->blocks[f->nblocks].level = (int)(sp - stack_base);
            f->blocks[f->nblocks].prev = NULL;
            f->nblocks++;
            PUSH(r);
            break;
        }
        case WITH_EXCEPT: {
            Obj *exc = sp[-1], *exitf = sp[-2], *args[3], *r;
            args[0] = (Obj *)TYPE(exc); args[1] = exc; args[2] = None;
            r = call(exitf, 3, args, NULL);
            if (!truth(r)) { sp--; reraising = 1; py_raise(exc); }
            sp--;
            break;
        }
        case POP_BLOCK: f->nblocks--; break;
        case POP_EXCEPT: {
            Block *b = &f->blocks[--f->nblocks];
            f->handling = b->prev;
            break;
        }
        case RERAISE: {
            Obj *exc = POP();
            Block *b = &f->blocks[--f->nblocks];
            f->handling = b->prev;
            reraising = 1;
            py_raise(exc);
            break;
        }
        case RAISE: {
            Obj *exc, *cause = NULL;
            if (arg == 0) {
                Frame *g;
                exc = NULL;
                for (g = f; g && !exc; g = g->back) exc = g->handling;
                if (!exc) py_raise_type(RuntimeError, "No active exception to reraise");
                reraising = 0;
                py_raise(exc);
            }
            if (arg == 2) cause = POP();
            exc = exc_from_raise(POP());
            if (arg == 2) {
                if (cause == None) ((Exc *)exc)->cause = NULL;
                else ((Exc *)exc)->cause = exc_from_raise(cause);
                ((Exc *)exc)->suppress = 1;
            }
            if (f->handling && f->handling != exc) ((Exc *)exc)->context = f->handling;
            py_raise(exc);
            break;
        }
        case LOAD_ASSERTION_ERROR: PUSH((Obj *)AssertionError); break;
        case UNPACK_SEQUENCE: {
            Obj *seq = POP();
            Obj *tmp[16], **out = arg <= 16 ? tmp : gc_malloc(sizeof(Obj *) * arg);
            int i;
            unpack(seq, arg, out);
            for (i = arg - 1; i >= 0; i--) PUSH(out[i]);
            if (out != tmp) gc_free(out);
            break;
        }
        case UNPACK_EX: {
            int before = arg & 0xff, after = arg >> 8, i, len;
            Obj *l = list_from_iter(POP()), *mid;
            len = LIST(l)->len;
            if (len < before + after)
                py_raise_type(ValueError, "not enough values to unpack (expected at least %d, got %d)", before + after, len);
            for (i = len - 1; i >= len - after; i--) PUSH(LIST(l)->items[i]);
            mid = list_new(len - before - after);
            for (i = 0; i < len - before - after; i++) LIST(mid)->items[i] = LIST(l)->items[before + i];
            PUSH(mid);
            for (i = before - 1; i >= 0; i--) PUSH(LIST(l)->items[i]);
            break;
        }
        case IMPORT_NAME: {
            Obj *fromlist = POP(), *level = POP();
            PUSH(import_module(names[arg], f->globals, fromlist, (int)SMALL_VAL(level)));
            break;
        }
        case IMPORT_FROM: {
            Obj *m = TOP(), *v = getattr_opt(m, names[arg]);
            if (!v && TYPE(m) == &ModuleType) {
                /* a submodule of a package that is not imported yet */
                Module *mod = (Module *)m;
                if (dict_gets(mod->dict, "__path__")) {
                    Obj *full = str_fmt("%s.%s", CSTR(mod->name), CSTR(names[arg]));
                    v = dict_get(sys_modules, full);
                    if (!v) v = import_module(full, f->globals, tuple_pack(1, str_c("*")), 0);
                }
                if (!v) {
                    Obj *file = dict_gets(mod->dict, "__file__");
                    py_raise_type(ImportError, "cannot import name '%s' from '%s' (%s)", CSTR(names[arg]), CSTR(mod->name),
                                  file ? CSTR(file) : "unknown location");
                }
            }
            if (!v) py_raise_type(ImportError, "cannot import name '%s'", CSTR(names[arg]));
            PUSH(v);
            break;
        }
        case IMPORT_STAR: {
            Obj *m = POP(), *d = TYPE(m) == &ModuleType ? ((Module *)m)->dict : NULL, *all;
            int i;
            if (!d) break;
            all = dict_gets(d, "__all__");
            if (all) {
                Obj *it = get_iter(all), *k;
                while ((k = iter_next(it)) != NULL) dict_set(f->locals ? f->locals : f->globals, k, getattr(m, k));
            } else
                for (i = 0; i < DICT(d)->n; i++) {
                    Obj *k = DICT(d)->e[i].key;
                    if (k && TYPE(k) == &StrType && CSTR(k)[0] != '_') dict_set(f->locals ? f->locals : f->globals, k, DICT(d)->e[i].val);
                }
            break;
        }
        case LOAD_BUILD_CLASS: PUSH(build_class_fn); break;
        default:
            py_raise_type(SystemError, "bad opcode %d", (int)(ins & 0xff));
        }
    }
}

/* __build_class__(func, name, *bases, **kw) */
static Obj *build_class(int n, Obj **args, Obj *kw) {
    Obj *body = args[0], *name = args[1], *bases = tuple_new(n - 2), *ns = dict_new(), *cell, *meta = NULL;
    Func *fn = (Func *)body;
    Frame *f;
    Type *cls;
    int i, yielded = 0;
    for (i = 2; i < n; i++) TUPLE(bases)->items[i - 2] = args[i];
    if (kw) meta = dict_gets(kw, "metaclass");
    f = frame_new(fn->code, fn, fn->globals, ns);
    frame_init_cells(f, fn);
    vm_run(f, NULL, &yielded);
    cell = dict_gets(ns, "__classcell__");
    if (cell) dict_del(ns, str_intern("__classcell__"));
    if (meta && meta != (Obj *)&TypeType) {
        Obj *a[3];
        a[0] = name; a[1] = bases; a[2] = ns;
        cls = (Type *)call(meta, 3, a, NULL);
    } else cls = type_new_user(name, bases, ns);
    if (cell) ((Cell *)cell)->v = (Obj *)cls;
    return (Obj *)cls;
}

void vm_init(void) {
    data_stack = gc_malloc(sizeof(Obj *) * DATA_STACK_SLOTS);
    data_top = data_stack;
    data_end = data_stack + DATA_STACK_SLOTS;
    gen_init();
    build_class_fn = native_new("__build_class__", build_class);
    gc_add_root(&build_class_fn);
    gc_add_root(&pending_throw);
}
