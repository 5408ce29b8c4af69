/* main.c - command line: python [-c code | file] [args...] */
#include "py.h"
#include <stdio.h>
#include <stdlib.h>

void int_init(void); void float_init(void); void str_init(void); void list_init(void);
void dict_init(void); void types_init(void); void iter_init(void); void bytes_init(void);
void vm_init(void); void sys_init(int argc, char **argv); void math_init(void); void accel_init(void);
void buffer_init(void);

static Type *all_types[] = {&ObjectType, &TypeType, &IntType, &BoolType, &FloatType, &StrType, &BytesType,
    &ByteArrayType, &ListType, &TupleType, &DictType, &SetType, &FrozenSetType, &RangeType, &SliceType,
    &NoneType, &NotImplType, &EllipsisType, &CellType, &MethodType, &NativeType, &FuncType, &CodeType,
    &FrameType, &GenType, &ModuleType, &PropertyType, &StaticMethodType, &ClassMethodType, &SuperType,
    &IterType, &ListIterType, &TupleIterType, &RangeIterType, &StrIterType, &DictKeysType, &DictValuesType,
    &DictItemsType, &DictIterType, &SeqIterType, &EnumerateType, &ZipType, &MapType, &FilterType,
    &ReversedType, &CallIterType, NULL};

static int exit_code_for(Obj *exc) {
    if (isinstance(exc, SystemExit)) {
        Obj *args = ((Exc *)exc)->args, *code = TUPLE(args)->len ? TUPLE(args)->items[0] : None;
        if (code == None) return 0;
        if (is_int(code)) return (int)as_long(code);
        {
            Obj *s = to_str(code);
            port_write(2, CSTR(s), STR(s)->len);
            port_write(2, "\n", 1);
        }
        return 1;
    }
    print_exception(exc);
    return 1;
}

/* appends each directory of a colon-separated list */
static void add_path_list(const char *dirs) {
    while (*dirs) {
        const char *end = strchr(dirs, ':');
        int n = end ? (int)(end - dirs) : (int)strlen(dirs);
        if (n) list_append(sys_path, str_new(dirs, n));
        dirs += end ? n + 1 : n;
    }
}

/* The pure-Python library ships next to the binary: <exe dir>/../lib, or
 * $PYRT_PATH; a build for a system with a fixed layout also names its
 * directories (-DPYRT_LIB="/lib/python:/" on our OS, see os_build.py). */
static void add_lib_path(const char *exe) {
    const char *env = getenv("PYRT_PATH"), *slash = strrchr(exe, '/');
    if (env) add_path_list(env);
    if (slash) list_append(sys_path, str_fmt("%.*s/../lib", (int)(slash - exe), exe));
#ifdef PYRT_LIB
    add_path_list(PYRT_LIB);
#endif
}

static void path_prepend(Obj *dir) {
    List *l = LIST(sys_path);
    list_append(sys_path, dir);
    memmove(l->items + 1, l->items, (l->len - 1) * sizeof(Obj *));
    l->items[0] = dir;
}

static int argc_g;
static char **argv_g;

static void run_body(void *unused) {
    int i = 1;
    (void)unused;
    if (argc_g > 2 && !strcmp(argv_g[1], "-c")) {
        Obj *m = module_new(str_intern("__main__")), *d = ((Module *)m)->dict;
        Code *code;
        dict_sets(d, "__builtins__", builtins_dict);
        dict_set(sys_modules, str_intern("__main__"), m);
        path_prepend(str_c(""));
        code = compile_source(argv_g[2], (int)strlen(argv_g[2]), str_c("<string>"), MODE_EXEC);
        run_code(code, d, NULL);
        return;
    }
    if (argc_g < 2) {
        port_write(2, "usage: python [-c code | file] [arg ...]\n", 41);
        port_exit(2);
    }
    {
        const char *path = argv_g[i], *slash = strrchr(path, '/');
        Obj *dir = slash ? str_new(path, (int)(slash - path)) : str_c("");
        /* like CPython, sys.path[0] is the script's directory, made absolute */
        if (path[0] != '/') dir = STR(dir)->len ? str_fmt("%s/%s", CSTR(port_getcwd()), CSTR(dir)) : port_getcwd();
        path_prepend(dir);
        run_main_file(path);
    }
}

int main(int argc, char **argv) {
    int i;
    Obj *exc;
    volatile int stack_marker = 0;
    const char *heap = getenv("PYRT_HEAP_MB");
    gc_init((void *)&stack_marker);
    if (heap) gc_set_limit((size_t)atol(heap) << 20);
    gc_inhibit++;
    str_init();
    types_init();
    for (i = 0; all_types[i]; i++) type_ready(all_types[i]);
    int_init(); float_init(); list_init(); dict_init(); iter_init(); bytes_init(); vm_init();
    exc_init();
    builtins_init();
    sys_init(argc > 2 && !strcmp(argv[1], "-c") ? argc - 2 : argc - 1, argc > 2 && !strcmp(argv[1], "-c") ? argv + 2 : argv + 1);
    if (argc > 2 && !strcmp(argv[1], "-c")) LIST(sys_argv)->items[0] = str_c("-c");
    math_init();
    accel_init();
    buffer_init();
    for (i = 0; all_types[i]; i++) type_ready(all_types[i]);
    gc_inhibit--;
    argc_g = argc; argv_g = argv;
    add_lib_path(argv[0]);
    exc = py_try(run_body, NULL);
    port_flush();
    if (exc) port_exit(exit_code_for(exc));
    port_exit(0);
    return 0;
}
