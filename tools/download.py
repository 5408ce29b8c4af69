"""Sends a file to bits2gpt's `download` program over the console UART
(protocol: software/user/README.md).

    python tools/download.py LOCAL DEST --port /dev/ttyUSB0 [--baud 115200]
    python tools/download.py LOCAL DEST --exec "build/emu/emu --sd build/kernel/sd.img build/kernel/kernel.elf" \\
        [--then "ls /home" --then "exit 0"]

It types `download DEST` at the shell prompt, then sends numbered 96-byte
blocks, each with its CRC32, waiting for an answer to each: NAK resends the
block, ACK names the offset the receiver wants next (so a transfer that was
interrupted resumes where the receiver's DEST.part ends). `send` is the
protocol alone, over any pair of byte streams.
"""
import argparse
import re
import shlex
import subprocess
import sys
import zlib

BLOCK = 96                  # 192 hex digits: a message fits the console's 255-byte line
ANSWER = re.compile(rb"^(READY|ACK|NAK|DONE|FAIL) ?(\S*)")


class DownloadError(Exception):
    pass


def block_line(data, offset, corrupt=False):
    chunk = data[offset:offset + BLOCK]
    text = chunk.hex()
    if corrupt:                                    # a flipped bit after the CRC was taken
        text = text[:-1] + "0123456789abcdef"[int(text[-1], 16) ^ 1]
    return b"D %x %x %s\n" % (offset, zlib.crc32(chunk), text.encode())


def send(data, read_line, write, retries=10, corrupt=(), stop_after=None):
    """Runs the protocol with a receiver already started. read_line() returns
    one line of the console (bytes, b"" at the end), write(bytes) sends.
    corrupt: block offsets whose first sending is damaged on purpose (tests);
    stop_after: send ^D after this many blocks (an interruption, for tests).
    Returns (the offset the receiver started from, blocks resent)."""
    def answer():
        while True:
            line = read_line()
            if not line:
                raise DownloadError("the console closed before the receiver answered")
            m = ANSWER.match(line.lstrip(b"$ "))
            if m:
                return m.group(1).decode(), m.group(2).decode()

    kind, value = answer()
    if kind != "READY":
        raise DownloadError(f"receiver said {kind} {value}")
    start = offset = int(value, 16)
    damaged, resent, sent, tries = set(corrupt), 0, 0, 0
    while True:
        if offset > len(data):
            raise DownloadError(f"receiver has {offset} bytes, more than the file's {len(data)}")
        if stop_after is not None and sent == stop_after:
            write(b"\x04")
            return start, resent
        if offset == len(data):
            write(b"E %x %x\n" % (len(data), zlib.crc32(data)))
        else:
            write(block_line(data, offset, corrupt=offset in damaged))
            damaged.discard(offset)
            sent += 1
        kind, value = answer()
        if kind == "DONE":
            return start, resent
        if kind == "FAIL" or kind == "READY":
            raise DownloadError(f"receiver said {kind} {value}")
        if kind == "NAK":
            resent, tries = resent + 1, tries + 1
            if tries > retries:
                raise DownloadError(f"block at {offset} refused {tries} times")
        else:
            offset, tries = int(value, 16), 0


def run(args):
    with open(args.local, "rb") as f:
        data = f.read()
    if args.port:
        import serial                              # pyserial, only for boards
        port = serial.Serial(args.port, args.baud, timeout=30)
        read_line, write = port.readline, port.write
    else:
        proc = subprocess.Popen(shlex.split(args.exec), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        read_line = proc.stdout.readline

        def write(b):
            proc.stdin.write(b)
            proc.stdin.flush()
    write(b"download %s\n" % args.dest.encode())
    start, resent = send(data, read_line, write)
    print(f"sent {len(data) - start} bytes from offset {start} ({resent} blocks resent)", file=sys.stderr)
    if args.exec:
        for command in args.then:
            write(command.encode() + b"\n")
        proc.stdin.close()
        sys.stdout.buffer.write(proc.stdout.read())
        return proc.wait()
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("local")
    p.add_argument("dest", help="path on the bits2gpt machine, e.g. /home/data.bin")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--port", help="serial port of the board")
    where.add_argument("--exec", help="command that runs the machine with its console on stdin/stdout")
    p.add_argument("--baud", type=int, default=115200)
    p.add_argument("--then", action="append", default=[], help="(--exec) shell lines typed after the transfer")
    args = p.parse_args()
    try:
        sys.exit(run(args))
    except (DownloadError, OSError) as e:
        sys.exit(f"download: {e}")


if __name__ == "__main__":
    main()
