/* download FILE: receives FILE from the host over the console with
   tools/download.py. One line per message (protocol in README.md):
   host "D off crc hex" / "E size crc", we answer "READY off", "ACK off",
   "NAK off", "DONE size" or "FAIL why". Verified blocks are appended to
   FILE.part (closed after each, so they survive an interruption); a
   later run resumes from its size; FILE appears only when the whole
   file's CRC matches. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned crc32(unsigned crc, const unsigned char *p, int n) {
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
    }
    return ~crc;
}

static int hex_digit(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/* Decodes hex text up to a space or the line end; bytes, or -1. */
static int unhex(const char *s, unsigned char *out, int max) {
    int n = 0;
    for (; hex_digit(s[0]) >= 0 && hex_digit(s[1]) >= 0; s += 2) {
        if (n == max) return -1;
        out[n++] = (unsigned char)(hex_digit(s[0]) << 4 | hex_digit(s[1]));
    }
    return *s == '\n' || *s == 0 ? n : -1;
}

static unsigned file_crc(const char *path) {
    unsigned char buf[512];
    unsigned crc = 0;
    int fd = open(path, O_RDONLY), n;
    while (fd >= 0 && (n = read(fd, buf, sizeof buf)) > 0) crc = crc32(crc, buf, n);
    if (fd >= 0) close(fd);
    return crc;
}

int main(int argc, char **argv) {
    char part[300], line[300];
    unsigned char data[128];
    struct stat st;
    if (argc != 2 || strlen(argv[1]) > 250) { fprintf(stderr, "usage: download FILE\n"); return 2; }
    snprintf(part, sizeof part, "%s.part", argv[1]);
    unsigned offset = stat(part, &st) == 0 ? (unsigned)st.st_size : 0;
    printf("READY %x\n", offset);
    fflush(stdout);
    while (fgets(line, sizeof line, stdin)) {
        unsigned at, crc, size;
        char *hex;
        if (line[0] == 'D' && sscanf(line, "D %x %x ", &at, &crc) == 2 && (hex = strrchr(line, ' '))) {
            int n = unhex(hex + 1, data, sizeof data);
            if (at != offset) { printf("ACK %x\n", offset); continue; }
            if (n <= 0 || crc32(0, data, n) != crc) { printf("NAK %x\n", offset); continue; }
            int fd = open(part, O_WRONLY | O_CREAT | O_APPEND, 0644);
            if (fd < 0 || write(fd, data, n) != n) { printf("FAIL cannot write %s\n", part); return 1; }
            close(fd);
            offset += n;
            printf("ACK %x\n", offset);
        } else if (line[0] == 'E' && sscanf(line, "E %x %x", &size, &crc) == 2) {
            if (size != offset) { printf("ACK %x\n", offset); continue; }
            if (size == 0) close(open(part, O_WRONLY | O_CREAT, 0644));
            if (file_crc(part) != crc) {
                unlink(part);
                printf("FAIL file checksum, %s removed\n", part);
                return 1;
            }
            unlink(argv[1]);
            if (rename(part, argv[1]) < 0) { printf("FAIL cannot rename %s\n", part); return 1; }
            printf("DONE %x\n", size);
            return 0;
        } else {
            printf("NAK %x\n", offset);
        }
    }
    printf("download: interrupted at %u bytes; run it again to resume\n", offset);
    return 1;
}
