/* cat: copies files (or stdin) to stdout. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static int copy(int fd) {
    char buf[512];
    int n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        if (write(1, buf, n) != n) return 1;
    return n < 0;
}

int main(int argc, char **argv) {
    int status = 0;
    if (argc == 1) return copy(0);
    for (int i = 1; i < argc; i++) {
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0) { fprintf(stderr, "cat: cannot open %s\n", argv[i]); status = 1; continue; }
        status |= copy(fd);
        close(fd);
    }
    return status;
}
