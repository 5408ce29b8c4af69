/* rm: removes files and empty directories. */
#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>

int main(int argc, char **argv) {
    int status = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        int dir = stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode);
        if ((dir ? rmdir(argv[i]) : unlink(argv[i])) < 0) {
            fprintf(stderr, "rm: cannot remove %s\n", argv[i]);
            status = 1;
        }
    }
    return status;
}
