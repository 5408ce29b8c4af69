/* The emulator's shared state: one hart, its memory and its devices. */
#ifndef EMU_H
#define EMU_H

#include <stdint.h>
#include <stdio.h>
#include <stdbool.h>

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/* Memory map (docs/memory-map.md). */
#define ROM_BASE 0x00000000u
#define ROM_SIZE (32u * 1024)
#define SRAM_BASE 0x10000000u
#define SRAM_SIZE (8u * 1024)
#define RAM_BASE 0x40000000u
#define CSR_BASE 0xF0000000u
#define CLINT_BASE 0xF0010000u
#define IO_BASE 0x80000000u

enum { PRIV_U = 0, PRIV_S = 1, PRIV_M = 3 };
enum { ACC_FETCH, ACC_LOAD, ACC_STORE };

/* Exception causes. */
enum {
    EXC_INSN_MISALIGNED = 0, EXC_INSN_ACCESS = 1, EXC_ILLEGAL = 2, EXC_BREAKPOINT = 3,
    EXC_LOAD_MISALIGNED = 4, EXC_LOAD_ACCESS = 5, EXC_STORE_MISALIGNED = 6,
    EXC_STORE_ACCESS = 7, EXC_ECALL_U = 8, EXC_ECALL_S = 9, EXC_ECALL_M = 11,
    EXC_INSN_PAGE = 12, EXC_LOAD_PAGE = 13, EXC_STORE_PAGE = 15,
};
#define INTERRUPT 0x80000000u

/* mstatus / mip bits. */
#define MSTATUS_SIE (1u << 1)
#define MSTATUS_MIE (1u << 3)
#define MSTATUS_SPIE (1u << 5)
#define MSTATUS_MPIE (1u << 7)
#define MSTATUS_SPP (1u << 8)
#define MSTATUS_MPP_SHIFT 11
#define MSTATUS_MPP (3u << 11)
#define MSTATUS_MPRV (1u << 17)
#define MSTATUS_SUM (1u << 18)
#define MSTATUS_MXR (1u << 19)
#define MSTATUS_TVM (1u << 20)
#define MSTATUS_TW (1u << 21)
#define MSTATUS_TSR (1u << 22)
#define MIP_SSIP (1u << 1)
#define MIP_MSIP (1u << 3)
#define MIP_STIP (1u << 5)
#define MIP_MTIP (1u << 7)
#define MIP_SEIP (1u << 9)
#define MIP_MEIP (1u << 11)

/* Software TLB: one direct-mapped table per access kind, holding the host
 * address of a page that is plain memory. The tag carries a generation so
 * that a flush is a single increment. */
#define TLB_SIZE 256
typedef struct {
    uint64_t tag;           /* (generation << 32) | virtual page number */
    uint8_t *host;          /* host address of the page's first byte */
} TlbEntry;

typedef struct Hart {
    uint32_t x[32];
    uint32_t pc;
    int priv;
    uint64_t instret;       /* retired instructions since reset */
    uint64_t traps;         /* traps taken: --max-insns counts them too */
    uint64_t event_at;      /* next instret at which run() must look around */

    uint32_t mstatus, medeleg, mideleg, mie, mip_sw;
    uint32_t mtvec, mscratch, mepc, mcause, mtval, mcounteren;
    uint32_t stvec, sscratch, sepc, scause, stval, scounteren, satp;
    uint32_t mirqmask, sirqmask;
    uint64_t mcycle_offset, minstret_offset;   /* csr = instret + offset */

    bool no_mmu;            /* --no-mmu: satp only Bare, as the core built with MMU=0 */
    bool reserved;          /* LR/SC reservation */
    uint32_t reservation;

    uint64_t tlb_tag_base;   /* generation << 32 */
    TlbEntry tlb[3][TLB_SIZE];   /* indexed by ACC_FETCH/LOAD/STORE */

    /* What the current instruction stored, for the trace. */
    uint32_t tr_addr, tr_value;
    int tr_size;
} Hart;

typedef struct Machine {
    Hart hart;
    uint8_t *rom, *sram, *ram;
    uint32_t ram_size;

    /* devices */
    uint64_t time_offset;        /* mtime = instret + time_offset */
    uint64_t mtimecmp;
    uint32_t msip;
    uint32_t ctrl_scratch, bus_errors;
    uint32_t uart_ev_enable;
    int uart_rx_byte;            /* -1 when nothing buffered */
    bool stdin_eof;
    uint32_t timer_load, timer_reload, timer_en, timer_latched, timer_ev_enable;
    bool timer_pending;
    uint64_t timer_t0;           /* instret-time when value was timer_v0 */
    uint32_t timer_v0;
    uint64_t timer_checked;      /* zero crossings before this time are counted */
    uint32_t cpu_hz;

    /* run control */
    bool exited, reset_requested;
    int exit_code;
    uint64_t max_insns;
    bool hit_limit;              /* stopped by --max-insns */
    bool deadlock;               /* wfi with nothing that could wake it */
    FILE *trace;

    /* debugger: run() also stops at stop_at or at a breakpoint */
    bool debugging;
    uint64_t stop_at, resumed_at;
    int nbreak;
    uint32_t breakpoints[64];
} Machine;

/* bus.c: physical memory */
uint8_t *bus_host(Machine *m, uint32_t paddr, int acc);
bool bus_load(Machine *m, uint32_t paddr, int size, uint32_t *value);
bool bus_store(Machine *m, uint32_t paddr, int size, uint32_t value);

/* devices.c */
uint64_t mtime(Machine *m);
bool mmio_load(Machine *m, uint32_t paddr, uint32_t *value);
bool mmio_store(Machine *m, uint32_t paddr, uint32_t value);
uint32_t irq_lines(Machine *m);
uint64_t next_device_event(Machine *m);
uint64_t next_timer_event(Machine *m);
void uart_flush(void);
bool uart_wait_input(Machine *m);

/* mmu.c: virtual memory and the TLB */
void tlb_flush(Hart *h);
int translate(Machine *m, uint32_t vaddr, int acc, uint32_t *paddr);
uint8_t *tlb_fill(Machine *m, uint32_t vaddr, int acc, uint32_t *cause);
bool mem_load(Machine *m, uint32_t vaddr, int size, uint32_t *value, uint32_t *cause);
bool mem_store(Machine *m, uint32_t vaddr, int size, uint32_t value, uint32_t *cause);
bool debug_read(Machine *m, uint32_t addr, uint8_t *byte);
bool debug_write(Machine *m, uint32_t addr, uint8_t byte);

/* csr.c: CSRs, traps and interrupts */
bool csr_read(Machine *m, int csr, uint32_t *value);
bool csr_write(Machine *m, int csr, uint32_t value);
bool csr_allowed(Hart *h, int csr, bool writing);
uint32_t read_mip(Machine *m);
void take_trap(Machine *m, uint32_t cause, uint32_t tval);
bool take_interrupt(Machine *m);
bool interrupt_waiting(Machine *m);
void do_mret(Machine *m);
void do_sret(Machine *m);
void set_priv(Hart *h, int priv);
void hart_reset(Hart *h);

/* cpu.c */
void run(Machine *m);
void request_event(Machine *m);

/* trace.c */
void trace_retire(Machine *m, uint32_t pc, uint32_t insn, int priv);
void trace_trap(Machine *m, uint32_t pc, uint32_t cause, uint32_t tval, int priv);

/* loader.c */
int load_program(Machine *m, const char *path, bool raw, uint32_t load_addr);

/* gdb.c */
int gdb_listen(int port);
void gdb_serve(Machine *m, int listen_fd);

/* sdctl.c */
int sd_attach(const char *path);   /* the --sd card image */
bool sd_irq(void);                 /* line 2: idle with its interrupt enabled */

#endif
