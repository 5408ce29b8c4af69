/* Strings: length, copy, compare, reverse and hash of generated words. */
#include "bench.h"

static unsigned length(const char *s) { const char *p = s; while (*p) p++; return p - s; }
static void copy(char *d, const char *s) { while ((*d++ = *s++)) {} }
static int compare(const char *a, const char *b) {
    while (*a && *a == *b) a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}
static void reverse(char *s) {
    char *e = s + length(s) - 1;
    while (s < e) { char t = *s; *s++ = *e; *e-- = t; }
}
static unsigned hash(const char *s) { unsigned h = 5381; while (*s) h = h * 33 + (unsigned char)*s++; return h; }

int main(void) {
    char words[64][24], tmp[24];
    unsigned seed = 7, total = 0;
    for (int w = 0; w < 64; w++) {
        int n = 5 + w % 15;
        for (int i = 0; i < n; i++) { seed = seed * 1664525u + 1013904223u; words[w][i] = 'a' + (seed >> 24) % 26; }
        words[w][n] = 0;
    }
    for (int round = 0; round < 8; round++)
        for (int w = 0; w < 64; w++) {
            copy(tmp, words[w]);
            reverse(tmp);
            total += hash(tmp) + length(tmp) + (compare(tmp, words[(w + 1) & 63]) > 0);
        }
    print_result(total);
    return 0;
}
