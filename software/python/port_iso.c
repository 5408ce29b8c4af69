/* port_iso.c - the part of the port layer that ISO C alone provides, shared by
 * every port (port_unix.c, port_stdc.c): console writes, environment, errno
 * and local time.
 */
#include "py.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <time.h>

void port_write(int fd, const char *s, int n) {
    FILE *f = fd == 2 ? stderr : stdout;
    if (fd == 2) fflush(stdout);
    fwrite(s, 1, n, f);
}

const char *port_getenv(const char *name) { return getenv(name); }
int port_errno_is_noent(void) { return errno == ENOENT; }
int port_errno(void) { return errno; }
const char *port_strerror(void) { return strerror(errno); }

/* strftime of the local time t (seconds since the epoch) */
int port_strftime(char *buf, int n, const char *fmt, double t) {
    time_t tt = (time_t)t;
    struct tm *tm = localtime(&tt);
    if (!tm) return 0;
    return (int)strftime(buf, (size_t)n, fmt, tm);
}

/* broken-down local time: year, month, day, hour, min, sec, weekday (Monday 0), yearday */
void port_localtime(double t, int out[8]) {
    time_t tt = (time_t)t;
    struct tm *tm = localtime(&tt);
    out[0] = tm->tm_year + 1900; out[1] = tm->tm_mon + 1; out[2] = tm->tm_mday;
    out[3] = tm->tm_hour; out[4] = tm->tm_min; out[5] = tm->tm_sec;
    out[6] = (tm->tm_wday + 6) % 7; out[7] = tm->tm_yday + 1;
}
