/* The accelerator's driver (docs/accel.md, call 1001 in docs/syscalls.md).
   The accelerator's DMA sees physical memory, and a user buffer is neither
   contiguous nor trusted there, so every run goes through a bounce pool of
   physically contiguous kernel memory reserved at boot:
   1. copy in the command stream; check each command, and work out the
      bytes each LOAD/STORE touches (its 2-D strided extent);
   2. check those extents are user memory (writable for STORE), merge the
      overlapping ones into segments and copy each segment into the pool;
   3. rewrite every main-memory address to point into the pool, start the
      run, sleep until it ends (interrupt line 3, or the tick's poll);
   4. copy each STORE's extent back to the user. */
#include "kernel.h"

#define ACCEL ((volatile u32 *)0xF0002800u)
enum { CTRL, STATUS, PROG, IRQ_EN, IRQ_PENDING, CYCLES, BUSY_CYCLES, PC, CONFIG };
#define POOL_MAX (4u << 20)             /* less on small RAM: accel_reserve */
#define STREAM_MAX (32u << 10)          /* 1024 commands */
#define NCMD (STREAM_MAX / 32)
#define OP_END 0
#define OP_LOAD 1
#define OP_STORE 2
#define OP_MM 4
#define FLAG_INDEXED 0x100              /* LOAD/STORE: row r at index[r] * row stride */

struct extent { u32 lo, hi, cmd; };
static struct extent extents[NCMD];     /* one per LOAD/STORE, sorted by lo */
static struct extent segments[NCMD];    /* merged; cmd = its offset in the pool */
static u32 nextents, nsegments;
static u32 *pool;                       /* the stream first, then the segments */
static u32 pool_bytes;
static struct proc *owner;              /* runs are one at a time */
static char done_chan;

/* Places the pool at free_start: an eighth of RAM, at most 4 MiB, and at
   most half of what is left (a RAM disk may fill most of RAM). Returns
   where the page allocator's memory starts. */
u32 accel_reserve(u32 free_start) {
    pool = (u32 *)((free_start + PAGE - 1) & ~(PAGE - 1));
    pool_bytes = (ram_end - RAM_BASE) / 8;
    if (pool_bytes > (ram_end - (u32)pool) / 2) pool_bytes = (ram_end - (u32)pool) / 2;
    if (pool_bytes > POOL_MAX) pool_bytes = POOL_MAX;
    pool_bytes &= ~(PAGE - 1);
    return (u32)pool + pool_bytes;
}

/* The bytes [lo, hi) a LOAD/STORE touches (none: lo = hi = 0); -EINVAL if
   misaligned or outside the 32-bit space. An INDEXED one moves its rows to
   row numbers in [0, bound), so all of those count. */
static int extent_of(u32 *c, struct extent *e) {
    u32 rows = c[0] & FLAG_INDEXED ? c[0] >> 16 : c[5];
    e->lo = e->hi = 0;
    if (c[4] == 0 || c[5] == 0 || rows == 0) return 0;
    i64 main = c[2], elem = (i32)c[3], row = (i32)c[6];
    i64 a = elem * (i64)(c[4] - 1), b = row * (i64)(rows - 1);
    i64 lo = main + (a < 0 ? a : 0) + (b < 0 ? b : 0);
    i64 hi = main + (a > 0 ? a : 0) + (b > 0 ? b : 0) + 4;
    if ((c[2] | c[3] | c[6]) & 3 || lo < 0 || hi > 0xFFFFFFFFll) return -EINVAL;
    e->lo = (u32)lo;
    e->hi = (u32)hi;
    return 0;
}

/* Step 1 and 2: the extents of the stream's commands, checked and sorted. */
static int check_stream(u32 *s, u32 ncmd) {
    nextents = 0;
    for (u32 i = 0; i < ncmd; i++) {
        u32 *c = s + 8 * i, op = c[0] & 15;
        if (op == OP_END) return 0;
        if (op > OP_MM) return -EINVAL;
        struct extent e;
        if (op != OP_LOAD && op != OP_STORE) continue;
        if (extent_of(c, &e) < 0) return -EINVAL;
        if (e.hi == 0) continue;                    /* moves nothing */
        if (e.hi - e.lo > pool_bytes) return -E2BIG;
        if (!user_range_ok(e.lo, e.hi - e.lo, op == OP_STORE)) return -EFAULT;
        e.cmd = i;
        u32 k = nextents++;
        for (; k > 0 && extents[k - 1].lo > e.lo; k--) extents[k] = extents[k - 1];
        extents[k] = e;
    }
    return -EINVAL;                                 /* no END: it would run on */
}

/* Merges overlapping extents into segments placed one after the other in
   the pool, from byte `at`, and copies the user's bytes into them. */
static int fill_pool(u32 at) {
    nsegments = 0;
    for (u32 i = 0; i < nextents; i++) {
        struct extent *last = nsegments ? &segments[nsegments - 1] : 0;
        if (last && extents[i].lo < last->hi) {
            if (extents[i].hi > last->hi) last->hi = extents[i].hi;
            continue;
        }
        segments[nsegments++] = extents[i];
    }
    for (u32 i = 0; i < nsegments; i++) {
        struct extent *g = &segments[i];
        g->cmd = at;
        if (g->hi - g->lo > pool_bytes - at) return -E2BIG;
        if (copyin((u8 *)pool + at, g->lo, g->hi - g->lo) < 0) return -EFAULT;
        at += g->hi - g->lo;                        /* extents are whole words */
    }
    return 0;
}

/* The pool address of user address va (inside some segment). */
static u32 pool_address(u32 va) {
    u32 i = 0;
    while (!(segments[i].lo <= va && va < segments[i].hi)) i++;
    return (u32)pool + segments[i].cmd + (va - segments[i].lo);
}

/* On every tick: wakes the waiter once the accelerator is idle (in case
   the interrupt is not delivered). */
void accel_poll(void) {
    if (owner && !(ACCEL[STATUS] & 1)) wakeup(&done_chan);
}

/* Line 3: the run ended. Lowers the line, wakes the waiter. */
void accel_interrupt(void) {
    ACCEL[IRQ_PENDING] = 1;
    accel_poll();
}

static int run(u32 ustream, u32 nbytes, u32 *result) {
    if (nbytes == 0 || nbytes % 32 || nbytes > STREAM_MAX) return -EINVAL;
    if (copyin(pool, ustream, nbytes) < 0) return -EFAULT;
    int err = check_stream(pool, nbytes / 32);
    if (err == 0) err = fill_pool(nbytes);
    if (err < 0) return err;
    for (u32 i = 0; i < nextents; i++) {
        u32 *c = pool + 8 * extents[i].cmd;
        c[2] = pool_address(c[2]);
    }
    u32 start = ACCEL[CYCLES];
    ACCEL[IRQ_PENDING] = 1;
    ACCEL[PROG] = (u32)pool;
    ACCEL[IRQ_EN] = 1;
    irq_enable(3);
    ACCEL[CTRL] = 1;
    while (ACCEL[STATUS] & 1) sleep_on(&done_chan);  /* the run ends even if we are killed */
    ACCEL[IRQ_EN] = 0;
    ACCEL[IRQ_PENDING] = 1;
    result[0] = ACCEL[STATUS];
    result[1] = ACCEL[BUSY_CYCLES];
    result[2] = ACCEL[CYCLES] - start;
    result[3] = ACCEL[CONFIG];
    if (result[0] & 4) return -EIO;
    for (u32 i = 0; i < nextents; i++) {
        struct extent *e = &extents[i];
        if ((pool[8 * e->cmd] & 15) == OP_STORE)    /* checked writable above */
            copyout(e->lo, (u8 *)pool_address(e->lo), e->hi - e->lo);
    }
    return 0;
}

/* accel_run(stream, nbytes, u32 result[4]): status, busy cycles, cycles
   from start to end, CONFIG. 0, or -EIO when the accelerator reports an error. */
long sys_accel_run(u32 ustream, u32 nbytes, u32 uresult) {
    u32 result[4] = { 0, 0, 0, 0 };
    if (uresult && !user_range_ok(uresult, sizeof result, 1)) return -EFAULT;
    while (owner) {
        if (cur->killed) return -EINTR;
        sleep_on(&owner);
    }
    owner = cur;
    int err = run(ustream, nbytes, result);
    owner = 0;
    wakeup(&owner);
    if (uresult && (err == 0 || err == -EIO)) copyout(uresult, result, sizeof result);
    return err;
}
