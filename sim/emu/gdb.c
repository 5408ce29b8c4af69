/* --gdb PORT: the GDB remote serial protocol over TCP on 127.0.0.1 only.
 * Registers, memory, software breakpoints kept here (memory is never
 * patched), single step and continue (interruptible with Ctrl-C). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "emu.h"

#define PACKET_MAX 4096
#define CHUNK 1000000   /* instructions between looks for Ctrl-C */

static const char *const reg_names[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "fp", "s1", "a0", "a1", "a2", "a3",
    "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
    "t3", "t4", "t5", "t6",
};

static char target_xml[4096];

static void build_target_xml(void)
{
    int n = snprintf(target_xml, sizeof target_xml,
        "<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
        "<target version=\"1.0\"><architecture>riscv:rv32</architecture>"
        "<feature name=\"org.gnu.gdb.riscv.cpu\">");
    for (int i = 0; i < 32; i++)
        n += snprintf(target_xml + n, sizeof target_xml - n,
            "<reg name=\"%s\" bitsize=\"32\" type=\"%s\" regnum=\"%d\"/>", reg_names[i],
            (i == 1 || i == 2 || i == 8) ? (i == 2 || i == 8 ? "data_ptr" : "code_ptr") : "int", i);
    snprintf(target_xml + n, sizeof target_xml - n,
        "<reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\" regnum=\"32\"/></feature></target>");
}

int gdb_listen(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || listen(fd, 1) < 0) {
        fprintf(stderr, "emu: cannot listen on 127.0.0.1:%d for gdb\n", port);
        return -1;
    }
    fprintf(stderr, "emu: waiting for gdb on 127.0.0.1:%d\n", port);
    return fd;
}

static int hex_digit(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Reads one packet's payload into buf; returns its length, -1 on EOF, or
 * -2 for a Ctrl-C byte. */
static int read_packet(int fd, char *buf)
{
    char c;
    do {
        if (read(fd, &c, 1) != 1)
            return -1;
        if (c == 3)
            return -2;
    } while (c != '$');
    int n = 0;
    for (;;) {
        if (read(fd, &c, 1) != 1)
            return -1;
        if (c == '#')
            break;
        if (n < PACKET_MAX - 1)
            buf[n++] = c;
    }
    char sum[2];
    if (read(fd, sum, 2) != 2)
        return -1;
    buf[n] = 0;
    if (write(fd, "+", 1) != 1)
        return -1;
    return n;
}

static void send_packet(int fd, const char *payload)
{
    size_t n = strlen(payload);
    char *out = malloc(n + 5);
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += (unsigned char)payload[i];
    sprintf(out, "$%s#%02x", payload, sum & 0xFF);
    if (write(fd, out, n + 4) < 0)
        perror("emu: gdb");
    free(out);
    char ack;
    if (read(fd, &ack, 1) != 1)   /* '+' */
        return;
}

static void put_word(char *out, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        sprintf(out + 2 * i, "%02x", (v >> (8 * i)) & 0xFF);
}

static uint32_t get_word(const char *s)
{
    uint32_t v = 0;
    for (int i = 0; i < 4 && hex_digit(s[2 * i]) >= 0; i++)
        v |= (uint32_t)(hex_digit(s[2 * i]) << 4 | hex_digit(s[2 * i + 1])) << (8 * i);
    return v;
}

static uint32_t *reg_slot(Machine *m, unsigned n)
{
    if (n < 32)
        return &m->hart.x[n];
    return n == 32 ? &m->hart.pc : NULL;
}

/* Runs until a breakpoint, the step's end, the program's end or Ctrl-C.
 * Returns the stop reply. */
static void resume(Machine *m, int fd, bool step, char *reply)
{
    Hart *h = &m->hart;
    m->resumed_at = h->instret;
    uint64_t step_end = step ? h->instret + 1 : UINT64_MAX;
    for (;;) {
        m->stop_at = step_end < h->instret + CHUNK ? step_end : h->instret + CHUNK;
        request_event(m);
        run(m);
        if (m->exited) {
            sprintf(reply, "W%02x", m->exit_code);
            return;
        }
        if (m->hit_limit || m->deadlock || h->instret >= step_end || h->instret < m->stop_at)
            break;   /* ended, stepped, or a breakpoint */
        struct pollfd p = { .fd = fd, .events = POLLIN };
        char c;
        if (poll(&p, 1, 0) > 0 && read(fd, &c, 1) == 1 && c == 3)
            break;
    }
    strcpy(reply, m->hit_limit ? "X7c" : "S05");
}

static void set_breakpoint(Machine *m, uint32_t addr, bool on, char *reply)
{
    for (int i = 0; i < m->nbreak; i++)
        if (m->breakpoints[i] == addr) {
            if (!on)
                m->breakpoints[i] = m->breakpoints[--m->nbreak];
            strcpy(reply, "OK");
            return;
        }
    if (on && m->nbreak < (int)(sizeof m->breakpoints / sizeof m->breakpoints[0])) {
        m->breakpoints[m->nbreak++] = addr;
        strcpy(reply, "OK");
    } else {
        strcpy(reply, on ? "E01" : "OK");
    }
}

static void read_memory(Machine *m, const char *args, char *reply)
{
    unsigned long addr = strtoul(args, NULL, 16);
    const char *comma = strchr(args, ',');
    unsigned long len = comma ? strtoul(comma + 1, NULL, 16) : 0;
    if (len > (PACKET_MAX - 1) / 2)
        len = (PACKET_MAX - 1) / 2;
    for (unsigned long i = 0; i < len; i++) {
        uint8_t b;
        if (!debug_read(m, (uint32_t)(addr + i), &b)) {
            if (i == 0)
                strcpy(reply, "E14");
            return;
        }
        sprintf(reply + 2 * i, "%02x", b);
    }
}

static void write_memory(Machine *m, const char *args, char *reply)
{
    unsigned long addr = strtoul(args, NULL, 16);
    const char *comma = strchr(args, ','), *colon = strchr(args, ':');
    unsigned long len = comma ? strtoul(comma + 1, NULL, 16) : 0;
    strcpy(reply, "OK");
    for (unsigned long i = 0; colon && i < len; i++) {
        int hi = hex_digit(colon[1 + 2 * i]), lo = hi < 0 ? -1 : hex_digit(colon[2 + 2 * i]);
        if (lo < 0 || !debug_write(m, (uint32_t)(addr + i), (uint8_t)(hi << 4 | lo))) {
            strcpy(reply, "E14");
            return;
        }
    }
}

static void features(const char *args, char *reply)
{
    /* qXfer:features:read:target.xml:offset,length */
    const char *colon = strrchr(args, ':');
    unsigned long off = strtoul(colon + 1, NULL, 16), len = 0, total = strlen(target_xml);
    const char *comma = strchr(colon, ',');
    if (comma)
        len = strtoul(comma + 1, NULL, 16);
    if (len > PACKET_MAX - 2)
        len = PACKET_MAX - 2;
    if (off >= total) {
        strcpy(reply, "l");
        return;
    }
    if (len > total - off)
        len = total - off;
    reply[0] = off + len < total ? 'm' : 'l';
    memcpy(reply + 1, target_xml + off, len);
    reply[1 + len] = 0;
}

/* One request; returns false when the session ends. */
static bool handle(Machine *m, int fd, char *pkt, char *reply)
{
    reply[0] = 0;
    switch (pkt[0]) {
    case '?': strcpy(reply, "S05"); break;
    case 'g':
        for (unsigned i = 0; i < 33; i++)
            put_word(reply + 8 * i, *reg_slot(m, i));
        break;
    case 'G':
        for (unsigned i = 0; i < 33 && strlen(pkt + 1) >= 8 * (i + 1); i++)
            *reg_slot(m, i) = get_word(pkt + 1 + 8 * i);
        m->hart.x[0] = 0;
        strcpy(reply, "OK");
        break;
    case 'p': {
        uint32_t *r = reg_slot(m, (unsigned)strtoul(pkt + 1, NULL, 16));
        if (r)
            put_word(reply, *r);
        else
            strcpy(reply, "E01");
        break;
    }
    case 'P': {
        char *eq = strchr(pkt, '=');
        uint32_t *r = reg_slot(m, (unsigned)strtoul(pkt + 1, NULL, 16));
        if (r && eq) {
            *r = get_word(eq + 1);
            m->hart.x[0] = 0;
            strcpy(reply, "OK");
        } else {
            strcpy(reply, "E01");
        }
        break;
    }
    case 'm': read_memory(m, pkt + 1, reply); break;
    case 'M': write_memory(m, pkt + 1, reply); break;
    case 'c': case 's':
        if (pkt[1])
            m->hart.pc = (uint32_t)strtoul(pkt + 1, NULL, 16);
        resume(m, fd, pkt[0] == 's', reply);
        break;
    case 'Z': case 'z':
        if (pkt[1] == '0' || pkt[1] == '1')
            set_breakpoint(m, (uint32_t)strtoul(pkt + 3, NULL, 16), pkt[0] == 'Z', reply);
        break;
    case 'H': strcpy(reply, "OK"); break;
    case 'k': return false;
    case 'D': strcpy(reply, "OK"); send_packet(fd, reply); return false;
    case 'q':
        if (!strncmp(pkt, "qSupported", 10))
            sprintf(reply, "PacketSize=%x;qXfer:features:read+", PACKET_MAX);
        else if (!strncmp(pkt, "qXfer:features:read:target.xml:", 31))
            features(pkt, reply);
        else if (!strcmp(pkt, "qAttached"))
            strcpy(reply, "1");
        break;
    }
    send_packet(fd, reply);
    return !m->exited;
}

void gdb_serve(Machine *m, int listen_fd)
{
    build_target_xml();
    int fd = accept(listen_fd, NULL, NULL);
    close(listen_fd);
    if (fd < 0) {
        perror("emu: gdb accept");
        return;
    }
    m->debugging = true;
    static char pkt[PACKET_MAX], reply[2 * PACKET_MAX + 16];
    for (;;) {
        int n = read_packet(fd, pkt);
        if (n == -1)
            break;
        if (n == -2)
            continue;
        if (!handle(m, fd, pkt, reply))
            break;
    }
    close(fd);
    /* Detached or killed: a detached program runs on to its end. */
    if (!m->exited && pkt[0] == 'D') {
        m->debugging = false;
        request_event(m);
        run(m);
    }
}
