#ifndef _TIME_H
#define _TIME_H
#include <sys/types.h>
/* clock() counts microseconds of wall time since the program started. */
#define CLOCKS_PER_SEC 1000000L
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
struct timespec {
    time_t tv_sec;
    long tv_nsec;
};
struct timeval {
    time_t tv_sec;
    suseconds_t tv_usec;
};
time_t time(time_t *t);
clock_t clock(void);
int clock_gettime(int clock_id, struct timespec *ts);
int gettimeofday(struct timeval *tv, void *tz);
int nanosleep(const struct timespec *req, struct timespec *rem);
double difftime(time_t end, time_t start);

/* Broken-down time. There are no time zones: local time is UTC. */
struct tm {
    int tm_sec, tm_min, tm_hour;
    int tm_mday, tm_mon, tm_year;   /* month 0-11, years since 1900 */
    int tm_wday, tm_yday, tm_isdst; /* Sunday = 0, January 1 = 0 */
};
struct tm *gmtime(const time_t *t);
struct tm *localtime(const time_t *t);
time_t mktime(struct tm *tm);
size_t strftime(char *out, size_t size, const char *format, const struct tm *tm);
#endif
