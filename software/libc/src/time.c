/* time.h over clock_gettime (64-bit seconds on every 32-bit target). */
#include <time.h>
#include <errno.h>
#include <sys/syscall.h>

static long long start_usec;

int clock_gettime(int clock_id, struct timespec *ts) {
    /* Kernel layout: 64-bit seconds, then a 64-bit slot for nanoseconds. */
    long long raw[2];
    if (__syscall_ret(__syscall(SYS_clock_gettime64, clock_id, (long)raw, 0, 0, 0, 0)) < 0)
        return -1;
    ts->tv_sec = raw[0];
    ts->tv_nsec = (long)raw[1];
    return 0;
}

static long long now_usec(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
        return 0;
    return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

void __time_start(void) {
    start_usec = now_usec();
}

time_t time(time_t *t) {
    struct timespec ts;
    time_t now = clock_gettime(CLOCK_REALTIME, &ts) < 0 ? (time_t)-1 : ts.tv_sec;
    if (t)
        *t = now;
    return now;
}

clock_t clock(void) {
    return (clock_t)(now_usec() - start_usec);
}

int gettimeofday(struct timeval *tv, void *tz) {
    struct timespec ts;
    (void)tz;
    if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
        return -1;
    tv->tv_sec = ts.tv_sec;
    tv->tv_usec = ts.tv_nsec / 1000;
    return 0;
}

int nanosleep(const struct timespec *req, struct timespec *rem) {
    long long raw[2] = {req->tv_sec, req->tv_nsec};
    long long left[2] = {0, 0};
    long r = __syscall(SYS_clock_nanosleep_time64, CLOCK_MONOTONIC, 0, (long)raw, (long)left, 0, 0);
    if (r < 0) {
        /* clock_nanosleep returns the error number itself, not -1/errno. */
        errno = (int)-r;
        if (rem) {
            rem->tv_sec = left[0];
            rem->tv_nsec = (long)left[1];
        }
        return -1;
    }
    return 0;
}

unsigned sleep(unsigned seconds) {
    struct timespec ts = {seconds, 0}, rem = {0, 0};
    if (nanosleep(&ts, &rem) < 0)
        return (unsigned)rem.tv_sec;
    return 0;
}

int usleep(unsigned usec) {
    struct timespec ts = {usec / 1000000, (long)(usec % 1000000) * 1000};
    return nanosleep(&ts, 0);
}

double difftime(time_t end, time_t start) {
    return (double)(end - start);
}
