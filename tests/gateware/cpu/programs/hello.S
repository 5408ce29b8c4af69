# Smoke test: prints over the UART, then exits with status 0.
    .section .text.start, "ax"
    .globl _start
_start:
    li   t0, 0xF0000800        # uart
    la   t1, message
1:  lbu  t2, 0(t1)
    beqz t2, 3f
2:  lw   t3, 4(t0)             # txfull
    bnez t3, 2b
    sw   t2, 0(t0)             # rxtx
    addi t1, t1, 1
    j    1b
3:  li   t0, 0xF0001800        # simctrl.exit
    sw   zero, 0(t0)
4:  j    4b
    .section .rodata
message: .asciz "hello from b2g\n"
