/* ed FILE: a line editor, a subset of POSIX ed. The buffer is an array
   of lines; commands come one per line from stdin:
     [addr[,addr]]cmd   addr is N, . (current), $ (last), or , for 1,$
     a i c     append after, insert before, change: text lines up to "."
     d p n =   delete, print, print numbered, print the line number
     s/re/new/[g]   replace (plain text, not a regular expression)
     w [FILE]  write (prints the bytes), q quit (twice if unsaved), Q quit
   Errors print "?" and make the exit status 1, as in GNU ed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char **lines;
static int count, cap, cur, dirty;
static char name[256];

static void insert(int at, const char *text) {       /* new line at index at (0-based) */
    if (count == cap) {
        cap = cap ? 2 * cap : 64;
        lines = realloc(lines, cap * sizeof *lines);
    }
    char *copy = strdup(text);
    if (!lines || !copy) { printf("ed: out of memory\n"); exit(1); }
    memmove(lines + at + 1, lines + at, (count - at) * sizeof *lines);
    lines[at] = copy;
    count++;
}

static void delete(int from, int to) {                /* 1-based, inclusive */
    for (int i = from; i <= to; i++) free(lines[i - 1]);
    memmove(lines + from - 1, lines + to, (count - to) * sizeof *lines);
    count -= to - from + 1;
}

/* Puts the lines of f after line `after`, up to its end (or a "." line
   when typed); the bytes read. */
static long read_lines(FILE *f, int after) {
    char buf[1024];
    long bytes = 0;
    while (fgets(buf, sizeof buf, f) && (f != stdin || strcmp(buf, ".\n") != 0)) {
        bytes += strlen(buf);
        buf[strcspn(buf, "\n")] = 0;
        insert(after++, buf);
        dirty = f == stdin;
    }
    cur = after;
    return bytes;
}

static void input(int after) { read_lines(stdin, after); }

static long save(const char *path) {
    FILE *f = fopen(path, "w");
    long bytes = 0;
    if (!f) return -1;
    for (int i = 0; i < count; i++) bytes += fprintf(f, "%s\n", lines[i]);
    return fclose(f) == 0 ? bytes : -1;
}

/* Replaces old by new in line n (once, or every time with g). */
static int substitute(int n, char *cmd) {
    char delim = cmd[0], *old = cmd + 1, *new, *end, out[2048];
    if (!delim || !(new = strchr(old, delim)) || !(end = strchr(new + 1, delim))) return -1;
    *new++ = 0;
    *end = 0;
    int global = end[1] == 'g', done = 0, len = 0;
    size_t lold = strlen(old), lnew = strlen(new);
    for (char *s = lines[n - 1]; *s;) {
        if (lold && strncmp(s, old, lold) == 0 && (global || !done) && len + lnew < sizeof out) {
            memcpy(out + len, new, lnew);
            len += lnew;
            s += lold;
            done = 1;
        } else if (len + 1 < (int)sizeof out) {
            out[len++] = *s++;
        } else return -1;
    }
    if (!done) return -1;
    out[len] = 0;
    char *copy = strdup(out);
    if (!copy) return -1;
    free(lines[n - 1]);
    lines[n - 1] = copy;
    dirty = 1;
    cur = n;
    return 0;
}

/* One address at *p: a number, '.', '$', or none (-1). */
static int address(char **p) {
    if (**p == '.') { (*p)++; return cur; }
    if (**p == '$') { (*p)++; return count; }
    if (**p < '0' || **p > '9') return -1;
    return (int)strtol(*p, p, 10);
}

/* Runs one command line; 0 to go on, 1 to quit, -1 for an error. */
static int command(char *p) {
    int from, to;
    p[strcspn(p, "\n")] = 0;
    if (*p == ',') { p++; from = 1; to = count; }
    else {
        from = to = address(&p);
        if (*p == ',') { p++; to = address(&p); }
    }
    char c = *p++;
    if (from < 0) from = to = c == '=' ? count : cur;   /* no address */
    if (to < 0 || from > to || to > count || (from < 1 && !strchr("aiwqQ", c)))
        return -1;
    switch (c) {
    case 'a': input(to); return 0;
    case 'i': input(from > 0 ? from - 1 : 0); return 0;   /* 0i is 1i */
    case 'c': delete(from, to); input(from - 1); return 0;
    case 'd': delete(from, to); cur = from <= count ? from : count; dirty = 1; return 0;
    case 'p': case 'n':
        for (int i = from; i <= to; i++)
            if (c == 'n') printf("%d\t%s\n", i, lines[i - 1]);
            else printf("%s\n", lines[i - 1]);
        cur = to;
        return 0;
    case '=': printf("%d\n", to); return 0;
    case 's': {
        int changed = 0;
        for (int i = from; i <= to; i++) {
            char copy[256];
            snprintf(copy, sizeof copy, "%s", p);
            changed += substitute(i, copy) == 0;
        }
        return changed ? 0 : -1;
    }
    case 'w': {
        while (*p == ' ') p++;
        if (*p) snprintf(name, sizeof name, "%s", p);
        long bytes = name[0] ? save(name) : -1;
        if (bytes < 0) return -1;
        printf("%ld\n", bytes);
        dirty = 0;
        return 0;
    }
    case 'q': if (dirty) { dirty = 0; return -1; } return 1;
    case 'Q': return 1;
    }
    return -1;
}

int main(int argc, char **argv) {
    char buf[300];
    int errors = 0;
    if (argc > 1) {
        snprintf(name, sizeof name, "%s", argv[1]);
        FILE *f = fopen(name, "r");
        if (!f) printf("%s: No such file or directory\n", name);
        else { printf("%ld\n", read_lines(f, 0)); fclose(f); }
    }
    while (fgets(buf, sizeof buf, stdin)) {
        int r = command(buf);
        if (r > 0) break;
        if (r < 0) { printf("?\n"); errors = 1; }
    }
    return errors;
}
