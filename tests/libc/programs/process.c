/* Process-level pieces: arguments, environment, atexit order, errno text,
   time, and the exit status. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void first(void) { printf("atexit first registered, runs last\n"); }
static void second(void) { printf("atexit second registered, runs first\n"); }

int main(int argc, char **argv)
{
    printf("argc %d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d] %s\n", i, argv[i]);
    printf("LIBC_TEST_VAR %s\n", getenv("LIBC_TEST_VAR") ? getenv("LIBC_TEST_VAR") : "(unset)");
    printf("NOT_SET %p\n", (void *)getenv("LIBC_TEST_NOT_SET"));
    for (int e = 0; e <= 40; e++)
        if (e == EPERM || e == ENOENT || e == EBADF || e == ENOMEM || e == EEXIST ||
            e == EINVAL || e == ERANGE || e == EDOM || e == ENOSYS || e == ENOTEMPTY)
            printf("%d %s\n", e, strerror(e));
    errno = ENOENT;
    perror("perror says");
    time_t now = time(NULL);
    printf("time %lld\n", (long long)now);
    clock_t c = clock();
    printf("clock sane %d\n", c >= 0 && c < 100 * CLOCKS_PER_SEC);
    printf("pid positive %d\n", getpid() > 0);
    atexit(first);
    atexit(second);
    printf("buffered text is flushed at exit");
    exit(argc + 4);
}
