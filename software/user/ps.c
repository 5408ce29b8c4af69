/* ps: the process list, from our kernel's call 1000 (not in Linux). */
#include <stdio.h>
#include <unistd.h>

long __syscall(long n, long a0, long a1, long a2, long a3, long a4, long a5);

int main(void) {
    char buf[2048];
    long n = __syscall(1000, (long)buf, sizeof buf, 0, 0, 0, 0);
    if (n < 0) { fprintf(stderr, "ps: not supported\n"); return 1; }
    printf("PID PPID STATE NAME\n");
    fflush(stdout);
    write(1, buf, n);
    return 0;
}
