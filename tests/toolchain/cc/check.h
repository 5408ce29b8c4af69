/* ASSERT for self-checking test programs: a failing check prints its line and exits 1. */
int sys_write(int fd, const void *buf, unsigned n);
void sys_exit(int code);

static void check_failed(int line) {
    char buf[32] = "FAIL line ";
    int n = 10, digits = 0;
    char tmp[12];
    do { tmp[digits++] = '0' + line % 10; line /= 10; } while (line);
    while (digits) buf[n++] = tmp[--digits];
    buf[n++] = '\n';
    sys_write(1, buf, n);
    sys_exit(1);
}

#define ASSERT(cond) do { if (!(cond)) check_failed(__LINE__); } while (0)
#define PASS() do { sys_write(1, "OK\n", 3); return 0; } while (0)
