/* The small stdlib functions: sorting, searching, arithmetic, rand. */
#include <stdlib.h>
#include <string.h>

static void swap_bytes(char *a, char *b, size_t size) {
    while (size--) {
        char t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

/* Quicksort with median-of-three pivots, insertion sort for short runs,
   and recursion on the smaller half only (stack depth O(log n)). */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *)) {
    char *a = base;
    while (n > 8) {
        char *lo = a, *mid = a + (n / 2) * size, *hi = a + (n - 1) * size;
        if (cmp(mid, lo) < 0) swap_bytes(mid, lo, size);
        if (cmp(hi, mid) < 0) swap_bytes(hi, mid, size);
        if (cmp(mid, lo) < 0) swap_bytes(mid, lo, size);
        swap_bytes(mid, a, size);           /* pivot to the front */
        size_t i = 1, j = n - 1;
        for (;;) {
            while (i <= j && cmp(a + i * size, a) < 0)
                i++;
            while (j >= i && cmp(a + j * size, a) > 0)
                j--;
            if (i >= j)
                break;
            swap_bytes(a + i * size, a + j * size, size);
            i++;
            j--;
        }
        swap_bytes(a, a + j * size, size);  /* pivot to its place, j */
        size_t left = j, right = n - j - 1;
        if (left < right) {
            qsort(a, left, size, cmp);
            a += (j + 1) * size;
            n = right;
        } else {
            qsort(a + (j + 1) * size, right, size, cmp);
            n = left;
        }
    }
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && cmp(a + (k - 1) * size, a + k * size) > 0; k--)
            swap_bytes(a + (k - 1) * size, a + k * size, size);
}

void *bsearch(const void *key, const void *base, size_t n, size_t size,
              int (*cmp)(const void *, const void *))
{
    const char *a = base;
    while (n > 0) {
        const char *mid = a + (n / 2) * size;
        int c = cmp(key, mid);
        if (c == 0)
            return (void *)mid;
        if (c > 0) {
            a = mid + size;
            n -= n / 2 + 1;
        } else {
            n /= 2;
        }
    }
    return NULL;
}

int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }
long long llabs(long long x) { return x < 0 ? -x : x; }

div_t div(int a, int b) {
    div_t r;
    r.quot = a / b;
    r.rem = a % b;
    return r;
}

ldiv_t ldiv(long a, long b) {
    ldiv_t r;
    r.quot = a / b;
    r.rem = a % b;
    return r;
}

/* A 64-bit linear congruential generator (Knuth's MMIX constants); the
   top 31 bits are the result. */
static unsigned long long rand_state = 1;

void srand(unsigned seed) {
    rand_state = seed;
}

int rand(void) {
    rand_state = rand_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (int)(rand_state >> 33);
}
