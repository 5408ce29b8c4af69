/* S-mode entry: the firmware (entry.S) mrets here with paging off. */
#include "kernel.h"

void kmain(void) {
    w_stvec(trap_vec);
    kprintf("\nbits2gpt kernel\n");
    kprintf("ram: %u KiB at 0x%x\n", (ram_end - RAM_BASE) / 1024, RAM_BASE);
    int free_start = fs_mount();
    if (free_start < 0) {
        kprintf("kernel: no FAT volume (RAM disk or SD card)\n");
        halt(94);
    }
    kalloc_init(accel_reserve((u32)free_start));
    irq_enable(0);                                  /* the UART's receive interrupt (console.c) */
    kprintf("%u KiB free\n", free_pages() * 4);
    start_first("/bin/init");
}
