/* usertests: self-checking tests of the kernel from user space. Prints
   "ok NAME" or "FAIL NAME: why" per test and exits with the failures. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <signal.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>

long __syscall(long n, long a0, long a1, long a2, long a3, long a4, long a5);

static int failures;
#define CHECK(name, cond) do { if (cond) printf("ok %s\n", name); \
    else { printf("FAIL %s: line %d\n", name, __LINE__); failures++; } } while (0)

/* Runs f in a child; its wait status (exit code << 8, or the signal). */
static int in_child(void (*f)(void)) {
    int status = -1, pid = fork();
    if (pid == 0) { f(); _exit(0); }
    waitpid(pid, &status, 0);
    return status;
}

static void read_kernel(void) { printf("%d\n", *(volatile int *)0x40000000); }
static void write_kernel(void) { *(volatile int *)0x40001000 = 1; }
static void write_null(void) { *(volatile int *)0 = 1; }
static void write_code(void) { *(volatile int *)(void *)in_child = 0; }
static void spin(void) { for (;;) {} }

static void test_processes(void) {
    int status, pid = fork();
    if (pid == 0) _exit(42);
    CHECK("fork-wait-exit", waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 42);
    CHECK("wait-no-children", wait(&status) == -1 && errno == ECHILD);
    static int shared = 1;
    pid = fork();
    if (pid == 0) { shared = 2; _exit(shared); }
    waitpid(pid, &status, 0);
    CHECK("separate-memory", shared == 1 && WEXITSTATUS(status) == 2);
    CHECK("getpid", getpid() > 1);
    pid = fork();
    if (pid == 0) spin();
    usleep(20000);                                  /* the child runs: preemption */
    CHECK("kill-spinning-child", kill(pid, 9) == 0 && waitpid(pid, &status, 0) == pid && status == 9);
}

static void test_protection(void) {
    CHECK("read-kernel-killed", in_child(read_kernel) == 11);
    CHECK("write-kernel-killed", in_child(write_kernel) == 11);
    CHECK("write-null-killed", in_child(write_null) == 11);
    CHECK("write-code-killed", in_child(write_code) == 11);
    char buf[16];
    CHECK("write-bad-pointer", write(1, (void *)0x40000000, 8) == -1 && errno == EFAULT);
    CHECK("read-into-kernel", read(0, (void *)0x40010000, 8) == -1 && errno == EFAULT);
    CHECK("write-bad-length", write(1, buf, 0x7ffffff0) == -1 && errno == EFAULT);
    CHECK("open-bad-path", open((char *)0x50000000u, O_RDONLY) == -1 && errno == EFAULT);
    char *bad_argv[] = { "echo", (char *)0x40000000, 0 };
    CHECK("exec-bad-argv", execve("/bin/echo", bad_argv, 0) == -1 && errno == EFAULT);
    CHECK("pipe-bad-pointer", pipe((int *)0x40000000) == -1 && errno == EFAULT);
    CHECK("bad-fd", read(99, buf, 1) == -1 && errno == EBADF);
    CHECK("exec-not-elf", execv("/etc/tests/tools.sh", bad_argv + 2) == -1 && errno == ENOEXEC);
    CHECK("unknown-syscall", __syscall(999, 0, 0, 0, 0, 0, 0) == -ENOSYS);
    CHECK("kill-init-refused", kill(1, 9) == -1 && errno == EPERM);
    char long_path[400];
    memset(long_path, 'a', sizeof long_path - 1);
    long_path[sizeof long_path - 1] = 0;
    CHECK("path-too-long", open(long_path, O_RDONLY) == -1 && errno == ENAMETOOLONG);
}

/* In a child, so that the parent's heap stays as malloc left it. */
static void exhaust_memory(void) {
    char *first = sbrk(0);
    int bad = 0;
    if (sbrk(8192) != first || (char *)sbrk(0) != first + 8192) bad |= 1;
    first[8191] = 7;
    long got = 0;
    while (sbrk(1 << 20) != (void *)-1) got++;      /* until memory runs out */
    if (got < 4 || errno != ENOMEM) bad |= 2;
    while (sbrk(4096) != (void *)-1) {}             /* fork shares pages: it needs only a few */
    if (fork() != -1) bad |= 4;
    _exit(bad);
}

/* n frames of about 1 KiB of stack each; returns n. */
static int deep(int n) {
    volatile char pad[1024];
    pad[n % 1024] = 1;
    return n ? deep(n - 1) + pad[n % 1024] : 0;
}
static void overflow(void) { deep(9000); }         /* past the 8 MiB stack */

static void read_into_new_stack(void) {            /* the kernel maps the page for read() */
    char buf[300000];
    int fds[2];
    _exit(pipe(fds) == 0 && write(fds[1], "s", 1) == 1 && read(fds[0], buf, 1) == 1 && buf[0] == 's');
}

/* fork shares pages copy-on-write: neither side sees the other's stores. */
static void test_copy_on_write(void) {
    static char big[256 * 1024];
    int fds[2], status;
    memset(big, 1, sizeof big);
    pipe(fds);
    int pid = fork();
    if (pid == 0) {
        char c;
        read(fds[0], &c, 1);                        /* after the parent's store */
        big[200000] = 5;
        _exit(big[0] + big[200000]);
    }
    big[0] = 2;
    write(fds[1], "x", 1);
    waitpid(pid, &status, 0);
    CHECK("copy-on-write", WEXITSTATUS(status) == 6 && big[0] == 2 && big[200000] == 1);
    close(fds[0]);
    close(fds[1]);
}

static void test_memory(void) {
    test_copy_on_write();
    CHECK("syscall-grows-stack", in_child(read_into_new_stack) == 0x100);
    CHECK("stack-grows-1.5mib", deep(1500) == 1500);
    CHECK("stack-overflow-killed", in_child(overflow) == 11);
    int status = in_child(exhaust_memory);
    CHECK("sbrk-grow", !(status & 0x100));
    CHECK("sbrk-runs-out", !(status & 0x200));
    CHECK("fork-without-memory", !(status & 0x400));
    int n = 0, pids[64];
    while (n < 64 && (pids[n] = fork()) > 0) n++;
    if (n < 64 && pids[n] == 0) { usleep(10000); _exit(0); }
    CHECK("fork-runs-out", n > 4 && n < 64 && pids[n] == -1);
    for (int i = 0; i < n; i++) waitpid(pids[i], 0, 0);
}

static void test_files(void) {
    char buf[64];
    struct stat st;
    mkdir("/home/t", 0755);
    CHECK("chdir-getcwd", chdir("/home/t") == 0 && getcwd(buf, sizeof buf) && !strcmp(buf, "/home/t"));
    int fd = open("f.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK("create-write", fd >= 0 && write(fd, "hello, disk", 11) == 11);
    CHECK("lseek-read", lseek(fd, 7, SEEK_SET) == 7 && read(fd, buf, 10) == 4 && !memcmp(buf, "disk", 4));
    CHECK("fstat", fstat(fd, &st) == 0 && st.st_size == 11 && S_ISREG(st.st_mode));
    close(fd);
    CHECK("rename", rename("f.txt", "g.txt") == 0 && open("f.txt", O_RDONLY) == -1 && errno == ENOENT);
    DIR *d = opendir(".");
    struct dirent *e;
    int seen = 0;
    while (d && (e = readdir(d))) seen += !strcmp(e->d_name, "g.txt");
    if (d) closedir(d);
    CHECK("readdir", seen == 1);
    CHECK("rmdir-not-empty", rmdir("/home/t") == -1 && errno == ENOTEMPTY);
    CHECK("unlink", unlink("g.txt") == 0 && stat("g.txt", &st) == -1);
    CHECK("rmdir", chdir("..") == 0 && rmdir("t") == 0 && stat("/home/t", &st) == -1);
    CHECK("open-missing", open("/no/such", O_RDONLY) == -1 && errno == ENOENT);
}

static void test_pipes_exec(void) {
    int fds[2], status;
    char buf[64];
    CHECK("pipe", pipe(fds) == 0);
    int pid = fork();
    if (pid == 0) {
        long sum = 0, n;
        close(fds[1]);
        while ((n = read(fds[0], buf, sizeof buf)) > 0)
            for (int i = 0; i < n; i++) sum += (unsigned char)buf[i];
        _exit(sum % 251);
    }
    close(fds[0]);
    long sum = 0;
    for (int i = 0; i < 5000; i++) {
        unsigned char c = (unsigned char)(i * 7);
        sum += c;
        write(fds[1], &c, 1);
    }
    close(fds[1]);
    CHECK("pipe-5000-bytes", waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == sum % 251);
    pipe(fds);
    if ((pid = fork()) == 0) {
        char *argv[] = { "echo", "hi", "there", 0 };
        dup2(fds[1], 1);
        execv("/bin/echo", argv);
        _exit(99);
    }
    close(fds[1]);
    int n = read(fds[0], buf, sizeof buf);
    CHECK("exec-echo", waitpid(pid, &status, 0) == pid && status == 0 && n == 9 && !memcmp(buf, "hi there\n", 9));
    close(fds[0]);
    CHECK("exec-missing", execv("/bin/nosuch", (char *[]){ "x", 0 }) == -1 && errno == ENOENT);
}

static void test_time(void) {
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    usleep(30000);
    clock_gettime(CLOCK_MONOTONIC, &b);
    long ns = (long)(b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec);
    CHECK("sleep-30ms", ns >= 30000000 && ns < 2000000000);
}

/* User programs link the compiler runtime: float, double and 64-bit helpers. */
static void test_runtime(void) {
    volatile float f = 1.5f, g = 2.25f;
    volatile double d = 0.1;
    volatile long long big = 3000000000LL;
    CHECK("float-arithmetic", f * g == 3.375f && (int)(f + g) == 3 && g / f > 1.4f);
    CHECK("double-int64", d * 3 > 0.3 && big / 7 == 428571428LL && (double)big == 3e9);
}

int main(int argc, char **argv) {
    if (argc > 1 && !strcmp(argv[1], "spin")) spin();     /* for the ^C test */
    if (argc > 1 && !strcmp(argv[1], "crash")) write_null(); /* the shell goes on */
    test_processes();
    test_protection();
    test_memory();
    test_files();
    test_pipes_exec();
    test_time();
    test_runtime();
    printf("usertests: %d failed\n", failures);
    return failures;
}
