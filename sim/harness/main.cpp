// Verilator harness for the SoC (b2g_sim): clocks it, connects the UART
// stream to stdin/stdout, stops when software writes simctrl.exit and
// exits with that status. Memory contents come in as plusargs (+rom=...),
// written by sim/run.py. Options (plusargs):
//   +sd=IMAGE       put the SD card model (sim/sdcard) with this image in the slot
//   +max_cycles=N   stop with status 124 after N cycles
//   +wave=FILE      write an FST waveform
//   +trace=FILE     retired-instruction trace (written by the core itself)
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <poll.h>
#include <unistd.h>

#include "../sdcard/sdcard.h"
#include "Vb2g_sim.h"
#include "verilated.h"
#if VM_TRACE
#include "verilated_fst_c.h"
#endif

static double now_seconds() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

// A byte from stdin if one is waiting, else -1 (never blocks).
static int poll_stdin() {
    pollfd pfd = {0, POLLIN, 0};
    if (poll(&pfd, 1, 0) <= 0 || !(pfd.revents & POLLIN)) return -1;
    unsigned char c;
    return read(0, &c, 1) == 1 ? c : -1;
}

// The card model on the controller's SPI pins (mode 0). The model works in
// bytes: the byte it shifts out is fixed when a byte starts (sdcard_miso),
// the host's byte is complete after its eighth rising SCK edge (sdcard_mosi).
// MISO changes after each rising edge, so it is stable before the next one.
struct SpiCard {
    sdcard *card = nullptr;
    bool selected = false, sck = false;
    int bits = 0;
    unsigned in = 0, out = 0xFF;
    uint64_t sck_cycles = 0;    // for bench/storage: SPI clocks spent

    void step(Vb2g_sim &top) {
        bool now_selected = !top.spisdcard_cs_n;
        bool rising = top.spisdcard_clk && !sck;
        sck = top.spisdcard_clk;
        sck_cycles += rising;
        if (now_selected != selected) {
            selected = now_selected;
            sdcard_select(card, selected);
            bits = 0;
            in = 0;
            out = selected ? sdcard_miso(card) : 0xFF;
        } else if (rising && selected) {
            in = (in << 1 | top.spisdcard_mosi) & 0xFF;
            if (++bits == 8) {
                sdcard_mosi(card, in);
                bits = 0;
                out = sdcard_miso(card);
            }
        }
        top.spisdcard_miso = out >> (7 - bits) & 1;
    }
};

int main(int argc, char **argv) {
    VerilatedContext context;
    context.commandArgs(argc, argv);
    Vb2g_sim top(&context);

    unsigned long long max_cycles = 0;
    const char *arg = context.commandArgsPlusMatch("max_cycles=");
    if (arg[0]) max_cycles = strtoull(arg + 12, nullptr, 0);
#if VM_TRACE
    VerilatedFstC *wave = nullptr;
    arg = context.commandArgsPlusMatch("wave=");
    if (arg[0]) {
        context.traceEverOn(true);
        wave = new VerilatedFstC;
        top.trace(wave, 99);
        wave->open(arg + 6);
    }
#define DUMP(t) if (wave) wave->dump(t)
#else
#define DUMP(t)
#endif

    SpiCard slot;
    arg = context.commandArgsPlusMatch("sd=");
    if (arg[0]) {
        slot.card = sdcard_open(arg + 4, 0);
        if (!slot.card) {
            perror(arg + 4);
            return 1;
        }
    }

    bool stdin_open = true;
    int pending_rx = -1;
    int status = 124;
    int exit_countdown = -1;   // cycles to run after the exit write
    uint64_t cycle = 0;
    double start = now_seconds();
    clock_t cpu_start = clock();
    top.serial_source_ready = 1;
    top.spisdcard_miso = 1;     // an empty slot: MISO pulled up, no card answers
    top.sys_rst = 1;
    for (;;) {
        top.sys_clk = 0;
        top.eval();
        DUMP(2 * cycle);
        top.sys_clk = 1;
        top.eval();
        DUMP(2 * cycle + 1);
        cycle++;
        if (cycle == 8) top.sys_rst = 0;

        if (top.serial_source_valid) putchar(top.serial_source_data);
        if (slot.card) slot.step(top);
        // Run on past the exit write so the store itself retires (and
        // reaches the trace), and until the UART's transmit FIFO has been
        // empty for 16 cycles, so bytes sent just before the exit arrive.
        if (top.simctrl_exit_valid && exit_countdown < 0) {
            status = top.simctrl_exit_code;
            exit_countdown = 16;
        }
        if (exit_countdown >= 0 && top.serial_source_valid) exit_countdown = 16;
        if (exit_countdown >= 0 && exit_countdown-- == 0) break;
        // UART receive: offer one byte at a time; polling is costly, so
        // only look at stdin every 4096 cycles.
        if (top.serial_sink_valid && top.serial_sink_ready) top.serial_sink_valid = 0;
        if (!top.serial_sink_valid && stdin_open && (cycle & 4095) == 0) {
            pending_rx = poll_stdin();
            if (pending_rx >= 0) {
                top.serial_sink_data = pending_rx;
                top.serial_sink_valid = 1;
            }
        }
        if (max_cycles && cycle >= max_cycles) {
            fflush(stdout);
            fprintf(stderr, "sim: stopped after %llu cycles (+max_cycles)\n", cycle);
            break;
        }
    }
    double seconds = now_seconds() - start;
    double cpu_seconds = (double)(clock() - cpu_start) / CLOCKS_PER_SEC;
    fflush(stdout);
    // Wall time is what a user sees; CPU time is fairer on a shared machine.
    fprintf(stderr, "sim: %llu cycles in %.2f s, %.2f MHz simulated (%.2f MHz per CPU second)\n",
            (unsigned long long)cycle, seconds, cycle / seconds / 1e6,
            cycle / (cpu_seconds > 0 ? cpu_seconds : 1e-9) / 1e6);
    top.final();
    if (slot.card) {
        fprintf(stderr, "sim: SD card: %llu SPI clock cycles\n", (unsigned long long)slot.sck_cycles);
        sdcard_close(slot.card);
    }
#if VM_TRACE
    if (wave) wave->close();
#endif
    return status;
}
