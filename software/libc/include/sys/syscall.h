#ifndef _SYS_SYSCALL_H
#define _SYS_SYSCALL_H
/* The system call table: the contract between this libc and our kernel,
   documented in docs/syscalls.md. Numbers and argument order are Linux's
   RISC-V (asm-generic) ones, so the libc also runs under qemu-riscv32.
   ecall: number in a7, arguments in a0-a5, result in a0 (-errno on error). */
#define SYS_getcwd 17
#define SYS_dup 23
#define SYS_dup3 24
#define SYS_mkdirat 34
#define SYS_unlinkat 35
#define SYS_chdir 49
#define SYS_openat 56
#define SYS_close 57
#define SYS_pipe2 59
#define SYS_getdents64 61
#define SYS_llseek 62
#define SYS_read 63
#define SYS_write 64
#define SYS_exit 93
#define SYS_exit_group 94
#define SYS_kill 129
#define SYS_getpid 172
#define SYS_brk 214
#define SYS_clone 220
#define SYS_execve 221
#define SYS_wait4 260
#define SYS_renameat2 276
#define SYS_statx 291
#define SYS_clock_gettime64 403
#define SYS_clock_nanosleep_time64 407

long __syscall(long n, long a0, long a1, long a2, long a3, long a4, long a5);
/* Turns a negative result into errno and -1. */
long __syscall_ret(long r);
#endif
