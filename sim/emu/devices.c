/* The SoC's devices: LiteX CSR pages (ctrl, uart, timer0, simctrl) and the
 * CLINT. Time is counted in retired instructions (mtime = instret + offset),
 * so every run is deterministic. */
#include <poll.h>
#include <unistd.h>
#include "emu.h"

uint64_t mtime(Machine *m)
{
    return m->hart.instret + m->time_offset;
}

/* ---- ctrl (page 0) ---- */

static bool ctrl_load(Machine *m, uint32_t off, uint32_t *v)
{
    switch (off) {
    case 0x00: *v = 0; return true;
    case 0x04: *v = m->ctrl_scratch; return true;
    case 0x08: *v = m->bus_errors; return true;
    }
    return false;
}

static bool ctrl_store(Machine *m, uint32_t off, uint32_t v)
{
    if (off == 0x00) {
        if (v & 1)
            m->reset_requested = true;
        return true;
    }
    if (off == 0x04) {
        m->ctrl_scratch = v;
        return true;
    }
    return off == 0x08;
}

/* ---- uart (page 1): stdout, and stdin read without blocking ---- */

void uart_flush(void)
{
    fflush(stdout);
}

/* Is a received byte waiting? Takes one from stdin if it has one ready. */
static bool uart_rx_ready(Machine *m)
{
    if (m->uart_rx_byte >= 0)
        return true;
    if (m->stdin_eof)
        return false;
    uart_flush();
    struct pollfd p = { .fd = 0, .events = POLLIN };
    if (poll(&p, 1, 0) <= 0)
        return false;
    unsigned char c;
    if (read(0, &c, 1) == 1)
        m->uart_rx_byte = c;
    else
        m->stdin_eof = true;
    return m->uart_rx_byte >= 0;
}

/* Called by WFI when only the UART could wake the hart: block on stdin. */
bool uart_wait_input(Machine *m)
{
    if (!(m->uart_ev_enable & 2) || m->stdin_eof)
        return false;
    uart_flush();
    struct pollfd p = { .fd = 0, .events = POLLIN };
    poll(&p, 1, -1);
    return uart_rx_ready(m) || !m->stdin_eof;
}

static uint32_t uart_events(Machine *m)
{
    return 1u | (uart_rx_ready(m) ? 2u : 0u);   /* tx never full */
}

static bool uart_load(Machine *m, uint32_t off, uint32_t *v)
{
    switch (off) {
    case 0x00:
        *v = uart_rx_ready(m) ? (uint32_t)m->uart_rx_byte : 0;
        m->uart_rx_byte = -1;
        return true;
    case 0x04: *v = 0; return true;                    /* txfull */
    case 0x08: *v = !uart_rx_ready(m); return true;    /* rxempty */
    case 0x0C: case 0x10: *v = uart_events(m); return true;
    case 0x14: *v = m->uart_ev_enable; return true;
    case 0x18: *v = 1; return true;                    /* txempty */
    case 0x1C: *v = 0; return true;                    /* rxfull */
    }
    return false;
}

static bool uart_store(Machine *m, uint32_t off, uint32_t v)
{
    if (off == 0x00) {
        putchar((int)(v & 0xFF));
        return true;
    }
    if (off == 0x14) {
        m->uart_ev_enable = v & 3;
        return true;
    }
    return off <= 0x1C;   /* pending is level-triggered: ack is a no-op */
}

/* ---- timer0 (page 2): the LiteX down-counter, computed lazily ---- */

/* The counter goes v0, v0-1, ..., 0, reload, reload-1, ..., 0, ... */
static uint32_t timer_value(Machine *m, uint64_t now)
{
    if (!m->timer_en)
        return m->timer_load;
    uint64_t elapsed = now - m->timer_t0;
    if (elapsed <= m->timer_v0)
        return m->timer_v0 - (uint32_t)elapsed;
    if (m->timer_reload == 0)
        return 0;
    uint64_t after = elapsed - m->timer_v0 - 1;
    return m->timer_reload - (uint32_t)(after % ((uint64_t)m->timer_reload + 1));
}

/* The time of the last zero at or before now, or UINT64_MAX if none. */
static uint64_t timer_last_zero(Machine *m, uint64_t now)
{
    uint64_t first = m->timer_t0 + m->timer_v0;
    if (!m->timer_en || first > now)
        return UINT64_MAX;
    if (m->timer_reload == 0)
        return first;
    uint64_t period = (uint64_t)m->timer_reload + 1;
    return first + (now - first) / period * period;
}

static void timer_update_pending(Machine *m)
{
    uint64_t now = mtime(m);
    uint64_t z = timer_last_zero(m, now);
    if (z != UINT64_MAX && (z >= m->timer_checked))
        m->timer_pending = true;
    m->timer_checked = now + 1;
}

/* Restart the lazy computation from the present value. */
static void timer_rebase(Machine *m)
{
    uint64_t now = mtime(m);
    timer_update_pending(m);
    m->timer_v0 = timer_value(m, now);
    m->timer_t0 = now;
}

static uint64_t timer_next_zero(Machine *m)
{
    uint64_t now = mtime(m);
    uint64_t first = m->timer_t0 + m->timer_v0;
    if (!m->timer_en)
        return UINT64_MAX;
    if (first > now)
        return first;
    if (m->timer_reload == 0)
        return UINT64_MAX;
    uint64_t period = (uint64_t)m->timer_reload + 1;
    return first + ((now - first) / period + 1) * period;
}

static bool timer_load_reg(Machine *m, uint32_t off, uint32_t *v)
{
    switch (off) {
    case 0x00: *v = m->timer_load; return true;
    case 0x04: *v = m->timer_reload; return true;
    case 0x08: *v = m->timer_en; return true;
    case 0x0C: *v = 0; return true;
    case 0x10: *v = m->timer_latched; return true;
    case 0x14: *v = timer_value(m, mtime(m)) == 0; return true;
    case 0x18: timer_update_pending(m); *v = m->timer_pending; return true;
    case 0x1C: *v = m->timer_ev_enable; return true;
    }
    return false;
}

static bool timer_store(Machine *m, uint32_t off, uint32_t v)
{
    timer_rebase(m);
    switch (off) {
    case 0x00: m->timer_load = v; break;
    case 0x04: m->timer_reload = v; break;
    case 0x08:
        if ((v & 1) && !m->timer_en) {
            m->timer_v0 = m->timer_load;
            m->timer_t0 = mtime(m);
        }
        m->timer_en = v & 1;
        break;
    case 0x0C: m->timer_latched = timer_value(m, mtime(m)); break;
    case 0x18: if (v & 1) m->timer_pending = false; break;
    case 0x1C: m->timer_ev_enable = v & 1; break;
    default: return off <= 0x1C;
    }
    return true;
}

/* ---- simctrl (page 3) ---- */

static bool simctrl_load(Machine *m, uint32_t off, uint32_t *v)
{
    if (off == 0x00) { *v = 0; return true; }
    if (off == 0x04) { *v = m->cpu_hz; return true; }
    return false;
}

static bool simctrl_store(Machine *m, uint32_t off, uint32_t v)
{
    if (off == 0x00) {
        m->exited = true;
        m->exit_code = (int)(v & 0xFF);
        return true;
    }
    return off == 0x04;
}

/* ---- CLINT ---- */

static bool clint_load(Machine *m, uint32_t off, uint32_t *v)
{
    switch (off) {
    case 0x0000: *v = m->msip; return true;
    case 0x4000: *v = (uint32_t)m->mtimecmp; return true;
    case 0x4004: *v = (uint32_t)(m->mtimecmp >> 32); return true;
    case 0xBFF8: *v = (uint32_t)mtime(m); return true;
    case 0xBFFC: *v = (uint32_t)(mtime(m) >> 32); return true;
    }
    return false;
}

static bool clint_store(Machine *m, uint32_t off, uint32_t v)
{
    uint64_t t = mtime(m);
    switch (off) {
    case 0x0000: m->msip = v & 1; return true;
    case 0x4000: m->mtimecmp = (m->mtimecmp & ~0xFFFFFFFFull) | v; return true;
    case 0x4004: m->mtimecmp = (m->mtimecmp & 0xFFFFFFFFull) | (uint64_t)v << 32; return true;
    case 0xBFF8: t = (t & ~0xFFFFFFFFull) | v; break;
    case 0xBFFC: t = (t & 0xFFFFFFFFull) | (uint64_t)v << 32; break;
    default: return false;
    }
    /* Writing mtime moves the time base; timer0 keeps its own count. */
    timer_rebase(m);
    m->time_offset = t - m->hart.instret;
    m->timer_t0 = t;
    m->timer_checked = t + 1;
    return true;
}

/* ---- dispatch: a new device is one line here ---- */

/* page 5: the tensor accelerator model (accel.c), interrupt line 3 */
bool accel_load(Machine *m, uint32_t off, uint32_t *v);
bool accel_store(Machine *m, uint32_t off, uint32_t v);
bool accel_irq(void);

/* page 4: the SD controller over the sim/sdcard model (sdctl.c) */
bool sd_load(Machine *m, uint32_t off, uint32_t *v);
bool sd_store(Machine *m, uint32_t off, uint32_t v);

typedef struct {
    uint32_t base, size;
    bool (*load)(Machine *m, uint32_t off, uint32_t *v);
    bool (*store)(Machine *m, uint32_t off, uint32_t v);
} Device;

static const Device devices[] = {
    { CSR_BASE + 0x0000, 0x800, ctrl_load, ctrl_store },
    { CSR_BASE + 0x0800, 0x800, uart_load, uart_store },
    { CSR_BASE + 0x1000, 0x800, timer_load_reg, timer_store },
    { CSR_BASE + 0x1800, 0x800, simctrl_load, simctrl_store },
    { CSR_BASE + 0x2000, 0x800, sd_load, sd_store },    /* page 4: SD controller, sdctl.c */
    { CSR_BASE + 0x2800, 0x800, accel_load, accel_store },
    { CLINT_BASE, 0x10000, clint_load, clint_store },
};

static const Device *find_device(uint32_t paddr)
{
    for (unsigned i = 0; i < sizeof devices / sizeof devices[0]; i++)
        if (paddr - devices[i].base < devices[i].size)
            return &devices[i];
    return NULL;
}

bool mmio_load(Machine *m, uint32_t paddr, uint32_t *value)
{
    const Device *d = find_device(paddr);
    return d && d->load(m, paddr - d->base, value);
}

bool mmio_store(Machine *m, uint32_t paddr, uint32_t value)
{
    const Device *d = find_device(paddr);
    if (!d || !d->store(m, paddr - d->base, value))
        return false;
    request_event(m);   /* a device write may raise or drop an interrupt */
    return true;
}

/* The levels of the interrupt lines (uart = 0, timer0 = 1, sdcard = 2,
   accel = 3). */
uint32_t irq_lines(Machine *m)
{
    uint32_t lines = 0;
    if ((m->uart_ev_enable & 1) || ((m->uart_ev_enable & 2) && uart_rx_ready(m)))
        lines |= 1;
    if (m->timer_ev_enable) {
        timer_update_pending(m);
        if (m->timer_pending)
            lines |= 2;
    }
    if (sd_irq())
        lines |= 4;
    if (accel_irq())
        lines |= 8;
    return lines;
}

/* The instret at which a device may next change an interrupt line. */
uint64_t next_device_event(Machine *m)
{
    uint64_t now = mtime(m), next = UINT64_MAX;
    if (m->mtimecmp > now)
        next = m->mtimecmp;
    if (m->timer_ev_enable) {
        uint64_t z = timer_next_zero(m);
        if (z < next)
            next = z;
    }
    if (next != UINT64_MAX)
        next -= m->time_offset;
    /* Look at stdin now and then when its interrupt is enabled. */
    if ((m->uart_ev_enable & 2) && !m->stdin_eof && m->hart.instret + 100000 < next)
        next = m->hart.instret + 100000;
    return next;
}

/* The mtime at which a timer (CLINT or timer0) next fires, for WFI. */
uint64_t next_timer_event(Machine *m)
{
    uint64_t now = mtime(m), next = timer_next_zero(m);
    if (m->mtimecmp > now && m->mtimecmp < next)
        next = m->mtimecmp;
    return next;
}
