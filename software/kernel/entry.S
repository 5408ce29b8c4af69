/* Everything that C cannot do: the M-mode firmware (boot and the timer),
   the S-mode trap entry and exit, the context switch and CSR access.
   The image is loaded at 0x40000000 and starts here in M-mode. */
    .section .text.start
    .globl _start
_start:
    /* Size main RAM: load from each 1 MiB step until one faults (the bus
       has no memory there, docs/isa.md); probe_fault skips the load and
       clears a0. The image itself proves the first MiB. At most 256 MiB. */
    la t0, probe_fault
    csrw mtvec, t0
    li t1, 0x40100000
    li t2, 0x50000000
    li t3, 0x100000
1:  li a0, 1
    lw t4, 0(t1)
    beqz a0, 2f
    add t1, t1, t3
    bltu t1, t2, 1b
2:  la t0, ram_end
    sw t1, 0(t0)
    la t0, fw_trap
    csrw mtvec, t0
    la t0, fw_scratch
    csrw mscratch, t0
    /* Delegate every exception but ecalls from S/M mode, and the S interrupts. */
    li t0, 0xB1FF
    csrw medeleg, t0
    li t0, 0x222
    csrw mideleg, t0
    /* Timer slice: simctrl.cpu_hz / 100 ticks of mtime. */
    li t1, 0xF0001804
    lw t1, 0(t1)
    li t2, 100
    divu t1, t1, t2
    la t0, fw_scratch
    sw t1, 12(t0)
    call fw_next_tick
    li t0, 0x80
    csrw mie, t0
    /* mret to the S-mode kernel with paging off. */
    li t0, 0x1800
    csrc mstatus, t0
    li t0, 0x800
    csrs mstatus, t0
    csrw satp, zero
    la t0, kmain
    csrw mepc, t0
    la sp, boot_stack_top
    mret

/* The probe's load access fault: skip the load, a0 = 0 (no RAM there). */
    .balign 4
probe_fault:
    csrr a0, mepc
    addi a0, a0, 4
    csrw mepc, a0
    li a0, 0
    mret

/* mtimecmp = mtime + slice; t0 = fw_scratch; clobbers t1, t2, t3, t4. */
fw_next_tick:
    li t1, 0xF001BFF8
    lw t2, 0(t1)
    lw t3, 4(t1)
    lw t4, 12(t0)
    add t4, t2, t4
    bgeu t4, t2, 1f
    addi t3, t3, 1
1:  li t1, 0xF0014000
    li t2, -1
    sw t2, 4(t1)
    sw t4, 0(t1)
    sw t3, 4(t1)
    ret

/* M-mode trap: only the machine timer is expected. It re-arms the timer and
   raises a supervisor software interrupt, which the kernel takes as its tick. */
    .balign 4
fw_trap:
    csrrw t0, mscratch, t0
    sw t1, 0(t0)
    sw t2, 4(t0)
    sw t3, 8(t0)
    sw t4, 16(t0)
    sw ra, 20(t0)
    csrr t1, mcause
    li t2, 0x80000007
    bne t1, t2, fw_unexpected
    call fw_next_tick
    li t1, 2
    csrs mip, t1
    lw t1, 0(t0)
    lw t2, 4(t0)
    lw t3, 8(t0)
    lw t4, 16(t0)
    lw ra, 20(t0)
    csrrw t0, mscratch, t0
    mret
fw_unexpected:
    /* An S-mode ecall or an M-mode fault: stop the machine with status 99. */
    li t1, 0xF0001800
    li t2, 99
    sw t2, 0(t1)
1:  j 1b

/* S-mode trap vector. sscratch holds the current process's trapframe while
   it runs in U-mode and 0 in the kernel (which runs with interrupts off). */
    .balign 4
    .globl trap_vec
trap_vec:
    csrrw t0, sscratch, t0
    beqz t0, from_kernel
    sw ra, 4(t0)
    sw sp, 8(t0)
    sw gp, 12(t0)
    sw tp, 16(t0)
    sw t1, 24(t0)
    sw t2, 28(t0)
    sw s0, 32(t0)
    sw s1, 36(t0)
    sw a0, 40(t0)
    sw a1, 44(t0)
    sw a2, 48(t0)
    sw a3, 52(t0)
    sw a4, 56(t0)
    sw a5, 60(t0)
    sw a6, 64(t0)
    sw a7, 68(t0)
    sw s2, 72(t0)
    sw s3, 76(t0)
    sw s4, 80(t0)
    sw s5, 84(t0)
    sw s6, 88(t0)
    sw s7, 92(t0)
    sw s8, 96(t0)
    sw s9, 100(t0)
    sw s10, 104(t0)
    sw s11, 108(t0)
    sw t3, 112(t0)
    sw t4, 116(t0)
    sw t5, 120(t0)
    sw t6, 124(t0)
    csrr t1, sscratch
    sw t1, 20(t0)
    csrr t1, sepc
    sw t1, 0(t0)
    csrw sscratch, zero
    lw sp, 128(t0)
    mv a0, t0
    call user_trap
1:  j 1b
from_kernel:
    csrrw t0, sscratch, t0
    call kernel_trap
1:  j 1b

/* user_return(tf): back to U-mode with the registers of tf. */
    .globl user_return
user_return:
    csrw sscratch, a0
    lw t1, 0(a0)
    csrw sepc, t1
    lw ra, 4(a0)
    lw sp, 8(a0)
    lw gp, 12(a0)
    lw tp, 16(a0)
    lw t0, 20(a0)
    lw t1, 24(a0)
    lw t2, 28(a0)
    lw s0, 32(a0)
    lw s1, 36(a0)
    lw a1, 44(a0)
    lw a2, 48(a0)
    lw a3, 52(a0)
    lw a4, 56(a0)
    lw a5, 60(a0)
    lw a6, 64(a0)
    lw a7, 68(a0)
    lw s2, 72(a0)
    lw s3, 76(a0)
    lw s4, 80(a0)
    lw s5, 84(a0)
    lw s6, 88(a0)
    lw s7, 92(a0)
    lw s8, 96(a0)
    lw s9, 100(a0)
    lw s10, 104(a0)
    lw s11, 108(a0)
    lw t3, 112(a0)
    lw t4, 116(a0)
    lw t5, 120(a0)
    lw t6, 124(a0)
    lw a0, 40(a0)
    sret

/* swtch(old, new): save the callee-saved registers in *old, load *new. */
    .globl swtch
swtch:
    sw ra, 0(a0)
    sw sp, 4(a0)
    sw s0, 8(a0)
    sw s1, 12(a0)
    sw s2, 16(a0)
    sw s3, 20(a0)
    sw s4, 24(a0)
    sw s5, 28(a0)
    sw s6, 32(a0)
    sw s7, 36(a0)
    sw s8, 40(a0)
    sw s9, 44(a0)
    sw s10, 48(a0)
    sw s11, 52(a0)
    lw ra, 0(a1)
    lw sp, 4(a1)
    lw s0, 8(a1)
    lw s1, 12(a1)
    lw s2, 16(a1)
    lw s3, 20(a1)
    lw s4, 24(a1)
    lw s5, 28(a1)
    lw s6, 32(a1)
    lw s7, 36(a1)
    lw s8, 40(a1)
    lw s9, 44(a1)
    lw s10, 48(a1)
    lw s11, 52(a1)
    ret

/* CSR access for C. */
    .globl r_scause
r_scause:
    csrr a0, scause
    ret
    .globl r_stval
r_stval:
    csrr a0, stval
    ret
    .globl w_stvec
w_stvec:
    csrw stvec, a0
    ret
    .globl w_satp
w_satp:
    csrw satp, a0
    sfence.vma zero, zero
    ret
    .globl enter_user_mode_bits
/* SPP = 0 (return to U), SPIE = 1 (interrupts on there); SSIE enabled. */
enter_user_mode_bits:
    li t0, 0x100
    csrc sstatus, t0
    li t0, 0x20
    csrs sstatus, t0
    li t0, 2
    csrs sie, t0
    ret
/* Idle: wait for the tick (sip.SSIP, raised by the firmware's timer
   trap, which WFI lets in), then clear it. */
    .globl wait_for_tick
wait_for_tick:
    wfi
    csrr t0, sip
    andi t1, t0, 0x200         /* SEIP: the line is served by the tick's polls */
    andi t0, t0, 2
    or t1, t1, t0
    beqz t1, wait_for_tick
    csrc sip, t0
    ret

/* irq_enable(line): route interrupt line a0 to SEIP (sirqmask, docs/memory-map.md). */
    .globl irq_enable
irq_enable:
    li t0, 1
    sll t0, t0, a0
    csrs 0x9C0, t0
    li t0, 0x200
    csrs sie, t0
    ret
    .globl r_sirqpending
r_sirqpending:
    csrr a0, 0xDC0
    ret
    .globl clear_ssip
clear_ssip:
    li t0, 2
    csrc sip, t0
    ret

    .data
    .balign 16
fw_scratch:
    .space 32
    .globl ram_end
ram_end:                /* the end of main RAM, found by _start */
    .word 0
    .bss
    .balign 16
    .space 8192
    .globl boot_stack_top
boot_stack_top:
