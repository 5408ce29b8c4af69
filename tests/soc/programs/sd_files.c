/* Reads and writes files on the SD card through the kernel's SD driver
 * (software/kernel/sd.c) and the FAT driver (software/fat), bare metal, so
 * that the same ELF runs on the emulator and on the Verilator SoC:
 * prints /docs/Hello World.txt, then writes /home/reply.txt.
 * Exit status: 0, or the step that failed (1 init, 2 mount, 3 read, 4 write). */
#include "port.h"
#include "../../../software/fat/fat.h"

int sd_init(void);
int sd_read(void *ctx, fat_u32 lba, fat_u8 *buf);
int sd_write(void *ctx, fat_u32 lba, const fat_u8 *buf);

static struct fat_vol volume;
static fat_u8 sector[512];
static char text[4096];
static const char reply[] = "written on the SoC by sd_files.c\n";

static fat_u32 le32(const fat_u8 *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (fat_u32)p[3] << 24;
}

int main(void)
{
    struct fat_dev dev = { 0, sd_read, sd_write, 0 };
    struct fat_node file;
    if (sd_init() < 0 || sd_read(0, 0, sector) < 0)
        return 1;
    dev.sectors = le32(sector + 32);          /* the boot sector's total (FAT32 field) */
    if (!dev.sectors)
        dev.sectors = sector[19] | sector[20] << 8;
    if (fat_mount(&volume, &dev) < 0)
        return 2;
    if (fat_lookup(&volume, "/docs/Hello World.txt", &file) < 0)
        return 3;
    int n = fat_read(&volume, &file, 0, text, sizeof text);
    if (n < 0)
        return 3;
    for (int i = 0; i < n; i++)
        port_putc(text[i]);
    if (fat_create(&volume, "/home/reply.txt", 0, &file) < 0
        || fat_write(&volume, &file, 0, reply, sizeof reply - 1) != (int)sizeof reply - 1
        || fat_sync(&volume) < 0)
        return 4;
    return 0;
}
