/* port_unix.c - every call the interpreter makes to the host OS beyond ISO C
 * (which port_iso.c covers). Porting to another OS means rewriting this file.
 */
#define _POSIX_C_SOURCE 200809L
#include "py.h"
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/time.h>


void port_flush(void) { fflush(stdout); fflush(stderr); }

char *port_read_file(const char *path, int *len) {
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f) return NULL;
    if (port_is_dir(path)) { fclose(f); errno = EISDIR; return NULL; }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc(n + 1);
    if (!buf) { fclose(f); return NULL; }
    n = (long)fread(buf, 1, n, f);
    buf[n] = 0;
    fclose(f);
    *len = (int)n;
    return buf;
}

void port_exit(int code) { fflush(stdout); fflush(stderr); exit(code); }

double port_time(void) {
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return tv.tv_sec + tv.tv_usec * 1e-6;
}

double port_monotonic(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

void port_sleep(double secs) {
    struct timespec ts;
    ts.tv_sec = (time_t)secs;
    ts.tv_nsec = (long)((secs - (double)ts.tv_sec) * 1e9);
    nanosleep(&ts, NULL);
}

void *port_open(const char *path, const char *mode) {
    if (port_is_dir(path)) { errno = EISDIR; return NULL; }
    return fopen(path, mode);
}
int port_fread(void *f, char *buf, int n) { return (int)fread(buf, 1, n, (FILE *)f); }
int port_fwrite(void *f, const char *buf, int n) { return (int)fwrite(buf, 1, n, (FILE *)f); }
void port_fclose(void *f) { fclose((FILE *)f); }

int port_readline(char *buf, int n) {
    fflush(stdout);
    if (!fgets(buf, n, stdin)) return -1;
    return (int)strlen(buf);
}

int port_is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}
int port_exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

Obj *port_listdir(const char *path) {
    DIR *d = opendir(path);
    struct dirent *e;
    Obj *l;
    if (!d) return NULL;
    l = list_new(0);
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        list_append(l, str_c(e->d_name));
    }
    closedir(d);
    return l;
}

int port_remove(const char *path) { return unlink(path); }
int port_rename(const char *a, const char *b) { return rename(a, b); }
int port_mkdir(const char *path) { return mkdir(path, 0777); }
int port_rmdir(const char *path) { return rmdir(path); }
Obj *port_getcwd(void) {
    char buf[4096];
    if (!getcwd(buf, sizeof buf)) return str_c(".");
    return str_c(buf);
}
