/* malloc over sbrk: one free list, kept in address order so that free can
   merge a block with its neighbours; first fit; 8-byte alignment.
   Every block starts with a header. A free block's header links to the next
   free block; an allocated block's header holds a check word instead, so
   that free() and realloc() refuse pointers malloc never returned and blocks
   freed twice (they print a message and abort). */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <stdio.h>
#include <errno.h>
#include <unistd.h>

typedef struct Header Header;
struct Header {
    size_t units;       /* block size in headers (8 bytes), header included */
    Header *next;       /* free: next free block; allocated: check word */
};

#define UNIT sizeof(Header)
#define GROW_UNITS 512  /* ask sbrk for at least 4 KiB at a time */

static Header base;     /* zero-size block that anchors the circular list */
static Header *free_list;

static Header *check_word(Header *h) {
    return (Header *)((uintptr_t)h ^ 0xA110CA7Eu);
}

static void corrupt(const char *what, void *p) {
    fprintf(stderr, "malloc: %s %p\n", what, p);
    abort();
}

/* Insert block h into the free list, merging it with adjacent free blocks. */
static void insert_free(Header *h) {
    Header *p = free_list;
    while (!(h > p && h < p->next)) {
        if (p >= p->next && (h > p || h < p->next))
            break;      /* h goes at the end or start of the arena */
        if (h == p || h == p->next)
            corrupt("double free of", h + 1);
        p = p->next;
    }
    if (h + h->units == p->next) {
        h->units += p->next->units;
        h->next = p->next->next;
    } else {
        h->next = p->next;
    }
    if (p + p->units == h) {
        p->units += h->units;
        p->next = h->next;
    } else {
        p->next = h;
    }
    free_list = p;
}

static int grow(size_t units) {
    if (units < GROW_UNITS)
        units = GROW_UNITS;
    if (units > 0x7fffffff / UNIT)
        return 0;
    char *mem = sbrk((int)(units * UNIT));
    if (mem == (char *)-1)
        return 0;
    Header *h = (Header *)mem;
    h->units = units;
    insert_free(h);
    return 1;
}

void *malloc(size_t n) {
    if (n > 0x7fffffff - 2 * UNIT) {
        errno = ENOMEM;
        return NULL;
    }
    size_t units = (n + UNIT - 1) / UNIT + 1;
    if (!free_list) {
        base.next = free_list = &base;
        base.units = 0;
    }
    for (int tries = 0; tries < 2; tries++) {
        Header *prev = free_list;
        for (Header *h = prev->next;; prev = h, h = h->next) {
            if (h->units >= units) {
                if (h->units == units) {
                    prev->next = h->next;
                } else {            /* hand out the tail end of the block */
                    h->units -= units;
                    h += h->units;
                    h->units = units;
                }
                free_list = prev;
                h->next = check_word(h);
                return h + 1;
            }
            if (h == free_list)
                break;
        }
        if (!grow(units))
            break;
    }
    errno = ENOMEM;
    return NULL;
}

static Header *header_of(void *p, const char *who) {
    Header *h = (Header *)p - 1;
    if (((uintptr_t)p & (UNIT - 1)) || h->next != check_word(h))
        corrupt(who, p);
    return h;
}

void free(void *p) {
    if (!p)
        return;
    Header *h = header_of(p, "free of a bad or freed pointer");
    h->next = NULL;
    insert_free(h);
}

void *calloc(size_t count, size_t size) {
    if (size && count > (size_t)-1 / size) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = malloc(count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

void *realloc(void *p, size_t n) {
    if (!p)
        return malloc(n);
    if (n == 0) {
        free(p);
        return NULL;
    }
    Header *h = header_of(p, "realloc of a bad or freed pointer");
    size_t have = (h->units - 1) * UNIT;
    if (n <= have)
        return p;
    void *q = malloc(n);
    if (q) {
        memcpy(q, p, have);
        free(p);
    }
    return q;
}
