/* Drives the SD card model through its byte API like an SPI host driver would,
 * checking each answer against the SD spec and the image file itself.
 * usage: sd_check IMAGE FILE_IN_IMAGE EXPECTED_HOST_FILE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../../sim/sdcard/sdcard.h"
#include "../../../software/fat/fat.h"

static int failures;
#define CHECK(cond) do { if (!(cond)) { printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

static struct sdcard *card;
static FILE *image;

static unsigned char xfer(unsigned char b) { return sdcard_exchange(card, b); }

/* Sends a command and returns R1 (0xFF when no answer within 16 bytes). */
static int cmd(int index, unsigned arg, int bad_crc)
{
    unsigned char c[6];
    int i, r;
    c[0] = 0x40 | index;
    c[1] = arg >> 24; c[2] = arg >> 16; c[3] = arg >> 8; c[4] = arg;
    c[5] = (sdcard_crc7(c, 5) << 1 | 1) ^ (bad_crc ? 2 : 0);
    xfer(0xFF);
    for (i = 0; i < 6; i++)
        xfer(c[i]);
    for (i = 0; i < 16; i++)
        if (!((r = xfer(0xFF)) & 0x80))
            return r;
    return 0xFF;
}

static int init_card(void)
{
    int i, r;
    for (i = 0; i < 10; i++)
        xfer(0xFF);
    if (cmd(0, 0, 0) != 0x01 || cmd(8, 0x1AA, 0) != 0x01)
        return -1;
    xfer(0xFF); xfer(0xFF);
    if (xfer(0xFF) != 0x01 || xfer(0xFF) != 0xAA)
        return -2;
    for (i = 0; i < 100; i++) {
        if (cmd(55, 0, 0) > 1)
            return -3;
        if ((r = cmd(41, 0x40000000, 0)) == 0)
            return 0;
    }
    return -4;                      /* timeout: the card never became ready */
}

static int wait_token(void)
{
    int i, t;
    for (i = 0; i < 1000; i++)
        if ((t = xfer(0xFF)) != 0xFF)
            return t;
    return -1;
}

/* Reads the data part of a block after its token; returns 0 if the CRC16 matches. */
static int read_data(unsigned char *buf, int len)
{
    int i, t = wait_token();
    unsigned crc;
    if (t != 0xFE)
        return t < 0 ? -1 : t;
    for (i = 0; i < len; i++)
        buf[i] = xfer(0xFF);
    crc = xfer(0xFF) << 8;
    crc |= xfer(0xFF);
    return crc == sdcard_crc16(buf, len) ? 0 : -2;
}

static int write_data(unsigned char token, const unsigned char *buf, int bad_crc)
{
    unsigned crc = sdcard_crc16(buf, 512) ^ (bad_crc ? 1 : 0);
    int i, response;
    xfer(0xFF);
    xfer(token);
    for (i = 0; i < 512; i++)
        xfer(buf[i]);
    xfer(crc >> 8);
    xfer(crc & 0xFF);
    response = xfer(0xFF) & 0x1F;
    for (i = 0; i < 1000 && xfer(0xFF) != 0xFF; i++)
        ;                           /* busy */
    return response;
}

static void file_block(unsigned block, unsigned char *buf)
{
    fseek(image, (long)block * 512, SEEK_SET);
    if (fread(buf, 512, 1, image) != 1)
        memset(buf, 0xEE, 512);
}

static int dev_read(void *ctx, fat_u32 lba, fat_u8 *buf)
{
    (void)ctx;
    return cmd(17, lba, 0) != 0 || read_data(buf, 512) != 0;
}

static int dev_write(void *ctx, fat_u32 lba, const fat_u8 *buf)
{
    (void)ctx;
    return cmd(24, lba, 0) != 0 || write_data(0xFE, buf, 0) != 0x05;
}

static void test_crcs(void)
{
    unsigned char cmd0[5] = {0x40, 0, 0, 0, 0}, cmd8[5] = {0x48, 0, 0, 1, 0xAA};
    unsigned char cmd17[5] = {0x51, 0, 0, 0, 0}, ones[512];
    memset(ones, 0xFF, 512);
    CHECK((sdcard_crc7(cmd0, 5) << 1 | 1) == 0x95);     /* last command bytes in the SD spec */
    CHECK((sdcard_crc7(cmd8, 5) << 1 | 1) == 0x87);
    CHECK((sdcard_crc7(cmd17, 5) << 1 | 1) == 0x55);
    CHECK(sdcard_crc16(ones, 512) == 0x7FA1);
}

static void test_protocol(const char *path)
{
    unsigned char buf[512], want[512], csd[16];
    unsigned blocks, i, j;
    card = sdcard_open(path, SDCARD_OK);
    sdcard_select(card, 1);
    blocks = sdcard_blocks(card);
    CHECK(cmd(17, 0, 0) == 0xFF);           /* SD mode: no answer before CMD0 */
    CHECK(cmd(0, 0, 1) == 0x08);            /* CMD0 needs a valid CRC */
    CHECK(init_card() == 0);
    CHECK(cmd(58, 0, 0) == 0x00);
    CHECK(xfer(0xFF) == 0xC0);              /* OCR: powered up, block addressed */
    xfer(0xFF); xfer(0xFF); xfer(0xFF);
    CHECK(cmd(16, 512, 0) == 0 && cmd(16, 1024, 0) == 0x40);
    CHECK(cmd(60, 0, 0) == 0x04);           /* illegal command */
    CHECK(cmd(9, 0, 0) == 0 && read_data(csd, 16) == 0);
    CHECK((unsigned)((csd[7] & 0x3F) << 16 | csd[8] << 8 | csd[9]) == blocks / 1024 - 1);
    for (i = 0; i < 3; i++) {               /* single-block reads */
        unsigned b = i * (blocks / 3);
        CHECK(cmd(17, b, 0) == 0 && read_data(buf, 512) == 0);
        file_block(b, want);
        CHECK(!memcmp(buf, want, 512));
    }
    CHECK(cmd(17, blocks, 0) == 0x40);      /* out of range */
    CHECK(cmd(18, 100, 0) == 0);            /* multi-block read, stopped by CMD12 */
    for (i = 0; i < 5; i++) {
        CHECK(read_data(buf, 512) == 0);
        file_block(100 + i, want);
        CHECK(!memcmp(buf, want, 512));
    }
    CHECK(cmd(12, 0, 0) == 0);
    for (j = 0; j < 100 && xfer(0xFF) != 0xFF; j++)
        ;
    CHECK(cmd(16, 512, 0) == 0);            /* the card answers commands again */
    for (i = 0; i < 512; i++)
        buf[i] = (unsigned char)(i * 7 + 3);
    CHECK(cmd(24, blocks - 1, 0) == 0 && write_data(0xFE, buf, 0) == 0x05);
    file_block(blocks - 1, want);
    CHECK(!memcmp(buf, want, 512));
    CHECK(cmd(25, blocks - 3, 0) == 0);     /* multi-block write, ended by a stop token */
    for (i = 0; i < 3; i++) {
        buf[0] = (unsigned char)i;
        CHECK(write_data(0xFC, buf, 0) == 0x05);
    }
    xfer(0xFD);
    for (j = 0; j < 100 && xfer(0xFF) != 0xFF; j++)
        ;
    for (i = 0; i < 3; i++) {
        file_block(blocks - 3 + i, want);
        CHECK(want[0] == i && !memcmp(buf + 1, want + 1, 511));
    }
    CHECK(cmd(59, 1, 0) == 0);              /* CRC on: bad command and data CRCs rejected */
    CHECK(cmd(17, 0, 1) == 0x08);
    CHECK(cmd(24, blocks - 1, 0) == 0 && write_data(0xFE, buf, 1) == 0x0B);
    sdcard_select(card, 0);
    CHECK(cmd(0, 0, 0) == 0xFF);            /* deselected: MISO stays high */
    sdcard_close(card);
}

static void test_faults(const char *path)
{
    unsigned char buf[512];
    card = sdcard_open(path, SDCARD_SILENT);
    sdcard_select(card, 1);
    CHECK(init_card() == -1);
    sdcard_close(card);
    card = sdcard_open(path, SDCARD_STUCK_IDLE);
    sdcard_select(card, 1);
    CHECK(init_card() == -4);
    CHECK(cmd(17, 0, 0) == 0x05);           /* idle: data commands are illegal */
    sdcard_close(card);
    card = sdcard_open(path, SDCARD_DATA_ERRORS);
    sdcard_select(card, 1);
    CHECK(init_card() == 0);
    CHECK(cmd(17, 0, 0) == 0 && read_data(buf, 512) == 0x01);   /* error token */
    CHECK(cmd(24, 0, 0) == 0 && write_data(0xFE, buf, 0) == 0x0D);
    sdcard_close(card);
    CHECK(sdcard_open("/nonexistent/image", 0) == 0);
}

/* The FAT driver reads a file from the card, as the kernel will. */
static void test_fat(const char *path, const char *name, const char *expected_path)
{
    static struct fat_vol vol;
    static char got[1 << 20], want[1 << 20];
    struct fat_dev dev;
    struct fat_node node;
    FILE *f = fopen(expected_path, "rb");
    size_t want_len = f ? fread(want, 1, sizeof(want), f) : 0;
    int n;
    card = sdcard_open(path, SDCARD_OK);
    sdcard_select(card, 1);
    CHECK(init_card() == 0);
    dev.ctx = 0;
    dev.read = dev_read;
    dev.write = dev_write;
    dev.sectors = sdcard_blocks(card);
    CHECK(fat_mount(&vol, &dev) == 0);
    CHECK(fat_lookup(&vol, name, &node) == 0);
    n = fat_read(&vol, &node, 0, got, sizeof(got));
    CHECK(f && n == (int)want_len && !memcmp(got, want, want_len));
    CHECK(fat_create(&vol, "/written through the card.txt", 0, &node) == 0);
    CHECK(fat_write(&vol, &node, 0, "via SPI", 7) == 7 && fat_sync(&vol) == 0);
    sdcard_close(card);
    if (f)
        fclose(f);
}

int main(int argc, char **argv)
{
    if (argc != 4 || !(image = fopen(argv[1], "rb"))) {
        fprintf(stderr, "usage: sd_check IMAGE FILE_IN_IMAGE EXPECTED_HOST_FILE\n");
        return 2;
    }
    setvbuf(image, 0, _IONBF, 0);           /* see the card's writes at once */
    test_crcs();
    test_fat(argv[1], argv[2], argv[3]);
    test_protocol(argv[1]);
    test_faults(argv[1]);
    printf(failures ? "%d checks failed\n" : "all checks passed\n", failures);
    return failures != 0;
}
