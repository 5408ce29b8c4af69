/* malloc/realloc/free stress: thousands of random operations on up to 200
   live blocks, each filled with a pattern derived from its id and checked
   before it is resized or freed. Prints "ok" and the final checks. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 200
static unsigned char *block[SLOTS];
static size_t size[SLOTS];
static unsigned tag[SLOTS];
static unsigned state = 12345;

static unsigned next(void)
{
    state = state * 1103515245u + 12345u;
    return state >> 8;
}

static void fill(int i)
{
    for (size_t k = 0; k < size[i]; k++)
        block[i][k] = (unsigned char)(tag[i] + k * 7);
}

static int check(int i, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (block[i][k] != (unsigned char)(tag[i] + k * 7))
            return 0;
    return 1;
}

int main(void)
{
    for (int step = 0; step < 20000; step++) {
        int i = (int)(next() % SLOTS);
        unsigned op = next() % 4;
        size_t n = next() % 4 == 0 ? next() % 20000 : next() % 200;
        if (block[i] && !check(i, size[i])) {
            printf("corrupted block %d at step %d\n", i, step);
            return 1;
        }
        if (op == 0 && block[i]) {
            free(block[i]);
            block[i] = NULL;
        } else if (op == 1 && block[i]) {
            unsigned char *p = realloc(block[i], n + 1);
            if (!p)
                return 2;
            block[i] = p;
            size_t keep = size[i] < n + 1 ? size[i] : n + 1;
            if (!check(i, keep)) {
                printf("realloc lost data in block %d\n", i);
                return 3;
            }
            size[i] = n + 1;
            fill(i);
        } else if (!block[i]) {
            block[i] = op == 2 ? calloc(n + 1, 1) : malloc(n + 1);
            if (!block[i])
                return 4;
            if (op == 2)
                for (size_t k = 0; k <= n; k++)
                    if (block[i][k])
                        return 5;
            if (((uintptr_t)block[i] & 7) != 0)
                return 6;
            size[i] = n + 1;
            tag[i] = next();
            fill(i);
        }
    }
    for (int i = 0; i < SLOTS; i++) {
        if (block[i] && !check(i, size[i]))
            return 7;
        free(block[i]);
    }
    /* After freeing everything, a big block must fit in the merged space. */
    void *big = malloc(1 << 20);
    errno = 0;
    void *huge = malloc((size_t)-16);
    int huge_errno = errno;
    void *overflow = calloc((size_t)1 << 20, (size_t)1 << 13);
    printf("ok %d %d %d %d\n", big != NULL, huge == NULL, huge_errno == ENOMEM, overflow == NULL);
    free(big);
    free(NULL);
    return 0;
}
