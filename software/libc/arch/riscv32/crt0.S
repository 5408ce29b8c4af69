/* Program entry. The kernel (and qemu-riscv32) starts us with sp pointing at
   argc, followed by argv[0..argc-1], NULL, envp[...], NULL. */
    .text
    .globl _start
    .type _start, %function
_start:
    /* gp for linker relaxation; a weak zero if the linker does not define it. */
    .option push
    .option norelax
    lui gp, %hi(__global_pointer$)
    addi gp, gp, %lo(__global_pointer$)
    .option pop
    mv a0, sp
    andi sp, sp, -16
    call __libc_start
1:  j 1b
    .size _start, . - _start
    .weak __global_pointer$
