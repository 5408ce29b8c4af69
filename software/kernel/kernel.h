/* The kernel's shared types, constants and functions. */
#ifndef KERNEL_H
#define KERNEL_H
#include <string.h>
#include "../fat/fat.h"

typedef unsigned int u32;
typedef int i32;
typedef unsigned char u8;
typedef unsigned long long u64;
typedef long long i64;

/* Memory: the kernel image at RAM_BASE, the RAM disk (the SD image, loaded
   by the emulator) at DISK_BASE, free pages from the disk's end to ram_end,
   which the firmware finds at boot (entry.S). */
#define RAM_BASE   0x40000000u
#define DISK_BASE  0x40400000u
extern u32 ram_end;
#define PAGE       4096u
#define USTACK_TOP 0x3FFF0000u
#define USTACK_PAGES 2048       /* 8 MiB at most (Linux's default), mapped as touched */
#define USTACK_FIRST 4          /* pages mapped by exec (arguments fit in one) */
#define UART_BASE  0xF0000800u
#define SIMCTRL    0xF0001800u
#define MTIME      0xF001BFF8u

/* Sv32 page-table entry bits. */
#define PTE_V 1u
#define PTE_R 2u
#define PTE_W 4u
#define PTE_X 8u
#define PTE_U 16u
#define PTE_A 64u
#define PTE_D 128u
#define PTE_COW 256u            /* RSW bit: shared by fork, copy on a store */

#define NPROC 32
#define NFILE 64
#define NOFILE 16
#define KSTACK 8192
#define PATHMAX 256

/* errno values (Linux). */
#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EIO 5
#define E2BIG 7
#define ENOEXEC 8
#define EBADF 9
#define ECHILD 10
#define ENOMEM 12
#define EFAULT 14
#define EEXIST 17
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define EMFILE 24
#define ENOSPC 28
#define ESPIPE 29
#define EPIPE 32
#define ERANGE 34
#define ENOSYS 38
#define ENOTEMPTY 39

/* Saved user registers: r[0] = pc, r[i] = x_i; ksp = kernel stack top. */
struct trapframe { u32 r[32]; u32 ksp; };
struct context { u32 ra, sp, s[12]; };

enum { F_NONE, F_CONSOLE, F_FAT, F_PIPE };
struct pipe { u8 buf[512]; u32 nread, nwrite; int readers, writers; };
struct file {
    int type, ref, readable, writable, append, is_dir;
    u32 off;
    struct fat_node node;
    struct pipe *pipe;
};

enum { UNUSED, RUNNABLE, SLEEPING, ZOMBIE };
struct proc {
    int state, pid, killed, xstate, reading_console;
    struct proc *parent;
    void *chan;                 /* what a SLEEPING process waits for */
    u32 *pagetable;
    u32 brk, brk_base;
    struct file *ofile[NOFILE];
    char cwd[PATHMAX];
    char name[16];
    struct context ctx;
    struct trapframe *tf;
    u8 kstack[KSTACK];
};

extern struct proc procs[NPROC];
extern struct proc *cur;
extern struct fat_vol volume;

/* entry.S */
void swtch(struct context *old, struct context *new);
void user_return(struct trapframe *tf);
u32 r_scause(void);
u32 r_stval(void);
void w_stvec(void (*f)(void));
void w_satp(u32 v);
void enter_user_mode_bits(void);
void clear_ssip(void);
void wait_for_tick(void);
void irq_enable(u32 line);
u32 r_sirqpending(void);
void trap_vec(void);

/* console.c */
void uart_putc(int c);
void kprintf(const char *fmt, ...);
void halt(int status);
void console_poll(void);
int console_read(u8 *buf, u32 n);
int console_write_user(u32 uaddr, u32 n);

/* vm.c */
void kalloc_init(u32 start);
void *kalloc(void);
void kfree(void *p);
u32 free_pages(void);
u32 *new_pagetable(void);
int map_page(u32 *pt, u32 va, u32 pa, u32 flags);
u32 *walk(u32 *pt, u32 va, int alloc);
int map_user(u32 *pt, u32 start, u32 end, u32 flags);
int grow_stack(u32 va);
int cow_fault(u32 va);
void unmap_user(u32 *pt, u32 start, u32 end);
void free_pagetable(u32 *pt);
int copy_user_space(u32 *from, u32 *to);
int user_range_ok(u32 va, u32 n, int write);
int copyin(void *dst, u32 src, u32 n);
int copyout(u32 dst, const void *src, u32 n);
int copyinstr(char *dst, u32 src, u32 max);
void activate(u32 *pt);

/* proc.c */
void proc_init(void);
struct proc *alloc_proc(void);
void yield(void);
void sleep_on(void *chan);
void wakeup(void *chan);
void kill_proc(struct proc *p, int sig);
void tick(void);
extern char tick_chan;
void exit_proc(int status);
int do_fork(void);
int do_wait(int pid, u32 ustatus, int options);
int do_kill(int pid, int sig);
void start_first(const char *path);
int proc_list(u32 ubuf, u32 n);

/* exec.c */
int do_exec(const char *path, u32 uargv, u32 uenvp);
int exec_first(const char *path);

/* file.c and fs.c */
struct file *file_alloc(void);
void console_files(struct proc *p);
void file_close(struct file *f);
struct file *file_dup(struct file *f);
int fd_alloc(struct file *f);
struct file *fd_get(int fd);
int file_read(struct file *f, u32 uaddr, u32 n);
int file_write(struct file *f, u32 uaddr, u32 n);
int sys_pipe(u32 ufds);
int fs_mount(void);
int fs_resolve(const char *path, char *out);
long fs_syscall(u32 nr, u32 *a);
int fat_errno(int e);

/* accel.c */
u32 accel_reserve(u32 free_start);
void accel_poll(void);
void accel_interrupt(void);
long sys_accel_run(u32 ustream, u32 nbytes, u32 uresult);

/* sd.c */
int sd_init(void);
int sd_read(void *ctx, u32 lba, u8 *buf);
int sd_write(void *ctx, u32 lba, const u8 *buf);

/* syscall.c */
long do_syscall(u32 nr, u32 *a);
u64 now_ticks(void);

#endif
