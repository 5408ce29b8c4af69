/* wc: counts lines, words and bytes of files or stdin. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static void count(int fd, const char *name) {
    char buf[512];
    long lines = 0, words = 0, bytes = 0;
    int n, in_word = 0;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        for (int i = 0; i < n; i++) {
            int space = buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\t' || buf[i] == '\r';
            lines += buf[i] == '\n';
            words += !space && !in_word;
            in_word = !space;
        }
        bytes += n;
    }
    printf("%ld %ld %ld %s\n", lines, words, bytes, name);
}

int main(int argc, char **argv) {
    if (argc == 1) count(0, "");
    for (int i = 1; i < argc; i++) {
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0) { fprintf(stderr, "wc: cannot open %s\n", argv[i]); return 1; }
        count(fd, argv[i]);
        close(fd);
    }
    return 0;
}
