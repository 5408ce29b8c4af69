/* Traps: system calls, the timer tick, and faults of user programs. */
#include "kernel.h"

static const char *cause_name(u32 cause) {
    switch (cause) {
    case 0: return "misaligned fetch";
    case 1: return "fetch access fault";
    case 2: return "illegal instruction";
    case 3: return "breakpoint";
    case 4: return "misaligned load";
    case 5: return "load access fault";
    case 6: return "misaligned store";
    case 7: return "store access fault";
    case 12: return "instruction page fault";
    case 13: return "load page fault";
    case 15: return "store page fault";
    default: return "exception";
    }
}

/* Entered from trap_vec with the user registers saved in tf. */
void user_trap(struct trapframe *tf) {
    u32 cause = r_scause();
    if (cause == 0x80000001u) {                      /* tick (from the firmware) */
        clear_ssip();
        tick();
        yield();
    } else if (cause == 0x80000009u) {               /* external: the UART's or the accelerator's line */
        u32 lines = r_sirqpending();
        if (lines & 1) console_poll();
        if (lines & 8) accel_interrupt();
    } else if (cause == 8) {                         /* ecall from U-mode */
        tf->r[0] += 4;
        tf->r[10] = (u32)do_syscall(tf->r[17], &tf->r[10]);
    } else if ((cause == 12 || cause == 13 || cause == 15) && grow_stack(r_stval()) == 0) {
        /* a new page of stack: run the instruction again */
    } else if (cause == 15 && cow_fault(r_stval()) == 0) {
        /* the page is now this process's own copy: run the store again */
    } else {
        kprintf("pid %d (%s): %s at pc 0x%x, address 0x%x: killed\n",
                cur->pid, cur->name, cause_name(cause & 0xFF), tf->r[0], r_stval());
        cur->killed = 11;                            /* SIGSEGV */
    }
    if (cur->killed) exit_proc(cur->killed);
    enter_user_mode_bits();
    user_return(cur->tf);
}

/* A trap in the kernel itself is a kernel bug: say where and stop. */
void kernel_trap(void) {
    kprintf("kernel trap: scause 0x%x stval 0x%x\n", r_scause(), r_stval());
    halt(96);
}
