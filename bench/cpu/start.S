# Start-up for the benchmarks: stack, then main(); main's return value is
# the exit status written to simctrl.exit.
    .section .text.start, "ax"
    .globl _start
_start:
    la   sp, _stack_top
    call main
    li   t0, 0xF0001800
    sw   a0, 0(t0)
1:  j    1b
