/* import.c - finding, compiling and running .py modules and packages */
#include "py.h"
#include <stdio.h>
#include <stdlib.h>

static Obj *exec_file(Obj *name, const char *path, Obj *pkgpath) {
    int len;
    char *src = port_read_file(path, &len);
    Obj *m, *d;
    Code *code;
    Obj *e;
    if (!src) py_raise_type(ImportError, "cannot read %s", path);
    m = module_new(name);
    d = ((Module *)m)->dict;
    dict_sets(d, "__file__", str_c(path));
    dict_sets(d, "__builtins__", builtins_dict);
    if (pkgpath) {
        dict_sets(d, "__path__", pkgpath);
        dict_sets(d, "__package__", name);
    } else {
        const char *dot = strrchr(CSTR(name), '.');
        dict_sets(d, "__package__", dot ? str_new(CSTR(name), (int)(dot - CSTR(name))) : str_c(""));
    }
    dict_set(sys_modules, name, m);
    {
        struct { char *src; int len; const char *path; Code *code; } ctx;
        (void)ctx;
    }
    {
        jmp_buf jb, *saved = cur_handler;
        cur_handler = &jb;
        if (setjmp(jb)) {
            cur_handler = saved;
            e = cur_exc;
            dict_del(sys_modules, name);
            free(src);
            py_raise(e);
        }
        code = compile_source(src, len, str_c(path), MODE_EXEC);
        cur_handler = saved;
    }
    free(src);
    {
        jmp_buf jb, *saved = cur_handler;
        cur_handler = &jb;
        if (setjmp(jb)) {
            cur_handler = saved;
            e = cur_exc;
            dict_del(sys_modules, name);
            py_raise(e);
        }
        run_code(code, d, NULL);
        cur_handler = saved;
    }
    return dict_get(sys_modules, name) ? dict_get(sys_modules, name) : m;
}

/* look for name (last component) in the given directories */
static Obj *find_and_load(Obj *fullname, const char *last, Obj *dirs) {
    int i;
    char path[4096];
    for (i = 0; dirs && i < LIST(dirs)->len; i++) {
        Obj *dir = LIST(dirs)->items[i];
        const char *ds;
        if (TYPE(dir) != &StrType) continue;
        ds = STR(dir)->len ? CSTR(dir) : ".";
        snprintf(path, sizeof path, "%s/%s/__init__.py", ds, last);
        if (port_exists(path)) {
            char pkgdir[4096];
            snprintf(pkgdir, sizeof pkgdir, "%s/%s", ds, last);
            {
                Obj *pp = list_new(0);
                list_append(pp, str_c(pkgdir));
                return exec_file(fullname, path, pp);
            }
        }
        snprintf(path, sizeof path, "%s/%s.py", ds, last);
        if (port_exists(path) && !port_is_dir(path)) return exec_file(fullname, path, NULL);
    }
    return NULL;
}

static Obj *import_one(Obj *fullname) {
    Obj *m = dict_get(sys_modules, fullname), *parent = NULL, *dirs;
    const char *s = CSTR(fullname), *dot = strrchr(s, '.');
    if (m) return m;
    if (dot) {
        Obj *pname = str_new(s, (int)(dot - s));
        parent = import_one(pname);
        m = dict_get(sys_modules, fullname);
        if (m) return m;
        dirs = TYPE(parent) == &ModuleType ? dict_gets(((Module *)parent)->dict, "__path__") : NULL;
        if (!dirs) py_raise(exc_new(ModuleNotFoundError, tuple_pack(1, str_fmt("No module named '%s'; '%s' is not a package", s, CSTR(pname)))));
        m = find_and_load(fullname, dot + 1, dirs);
    } else m = find_and_load(fullname, s, sys_path);
    if (!m) py_raise(exc_new(ModuleNotFoundError, tuple_pack(1, str_fmt("No module named '%s'", s))));
    if (parent) setattr(parent, str_intern(dot + 1), m);
    return m;
}

static Obj *resolve_name(Obj *name, Obj *globals, int level) {
    Obj *pkg;
    const char *p;
    int len, i;
    if (level == 0) return name;
    pkg = globals ? dict_gets(globals, "__package__") : NULL;
    if (!pkg || pkg == None) {
        Obj *mname = globals ? dict_gets(globals, "__name__") : NULL;
        if (!mname) py_raise_type(ImportError, "attempted relative import with no known parent package");
        if (globals && dict_gets(globals, "__path__")) pkg = mname;
        else {
            const char *dot = strrchr(CSTR(mname), '.');
            pkg = dot ? str_new(CSTR(mname), (int)(dot - CSTR(mname))) : str_c("");
        }
    }
    if (STR(pkg)->len == 0) py_raise_type(ImportError, "attempted relative import with no known parent package");
    p = CSTR(pkg);
    len = STR(pkg)->len;
    for (i = 1; i < level; i++) {
        while (len > 0 && p[len - 1] != '.') len--;
        if (len == 0) py_raise_type(ImportError, "attempted relative import beyond top-level package");
        len--;
    }
    if (STR(name)->len == 0) return str_new(p, len);
    return str_fmt("%.*s.%s", len, p, CSTR(name));
}

static Obj *fromlist_target;
static void sub_import_body(void *name) { import_one((Obj *)name); }

Obj *import_module(Obj *name, Obj *globals, Obj *fromlist, int level) {
    Obj *full = str_intern_obj(resolve_name(name, globals, level)), *m;
    m = import_one(full);
    if (fromlist && fromlist != None && truth(fromlist)) {
        /* from package import submodule */
        if (TYPE(m) == &ModuleType && dict_gets(((Module *)m)->dict, "__path__")) {
            Obj *it = get_iter(fromlist), *x;
            while ((x = iter_next(it)) != NULL) {
                if (TYPE(x) != &StrType || !strcmp(CSTR(x), "*")) continue;
                if (!dict_get(((Module *)m)->dict, x)) {
                    Obj *sub = str_fmt("%s.%s", CSTR(full), CSTR(x)), *e;
                    e = py_try(sub_import_body, sub);
                    if (e && !isinstance(e, ModuleNotFoundError)) py_raise(e);
                }
            }
        }
        return m;
    }
    if (level == 0 && strchr(CSTR(full), '.')) {
        const char *dot = strchr(CSTR(full), '.');
        return dict_get(sys_modules, str_new(CSTR(full), (int)(dot - CSTR(full))));
    }
    (void)fromlist_target;
    return m;
}

Obj *run_main_file(const char *path) {
    int len;
    char *src = port_read_file(path, &len);
    Obj *m, *d;
    Code *code;
    if (!src) {
        char msg[4200];
        snprintf(msg, sizeof msg, "python: can't open file '%s': [Errno 2] No such file or directory\n", path);
        port_write(2, msg, (int)strlen(msg));
        port_exit(2);
    }
    m = module_new(str_intern("__main__"));
    d = ((Module *)m)->dict;
    dict_sets(d, "__file__", str_c(path));
    dict_sets(d, "__builtins__", builtins_dict);
    dict_sets(d, "__package__", None);
    dict_sets(d, "__doc__", None);
    dict_set(sys_modules, str_intern("__main__"), m);
    code = compile_source(src, len, str_c(path), MODE_EXEC);
    free(src);
    return run_code(code, d, NULL);
}
