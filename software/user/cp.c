/* cp: copies one file. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv) {
    char buf[1024];
    int n;
    if (argc != 3) { fprintf(stderr, "usage: cp from to\n"); return 2; }
    int in = open(argv[1], O_RDONLY);
    int out = in < 0 ? -1 : open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0) { fprintf(stderr, "cp: cannot copy %s to %s\n", argv[1], argv[2]); return 1; }
    while ((n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, n) != n) { fprintf(stderr, "cp: write failed\n"); return 1; }
    return n < 0;
}
