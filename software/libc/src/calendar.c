/* Seconds since 1970 to calendar dates and back, and strftime in the "C"
   locale. The proleptic Gregorian calendar repeats every 400 years
   (146097 days), which bounds the year search for any 64-bit time. */
#include <time.h>
#include <string.h>

#define DAYS_PER_400_YEARS 146097LL

static const char *const weekday_names[] = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
static const char *const month_names[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"};
static const int days_before_month[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

static int is_leap(long long year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_year(long long year) {
    return is_leap(year) ? 366 : 365;
}

static int days_in_month(long long year, int month) {
    if (month == 1 && is_leap(year))
        return 29;
    return (month == 11 ? 365 : days_before_month[month + 1]) - days_before_month[month];
}

static long long floor_div(long long a, long long b) {
    long long q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

struct tm *gmtime(const time_t *t) {
    static struct tm tm;
    long long days = floor_div(*t, 86400), secs = *t - days * 86400;
    long long cycles = floor_div(days, DAYS_PER_400_YEARS);
    long long year = 1970 + 400 * cycles;
    days -= cycles * DAYS_PER_400_YEARS;          /* 0 <= days < 146097 */
    tm.tm_wday = (int)((floor_div(*t, 86400) % 7 + 11) % 7);   /* 1970-01-01 was a Thursday */
    while (days >= days_in_year(year)) {
        days -= days_in_year(year);
        year++;
    }
    tm.tm_year = (int)(year - 1900);
    tm.tm_yday = (int)days;
    tm.tm_mon = 0;
    while (days >= days_in_month(year, tm.tm_mon)) {
        days -= days_in_month(year, tm.tm_mon);
        tm.tm_mon++;
    }
    tm.tm_mday = (int)days + 1;
    tm.tm_hour = (int)(secs / 3600);
    tm.tm_min = (int)(secs / 60 % 60);
    tm.tm_sec = (int)(secs % 60);
    tm.tm_isdst = 0;
    return &tm;
}

struct tm *localtime(const time_t *t) {
    return gmtime(t);
}

/* Days from 1970-01-01 to January 1 of year. */
static long long days_before_year(long long year) {
    long long y = year - 1;
    return 365 * (year - 1970) + (floor_div(y, 4) - floor_div(y, 100) + floor_div(y, 400)) - 477;
}

time_t mktime(struct tm *tm) {
    long long year = 1900LL + tm->tm_year + floor_div(tm->tm_mon, 12);
    int month = (int)(tm->tm_mon - 12 * floor_div(tm->tm_mon, 12));
    long long days = days_before_year(year) + days_before_month[month] +
                     (month > 1 && is_leap(year)) + tm->tm_mday - 1;
    time_t t = days * 86400 + tm->tm_hour * 3600LL + tm->tm_min * 60LL + tm->tm_sec;
    *tm = *gmtime(&t);
    return t;
}

typedef struct {
    char *out;
    size_t size, len;
} Output;

static void put(Output *o, const char *s) {
    for (; *s; s++) {
        if (o->len + 1 < o->size)
            o->out[o->len] = *s;
        o->len++;
    }
}

/* value in decimal, at least width digits padded with pad (0 = none) */
static void put_number(Output *o, long long value, int width, char pad) {
    char digits[24];
    int n = 0;
    unsigned long long v = value < 0 ? -(unsigned long long)value : (unsigned long long)value;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (pad && n < width)
        digits[n++] = pad;
    if (value < 0)
        digits[n++] = '-';
    char text[24];
    for (int i = 0; i < n; i++)
        text[i] = digits[n - 1 - i];
    text[n] = 0;
    put(o, text);
}

static void put_abbrev(Output *o, const char *name) {
    char three[4] = {name[0], name[1], name[2], 0};
    put(o, three);
}

static void format(Output *o, const char *f, const struct tm *tm) {
    for (; *f; f++) {
        if (*f != '%' || !f[1]) {
            char one[2] = {*f, 0};
            put(o, one);
            continue;
        }
        switch (*++f) {
        case 'a': put_abbrev(o, weekday_names[tm->tm_wday % 7]); break;
        case 'A': put(o, weekday_names[tm->tm_wday % 7]); break;
        case 'b': case 'h': put_abbrev(o, month_names[tm->tm_mon % 12]); break;
        case 'B': put(o, month_names[tm->tm_mon % 12]); break;
        case 'c': format(o, "%a %b %e %H:%M:%S %Y", tm); break;
        case 'd': put_number(o, tm->tm_mday, 2, '0'); break;
        case 'D': case 'x': format(o, "%m/%d/%y", tm); break;
        case 'e': put_number(o, tm->tm_mday, 2, ' '); break;
        case 'F': format(o, "%Y-%m-%d", tm); break;
        case 'H': put_number(o, tm->tm_hour, 2, '0'); break;
        case 'I': put_number(o, (tm->tm_hour + 11) % 12 + 1, 2, '0'); break;
        case 'j': put_number(o, tm->tm_yday + 1, 3, '0'); break;
        case 'm': put_number(o, tm->tm_mon + 1, 2, '0'); break;
        case 'M': put_number(o, tm->tm_min, 2, '0'); break;
        case 'n': put(o, "\n"); break;
        case 'p': put(o, tm->tm_hour < 12 ? "AM" : "PM"); break;
        case 'R': format(o, "%H:%M", tm); break;
        case 'S': put_number(o, tm->tm_sec, 2, '0'); break;
        case 't': put(o, "\t"); break;
        case 'T': case 'X': format(o, "%H:%M:%S", tm); break;
        case 'u': put_number(o, (tm->tm_wday + 6) % 7 + 1, 1, 0); break;
        case 'w': put_number(o, tm->tm_wday, 1, 0); break;
        case 'y': put_number(o, ((tm->tm_year + 1900LL) % 100 + 100) % 100, 2, '0'); break;
        case 'Y': put_number(o, tm->tm_year + 1900LL, 1, 0); break;
        case 'z': put(o, "+0000"); break;
        case 'Z': put(o, "UTC"); break;
        case '%': put(o, "%"); break;
        default: {
            char unknown[3] = {'%', *f, 0};
            put(o, unknown);
        }
        }
    }
}

/* Returns the length written, or 0 (as C requires) when it did not fit. */
size_t strftime(char *out, size_t size, const char *f, const struct tm *tm) {
    Output o = {out, size, 0};
    format(&o, f, tm);
    if (o.len >= size)
        return 0;
    out[o.len] = 0;
    return o.len;
}
