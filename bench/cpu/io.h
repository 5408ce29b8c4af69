/* Tiny freestanding output for the benchmarks: UART and cycle counters. */
#include <stdint.h>

#define UART_RXTX (*(volatile uint32_t *)0xF0000800)
#define UART_TXFULL (*(volatile uint32_t *)0xF0000804)

static inline uint32_t rdcycle(void) { uint32_t v; __asm__ volatile("csrr %0, cycle" : "=r"(v)); return v; }
static inline uint32_t rdinstret(void) { uint32_t v; __asm__ volatile("csrr %0, instret" : "=r"(v)); return v; }

static void putch(char c) { while (UART_TXFULL) ; UART_RXTX = (uint8_t)c; }
static void puts_(const char *s) { while (*s) putch(*s++); }
static void putu(uint32_t v)
{
    char buf[12];
    int n = 0;
    do { buf[n++] = '0' + v % 10; v /= 10; } while (v);
    while (n) putch(buf[--n]);
}
static void report(const char *key, uint32_t value) { puts_(key); putch('='); putu(value); putch('\n'); }
