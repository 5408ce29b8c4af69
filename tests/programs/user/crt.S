/* Entry of the user-level test programs: a stack of our own, then C. */
    .section .text.start, "ax"
    .globl _start
_start:
    la sp, _stack_top
    call port_start
1:  j 1b
