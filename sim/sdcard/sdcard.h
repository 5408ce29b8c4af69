/* An SD card (SDHC, block addressed) in SPI mode, backed by an image file.
 * The host drives it one byte at a time: sdcard_exchange() takes the byte on
 * MOSI and returns the byte the card put on MISO during the same 8 clocks. */
#ifndef SDCARD_H
#define SDCARD_H

#ifdef __cplusplus
extern "C" {
#endif

/* Misbehaviours for tests. */
enum {
    SDCARD_OK = 0,
    SDCARD_SILENT = 1,      /* never drives MISO: every byte reads 0xFF */
    SDCARD_STUCK_IDLE = 2,  /* ACMD41 never leaves the idle state */
    SDCARD_DATA_ERRORS = 4  /* reads answer an error token, writes are rejected */
};

struct sdcard;

/* Opens the image (read-write); NULL with errno set on failure. */
struct sdcard *sdcard_open(const char *image_path, int faults);
void sdcard_close(struct sdcard *card);
void sdcard_select(struct sdcard *card, int selected);     /* CS low = 1 */
unsigned char sdcard_exchange(struct sdcard *card, unsigned char mosi);
/* The two halves of an exchange, for bit-level SPI: the byte the card will
 * shift out is fixed when the byte starts, the host's byte is known at its end. */
unsigned char sdcard_miso(struct sdcard *card);
void sdcard_mosi(struct sdcard *card, unsigned char mosi);
unsigned sdcard_blocks(const struct sdcard *card);

/* CRCs of the SD spec, exported for host drivers and tests. sdcard_crc7 is
 * the 7-bit CRC; a command's last byte is crc7 << 1 | 1. */
unsigned char sdcard_crc7(const unsigned char *data, int len);
unsigned sdcard_crc16(const unsigned char *data, int len);

#ifdef __cplusplus
}
#endif
#endif
