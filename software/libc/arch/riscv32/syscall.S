/* The one place the libc enters the kernel (contract: docs/syscalls.md).
   long __syscall(long n, long a0, long a1, long a2, long a3, long a4, long a5)
   Shifts the C arguments down one register: the number goes to a7, the
   arguments to a0-a5; the kernel's result comes back in a0 (-errno on error). */
    .text
    .globl __syscall
    .type __syscall, %function
__syscall:
    mv a7, a0
    mv a0, a1
    mv a1, a2
    mv a2, a3
    mv a3, a4
    mv a4, a5
    mv a5, a6
    ecall
    ret
    .size __syscall, . - __syscall
