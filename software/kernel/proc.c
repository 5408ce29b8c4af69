/* Processes: the table, round-robin switching, sleep and wakeup, fork,
   exit, wait, kill. A process that must wait sleeps on a channel (the
   address of what it waits for) until a wakeup on that channel; it then
   checks its condition again. With one hart and interrupts off in the
   kernel, no wakeup can slip in between the check and the sleep. */
#include "kernel.h"

struct proc procs[NPROC];
struct proc *cur;
static int next_pid = 1;
static struct context boot_ctx;

struct proc *alloc_proc(void) {
    for (int i = 0; i < NPROC; i++) {
        struct proc *p = &procs[i];
        if (p->state != UNUSED) continue;
        memset(p, 0, sizeof *p - KSTACK);
        p->pagetable = new_pagetable();
        if (!p->pagetable) return 0;
        p->pid = next_pid++;
        p->tf = (struct trapframe *)(p->kstack + KSTACK - sizeof(struct trapframe));
        memset(p->tf, 0, sizeof *p->tf);
        p->tf->ksp = (u32)p->tf;
        return p;
    }
    return 0;
}

char tick_chan;                 /* woken on every tick: sleep() rechecks the time */

/* The tick's work, from a user trap or the idle loop: take UART input
   (which wakes console readers) and wake the sleepers. */
void tick(void) {
    console_poll();
    accel_poll();
    wakeup(&tick_chan);
}

/* Runs the next RUNNABLE process after cur (possibly cur itself). When
   every process sleeps, waits for the tick here, on cur's kernel stack. */
void yield(void) {
    struct proc *old = cur;
    int start = old ? (int)(old - procs) : NPROC - 1;
    for (;;) {
        for (int k = 1; k <= NPROC; k++) {
            struct proc *p = &procs[(start + k) % NPROC];
            if (p->state != RUNNABLE) continue;
            if (p == old) return;
            cur = p;
            activate(p->pagetable);
            swtch(old ? &old->ctx : &boot_ctx, &p->ctx);
            return;
        }
        wait_for_tick();
        tick();
    }
}

void sleep_on(void *chan) {
    cur->chan = chan;
    cur->state = SLEEPING;
    yield();
    cur->chan = 0;
}

void wakeup(void *chan) {
    for (int i = 0; i < NPROC; i++)
        if (procs[i].state == SLEEPING && procs[i].chan == chan) procs[i].state = RUNNABLE;
}

/* Marks p killed; a sleeping p wakes to see it and return -EINTR. */
void kill_proc(struct proc *p, int sig) {
    p->killed = sig;
    if (p->state == SLEEPING) p->state = RUNNABLE;
}

static void first_return(void) {
    enter_user_mode_bits();
    user_return(cur->tf);
}

static void make_runnable(struct proc *p) {
    p->ctx.ra = (u32)first_return;
    p->ctx.sp = (u32)p->tf;
    p->state = RUNNABLE;
}

void start_first(const char *path) {
    struct proc *p = alloc_proc();
    strcpy(p->cwd, "/");
    strcpy(p->name, "init");
    console_files(p);
    cur = p;
    activate(p->pagetable);
    if (exec_first(path) < 0) {
        kprintf("kernel: cannot run %s\n", path);
        halt(97);
    }
    make_runnable(p);
    cur = 0;
    yield();
}

int do_fork(void) {
    struct proc *p = alloc_proc();
    if (!p) return -ENOMEM;
    int shared = copy_user_space(cur->pagetable, p->pagetable);
    activate(cur->pagetable);                       /* our pages became read-only */
    if (shared < 0) {
        free_pagetable(p->pagetable);
        p->state = UNUSED;
        return -ENOMEM;
    }
    memcpy(p->tf->r, cur->tf->r, sizeof p->tf->r);
    p->tf->r[10] = 0;                               /* the child sees fork() == 0 */
    p->brk = cur->brk;
    p->brk_base = cur->brk_base;
    p->parent = cur;
    strcpy(p->cwd, cur->cwd);
    strcpy(p->name, cur->name);
    for (int i = 0; i < NOFILE; i++)
        if (cur->ofile[i]) p->ofile[i] = file_dup(cur->ofile[i]);
    make_runnable(p);
    return p->pid;
}

void exit_proc(int status) {
    struct proc *p = cur;
    for (int i = 0; i < NOFILE; i++)
        if (p->ofile[i]) { file_close(p->ofile[i]); p->ofile[i] = 0; }
    if (p->pid == 1) {
        fat_sync(&volume);
        kprintf("init exited with status %d: halting\n", status >> 8);
        halt(status >> 8);
    }
    for (int i = 0; i < NPROC; i++)
        if (procs[i].parent == p) procs[i].parent = &procs[0];  /* init adopts them */
    p->xstate = status;
    p->state = ZOMBIE;
    wakeup(&procs[0]);
    wakeup(p->parent);
    yield();
}

int do_wait(int pid, u32 ustatus, int options) {
    for (;;) {
        int have_kids = 0;
        for (int i = 0; i < NPROC; i++) {
            struct proc *p = &procs[i];
            if (p->parent != cur || p->state == UNUSED || (pid > 0 && p->pid != pid)) continue;
            have_kids = 1;
            if (p->state != ZOMBIE) continue;
            if (ustatus && copyout(ustatus, &p->xstate, 4) < 0) return -EFAULT;
            int found = p->pid;
            free_pagetable(p->pagetable);
            p->state = UNUSED;
            p->parent = 0;
            return found;
        }
        if (!have_kids) return -ECHILD;
        if (options & 1) return 0;
        if (cur->killed) return -EINTR;
        sleep_on(cur);                              /* until a child exits */
    }
}

int do_kill(int pid, int sig) {
    if (pid == 1) return -EPERM;                    /* init ends only with its shell */
    for (int i = 0; i < NPROC; i++) {
        struct proc *p = &procs[i];
        if (p->pid == pid && (p->state == RUNNABLE || p->state == SLEEPING)) {
            kill_proc(p, sig ? sig : 9);
            return 0;
        }
    }
    return -ESRCH;
}

/* ps: one line "pid ppid pages name" per process into the user's buffer. */
int proc_list(u32 ubuf, u32 n) {
    char text[NPROC * 40];
    u32 len = 0;
    for (int i = 0; i < NPROC; i++) {
        struct proc *p = &procs[i];
        if (p->state == UNUSED) continue;
        u32 v[2] = { (u32)p->pid, p->parent ? (u32)p->parent->pid : 0 };
        for (int k = 0; k < 2; k++) {
            char digits[12];
            int d = 0;
            do { digits[d++] = (char)('0' + v[k] % 10); v[k] /= 10; } while (v[k]);
            while (d) text[len++] = digits[--d];
            text[len++] = ' ';
        }
        text[len++] = "?RSZ"[p->state];
        text[len++] = ' ';
        for (const char *s = p->name; *s; s++) text[len++] = *s;
        text[len++] = '\n';
    }
    if (len > n) len = n;
    return copyout(ubuf, text, len) < 0 ? -EFAULT : (int)len;
}
