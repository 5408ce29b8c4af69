/* string.h and ctype.h: prints results that glibc must reproduce. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int sign(int v) { return v < 0 ? -1 : v > 0; }

static const char *const words[] = {
    "", "a", "abc", "abd", "ab", "ABC", "hello world", "h\xe9llo", "\xff", "aaaa", "aab",
    "  spaced  ", "x,y;;z", "needle in a haystack", "haystack",
};
#define NWORDS (int)(sizeof words / sizeof words[0])

int main(void)
{
    for (int c = -1; c < 256; c++)
        printf("%d:%d%d%d%d%d%d%d%d%d%d%d%d %d %d\n", c, !!isalnum(c), !!isalpha(c),
               !!isblank(c), !!iscntrl(c), !!isdigit(c), !!isgraph(c), !!islower(c),
               !!isprint(c), !!ispunct(c), !!isspace(c), !!isupper(c), !!isxdigit(c),
               tolower(c), toupper(c));
    for (int i = 0; i < NWORDS; i++) {
        const char *a = words[i];
        printf("len %zu %zu\n", strlen(a), strnlen(a, 3));
        for (int j = 0; j < NWORDS; j++) {
            const char *b = words[j];
            char *found = strstr(a, b);
            printf("%d %d %d %d %d %d %ld %zu %zu\n", sign(strcmp(a, b)), sign(strncmp(a, b, 2)),
                   sign(memcmp(a, b, strlen(a) < strlen(b) ? strlen(a) : strlen(b))),
                   sign(strcasecmp(a, b)), sign(strncasecmp(a, b, 3)), sign(strcoll(a, b)),
                   found ? (long)(found - a) : -1L, strspn(a, b), strcspn(a, b));
        }
        for (int c = 0; c < 256; c += 17) {
            char *p = strchr(a, c), *q = strrchr(a, c), *m = memchr(a, c, strlen(a));
            char *k = strpbrk(a, "lo ,");
            printf("%ld %ld %ld %ld\n", p ? (long)(p - a) : -1L, q ? (long)(q - a) : -1L,
                   m ? (long)(m - a) : -1L, k ? (long)(k - a) : -1L);
        }
    }
    char buf[64], buf2[64];
    memset(buf, 'x', sizeof buf);
    strcpy(buf, "abc");
    strcat(buf, "def");
    strncat(buf, "ghijkl", 3);
    printf("%s\n", buf);
    strncpy(buf2, "hi", 6);
    printf("%d %d %d %d\n", buf2[0], buf2[2], buf2[5], (unsigned char)buf[20]);
    for (int shift = 0; shift < 8; shift++) {      /* overlapping moves, both ways */
        char m[40];
        for (int i = 0; i < 40; i++)
            m[i] = (char)('a' + i % 26);
        memmove(m + shift, m + 3, 20);
        memmove(m + 10, m + 10 + shift, 15);
        printf("%.40s\n", m);
    }
    char line[] = "  one, two,,three;four ";
    for (char *t = strtok(line, " ,;"); t; t = strtok(NULL, " ,;"))
        printf("[%s]", t);
    char *d = strdup("duplicate"), *n = strndup("duplicate", 3);
    printf("\n%s %s\n", d, n);
    free(d);
    free(n);
    unsigned char aligned[64];
    for (int off = 0; off < 5; off++) {
        memset(aligned, 0, sizeof aligned);
        memset(aligned + off, 0xab, 13 + off);
        memcpy(aligned + 32 + off, aligned + off, 17);
        int sum = 0;
        for (int i = 0; i < 64; i++)
            sum = sum * 31 + aligned[i];
        printf("%d\n", sum);
    }
    return 0;
}
