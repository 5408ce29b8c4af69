#define N 8
static const char *names[] = {"alpha", "beta", "gamma"};
unsigned hash(const char *s) { unsigned h = 5381; while (*s) h = h * 33 + (unsigned char)*s++; return h; }
int count(const char *s, char c) { int n = 0; for (; *s; s++) if (*s == c) n++; return n; }
long total(void) {
    long t = 0;
    int table[N];
    for (int i = 0; i < N; i++) table[i] = i * i;
    for (int i = 0; i < 3; i++) t += hash(names[i]) % 1000 + count(names[i], 'a') + table[i + 2];
    switch ((int)(t & 3)) { case 0: t += 1; break; case 1: t -= 1; break; default: t *= 2; }
    return t;
}
