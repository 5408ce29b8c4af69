/* gc.c - mark-and-sweep garbage collector with a size-class allocator.
 *
 * Small objects live in 64 KB chunks, each chunk holding cells of one size
 * class; free cells (type == NULL) are chained on per-class free lists.
 * Big objects are malloc'd and recorded in a hash set of addresses.
 * Collection happens at VM safe points (gc_maybe_collect) or when the heap
 * limit is reached.  Roots are: registered global roots and static objects,
 * the live frames (reached through cur_frame) and, conservatively, every
 * word on the C stack (so C code that called back into the VM keeps its
 * temporaries alive).  A word counts as a pointer only if it is the start
 * of a live cell or of a big object.
 */
#include "py.h"
#include <stdlib.h>

size_t gc_allocated, gc_threshold = 8 << 20;
static size_t heap_limit = (size_t)1 << 30;   /* MemoryError above this */
static void *stack_base;
int gc_inhibit;

/* ---- chunks of small cells ---- */
#define CHUNK_BYTES (64 * 1024)
static const unsigned class_size[] = {32, 48, 64, 80, 96, 128, 160, 192, 256};
#define NCLASSES 9
#define SMALL_LIMIT 256

typedef struct { char *base; unsigned cell; int cls; } Chunk;
static Chunk *chunks;          /* sorted by base address */
static int nchunks, chunks_cap;
static Obj *free_list[NCLASSES];

/* free cells keep the next pointer right after the header */
#define NEXT_FREE(o) (*(Obj **)((char *)(o) + sizeof(Obj)))

static int size_class(size_t size) {
    int c;
    for (c = 0; c < NCLASSES; c++) if (size <= class_size[c]) return c;
    return -1;
}

static int new_chunk(int cls) {
    char *base = malloc(CHUNK_BYTES);
    unsigned cell = class_size[cls], n = CHUNK_BYTES / cell, i;
    int lo = 0, hi;
    if (!base) return 0;
    if (nchunks == chunks_cap) {
        chunks_cap = chunks_cap ? chunks_cap * 2 : 64;
        chunks = realloc(chunks, chunks_cap * sizeof(Chunk));
    }
    /* insert keeping the array sorted */
    hi = nchunks;
    while (lo < hi) { int mid = (lo + hi) / 2; if (chunks[mid].base < base) lo = mid + 1; else hi = mid; }
    memmove(chunks + lo + 1, chunks + lo, (nchunks - lo) * sizeof(Chunk));
    chunks[lo].base = base; chunks[lo].cell = cell; chunks[lo].cls = cls;
    nchunks++;
    for (i = 0; i < n; i++) {
        Obj *o = (Obj *)(base + (size_t)i * cell);
        o->type = NULL;
        NEXT_FREE(o) = free_list[cls];
        free_list[cls] = o;
    }
    return 1;
}

static Chunk *find_chunk(void *p) {
    int lo = 0, hi = nchunks - 1;
    char *c = (char *)p;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (c < chunks[mid].base) hi = mid - 1;
        else if (c >= chunks[mid].base + CHUNK_BYTES) lo = mid + 1;
        else return &chunks[mid];
    }
    return NULL;
}

/* ---- big objects: hash set of addresses ---- */
static Obj **bigs;             /* NULL = empty slot, TOMB = deleted */
static size_t bigs_cap, bigs_count, bigs_used;
#define TOMB ((Obj *)1)

static size_t addr_hash(void *p) { return (size_t)(((uintptr_t)p >> 4) * 2654435761u); }

static void big_insert(Obj *o) {
    size_t mask = bigs_cap - 1, i = addr_hash(o) & mask;
    while (bigs[i] != NULL && bigs[i] != TOMB) i = (i + 1) & mask;
    if (bigs[i] == NULL) bigs_used++;
    bigs[i] = o;
    bigs_count++;
}
static void big_rehash(void) {
    Obj **old = bigs;
    size_t oldcap = bigs_cap, i;
    bigs_cap = 1024;
    while (bigs_count * 3 >= bigs_cap) bigs_cap *= 2;
    bigs = calloc(bigs_cap, sizeof(Obj *));
    if (!bigs) { port_write(2, "fatal: out of memory\n", 21); port_exit(1); }
    bigs_count = bigs_used = 0;
    for (i = 0; i < oldcap; i++) if (old[i] && old[i] != TOMB) big_insert(old[i]);
    free(old);
}
static int big_contains(void *p) {
    size_t mask, i;
    if (!bigs_cap) return 0;
    mask = bigs_cap - 1;
    i = addr_hash(p) & mask;
    while (bigs[i] != NULL) {
        if (bigs[i] == p) return 1;
        i = (i + 1) & mask;
    }
    return 0;
}

/* is p the address of a live object? (for conservative roots) */
static int is_object(void *p) {
    Chunk *c;
    if (!p || ((uintptr_t)p & (sizeof(void *) - 1))) return 0;
    c = find_chunk(p);
    if (c) {
        size_t off = (size_t)((char *)p - c->base);
        return off % c->cell == 0 && off / c->cell < CHUNK_BYTES / c->cell && ((Obj *)p)->type != NULL;
    }
    return big_contains(p);
}

/* ---- roots ---- */
static Obj ***roots;
static int nroots, roots_cap;
static Obj **statics;          /* statically allocated objects (built-in types) */
static int nstatics, statics_cap;
static Obj **mark_stack;
static size_t mark_len, mark_cap;

static void out_of_memory(void) {
    static int raising;
    if (raising) { port_write(2, "fatal: out of memory\n", 21); port_exit(1); }
    raising = 1;
    {
        Obj *e = exc_new(MemoryError, NULL);
        raising = 0;
        py_raise(e);
    }
}

static void check_limit(size_t n) {
    if (gc_allocated + n > heap_limit) {
        gc_collect();
        if (gc_allocated + n > heap_limit) out_of_memory();
    }
}

void *gc_new(Type *t, size_t size) {
    Obj *o;
    int cls = size_class(size);
    if (cls >= 0) {
        size_t cell = class_size[cls];
        check_limit(cell);
        if (!free_list[cls] && !new_chunk(cls)) {
            gc_collect();
            if (!free_list[cls] && !new_chunk(cls)) out_of_memory();
        }
        o = free_list[cls];
        free_list[cls] = NEXT_FREE(o);
        memset(o, 0, cell);
        o->gcsize = (unsigned)cell;
    } else {
        check_limit(size);
        o = calloc(1, size);
        if (!o) { gc_collect(); o = calloc(1, size); if (!o) out_of_memory(); }
        if ((bigs_used + 1) * 3 >= bigs_cap * 2) big_rehash();
        big_insert(o);
        o->gcsize = (unsigned)size;
    }
    o->type = t;
    gc_allocated += o->gcsize;
    return o;
}

/* side buffers carry their size in a header so frees can be accounted */
#define HDR 8
void *gc_malloc(size_t n) {
    char *p;
    check_limit(n);
    p = malloc(n + HDR);
    if (!p) { gc_collect(); p = malloc(n + HDR); if (!p) out_of_memory(); }
    *(size_t *)p = n;
    gc_allocated += n;
    return p + HDR;
}

void *gc_realloc(void *p, size_t n) {
    char *q;
    size_t old;
    if (!p) return gc_malloc(n);
    q = (char *)p - HDR;
    old = *(size_t *)q;
    if (n > old) check_limit(n - old);
    q = realloc(q, n + HDR);
    if (!q) out_of_memory();
    *(size_t *)q = n;
    gc_allocated += n;
    gc_allocated -= old;
    return q + HDR;
}

void gc_free(void *p) {
    char *q;
    if (!p) return;
    q = (char *)p - HDR;
    gc_allocated -= *(size_t *)q;
    free(q);
}

void gc_add_static(Obj *o) {
    if (nstatics == statics_cap) {
        statics_cap = statics_cap ? statics_cap * 2 : 64;
        statics = realloc(statics, statics_cap * sizeof(Obj *));
    }
    statics[nstatics++] = o;
}

void gc_add_root(Obj **root) {
    if (nroots == roots_cap) {
        roots_cap = roots_cap ? roots_cap * 2 : 64;
        roots = realloc(roots, roots_cap * sizeof(Obj **));
    }
    roots[nroots++] = root;
}

/* marks carry the collection's epoch, so static objects need no reset */
static unsigned epoch = 1;

void gc_mark(Obj *o) {
    if (!o || IS_SMALL(o) || o->gcmark == epoch) return;
    o->gcmark = epoch;
    if (mark_len == mark_cap) {
        mark_cap = mark_cap ? mark_cap * 2 : 1024;
        mark_stack = realloc(mark_stack, mark_cap * sizeof(Obj *));
        if (!mark_stack) { port_write(2, "fatal: out of memory in gc\n", 27); port_exit(1); }
    }
    mark_stack[mark_len++] = o;
}

/* mark p only if it is a live object (for slots that may hold stale values) */
void gc_mark_maybe(void *p) {
    if (p && !IS_SMALL((Obj *)p) && is_object(p)) gc_mark((Obj *)p);
}

static void drain(void) {
    while (mark_len) {
        Obj *o = mark_stack[--mark_len];
        gc_mark((Obj *)o->type);
        if (o->type->mark) o->type->mark(o);
    }
}

/* scanning the C stack reads outside any one variable: exempt it from ASan */
#if defined(__SANITIZE_ADDRESS__)
#define NO_ASAN __attribute__((no_sanitize_address))
#else
#define NO_ASAN
#endif

NO_ASAN static void scan_range(void *lo, void *hi) {
    uintptr_t a = (uintptr_t)lo & ~(uintptr_t)(sizeof(void *) - 1);
    for (; a + sizeof(void *) <= (uintptr_t)hi; a += sizeof(void *)) gc_mark_maybe(*(void **)a);
}

static void scan_stack(void) {
    jmp_buf regs;     /* spills callee-saved registers onto the stack */
    volatile char here = 0;
    setjmp(regs);
    if ((void *)&here < stack_base) scan_range((void *)&here, stack_base);
    else scan_range(stack_base, (void *)&here);
    scan_range(&regs, (char *)&regs + sizeof regs);
}

/* Bytes of C stack in use below main's frame (the stack grows either way). */
size_t gc_stack_used(void) {
    volatile char here = 0;
    char *a = (char *)&here, *b = (char *)stack_base;
    return a < b ? (size_t)(b - a) : (size_t)(a - b);
}

static void release(Obj *o) {
    if (o->type->release) o->type->release(o);
    gc_allocated -= o->gcsize;
}

void gc_collect(void) {
    size_t i;
    int r, c;
    if (gc_inhibit) return;
    epoch++;
    if (epoch == 0) epoch = 2;
    type_cache_version++;   /* cached lookups may name objects about to be freed */
    for (r = 0; r < nroots; r++) gc_mark(*roots[r]);
    for (r = 0; r < nstatics; r++) gc_mark(statics[r]);
    gc_mark((Obj *)cur_frame);
    gc_mark(cur_exc);
    scan_stack();
    drain();
    /* sweep the chunks, rebuilding the free lists */
    for (c = 0; c < NCLASSES; c++) free_list[c] = NULL;
    for (c = 0; c < nchunks; c++) {
        Chunk *ch = &chunks[c];
        char *p = ch->base + (size_t)(CHUNK_BYTES / ch->cell - 1) * ch->cell;
        for (; p >= ch->base; p -= ch->cell) {
            Obj *o = (Obj *)p;
            if (o->type && o->gcmark != epoch) { release(o); o->type = NULL; }
            if (!o->type) { NEXT_FREE(o) = free_list[ch->cls]; free_list[ch->cls] = o; }
        }
    }
    /* sweep the big objects */
    for (i = 0; i < bigs_cap; i++) {
        Obj *o = bigs[i];
        if (!o || o == TOMB || o->gcmark == epoch) continue;
        release(o);
        free(o);
        bigs[i] = TOMB;
        bigs_count--;
    }
    if (bigs_used > bigs_count * 2 + 64) big_rehash();
    gc_threshold = gc_allocated * 2 + (8 << 20);
}

static int stress;     /* PYRT_GC_STRESS: collect at every safe point (debugging) */
void gc_maybe_collect(void) {
    if (gc_allocated > gc_threshold || stress) gc_collect();
}

void gc_init(void *base) {
    stack_base = base;
    big_rehash();
    stress = getenv("PYRT_GC_STRESS") != NULL;
}
void gc_set_limit(size_t bytes) { heap_limit = bytes; }
