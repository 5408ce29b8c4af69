/* ls: lists directories (type, size, name) or names files. */
#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>

static int list(const char *path) {
    struct stat st;
    char full[512];
    if (stat(path, &st) < 0) { fprintf(stderr, "ls: %s: not found\n", path); return 1; }
    if (!S_ISDIR(st.st_mode)) { printf("%8ld %s\n", (long)st.st_size, path); return 0; }
    DIR *d = opendir(path);
    if (!d) { fprintf(stderr, "ls: cannot open %s\n", path); return 1; }
    for (struct dirent *e; (e = readdir(d));) {
        snprintf(full, sizeof full, "%s/%s", path, e->d_name);
        if (stat(full, &st) < 0) continue;
        if (S_ISDIR(st.st_mode)) printf("     dir %s/\n", e->d_name);
        else printf("%8ld %s\n", (long)st.st_size, e->d_name);
    }
    closedir(d);
    return 0;
}

int main(int argc, char **argv) {
    int status = 0;
    if (argc == 1) return list(".");
    for (int i = 1; i < argc; i++) status |= list(argv[i]);
    return status;
}
