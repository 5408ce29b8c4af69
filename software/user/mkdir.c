/* mkdir: makes directories. */
#include <stdio.h>
#include <sys/stat.h>

int main(int argc, char **argv) {
    int status = 0;
    for (int i = 1; i < argc; i++)
        if (mkdir(argv[i], 0755) < 0) { fprintf(stderr, "mkdir: cannot make %s\n", argv[i]); status = 1; }
    return status;
}
