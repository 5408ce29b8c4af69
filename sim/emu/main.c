/* emu: command line, set-up, run, exit status. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "emu.h"

#define EXIT_USAGE 2
#define EXIT_LIMIT 124
#define EXIT_DEADLOCK 125

static const char usage[] =
    "usage: emu [options] program.elf\n"
    "  --ram-size N      main RAM in bytes, K/M suffix allowed (default 64M)\n"
    "  --no-mmu          no Sv32: satp stays Bare, as the core built with MMU=0\n"
    "  --load-addr A     load a raw binary at address A instead of an ELF file\n"
    "  --trace           print every retired instruction and trap to stdout\n"
    "  --trace-file F    ... to file F instead\n"
    "  --max-insns N     stop with status 124 after N instructions\n"
    "  --cpu-hz N        the mtime rate reported by simctrl.cpu_hz (default 100000000)\n"
    "  --gdb PORT        wait for gdb on 127.0.0.1:PORT\n"
    "  --sd IMAGE        attach IMAGE as the SD card (read and written in place)\n"
    "  --stats           print instructions and MIPS to stderr at the end\n";

static void usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "emu: %s%s%s\n%s", msg, arg ? ": " : "", arg ? arg : "", usage);
    exit(EXIT_USAGE);
}

static uint64_t parse_number(const char *opt, const char *s)
{
    char *end;
    errno = 0;
    uint64_t v = strtoull(s, &end, 0);
    if (*end == 'K' || *end == 'k')
        v <<= 10, end++;
    else if (*end == 'M' || *end == 'm')
        v <<= 20, end++;
    if (errno || end == s || *end)
        usage_error("bad number for", opt);
    return v;
}

int main(int argc, char **argv)
{
    static Machine machine;
    Machine *m = &machine;
    uint64_t ram_size = 64u << 20;
    const char *program = NULL, *trace_path = NULL;
    bool raw = false, trace = false, stats = false;
    uint32_t load_addr = 0;
    int gdb_port = 0;
    m->cpu_hz = 100000000;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            return 0;
        } else if (!strcmp(a, "--trace")) {
            trace = true;
        } else if (!strcmp(a, "--stats")) {
            stats = true;
        } else if (!strcmp(a, "--no-mmu")) {
            m->hart.no_mmu = true;
        } else if (a[0] == '-' && a[1] == '-' && !has_value) {
            usage_error("missing value or unknown option", a);
        } else if (!strcmp(a, "--ram-size")) {
            ram_size = parse_number(a, argv[++i]);
        } else if (!strcmp(a, "--load-addr")) {
            load_addr = (uint32_t)parse_number(a, argv[++i]);
            raw = true;
        } else if (!strcmp(a, "--trace-file")) {
            trace_path = argv[++i];
            trace = true;
        } else if (!strcmp(a, "--max-insns")) {
            m->max_insns = parse_number(a, argv[++i]);
        } else if (!strcmp(a, "--cpu-hz")) {
            m->cpu_hz = (uint32_t)parse_number(a, argv[++i]);
        } else if (!strcmp(a, "--sd")) {
            if (sd_attach(argv[++i]) != 0)
                return EXIT_USAGE;
        } else if (!strcmp(a, "--gdb")) {
            gdb_port = (int)parse_number(a, argv[++i]);
        } else if (a[0] == '-') {
            usage_error("unknown option", a);
        } else if (program) {
            usage_error("more than one program given", a);
        } else {
            program = a;
        }
    }
    if (!program)
        usage_error("no program given", NULL);
    if (ram_size < 4096 || ram_size > (256u << 20) || ram_size % 4096)
        usage_error("--ram-size must be a multiple of 4K up to 256M", NULL);

    m->ram_size = (uint32_t)ram_size;
    m->rom = calloc(ROM_SIZE, 1);
    m->sram = calloc(SRAM_SIZE, 1);
    m->ram = calloc(ram_size, 1);
    if (!m->rom || !m->sram || !m->ram) {
        fprintf(stderr, "emu: out of memory for %llu bytes of RAM\n", (unsigned long long)ram_size);
        return EXIT_USAGE;
    }
    m->uart_rx_byte = -1;
    m->ctrl_scratch = 0x12345678;   /* LiteX's reset value */
    m->mtimecmp = UINT64_MAX;
    m->hart.tlb_tag_base = 1ull << 32;
    hart_reset(&m->hart);
    if (load_program(m, program, raw, load_addr) != 0)
        return EXIT_USAGE;
    if (trace) {
        m->trace = trace_path ? fopen(trace_path, "w") : stdout;
        if (!m->trace) {
            fprintf(stderr, "emu: %s: %s\n", trace_path, strerror(errno));
            return EXIT_USAGE;
        }
    }
    setvbuf(stdout, NULL, _IOLBF, 1 << 16);

    struct timespec t0, t1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    if (gdb_port) {
        int fd = gdb_listen(gdb_port);
        if (fd < 0)
            return EXIT_USAGE;
        gdb_serve(m, fd);
    } else {
        run(m);
    }
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
    uart_flush();
    if (m->trace)
        fflush(m->trace);

    if (stats) {
        double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
        fprintf(stderr, "emu: %llu instructions in %.3f s of CPU time (%.1f MIPS)\n",
                (unsigned long long)m->hart.instret, s, (double)m->hart.instret / s / 1e6);
    }
    if (m->hit_limit) {
        fprintf(stderr, "emu: stopped by --max-insns after %llu instructions and %llu traps, pc %08x\n",
                (unsigned long long)m->hart.instret, (unsigned long long)m->hart.traps, m->hart.pc);
        return EXIT_LIMIT;
    }
    if (m->deadlock) {
        fprintf(stderr, "emu: wfi at pc %08x can never wake: no timer set and no input\n",
                m->hart.pc - 4);
        return EXIT_DEADLOCK;
    }
    if (!m->exited) {
        fprintf(stderr, "emu: debugger detached before the program ended\n");
        return 0;
    }
    return m->exit_code;
}
