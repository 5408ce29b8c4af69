/* port_stdc.c - the port layer on nothing but ISO C stdio/time, for
 * freestanding-ish targets (e.g. picolibc under semihosting): directory
 * calls report failure.  Build with PORT=stdc.
 */
#include "py.h"
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <time.h>

void port_flush(void) { fflush(stdout); fflush(stderr); }

char *port_read_file(const char *path, int *len) {
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    int n = 0, cap = 0;
    if (!f) return NULL;
    for (;;) {
        int r;
        if (n + 4096 + 1 > cap) {
            char *nb;
            cap = cap ? cap * 2 : 8192;
            nb = realloc(buf, cap);
            if (!nb) { free(buf); fclose(f); return NULL; }
            buf = nb;
        }
        r = (int)fread(buf + n, 1, 4096, f);
        if (r <= 0) break;
        n += r;
    }
    fclose(f);
    if (!buf) { buf = malloc(1); if (!buf) return NULL; }
    buf[n] = 0;
    *len = n;
    return buf;
}
void port_exit(int code) { fflush(stdout); fflush(stderr); exit(code); }
double port_time(void) { return (double)time(NULL); }
double port_monotonic(void) { return (double)clock() / CLOCKS_PER_SEC; }
void port_sleep(double secs) {
    clock_t end = clock() + (clock_t)(secs * CLOCKS_PER_SEC);
    while (clock() < end) {}
}
void *port_open(const char *path, const char *mode) { return fopen(path, mode); }
int port_fread(void *f, char *buf, int n) { return (int)fread(buf, 1, n, (FILE *)f); }
int port_fwrite(void *f, const char *buf, int n) { return (int)fwrite(buf, 1, n, (FILE *)f); }
void port_fclose(void *f) { fclose((FILE *)f); }
int port_readline(char *buf, int n) {
    fflush(stdout);
    if (!fgets(buf, n, stdin)) return -1;
    return (int)strlen(buf);
}
int port_is_dir(const char *path) { (void)path; return 0; }
int port_exists(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    fclose(f);
    return 1;
}
Obj *port_listdir(const char *path) { (void)path; errno = ENOENT; return NULL; }
int port_remove(const char *path) { return remove(path); }
int port_rename(const char *a, const char *b) { (void)a; (void)b; errno = ENOENT; return -1; }
int port_mkdir(const char *path) { (void)path; errno = ENOENT; return -1; }
int port_rmdir(const char *path) { (void)path; errno = ENOENT; return -1; }
Obj *port_getcwd(void) { return str_c("."); }
