/* mv: renames a file or directory. */
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: mv from to\n"); return 2; }
    if (rename(argv[1], argv[2]) < 0) { fprintf(stderr, "mv: cannot move %s\n", argv[1]); return 1; }
    return 0;
}
