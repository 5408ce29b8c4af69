/* SD card driver: the SPI-mode controller at CSR page 4 (docs/sd-image.md).
   The controller runs one operation at a time; we wait for each. */
#include "kernel.h"

#define SD ((volatile u32 *)0xF0002000u)
enum { CTRL, CMD, ARG, R1, RESP, CLKDIV, TIMEOUT, CS };
#define BUFFER (0x200 / 4)
#define RESP_FOLLOWS 0x100

static int block_addressed;

/* Runs an operation; its error bits (timeout, CRC, card error), 0 if fine. */
static u32 sd_op(u32 op) {
    SD[CTRL] = op;
    while (SD[CTRL] & 1) {}
    return SD[CTRL] & 0xE;
}

/* A command; its R1, or -1 when the card did not answer. */
static int sd_command(u32 cmd, u32 arg) {
    SD[CMD] = cmd;
    SD[ARG] = arg;
    return sd_op(2) ? -1 : (int)(SD[R1] & 0xFF);
}

int sd_init(void) {
    SD[CLKDIV] = 255;
    SD[CS] = 1;
    sd_op(1);
    if (sd_command(0, 0) != 1) return -1;
    if (sd_command(8 | RESP_FOLLOWS, 0x1AA) != 1 || (SD[RESP] & 0xFFF) != 0x1AA) return -1;
    int r = 1;
    for (int tries = 0; tries < 1000 && r == 1; tries++) {
        if (sd_command(55, 0) < 0) return -1;
        r = sd_command(41, 0x40000000);
    }
    if (r != 0 || sd_command(58 | RESP_FOLLOWS, 0) != 0) return -1;
    block_addressed = (SD[RESP] >> 30) & 1;
    SD[CLKDIV] = 0;
    return 0;
}

static u32 address(u32 lba) { return block_addressed ? lba : lba * 512; }

/* The buffer register holds the block little-endian, four bytes a word
   (docs/sd-image.md), so an aligned buffer (the FAT driver's sector cache
   is one) moves a whole word at a time; others go a byte at a time. */
static void buffer_to(u8 *buf) {
    if (((u32)buf & 3) == 0) {
        volatile u32 *reg = SD + BUFFER;
        u32 *w = (u32 *)buf, *end = w + 128;
        for (; w < end; w += 4, reg += 4) {         /* four a turn: our cc's loop costs */
            w[0] = reg[0];
            w[1] = reg[1];
            w[2] = reg[2];
            w[3] = reg[3];
        }
        return;
    }
    for (u32 i = 0; i < 128; i++) {
        u32 w = SD[BUFFER + i];
        buf[4 * i] = (u8)w;
        buf[4 * i + 1] = (u8)(w >> 8);
        buf[4 * i + 2] = (u8)(w >> 16);
        buf[4 * i + 3] = (u8)(w >> 24);
    }
}

static void buffer_from(const u8 *buf) {
    if (((u32)buf & 3) == 0) {
        volatile u32 *reg = SD + BUFFER;
        const u32 *w = (const u32 *)buf, *end = w + 128;
        for (; w < end; w += 4, reg += 4) {
            reg[0] = w[0];
            reg[1] = w[1];
            reg[2] = w[2];
            reg[3] = w[3];
        }
        return;
    }
    for (u32 i = 0; i < 128; i++)
        SD[BUFFER + i] = buf[4 * i] | buf[4 * i + 1] << 8 | buf[4 * i + 2] << 16 | (u32)buf[4 * i + 3] << 24;
}

int sd_read(void *ctx, u32 lba, u8 *buf) {
    if (sd_command(17, address(lba)) != 0 || sd_op(3)) return -1;
    buffer_to(buf);
    return 0;
}

int sd_write(void *ctx, u32 lba, const u8 *buf) {
    buffer_from(buf);
    if (sd_command(24, address(lba)) != 0 || sd_op(4)) return -1;
    return 0;
}
