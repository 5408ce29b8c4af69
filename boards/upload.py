"""Sends a program to the boot ROM over the board's UART and then shows
what it prints (Ctrl-C to leave).
Usage: python -m boards.upload /dev/ttyUSB0 program.elf [--baud 115200]"""
import argparse
import struct
import sys

import serial

from sim import elf_load


def main(argv):
    parser = argparse.ArgumentParser(prog="python -m boards.upload")
    parser.add_argument("port")
    parser.add_argument("program")
    parser.add_argument("--baud", type=int, default=115200)
    args = parser.parse_args(argv)
    try:
        with open(args.program, "rb") as f:
            entry, segments = elf_load.load_segments(f.read())
    except (OSError, elf_load.ElfError) as e:
        print(f"{args.program}: error: {e}", file=sys.stderr)
        return 1
    # The boot ROM takes one contiguous image: fill the gaps between segments.
    start = min(address for address, _ in segments)
    image = bytearray(max(address + len(body) for address, body in segments) - start)
    for address, body in segments:
        image[address - start:address - start + len(body)] = body
    if entry != start:
        print(f"{args.program}: error: entry 0x{entry:08x} is not the image start 0x{start:08x}",
              file=sys.stderr)
        return 1
    with serial.Serial(args.port, args.baud) as port:
        port.write(b"b2gL" + struct.pack("<II", start, len(image)) + bytes(image))
        try:
            while True:
                sys.stdout.write(port.read(1).decode("latin-1"))
                sys.stdout.flush()
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
