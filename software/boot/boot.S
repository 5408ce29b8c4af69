# bits2gpt boot ROM (reset vector 0x00000000, no LiteX BIOS).
# Prints a banner, then boots /boot/kernel from the SD card (sdboot.c, its
# stack in SRAM); without a card or kernel it says nothing more and loads a
# program over the UART, then jumps to it:
#   host sends  "b2gL"  address:u32le  length:u32le  bytes[length]
#   ROM answers "ok\n" after the last byte and jumps to address.
# Anything else before the magic is ignored, so a terminal can stay open.
    .equ UART, 0xF0000800
    .equ RXTX, 0x00
    .equ TXFULL, 0x04
    .equ RXEMPTY, 0x08
    .equ EV_PENDING, 0x10
    .equ SRAM_TOP, 0x10002000

    .section .text.start, "ax"
    .globl _start
_start:
    li   s0, UART
    la   a0, banner
    call puts
    li   sp, SRAM_TOP
    call sd_boot
    beqz a0, wait_magic
    mv   s2, a0
    j    start
wait_magic:
    la   s1, magic             # s1 walks "b2gL"; restarts on a mismatch
1:  lbu  t0, 0(s1)
    beqz t0, header
    call getc
    lbu  t0, 0(s1)
    addi s1, s1, 1
    beq  a0, t0, 1b
    j    wait_magic
header:
    call getword
    mv   s2, a0                # load address
    call getword
    mv   s3, a0                # length
    mv   s4, s2
2:  beqz s3, done
    call getc
    sb   a0, 0(s4)
    addi s4, s4, 1
    addi s3, s3, -1
    j    2b
done:
    la   a0, ok
    call puts
start:
    fence.i                    # the program is code: drop stale I-cache lines
    jr   s2

# a0 = next byte from the UART (waits for it)
getc:
    lw   t1, RXEMPTY(s0)
    bnez t1, getc
    lw   a0, RXTX(s0)
    li   t1, 2
    sw   t1, EV_PENDING(s0)
    andi a0, a0, 0xff
    ret

# a0 = next four bytes, little-endian
getword:
    mv   t3, ra
    li   t2, 0
    li   t4, 0
3:  call getc
    sll  a0, a0, t4
    or   t2, t2, a0
    addi t4, t4, 8
    li   t5, 32
    bne  t4, t5, 3b
    mv   a0, t2
    jr   t3

# send the zero-terminated string at a0
puts:
    lbu  t0, 0(a0)
    beqz t0, 5f
4:  lw   t1, TXFULL(s0)
    bnez t1, 4b
    sw   t0, RXTX(s0)
    addi a0, a0, 1
    j    puts
5:  ret

    .section .rodata
banner: .asciz "bits2gpt boot ROM\n"
magic:  .asciz "b2gL"
ok:     .asciz "ok\n"
