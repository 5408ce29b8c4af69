/* opendir/readdir: lists a directory it fills, sorted so that the order the
   file system returns does not matter. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    mkdir("listed", 0755);
    char name[64];
    for (int i = 0; i < 60; i++) {          /* more than one getdents64 buffer */
        snprintf(name, sizeof name, "listed/file_with_a_long_name_%02d.txt", i);
        fclose(fopen(name, "w"));
    }
    mkdir("listed/subdir", 0755);
    DIR *dir = opendir("listed");
    char *names[100];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dir)) && n < 100) {
        char line[300];
        snprintf(line, sizeof line, "%s %s", e->d_name,
                 e->d_type == DT_DIR ? "dir" : e->d_type == DT_REG ? "file" : "other");
        names[n++] = strdup(line);
    }
    closedir(dir);
    qsort(names, (size_t)n, sizeof names[0], by_name);
    for (int i = 0; i < n; i++)
        printf("%s\n", names[i]);
    printf("missing %p\n", (void *)opendir("no_such_directory"));
    for (int i = 0; i < 60; i++) {
        snprintf(name, sizeof name, "listed/file_with_a_long_name_%02d.txt", i);
        unlink(name);
    }
    rmdir("listed/subdir");
    printf("rmdir %d\n", rmdir("listed"));
    return 0;
}
