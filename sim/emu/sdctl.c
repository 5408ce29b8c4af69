/* The SD controller of docs/sd-image.md (CSR page 4) over the card model of
 * sim/sdcard. Every operation completes at once (status never shows busy),
 * byte for byte what the gateware puts on the wire. The card image is
 * attached by --sd; without one the slot is empty and commands time out. */
#include <stdio.h>
#include "emu.h"
#include "../sdcard/sdcard.h"

enum { ST_TIMEOUT = 2, ST_CRC = 4, ST_CARD = 8 };

static struct sdcard *card;
static uint32_t sd_cmd, sd_arg, sd_r1, sd_resp, sd_status, sd_clkdiv = 255, sd_timeout = 0x100000, sd_cs;
static uint8_t sd_buf[512];

/* Opens the card image for --sd; nonzero (with a message) if it cannot. */
int sd_attach(const char *path)
{
    card = sdcard_open(path, 0);
    if (!card) {
        fprintf(stderr, "emu: cannot open SD image %s\n", path);
        return -1;
    }
    return 0;
}

static uint8_t xfer(uint8_t b) { return sdcard_exchange(card, b); }

/* Polls up to n bytes for one that is not `idle`; -1 if none came. */
static int poll_byte(uint32_t n, uint8_t idle)
{
    for (uint32_t i = 0; i < n; i++) {
        uint8_t b = xfer(0xFF);
        if (b != idle)
            return b;
    }
    return -1;
}

static void wait_not_busy(void)
{
    if (poll_byte(sd_timeout, 0x00) < 0)
        sd_status |= ST_TIMEOUT;
}

static void op_command(void)
{
    uint8_t frame[6] = { (uint8_t)(0x40 | (sd_cmd & 0x3F)), (uint8_t)(sd_arg >> 24),
                         (uint8_t)(sd_arg >> 16), (uint8_t)(sd_arg >> 8), (uint8_t)sd_arg, 0 };
    frame[5] = (uint8_t)(sdcard_crc7(frame, 5) << 1 | 1);
    xfer(0xFF);
    for (int i = 0; i < 6; i++)
        xfer(frame[i]);
    int r1 = poll_byte(16, 0xFF);
    if (r1 < 0) {
        sd_status |= ST_TIMEOUT;
        return;
    }
    sd_r1 = (uint32_t)r1;
    if (sd_cmd & 0x100) {
        sd_resp = 0;
        for (int i = 0; i < 4; i++)
            sd_resp = sd_resp << 8 | xfer(0xFF);
    }
    if (sd_cmd & 0x200) {
        xfer(0xFF);
        wait_not_busy();
    }
}

static void op_read(void)
{
    int token = poll_byte(sd_timeout, 0xFF);
    if (token != 0xFE) {
        sd_status |= token < 0 ? ST_TIMEOUT : ST_CARD;
        if (token >= 0)
            sd_r1 = (uint32_t)token;
        return;
    }
    for (int i = 0; i < 512; i++)
        sd_buf[i] = xfer(0xFF);
    unsigned crc = (unsigned)xfer(0xFF) << 8;
    crc |= xfer(0xFF);
    if (crc != sdcard_crc16(sd_buf, 512))
        sd_status |= ST_CRC;
}

static void op_write(uint8_t token)
{
    unsigned crc = sdcard_crc16(sd_buf, 512);
    xfer(0xFF);
    xfer(token);
    for (int i = 0; i < 512; i++)
        xfer(sd_buf[i]);
    xfer((uint8_t)(crc >> 8));
    xfer((uint8_t)crc);
    sd_r1 = xfer(0xFF);
    if ((sd_r1 & 0x1F) != 0x05)
        sd_status |= ST_CARD;
    else
        wait_not_busy();
}

static void run_op(uint32_t op)
{
    sd_status = 0;
    if (!card) {
        sd_status = ST_TIMEOUT;     /* no card: nothing ever answers */
        return;
    }
    switch (op) {
    case 1:
        sdcard_select(card, 0);
        for (int i = 0; i < 10; i++)
            xfer(0xFF);
        sdcard_select(card, sd_cs & 1);
        break;
    case 2: op_command(); break;
    case 3: op_read(); break;
    case 4: op_write(0xFE); break;
    case 5: op_write(0xFC); break;
    case 6:
        xfer(0xFD);
        xfer(0xFF);
        wait_not_busy();
        break;
    }
}

bool sd_load(Machine *m, uint32_t off, uint32_t *v)
{
    (void)m;
    if (off >= 0x200 && off < 0x400) {
        uint32_t i = (off - 0x200) & ~3u;
        *v = sd_buf[i] | sd_buf[i + 1] << 8 | sd_buf[i + 2] << 16 | (uint32_t)sd_buf[i + 3] << 24;
        return true;
    }
    switch (off) {
    case 0x00: *v = sd_status; return true;
    case 0x04: *v = sd_cmd; return true;
    case 0x08: *v = sd_arg; return true;
    case 0x0C: *v = sd_r1; return true;
    case 0x10: *v = sd_resp; return true;
    case 0x14: *v = sd_clkdiv; return true;
    case 0x18: *v = sd_timeout; return true;
    case 0x1C: *v = sd_cs; return true;
    }
    return false;
}

bool sd_store(Machine *m, uint32_t off, uint32_t v)
{
    (void)m;
    if (off >= 0x200 && off < 0x400) {
        uint32_t i = (off - 0x200) & ~3u;
        for (int k = 0; k < 4; k++)
            sd_buf[i + k] = (uint8_t)(v >> (8 * k));
        return true;
    }
    switch (off) {
    case 0x00: run_op(v); return true;
    case 0x04: sd_cmd = v & 0x33F; return true;
    case 0x08: sd_arg = v; return true;
    case 0x14: sd_clkdiv = v; return true;
    case 0x18: sd_timeout = v; return true;
    case 0x1C:
        sd_cs = v & 3;
        if (card)
            sdcard_select(card, sd_cs & 1);
        return true;
    }
    return false;
}

/* Interrupt line 2: high while idle with cs bit 1 set, as in the gateware.
 * Operations here finish at once, so the controller is always idle. */
bool sd_irq(void)
{
    return (sd_cs & 2) != 0;
}
