"""make sim PROG=x.elf: run a program on the Verilator model of the SoC.

    python -m sim.run [--sd IMAGE] [--no-accel] [--no-mmu] [--trace FILE] [--wave FILE] [--max-cycles N]
                      [--ram-latency N] [--ram-size N[K|M]] program.elf

UART output goes to stdout, UART input comes from stdin; the exit status is
the value the program wrote to simctrl.exit (124 if --max-cycles ran out).
Simulated cycles and cycles per wall second are printed on stderr."""
import argparse
import os
import subprocess
import sys
import tempfile

from sim import elf_load, model
from sim.soc_sim import MAIN_RAM_SIZE


def ram_size(text):
    """A main RAM size as the emulator's --ram-size takes it: bytes, K or M."""
    scale = {"k": 1 << 10, "m": 1 << 20}.get(text[-1:].lower(), 1)
    try:
        size = int(text[:-1] if scale > 1 else text, 0) * scale
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad size {text!r}") from None
    if size < 4096 or size > MAIN_RAM_SIZE or size % 4096:
        raise argparse.ArgumentTypeError(f"must be a multiple of 4K up to {MAIN_RAM_SIZE >> 20}M")
    return size


def main(argv=None):
    parser = argparse.ArgumentParser(prog="make sim", description=__doc__.split("\n")[0])
    parser.add_argument("program")
    parser.add_argument("--sd", help="SD card image for the card slot (as the emulator's --sd)")
    parser.add_argument("--no-accel", action="store_true",
                        help="the model without the accelerator (about twice as fast)")
    parser.add_argument("--no-mmu", action="store_true",
                        help="the core built without the MMU (CPU variant nommu; no accelerator)")
    parser.add_argument("--trace", help="write retired instructions (docs/isa.md format)")
    parser.add_argument("--wave", help="write an FST waveform")
    parser.add_argument("--max-cycles", type=int, default=0)
    parser.add_argument("--ram-latency", type=int, default=0,
                        help="wait cycles per main-RAM access (SDRAM-like)")
    parser.add_argument("--ram-size", type=ram_size, default=MAIN_RAM_SIZE,
                        help="main RAM fitted (default 64M); accesses past it are bus errors")
    parser.add_argument("--verbose", action="store_true", help="show the model build")
    args = parser.parse_args(argv)
    try:
        with open(args.program, "rb") as f:
            images = elf_load.memory_images(f.read(), args.ram_size)
    except (OSError, elf_load.ElfError) as e:
        print(f"{args.program}: error: {e}", file=sys.stderr)
        return 1
    try:
        binary = model.build(verbose=args.verbose, accel=not args.no_accel, mmu=not args.no_mmu)
    except subprocess.CalledProcessError as e:
        print(f"sim: building the Verilator model failed:\n{e.stderr or ''}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="b2g-sim-") as tmp:
        plusargs = []
        for name, words in images.items():
            path = os.path.join(tmp, name + ".hex")
            elf_load.write_readmemh(words, path)
            plusargs.append(f"+{name}={path}")
        if args.sd:
            if not os.path.isfile(args.sd):
                print(f"{args.sd}: error: no such SD card image", file=sys.stderr)
                return 1
            plusargs.append(f"+sd={os.path.abspath(args.sd)}")
        if args.trace:
            plusargs.append(f"+trace={os.path.abspath(args.trace)}")
        if args.wave:
            plusargs.append(f"+wave={os.path.abspath(args.wave)}")
        if args.ram_latency:
            plusargs.append(f"+main_ram_latency={args.ram_latency}")
        if args.ram_size != MAIN_RAM_SIZE:
            plusargs.append(f"+main_ram_size={args.ram_size}")
        if args.max_cycles:
            plusargs.append(f"+max_cycles={args.max_cycles}")
        return subprocess.run([binary, *plusargs]).returncode


if __name__ == "__main__":
    sys.exit(main())
