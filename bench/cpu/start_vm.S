# Start-up for the benchmarks with the MMU on: M mode builds Sv32 tables
# that map main RAM's first 4 MiB 1:1 with 4 KiB pages (1024 PTEs, so the
# program's code, data and stack live on many pages) and the devices with
# one 4 MiB superpage, then runs main() in S mode with satp set. main's
# return value is the exit status written to simctrl.exit.
#define ROOT   0x40300000      /* root table; the 4 KiB table follows it */
#define LEAF   0x40301000
#define FLAGS  0xCF            /* D A X W R V: no A/D walk write-backs */
    .section .text.start, "ax"
    .globl _start
_start:
    li   t0, LEAF              # level 0: 0x4000_0000 + i * 4 KiB
    li   t1, (0x40000000 >> 2) | FLAGS
    li   t2, 1024
1:  sw   t1, 0(t0)
    addi t0, t0, 4
    li   t3, 1 << 10           # next physical page
    add  t1, t1, t3
    addi t2, t2, -1
    bnez t2, 1b
    li   t0, ROOT
    li   t1, (LEAF >> 2) | 1   # root[0x100] -> the level-0 table
    sw   t1, 0x100 * 4(t0)
    li   t1, (0xF0000000 >> 2) | 0xC7   # root[0x3C0]: devices, D A W R V
    li   t2, 0x3C0 * 4
    add  t2, t2, t0
    sw   t1, 0(t2)
    li   t0, 7
    csrw mcounteren, t0        # cycle, time, instret readable in S
    li   t0, (1 << 31) | (ROOT >> 12)
    csrw satp, t0
    sfence.vma
    li   t0, 3 << 11
    csrc mstatus, t0
    li   t0, 1 << 11           # MPP = S
    csrs mstatus, t0
    la   t0, supervisor
    csrw mepc, t0
    mret
supervisor:
    la   sp, _stack_top
    call main
    li   t0, 0xF0001800
    sw   a0, 0(t0)
1:  j    1b
