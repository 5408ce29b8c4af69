/* The boot ROM's SD card path, called by boot.S before the UART loader:
   initialise the card (SPI mode, the controller at CSR page 4 described in
   docs/sd-image.md), find /boot/kernel in the FAT32 volume at sector 0,
   read it whole into a staging area of main RAM, copy its ELF segments to
   their addresses and zero their BSS. Returns the entry point, or 0 when
   there is no card or no kernel (boot.S then waits for the UART).
   Runs from ROM with its stack in SRAM: no writable globals. */
typedef unsigned int u32;
typedef unsigned char u8;

#define SD ((volatile u32 *)0xF0002000u)
#define UART ((volatile u32 *)0xF0000800u)
enum { CTRL, CMD, ARG, R1, RESP, CLKDIV };
#define SD_CS (0x1C / 4)
#define SD_BUFFER (0x200 / 4)
#define RESP_FOLLOWS 0x100
#define STAGING 0x40200000u         /* the ELF file; segments must end below it */
#define RAM_BASE 0x40000000u

struct volume {
    u32 block_addressed, fat, data, cluster_sectors, root;
    u8 sector[512];
};

static void say(const char *s) {
    for (; *s; s++) {
        while (UART[1]) {}                          /* txfull */
        UART[0] = (u8)*s;
    }
}

static u32 le32(const u8 *p) { return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24; }
static u32 le16(const u8 *p) { return p[0] | p[1] << 8; }

static u32 sd_op(u32 op) {
    SD[CTRL] = op;
    while (SD[CTRL] & 1) {}
    return SD[CTRL] & 0xE;                          /* timeout, CRC or card error */
}

static int sd_command(u32 cmd, u32 arg) {
    SD[CMD] = cmd;
    SD[ARG] = arg;
    return sd_op(2) ? -1 : (int)(SD[R1] & 0xFF);
}

static int sd_init(struct volume *v) {
    SD[CLKDIV] = 255;
    SD[SD_CS] = 1;
    sd_op(1);
    if (sd_command(0, 0) != 1) return -1;
    if (sd_command(8 | RESP_FOLLOWS, 0x1AA) != 1 || (SD[RESP] & 0xFFF) != 0x1AA) return -1;
    int r = 1;
    for (int tries = 0; tries < 1000 && r == 1; tries++) {
        if (sd_command(55, 0) < 0) return -1;
        r = sd_command(41, 0x40000000);
    }
    if (r != 0 || sd_command(58 | RESP_FOLLOWS, 0) != 0) return -1;
    v->block_addressed = (SD[RESP] >> 30) & 1;
    SD[CLKDIV] = 0;
    return 0;
}

/* Reads sector lba to dst (any byte address). */
static int read_sector(struct volume *v, u32 lba, u8 *dst) {
    if (sd_command(17, v->block_addressed ? lba : lba * 512) != 0 || sd_op(3)) return -1;
    for (u32 i = 0; i < 128; i++) {
        u32 w = SD[SD_BUFFER + i];
        dst[4 * i] = (u8)w;
        dst[4 * i + 1] = (u8)(w >> 8);
        dst[4 * i + 2] = (u8)(w >> 16);
        dst[4 * i + 3] = (u8)(w >> 24);
    }
    return 0;
}

static int mount(struct volume *v) {
    u8 *b = v->sector;
    if (read_sector(v, 0, b) < 0 || b[510] != 0x55 || b[511] != 0xAA || le16(b + 11) != 512) return -1;
    u32 reserved = le16(b + 14), fats = b[16], fat_size = le32(b + 36);
    if (le16(b + 22) != 0 || b[13] == 0) return -1;            /* FAT32 only */
    v->cluster_sectors = b[13];
    v->fat = reserved;
    v->data = reserved + fats * fat_size;
    v->root = le32(b + 44);
    return 0;
}

static u32 next_cluster(struct volume *v, u32 c) {
    if (read_sector(v, v->fat + c / 128, v->sector) < 0) return 0;
    return le32(v->sector + c % 128 * 4) & 0x0FFFFFFF;
}

static int valid(u32 c) { return c >= 2 && c < 0x0FFFFFF8; }

/* The first cluster and size of the 8.3 entry `name` (11 chars) in a directory. */
static u32 find(struct volume *v, u32 dir, const char *name, u32 *size) {
    for (u32 c = dir; valid(c); c = next_cluster(v, c))
        for (u32 s = 0; s < v->cluster_sectors; s++) {
            if (read_sector(v, v->data + (c - 2) * v->cluster_sectors + s, v->sector) < 0) return 0;
            for (u8 *e = v->sector; e < v->sector + 512; e += 32) {
                if (e[0] == 0) return 0;
                int same = e[11] != 0x0F;                      /* not a long-name part */
                for (int i = 0; i < 11 && same; i++) same = e[i] == (u8)name[i];
                if (same) {
                    *size = le32(e + 28);
                    return le16(e + 20) << 16 | le16(e + 26);
                }
            }
        }
    return 0;
}

/* Reads a file's clusters to STAGING; its size, or 0. */
static u32 read_file(struct volume *v, u32 c, u32 size) {
    u32 done = 0;
    if (size > (16u << 20)) return 0;
    for (; done < size && valid(c); c = next_cluster(v, c))
        for (u32 s = 0; s < v->cluster_sectors && done < size; s++, done += 512)
            if (read_sector(v, v->data + (c - 2) * v->cluster_sectors + s, (u8 *)STAGING + done) < 0) return 0;
    return done >= size ? size : 0;
}

/* Places the ELF's PT_LOAD segments; its entry point, or 0. */
static u32 load_elf(const u8 *f, u32 size) {
    if (size < 52 || le32(f) != 0x464C457F || f[4] != 1 || le16(f + 18) != 243) return 0;
    u32 phoff = le32(f + 28), phnum = le16(f + 44);
    if (phoff + phnum * 32 > size) return 0;
    for (u32 i = 0; i < phnum; i++) {
        const u8 *ph = f + phoff + 32 * i;
        u32 off = le32(ph + 4), addr = le32(ph + 12), filesz = le32(ph + 16), memsz = le32(ph + 20);
        if (le32(ph) != 1) continue;                           /* PT_LOAD */
        if (off + filesz > size || filesz > memsz || addr < RAM_BASE || addr + memsz > STAGING) return 0;
        u8 *d = (u8 *)addr;
        for (u32 k = 0; k < memsz; k++) d[k] = k < filesz ? f[off + k] : 0;
    }
    return le32(f + 24);
}

u32 sd_boot(void) {
    struct volume v;
    u32 size, entry;
    if (sd_init(&v) < 0 || mount(&v) < 0) return 0;
    u32 dir = find(&v, v.root, "BOOT       ", &size);
    u32 file = valid(dir) ? find(&v, dir, "KERNEL     ", &size) : 0;
    if (!valid(file) || !read_file(&v, file, size) || !(entry = load_elf((u8 *)STAGING, size))) {
        say("boot: no /boot/kernel on the SD card\n");
        return 0;
    }
    say("boot: /boot/kernel from the SD card\n");
    return entry;
}
