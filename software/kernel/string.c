/* The few string functions the kernel and the FAT driver use. */
#include "kernel.h"

/* The kernel links the faster memset and memcpy of memops.S (build.py
   defines MEMOPS_ASM); programs that borrow this file use these. */
#ifndef MEMOPS_ASM
void *memset(void *d, int c, size_t n) {
    u8 *p = d;
    if (((u32)p | n) % 4 == 0) {                    /* whole words: pages */
        u32 w = (u8)c * 0x01010101u;
        for (; n; n -= 4, p += 4) *(u32 *)p = w;
        return d;
    }
    while (n--) *p++ = (u8)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n) {
    u8 *p = d;
    const u8 *q = s;
    if (((u32)p | (u32)q | n) % 4 == 0) {           /* whole words: pages, sectors */
        for (; n; n -= 4, p += 4, q += 4) *(u32 *)p = *(const u32 *)q;
        return d;
    }
    while (n--) *p++ = *q++;
    return d;
}
#endif

int memcmp(const void *a, const void *b, size_t n) {
    const u8 *p = a, *q = b;
    for (; n; n--, p++, q++)
        if (*p != *q) return *p - *q;
    return 0;
}

size_t strlen(const char *s) {
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

int strncmp(const char *a, const char *b, size_t n) {
    for (; n; n--, a++, b++)
        if (*a != *b || !*a) return (u8)*a - (u8)*b;
    return 0;
}

int strcmp(const char *a, const char *b) { return strncmp(a, b, (size_t)-1); }

char *strcpy(char *d, const char *s) {
    char *r = d;
    while ((*d++ = *s++)) {}
    return r;
}
