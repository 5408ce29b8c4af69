/* py.h - the object model shared by every part of the interpreter.
 *
 * Every value is an Obj*.  Small integers are tagged pointers (low bit 1),
 * everything else is a heap object whose first field is its Type.
 * Errors are raised with py_raise(), which longjmps to the innermost handler
 * installed by the VM (see vm.c); C code therefore never checks return codes.
 */
#ifndef PY_H
#define PY_H
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>

typedef struct Obj Obj;
typedef struct Type Type;

struct Obj {
    Type *type;
    unsigned gcmark;
    unsigned gcsize;
};

/* ---- small ints: the fast path for integers that fit in 31 bits ---- */
#define SMALL_MIN (-(1L << 30))
#define SMALL_MAX ((1L << 30) - 1)
#define IS_SMALL(o) (((intptr_t)(o)) & 1)
#define SMALL_VAL(o) ((long)(((intptr_t)(o) - 1) / 2))
#define MK_SMALL(v) ((Obj *)(intptr_t)((intptr_t)(v) * 2 + 1))
#define TYPE(o) (IS_SMALL(o) ? &IntType : ((Obj *)(o))->type)

/* operators shared by the compiler, the VM and the type slots */
enum { OP_ADD, OP_SUB, OP_MUL, OP_TRUEDIV, OP_FLOORDIV, OP_MOD, OP_POW,
       OP_LSHIFT, OP_RSHIFT, OP_AND, OP_OR, OP_XOR, OP_MATMUL, NUM_BINOPS };
enum { CMP_LT, CMP_LE, CMP_EQ, CMP_NE, CMP_GT, CMP_GE,
       CMP_IN, CMP_NOTIN, CMP_IS, CMP_ISNOT, CMP_EXC_MATCH };

typedef Obj *(*NativeFn)(int n, Obj **args, Obj *kw);

struct Type {
    Obj h;
    const char *name;
    Type *base;           /* first base; NULL only for object */
    Obj *bases;           /* tuple */
    Obj *mro;             /* tuple of types, self first */
    Obj *dict;            /* methods and class attributes */
    int flags;
    Obj *(*repr)(Obj *);
    Obj *(*str)(Obj *);
    intptr_t (*hash)(Obj *);
    Obj *(*call)(Obj *f, int n, Obj **args, Obj *kwnames);
    Obj *(*getattr)(Obj *o, Obj *name);          /* NULL when missing */
    void (*setattr)(Obj *o, Obj *name, Obj *v);  /* v NULL deletes */
    Obj *(*iter)(Obj *);
    Obj *(*next)(Obj *);                         /* NULL when exhausted */
    Obj *(*binop)(int op, Obj *a, Obj *b);       /* NULL = NotImplemented */
    Obj *(*compare)(int op, Obj *a, Obj *b);     /* NULL = NotImplemented */
    Obj *(*getitem)(Obj *o, Obj *key);
    void (*setitem)(Obj *o, Obj *key, Obj *v);   /* v NULL deletes */
    intptr_t (*len)(Obj *);
    int (*contains)(Obj *, Obj *);               /* -1 = use iteration */
    int (*truth)(Obj *);
    Obj *(*make)(Type *t, int n, Obj **args, Obj *kw);  /* constructor */
    void (*mark)(Obj *);
    void (*release)(Obj *);                      /* frees side buffers */
    Obj *(*descr_get)(Obj *d, Obj *inst, Type *owner);  /* descriptors */
    int (*descr_set)(Obj *d, Obj *inst, Obj *v);  /* 1 when handled */
    size_t inst_size;     /* size of an instance (user classes) */
    size_t dict_offset;   /* where an instance keeps its __dict__ (TF_HASDICT) */
};

enum { TF_USER = 1, TF_EXC = 2, TF_BASETYPE = 4, TF_HASDICT = 8 };

/* ---- object layouts ---- */
typedef struct { Obj h; int neg; int n; uint16_t *d; } BigInt;   /* |v| digits, little end first */
typedef struct { Obj h; double v; } Float;
typedef struct { Obj h; intptr_t hash; int len; int clen; char s[1]; } Str;  /* len bytes, clen code points */
typedef struct { Obj h; intptr_t hash; int len; unsigned char s[1]; } Bytes;
typedef struct { Obj h; int len, cap; unsigned char *s; } ByteArray;
typedef struct { Obj h; int len, cap; Obj **items; } List;
typedef struct { Obj h; int len; Obj *items[1]; } Tuple;
typedef struct { intptr_t hash; Obj *key; Obj *val; } DictEntry;
typedef struct { Obj h; int used, n, cap, isize; DictEntry *e; int *index; } Dict;  /* also sets */
typedef struct { Obj h; long start, stop, step; } Range;
typedef struct { Obj h; Obj *start, *stop, *step; } Slice;
typedef struct { Obj h; Obj *v; } Cell;
typedef struct { Obj h; Obj *self; Obj *func; } Method;
typedef struct { Obj h; const char *name; NativeFn fn; Obj *self; } Native;
typedef struct { Obj h; Obj *dict; } Instance;
typedef struct { Obj h; Obj *dict; Obj *args; Obj *tb; Obj *cause; Obj *context; int suppress; } Exc;
typedef struct { Obj h; Obj *fget, *fset, *fdel; } Property;
typedef struct { Obj h; Obj *f; } Wrapper;   /* staticmethod, classmethod */
typedef struct { Obj h; Type *type; Obj *obj; } Super;
typedef struct { Obj h; Obj *name; Obj *dict; } Module;

typedef struct {
    Obj h;
    Obj *name, *qualname, *filename;
    int argc, kwonly, nlocals, ncells, nfree, stacksize, flags, firstline;
    Obj *varnames;        /* tuple: args, then other locals */
    Obj *cellnames;       /* tuple of names living in cells */
    Obj *freenames;
    Obj *names;           /* tuple of global/attribute names */
    Obj *consts;          /* tuple */
    uint32_t *code;       /* op | arg << 8 */
    int ncode;
    int *lines;           /* line of every instruction */
    int *cell2arg;        /* argument index for cells that are arguments, or -1 */
} Code;
enum { CO_VARARGS = 1, CO_VARKW = 2, CO_GENERATOR = 4, CO_NEWLOCALS = 8, CO_CLASS = 16 };

typedef struct {
    Obj h;
    Code *code;
    Obj *globals, *defaults, *kwdefaults, *closure, *name, *dict, *qualname;
} Func;

typedef struct { int handler; int level; int kind; Obj *prev; } Block;
#define MAX_BLOCKS 20

typedef struct Frame {
    Obj h;
    Code *code;
    Func *func;
    Obj *globals, *locals;    /* locals: dict for module and class bodies */
    Obj **fast;               /* nlocals + ncells + nfree, then the value stack */
    Obj **sp;
    int ip;
    int nblocks;
    Block blocks[MAX_BLOCKS];
    struct Frame *back;
    Obj *handling;            /* exception being handled (for bare raise) */
    int running;
    int on_stack;             /* locals live on the data stack (plain calls) */
} Frame;

typedef struct { Obj h; Frame *frame; int finished; Obj *name; } Gen;

/* generic iterator: a = the iterable, b = extra, i/n = position */
typedef struct { Obj h; Obj *a; Obj *b; intptr_t i, n, step; } Iter;

/* ---- types ---- */
extern Type ObjectType, TypeType, IntType, BoolType, FloatType, StrType, BytesType,
    ByteArrayType, ListType, TupleType, DictType, SetType, FrozenSetType, RangeType,
    SliceType, NoneType, NotImplType, EllipsisType, CellType, MethodType, NativeType,
    FuncType, CodeType, FrameType, GenType, ModuleType, PropertyType, StaticMethodType,
    ClassMethodType, SuperType, IterType, ListIterType, TupleIterType, RangeIterType,
    StrIterType, DictKeysType, DictValuesType, DictItemsType, DictIterType, SeqIterType,
    EnumerateType, ZipType, MapType, FilterType, ReversedType, CallIterType;

extern Obj NoneObj, TrueObj, FalseObj, NotImplObj, EllipsisObj;
#define None (&NoneObj)
#define True (&TrueObj)
#define False (&FalseObj)
#define BOOL(c) ((c) ? True : False)

/* exception types */
extern Type *BaseException, *Exception, *TypeError, *ValueError, *KeyError,
    *IndexError, *AttributeError, *NameError, *UnboundLocalError, *ZeroDivisionError,
    *StopIteration, *RuntimeError, *RecursionError, *NotImplementedError, *AssertionError,
    *ImportError, *ModuleNotFoundError, *OverflowError, *MemoryError, *SyntaxError,
    *IndentationError, *OSError, *FileNotFoundError, *LookupError, *ArithmeticError,
    *KeyboardInterrupt, *SystemExit, *GeneratorExit, *UnicodeError, *EOFError,
    *StopAsyncIteration, *SystemError;

/* ---- gc.c ---- */
void *gc_new(Type *t, size_t size);
void *gc_malloc(size_t n);          /* side buffers: raise MemoryError on failure */
void *gc_realloc(void *p, size_t n);
void gc_free(void *p);
void gc_mark(Obj *o);
void gc_mark_maybe(void *p);
void gc_add_root(Obj **root);
void gc_add_static(Obj *o);
void gc_collect(void);
void gc_maybe_collect(void);
void gc_init(void *stack_base);
size_t gc_stack_used(void);
void gc_set_limit(size_t bytes);
extern size_t gc_allocated, gc_threshold;

/* ---- errors (exc.c) ---- */
void py_raise(Obj *exc);
/* run fn(arg) catching any exception: returns NULL on success, else the exception */
Obj *py_try(void (*fn)(void *), void *arg);
extern jmp_buf *cur_handler;
extern int gc_inhibit;
void py_raise_type(Type *t, const char *fmt, ...);
Obj *exc_new(Type *t, Obj *args);
int is_subtype(Type *a, Type *b);
int isinstance(Obj *o, Type *t);
void print_exception(Obj *exc);
void exc_init(void);
extern Obj *cur_exc;     /* the exception being propagated */

/* ---- core protocols (object.c) ---- */
Obj *repr(Obj *o);
Obj *to_str(Obj *o);
intptr_t hash(Obj *o);
int truth(Obj *o);
int equal(Obj *a, Obj *b);
Obj *compare(int op, Obj *a, Obj *b);
Obj *binop(int op, Obj *a, Obj *b);
Obj *inplace_op(int op, Obj *a, Obj *b);
Obj *unary_neg(Obj *o);
Obj *unary_pos(Obj *o);
Obj *unary_invert(Obj *o);
Obj *getattr(Obj *o, Obj *name);
Obj *getattr_opt(Obj *o, Obj *name);
Obj *getattr_s(Obj *o, const char *name);
void setattr(Obj *o, Obj *name, Obj *v);
Obj *getitem(Obj *o, Obj *k);
void setitem(Obj *o, Obj *k, Obj *v);
intptr_t length(Obj *o);
int contains(Obj *c, Obj *x);
Obj *get_iter(Obj *o);
Obj *iter_next(Obj *it);
Obj *call(Obj *f, int n, Obj **args, Obj *kwnames);
Obj *call0(Obj *f);
Obj *call1(Obj *f, Obj *a);
Obj *call2(Obj *f, Obj *a, Obj *b);
Obj *call_kwdict(Obj *f, int n, Obj **args, Obj *kwdict);
Obj *call_method(Obj *o, const char *name, int n, Obj **args);
Obj *type_lookup(Type *t, Obj *name);
Obj *type_lookup_s(Type *t, const char *name);
Obj *generic_getattr(Obj *o, Obj *name);
void generic_setattr(Obj *o, Obj *name, Obj *v);
const char *type_name(Obj *o);
Obj *list_from_iter(Obj *it);
Obj *seq_tuple(Obj *o);
intptr_t index_of(Obj *o);          /* __index__-like: int or bool -> C int */
long as_long(Obj *o);
double as_double(Obj *o);
void object_init(void);
Obj *obj_default_repr(Obj *o);
extern int recursion_depth;
extern unsigned type_cache_version;   /* bump when any class dict changes */

/* ---- int.c ---- */
Obj *int_from_ll(long long v);
Obj *int_from_double(double d);
Obj *int_from_str(const char *s, int len, int base);   /* NULL on bad syntax */
int int_to_ll(Obj *o, long long *out);              /* 0 on overflow */
double int_to_double(Obj *o);
Obj *int_to_str(Obj *o, int base);
int int_cmp(Obj *a, Obj *b);
int int_sign(Obj *o);
Obj *int_binop(int op, Obj *a, Obj *b);
int is_int(Obj *o);                 /* int or bool */
Obj *int_norm(Obj *o);              /* bool -> small int */
intptr_t int_hash(Obj *o);
Obj *int_bit_length(Obj *o);
Obj *int_to_bytes(Obj *o, int len, int little, int sign);
Obj *int_from_bytes(const unsigned char *s, int len, int little, int sign);

/* ---- float.c ---- */
Obj *float_new(double v);
Obj *float_repr_d(double v);
void format_double(char *buf, size_t n, double v, char fmt, int prec);

/* ---- str.c ---- */
Obj *str_new(const char *s, int len);
Obj *str_c(const char *s);
Obj *str_intern(const char *s);
Obj *str_intern_obj(Obj *s);
Obj *str_fmt(const char *fmt, ...);
Obj *str_concat(Obj *a, Obj *b);
Obj *str_repr(Obj *s);
Obj *str_format_spec(Obj *v, Obj *spec);
Obj *str_percent(Obj *fmt, Obj *args);
Obj *str_format_method(Obj *fmt, int n, Obj **args, Obj *kw);
int str_eq(Obj *a, Obj *b);
#define STR(o) ((Str *)(o))
#define CSTR(o) (((Str *)(o))->s)
int utf8_decode(const unsigned char *s, int len, int *pos);
int utf8_encode(unsigned c, char *out);
Obj *bytes_new(const void *s, int len);
Obj *bytearray_new(const void *s, int len);
Obj *bytes_repr(const unsigned char *s, int len, const char *prefix);
void byte_view(Obj *o, const unsigned char **p, int *len);   /* bytes, bytearray, array (mod_struct.c) */

/* string builder */
typedef struct { char *s; int len, cap; } Buf;
void buf_init(Buf *b);
void buf_add(Buf *b, const char *s, int n);
void buf_adds(Buf *b, const char *s);
void buf_addc(Buf *b, char c);
void buf_addobj(Buf *b, Obj *str);
Obj *buf_to_str(Buf *b);
void buf_free(Buf *b);

/* ---- containers ---- */
Obj *list_new(int n);
void list_append(Obj *l, Obj *v);
Obj *list_pop(Obj *l, intptr_t i);
void list_sort(Obj *l, Obj *key, int reverse);
void list_extend(Obj *l, Obj *it);
Obj *tuple_new(int n);
Obj *tuple_pack(int n, ...);
Obj *dict_new(void);
Obj *dict_get(Obj *d, Obj *k);        /* NULL if missing */
Obj *dict_gets(Obj *d, const char *k);
void dict_set(Obj *d, Obj *k, Obj *v);
void dict_sets(Obj *d, const char *k, Obj *v);
int dict_del(Obj *d, Obj *k);         /* 0 if missing */
Obj *set_new(Type *t);
void set_add(Obj *s, Obj *k);
int set_has(Obj *s, Obj *k);
Obj *range_new(long start, long stop, long step);
Obj *slice_new(Obj *a, Obj *b, Obj *c);
void slice_indices(Obj *sl, intptr_t len, intptr_t *start, intptr_t *stop, intptr_t *step, intptr_t *count);
intptr_t norm_index(intptr_t i, intptr_t len, const char *what);
#define LIST(o) ((List *)(o))
/* the instance dict slot of an object whose type has TF_HASDICT */
#define INST_DICT(o) (*(Obj **)((char *)(o) + TYPE(o)->dict_offset))
#define TUPLE(o) ((Tuple *)(o))
#define DICT(o) ((Dict *)(o))

/* ---- functions, classes ---- */
Obj *native_new(const char *name, NativeFn fn);
Obj *method_new(Obj *self, Obj *f);
void add_method(Type *t, const char *name, NativeFn fn);
Type *type_new_user(Obj *name, Obj *bases, Obj *dict);
Type *make_exc_type(const char *name, Type *base);
void type_ready(Type *t);
Obj *kwarg(Obj *kw, const char *name);
void check_args(const char *fname, int n, int min, int max);
Obj *func_new(Code *code, Obj *globals);
Obj *instance_new(Type *t);

/* ---- vm.c ---- */
Obj *run_code(Code *code, Obj *globals, Obj *locals);
Obj *call_func(Func *f, int n, Obj **args, Obj *kwnames);
Obj *gen_send(Obj *gen, Obj *v, int *done);
Obj *gen_throw(Obj *gen, Obj *exc, int *done);
extern Frame *cur_frame;
extern Obj *builtins_dict;

/* ---- compile.c / parse / lex ---- */
Code *compile_source(const char *src, int len, Obj *filename, int mode);
enum { MODE_EXEC, MODE_EVAL };

/* ---- modules ---- */
Obj *module_new(Obj *name);
Obj *import_module(Obj *name, Obj *globals, Obj *fromlist, int level);
Obj *run_main_file(const char *path);
void builtins_init(void);
void modules_init(int argc, char **argv);
Obj *native_module(const char *name, void (*fill)(Obj *dict));
extern Obj *sys_modules, *sys_path, *sys_stdout, *sys_stderr, *sys_argv;
void print_obj_to(Obj *file, Obj *s);

/* ---- port layer (port_unix.c) ---- */
void port_write(int fd, const char *s, int n);
char *port_read_file(const char *path, int *len);   /* malloc'd, NULL on error */
void port_exit(int code);
double port_time(void);
double port_monotonic(void);
void port_sleep(double secs);
void *port_open(const char *path, const char *mode);
int port_fread(void *f, char *buf, int n);
int port_fwrite(void *f, const char *buf, int n);
void port_fclose(void *f);
int port_readline(char *buf, int n);
int port_is_dir(const char *path);
int port_exists(const char *path);
Obj *port_listdir(const char *path);
int port_remove(const char *path);
int port_rename(const char *a, const char *b);
int port_mkdir(const char *path);
int port_rmdir(const char *path);
Obj *port_getcwd(void);
const char *port_getenv(const char *name);
int port_errno_is_noent(void);
const char *port_strerror(void);
int port_errno(void);
void port_flush(void);
int port_strftime(char *buf, int n, const char *fmt, double t);
void port_localtime(double t, int out[8]);

#endif
