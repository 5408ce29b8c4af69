/* SD card model, SPI mode (SD Physical Layer Simplified Spec, chapter 7).
 * Each exchanged byte: the card first shifts out the next byte of its output
 * queue (0xFF when empty: sdcard_miso), then takes in the host's byte, which
 * may complete a command or a data block and so queue its answer (sdcard_mosi). */
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include "sdcard.h"

enum { IDLE_BIT = 0x01, ERR_CRC = 0x08, ERR_ILLEGAL = 0x04, ERR_PARAM = 0x40 };
enum { ST_CMD, ST_READ_MULTI, ST_WRITE_TOKEN, ST_WRITE_DATA };
enum { TOKEN_SINGLE = 0xFE, TOKEN_MULTI = 0xFC, TOKEN_STOP = 0xFD };
#define BUSY_BYTES 4
#define INIT_POLLS 3                /* ACMD41 answers "idle" this many times first */

struct sdcard {
    int fd, faults, selected;
    unsigned blocks;
    int spi_mode, idle, app_cmd, crc_on, init_polls;
    int state, multi;
    unsigned block;                 /* next block of a multi-block transfer */
    unsigned char cmd[6];
    int cmd_len;
    unsigned char out[600];         /* MISO queue */
    int out_len, out_pos;
    unsigned char data[514];        /* a block being written, with its CRC */
    int data_len;
};

unsigned char sdcard_crc7(const unsigned char *data, int len)
{
    unsigned crc = 0;
    int i, bit;
    for (i = 0; i < len; i++)
        for (bit = 7; bit >= 0; bit--) {
            unsigned in = ((data[i] >> bit) & 1) ^ ((crc >> 6) & 1);
            crc = ((crc << 1) & 0x7F) ^ (in ? 0x09 : 0);
        }
    return (unsigned char)crc;     /* on the wire it is followed by the end bit: crc << 1 | 1 */
}

unsigned sdcard_crc16(const unsigned char *data, int len)
{
    unsigned crc = 0;
    int i, bit;
    for (i = 0; i < len; i++) {
        crc ^= (unsigned)data[i] << 8;
        for (bit = 0; bit < 8; bit++)
            crc = (crc & 0x8000) ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
    }
    return crc;
}

static void queue(struct sdcard *c, unsigned char byte)
{
    if (c->out_len < (int)sizeof(c->out))
        c->out[c->out_len++] = byte;
}

static void queue_r1(struct sdcard *c, unsigned char flags)
{
    queue(c, 0xFF);                 /* N_CR: one byte before the response */
    queue(c, flags | (c->idle ? IDLE_BIT : 0));
}

/* Start token, payload, CRC16: how every data block goes out. */
static void queue_data(struct sdcard *c, const unsigned char *data, int len)
{
    unsigned crc = sdcard_crc16(data, len);
    int i;
    queue(c, 0xFF);                 /* N_AC */
    queue(c, TOKEN_SINGLE);
    for (i = 0; i < len; i++)
        queue(c, data[i]);
    queue(c, crc >> 8);
    queue(c, crc & 0xFF);
}

static void queue_block(struct sdcard *c, unsigned block)
{
    unsigned char buf[512];
    if (block >= c->blocks || (c->faults & SDCARD_DATA_ERRORS)
        || pread(c->fd, buf, 512, (off_t)block * 512) != 512) {
        queue(c, 0xFF);
        queue(c, block >= c->blocks ? 0x08 : 0x01);    /* data error token */
        c->state = ST_CMD;
        return;
    }
    queue_data(c, buf, 512);
}

/* CSD version 2.0 (SDHC): the card size is (C_SIZE + 1) * 512 KiB. */
static void queue_csd(struct sdcard *c)
{
    unsigned char csd[16] = {0x40, 0x0E, 0x00, 0x32, 0x5B, 0x59, 0x00, 0, 0, 0,
                             0x7F, 0x80, 0x0A, 0x40, 0x00, 0};
    unsigned size = c->blocks / 1024 - 1;
    csd[7] = (size >> 16) & 0x3F;
    csd[8] = (size >> 8) & 0xFF;
    csd[9] = size & 0xFF;
    csd[15] = sdcard_crc7(csd, 15) << 1 | 1;
    queue_data(c, csd, 16);
}

static void command(struct sdcard *c)
{
    int index = c->cmd[0] & 0x3F, app = c->app_cmd;
    unsigned arg = (unsigned)c->cmd[1] << 24 | c->cmd[2] << 16 | c->cmd[3] << 8 | c->cmd[4];
    int crc_ok = (sdcard_crc7(c->cmd, 5) << 1 | 1) == c->cmd[5];
    c->app_cmd = 0;
    if (!c->spi_mode && index != 0)
        return;                     /* still in SD mode: SPI commands get no answer */
    if (index == 12 && c->state == ST_READ_MULTI) {
        c->out_len = c->out_pos = 0;
        queue(c, 0xFF);             /* stuff byte, then R1, then busy */
        queue_r1(c, 0);
        while (c->out_len < 2 + BUSY_BYTES)
            queue(c, 0x00);
        c->state = ST_CMD;
        return;
    }
    c->out_len = c->out_pos = 0;
    c->state = ST_CMD;
    if ((index == 0 || index == 8 || c->crc_on) && !crc_ok) {
        queue_r1(c, ERR_CRC);
        return;
    }
    switch (app ? 100 + index : index) {
    case 0:
        c->spi_mode = c->idle = 1;
        queue_r1(c, 0);
        break;
    case 8:                         /* R7: echo the voltage and the check pattern */
        queue_r1(c, 0);
        queue(c, 0);
        queue(c, 0);
        queue(c, (arg >> 8) & 0x0F);
        queue(c, arg & 0xFF);
        break;
    case 55:
        c->app_cmd = 1;
        queue_r1(c, 0);
        break;
    case 141:
        if (!(c->faults & SDCARD_STUCK_IDLE) && ++c->init_polls >= INIT_POLLS)
            c->idle = 0;
        queue_r1(c, 0);
        break;
    case 58:                        /* R3: OCR with power-up done and CCS once ready */
        queue_r1(c, 0);
        queue(c, c->idle ? 0x00 : 0xC0);
        queue(c, 0xFF);
        queue(c, 0x80);
        queue(c, 0x00);
        break;
    case 59:
        c->crc_on = arg & 1;
        queue_r1(c, 0);
        break;
    case 16:
        queue_r1(c, arg == 512 ? 0 : ERR_PARAM);
        break;
    case 9:
        queue_r1(c, 0);
        queue_csd(c);
        break;
    case 17: case 18: case 24: case 25:
        if (c->idle || arg >= c->blocks) {
            queue_r1(c, c->idle ? ERR_ILLEGAL : ERR_PARAM);
            break;
        }
        queue_r1(c, 0);
        c->block = arg;
        c->multi = index == 18 || index == 25;
        if (index == 17)
            queue_block(c, arg);
        c->state = index == 18 ? ST_READ_MULTI : index == 17 ? ST_CMD : ST_WRITE_TOKEN;
        break;
    default:
        queue_r1(c, ERR_ILLEGAL);
    }
}

/* The last byte of a written block (data + CRC16) arrived. */
static void block_written(struct sdcard *c)
{
    unsigned char response = 0x05;                  /* data accepted */
    int i;
    if (c->crc_on && sdcard_crc16(c->data, 512) != (unsigned)(c->data[512] << 8 | c->data[513]))
        response = 0x0B;                            /* rejected: CRC error */
    else if (c->block >= c->blocks || (c->faults & SDCARD_DATA_ERRORS)
             || pwrite(c->fd, c->data, 512, (off_t)c->block * 512) != 512)
        response = 0x0D;                            /* rejected: write error */
    c->block++;
    c->out_len = c->out_pos = 0;
    queue(c, response);
    for (i = 0; i < BUSY_BYTES; i++)
        queue(c, 0x00);
    c->state = c->multi ? ST_WRITE_TOKEN : ST_CMD;
}

unsigned char sdcard_miso(struct sdcard *c)
{
    if (!c->selected || (c->faults & SDCARD_SILENT))
        return 0xFF;
    if (c->out_pos == c->out_len && c->state == ST_READ_MULTI) {
        c->out_len = c->out_pos = 0;
        queue_block(c, c->block++);
    }
    return c->out_pos < c->out_len ? c->out[c->out_pos++] : 0xFF;
}

void sdcard_mosi(struct sdcard *c, unsigned char mosi)
{
    if (!c->selected || (c->faults & SDCARD_SILENT))
        return;
    if (c->state == ST_WRITE_DATA) {
        c->data[c->data_len++] = mosi;
        if (c->data_len == 514)
            block_written(c);
    } else if (c->state == ST_WRITE_TOKEN && mosi == (c->multi ? TOKEN_MULTI : TOKEN_SINGLE)) {
        c->state = ST_WRITE_DATA;
        c->data_len = 0;
    } else if (c->state == ST_WRITE_TOKEN && c->multi && mosi == TOKEN_STOP) {
        c->out_len = c->out_pos = 0;
        queue(c, 0xFF);
        while (c->out_len < 1 + BUSY_BYTES)
            queue(c, 0x00);
        c->state = ST_CMD;
    } else if (c->cmd_len > 0 || (mosi & 0xC0) == 0x40) {   /* start bit 0, transmission bit 1 */
        c->cmd[c->cmd_len++] = mosi;
        if (c->cmd_len == 6) {
            c->cmd_len = 0;
            command(c);
        }
    }
}

unsigned char sdcard_exchange(struct sdcard *c, unsigned char mosi)
{
    unsigned char miso = sdcard_miso(c);
    sdcard_mosi(c, mosi);
    return miso;
}

void sdcard_select(struct sdcard *c, int selected)
{
    c->selected = selected;
    c->cmd_len = 0;
}

unsigned sdcard_blocks(const struct sdcard *c)
{
    return c->blocks;
}

struct sdcard *sdcard_open(const char *image_path, int faults)
{
    struct stat st;
    struct sdcard *c = (struct sdcard *)calloc(1, sizeof(*c));
    if (!c)
        return 0;
    c->fd = open(image_path, O_RDWR);
    if (c->fd < 0 || fstat(c->fd, &st) < 0) {
        if (c->fd >= 0)
            close(c->fd);
        free(c);
        return 0;
    }
    c->blocks = (unsigned)(st.st_size / 512);
    c->faults = faults;
    return c;
}

void sdcard_close(struct sdcard *c)
{
    close(c->fd);
    free(c);
}
