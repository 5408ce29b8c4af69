/* memcpy/memset for the GCC-built csmith programs (GCC emits calls to them for big copies). */
typedef unsigned int size_t;

void *memcpy(void *dst, const void *src, size_t n) {
    char *d = dst;
    const char *s = src;
    while (n--) *d++ = *s++;
    return dst;
}

void *memset(void *dst, int c, size_t n) {
    char *d = dst;
    while (n--) *d++ = (char)c;
    return dst;
}
