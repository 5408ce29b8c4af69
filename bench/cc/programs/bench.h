/* Shared output for the benchmark programs: print one unsigned result line. */
int sys_write(int fd, const void *buf, unsigned n);

static void print_result(unsigned v) {
    char line[] = "result = 00000000\n";
    for (int i = 0; i < 8; i++)
        line[9 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 15];
    sys_write(1, line, sizeof line - 1);
}
