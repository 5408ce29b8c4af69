/* The system call table: Linux RISC-V numbers (docs/syscalls.md). */
#include "kernel.h"

#define SYS_PROCLIST 1000           /* ours: the process list for ps */
#define SYS_ACCEL_RUN 1001          /* ours: run a command stream on the accelerator */

u64 now_ticks(void) {
    volatile u32 *mtime = (volatile u32 *)MTIME;
    u32 hi, lo;
    do {
        hi = mtime[1];
        lo = mtime[0];
    } while (hi != mtime[1]);
    return ((u64)hi << 32) | lo;
}

static u32 cpu_hz(void) { return *(volatile u32 *)(SIMCTRL + 4); }

/* clock_gettime64: {i64 sec; i64 nsec} from mtime. */
static long sys_clock_gettime(u32 utime) {
    u64 t = now_ticks();
    u32 hz = cpu_hz();
    i64 ts[2];
    ts[0] = (i64)(t / hz);
    ts[1] = (i64)((t % hz) * 1000000000ull / hz);
    return copyout(utime, ts, sizeof ts);
}

static long sys_nanosleep(u32 ureq) {
    i64 req[2];
    if (copyin(req, ureq, sizeof req) < 0) return -EFAULT;
    if (req[0] < 0 || req[1] < 0 || req[1] >= 1000000000) return -EINVAL;
    u64 end = now_ticks() + (u64)req[0] * cpu_hz() + (u64)req[1] * cpu_hz() / 1000000000ull;
    while (now_ticks() < end) {
        if (cur->killed) return -EINTR;
        sleep_on(&tick_chan);
    }
    return 0;
}

/* brk: grows or shrinks the heap; answers the break in force. */
static long sys_brk(u32 addr) {
    u32 old = cur->brk;
    if (addr == 0 || addr < cur->brk_base || addr >= USTACK_TOP - USTACK_PAGES * PAGE - PAGE) return old;
    u32 old_end = (old + PAGE - 1) & ~(PAGE - 1), new_end = (addr + PAGE - 1) & ~(PAGE - 1);
    if (new_end > old_end && map_user(cur->pagetable, old_end, new_end, PTE_R | PTE_W) < 0) {
        unmap_user(cur->pagetable, old_end, new_end);
        return old;
    }
    if (new_end < old_end) unmap_user(cur->pagetable, new_end, old_end);
    cur->brk = addr;
    return addr;
}

static long sys_execve(u32 upath, u32 argv, u32 envp) {
    char path[PATHMAX], full[PATHMAX];
    int err = copyinstr(path, upath, PATHMAX);
    if (err < 0) return err;
    if ((err = fs_resolve(path, full)) < 0) return err;
    return do_exec(full, argv, envp);
}

long do_syscall(u32 nr, u32 *a) {
    switch (nr) {
    case 93: case 94: exit_proc((int)((a[0] & 0xFF) << 8)); return 0;
    case 129: return do_kill((int)a[0], (int)a[1]);
    case 172: return cur->pid;
    case 214: return sys_brk(a[0]);
    case 220: return a[0] == 17 ? do_fork() : -EINVAL;
    case 221: return sys_execve(a[0], a[1], a[2]);
    case 260: return do_wait((int)a[0], a[1], (int)a[2]);
    case 403: return a[0] <= 1 ? sys_clock_gettime(a[1]) : -EINVAL;
    case 407: return sys_nanosleep(a[2]);
    case SYS_PROCLIST: return proc_list(a[0], a[1]);
    case SYS_ACCEL_RUN: return sys_accel_run(a[0], a[1], a[2]);
    default: return fs_syscall(nr, a);
    }
}
