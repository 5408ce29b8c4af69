/* Program start and end: crt0 calls __libc_start with the initial stack;
   exit runs the atexit handlers, flushes stdio and leaves through _exit. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>

int main(int argc, char **argv, char **envp);
void __stdio_flush_all(void);
void __time_start(void);

char **environ;

#define ATEXIT_MAX 32
static void (*atexit_handlers[ATEXIT_MAX])(void);
static int atexit_count;

void __libc_start(long *sp) {
    int argc = (int)sp[0];
    char **argv = (char **)(sp + 1);
    environ = argv + argc + 1;
    __time_start();
    exit(main(argc, argv, environ));
}

int atexit(void (*fn)(void)) {
    if (atexit_count == ATEXIT_MAX)
        return -1;
    atexit_handlers[atexit_count++] = fn;
    return 0;
}

void exit(int status) {
    while (atexit_count > 0)
        atexit_handlers[--atexit_count]();
    __stdio_flush_all();
    _exit(status);
}

void _Exit(int status) {
    _exit(status);
}

void abort(void) {
    raise(SIGABRT);
    _exit(127);
}

void __assert_fail(const char *expr, const char *file, int line) {
    fprintf(stderr, "%s:%d: assertion failed: %s\n", file, line, expr);
    abort();
}

char *getenv(const char *name) {
    size_t n = strlen(name);
    for (char **e = environ; e && *e; e++)
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
            return *e + n + 1;
    return NULL;
}
