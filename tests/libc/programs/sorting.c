/* qsort and bsearch on ints, strings and records; abs/div/rand ranges. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

struct Record { int key; char name[13]; };

static int by_record(const void *a, const void *b)
{
    const struct Record *x = a, *y = b;
    if (x->key != y->key)
        return (x->key > y->key) - (x->key < y->key);
    return strcmp(x->name, y->name);
}

static unsigned state = 7;
static unsigned next(void)
{
    state = state * 1664525u + 1013904223u;
    return state >> 4;
}

int main(void)
{
    static int v[5000];
    for (int n = 0; n < 60; n = n < 20 ? n + 1 : n * 2) {
        for (int i = 0; i < n; i++)
            v[i] = (int)(next() % 50) - 25;
        qsort(v, (size_t)n, sizeof v[0], by_int);
        for (int i = 0; i < n; i++)
            printf("%d ", v[i]);
        printf("\n");
    }
    for (int kind = 0; kind < 4; kind++) {      /* sorted, reversed, equal, random */
        int n = 5000;
        for (int i = 0; i < n; i++)
            v[i] = kind == 0 ? i : kind == 1 ? n - i : kind == 2 ? 3 : (int)next();
        qsort(v, (size_t)n, sizeof v[0], by_int);
        long sum = 0;
        int sorted = 1;
        for (int i = 0; i < n; i++) {
            sum += v[i] % 1000;
            if (i && v[i - 1] > v[i])
                sorted = 0;
        }
        printf("kind %d sorted %d sum %ld\n", kind, sorted, sum);
        int key = v[1234];
        int *hit = bsearch(&key, v, (size_t)n, sizeof v[0], by_int);
        int missing = -7;
        printf("found %d missing %p\n", hit && *hit == key,
               (void *)bsearch(&missing, v, (size_t)n, sizeof v[0], by_int));
    }
    const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "apple", "date", "kiwi"};
    qsort(words, 8, sizeof words[0], by_string);
    for (int i = 0; i < 8; i++)
        printf("%s ", words[i]);
    printf("\n");
    static struct Record recs[300];
    for (int i = 0; i < 300; i++) {
        recs[i].key = (int)(next() % 10);
        snprintf(recs[i].name, sizeof recs[i].name, "n%u", next() % 1000);
    }
    qsort(recs, 300, sizeof recs[0], by_record);
    for (int i = 0; i < 300; i += 23)
        printf("%d:%s ", recs[i].key, recs[i].name);
    printf("\n%d %ld %lld\n", abs(-5), labs(-7L), llabs(-9000000000LL));
    div_t d = div(-17, 5);
    ldiv_t ld = ldiv(17L, -5L);
    printf("%d %d %ld %ld\n", d.quot, d.rem, ld.quot, ld.rem);
    return 0;
}
