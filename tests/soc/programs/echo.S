# Reads bytes from the UART and sends them back upper-cased until '.', then
# exits with the number of bytes echoed.
    .section .text.start, "ax"
    .globl _start
_start:
    li   s0, 0xF0000800        # uart
    li   s1, 0                 # count
1:  lw   t0, 8(s0)             # rxempty
    bnez t0, 1b
    lw   t1, 0(s0)             # rxtx
    li   t0, 2
    sw   t0, 0x10(s0)          # ev_pending: acknowledge rx
    li   t0, '.'
    beq  t1, t0, 3f
    li   t0, 'a'
    bltu t1, t0, 2f
    li   t0, 'z' + 1
    bgeu t1, t0, 2f
    addi t1, t1, -32
2:  lw   t0, 4(s0)             # txfull
    bnez t0, 2b
    sw   t1, 0(s0)
    addi s1, s1, 1
    j    1b
3:  li   t0, 0xF0001800
    sw   s1, 0(t0)
4:  j    4b
