/* The tiny portability layer of the user-level test programs: the same C
 * source prints through the SoC's UART (emulator), write(2) (qemu-riscv32
 * user mode, built with -DTARGET_QEMU) or the 16550 UART of qemu-system's
 * virt machine (-DTARGET_VIRT, for bench/emu), and ends with an exit status. */
#ifndef PORT_H
#define PORT_H

void port_putc(char c);
int port_getc(void);            /* the next input byte; -1 at end of input (qemu only) */
void port_exit(int status) __attribute__((noreturn));
int main(void);

#ifdef TARGET_QEMU
static long linux_syscall(long n, long a0, long a1, long a2)
{
    register long r_a0 __asm__("a0") = a0;
    register long r_a1 __asm__("a1") = a1;
    register long r_a2 __asm__("a2") = a2;
    register long r_a7 __asm__("a7") = n;
    __asm__ volatile("ecall" : "+r"(r_a0) : "r"(r_a1), "r"(r_a2), "r"(r_a7) : "memory");
    return r_a0;
}

void port_putc(char c)
{
    linux_syscall(64, 1, (long)&c, 1);      /* write(1, &c, 1) */
}

int port_getc(void)
{
    unsigned char c;
    return linux_syscall(63, 0, (long)&c, 1) == 1 ? c : -1;   /* read(0, &c, 1) */
}

void port_exit(int status)
{
    linux_syscall(93, status, 0, 0);        /* exit */
    for (;;) {}
}
#elif defined(TARGET_VIRT)
#define VIRT_UART_THR (*(volatile unsigned char *)0x10000000)
#define VIRT_UART_LSR (*(volatile unsigned char *)0x10000005)
#define VIRT_TEST (*(volatile unsigned *)0x00100000)     /* SiFive test device */

void port_putc(char c)
{
    while (!(VIRT_UART_LSR & 0x20)) {}      /* transmit holding register empty */
    VIRT_UART_THR = (unsigned char)c;
}

int port_getc(void)
{
    return -1;                              /* the bench reads no input */
}

void port_exit(int status)
{
    VIRT_TEST = status ? ((unsigned)status << 16) | 0x3333 : 0x5555;   /* fail / pass */
    for (;;) {}
}
#else
#define UART_RXTX (*(volatile unsigned *)0xF0000800)
#define UART_TXFULL (*(volatile unsigned *)0xF0000804)
#define UART_RXEMPTY (*(volatile unsigned *)0xF0000808)
#define UART_EV_PENDING (*(volatile unsigned *)0xF0000810)
#define SIMCTRL_EXIT (*(volatile unsigned *)0xF0001800)

void port_putc(char c)
{
    while (UART_TXFULL) {}
    UART_RXTX = (unsigned char)c;
}

int port_getc(void)
{
    while (UART_RXEMPTY) {}
    int c = (int)(UART_RXTX & 0xFF);
    UART_EV_PENDING = 2;
    return c;
}

void port_exit(int status)
{
    SIMCTRL_EXIT = (unsigned)status;
    for (;;) {}
}
#endif

/* Called by crt.S. */
void port_start(void)
{
    port_exit(main());
}

static void print_str(const char *s)
{
    while (*s)
        port_putc(*s++);
}

static void print_uint(unsigned long long v, unsigned base)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    while (n)
        port_putc(buf[--n]);
}

static void print_int(long long v)
{
    if (v < 0) {
        port_putc('-');
        print_uint(-(unsigned long long)v, 10);
    } else {
        print_uint((unsigned long long)v, 10);
    }
}

#endif
