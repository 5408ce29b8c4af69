/* The console: the UART, kprintf, and the line discipline (echo, backspace,
   ^C kills the running programs, ^D ends input). */
#include <stdarg.h>
#include "kernel.h"

#define UART_RXTX    (*(volatile u32 *)(UART_BASE + 0x00))
#define UART_RXEMPTY (*(volatile u32 *)(UART_BASE + 0x08))
#define UART_PENDING (*(volatile u32 *)(UART_BASE + 0x10))
#define UART_ENABLE  (*(volatile u32 *)(UART_BASE + 0x14))

/* Raw bytes taken from the UART (polled on every tick and by readers). */
static u8 raw[1024];
static u32 raw_r, raw_w;
static u32 raw_lines;           /* line ends in raw: polling stops at one */
/* Finished lines waiting for read(); the line being edited. */
static u8 ready[1024];
static u32 ready_r, ready_w;
static u8 line[256];
static u32 line_n;
static int eof_pending;
static int readers_waiting;

static void receive_interrupt(void) {
    UART_ENABLE = readers_waiting && !raw_lines && raw_w - raw_r < sizeof raw ? 2 : 0;
}

void uart_putc(int c) { UART_RXTX = (u32)c; }

void halt(int status) {
    *(volatile u32 *)SIMCTRL = (u32)status;
    for (;;) {}
}

static void put_number(u32 v, int base, int negative) {
    char digits[12];
    int n = 0;
    if (negative) uart_putc('-');
    do {
        digits[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    while (n) uart_putc(digits[--n]);
}

/* %d %u %x %s %c only: enough for kernel messages. */
void kprintf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        if (*fmt != '%') { uart_putc(*fmt); continue; }
        fmt++;
        if (*fmt == 'd') { int v = va_arg(ap, int); put_number(v < 0 ? -(u32)v : (u32)v, 10, v < 0); }
        else if (*fmt == 'u') put_number(va_arg(ap, u32), 10, 0);
        else if (*fmt == 'x') put_number(va_arg(ap, u32), 16, 0);
        else if (*fmt == 'c') uart_putc(va_arg(ap, int));
        else if (*fmt == 's') { const char *s = va_arg(ap, const char *); while (*s) uart_putc(*s++); }
        else uart_putc(*fmt);
    }
    va_end(ap);
}

static int ends_line(u8 c) { return c == '\n' || c == '\r' || c == 4; }

/* ^C: kills the running programs: every process but init, its children
   (the login shell) and those waiting for console input. */
static void interrupt_programs(void) {
    for (int i = 0; i < NPROC; i++) {
        struct proc *p = &procs[i];
        if ((p->state == RUNNABLE || p->state == SLEEPING) && p->pid > 1 && p->parent->pid != 1
            && !p->reading_console)
            kill_proc(p, 2);
    }
}

/* Moves bytes from the UART to the raw queue, on every tick (so that ^C
   acts at once) and on its receive interrupt, but no further than one
   whole line ahead. The interrupt is on only while a reader sleeps and we
   take bytes: a waiting reader (download) gets its line without waiting
   for a tick, the UART's FIFO holds what we do not take, and input typed
   ahead is not read before the program it is meant for has started. */
void console_poll(void) {
    while (!raw_lines && !UART_RXEMPTY && raw_w - raw_r < sizeof raw) {
        u8 c = (u8)UART_RXTX;
        UART_PENDING = 2;
        if (c == 3) {
            kprintf("^C\n");
            raw_r = raw_w;
            raw_lines = 0;
            line_n = 0;
            interrupt_programs();
            continue;
        }
        raw[raw_w++ % sizeof raw] = c;
        raw_lines += ends_line(c);
        wakeup(raw);
    }
    receive_interrupt();
}

static void finish_line(void) {
    for (u32 i = 0; i < line_n; i++) ready[ready_w++ % sizeof ready] = line[i];
    line_n = 0;
}

/* Edits raw bytes into lines, echoing them, until a line is ready: input
   typed ahead is echoed only when a reader gets to it. */
static void cook(void) {
    while (raw_r != raw_w && ready_r == ready_w && !eof_pending) {
        u8 c = raw[raw_r++ % sizeof raw];
        raw_lines -= ends_line(c);
        if (c == '\r') c = '\n';
        if (c == 4) {                               /* ^D: end of input if the line is empty */
            if (line_n == 0) eof_pending = 1;
            finish_line();
        } else if (c == 8 || c == 127) {
            if (line_n) { line_n--; kprintf("\b \b"); }
        } else if (c == '\n' || line_n < sizeof line - 1) {
            line[line_n++] = c;
            uart_putc(c);
            if (c == '\n') finish_line();
        }
    }
}

int console_read(u8 *buf, u32 n) {
    cur->reading_console = 1;
    while (ready_r == ready_w && !eof_pending) {
        console_poll();
        cook();
        if (ready_r != ready_w || eof_pending) break;
        if (cur->killed) { cur->reading_console = 0; return -EINTR; }
        readers_waiting++;
        receive_interrupt();                        /* on: console_poll will wake us */
        sleep_on(raw);
        readers_waiting--;
        receive_interrupt();
    }
    cur->reading_console = 0;
    u32 got = 0;
    while (got < n && ready_r != ready_w) {
        u8 c = ready[ready_r++ % sizeof ready];
        buf[got++] = c;
        if (c == '\n') break;
    }
    if (got == 0) eof_pending = 0;                  /* ^D consumed: read() returns 0 once */
    return (int)got;
}

int console_write_user(u32 uaddr, u32 n) {
    u8 chunk[128];
    u32 done = 0;
    while (done < n) {
        u32 k = n - done < sizeof chunk ? n - done : sizeof chunk;
        if (copyin(chunk, uaddr + done, k) < 0) return done ? (int)done : -EFAULT;
        for (u32 i = 0; i < k; i++) uart_putc(chunk[i]);
        done += k;
    }
    return (int)done;
}
