"""gdb-multiarch drives the emulator's GDB stub: registers, memory read and
write, a breakpoint, a single step, continue to the end."""
import socket
import subprocess

PROGRAM = """
    .globl _start
_start:
    li a0, 0
    li a1, 10
loop:
    addi a0, a0, 1
    blt a0, a1, loop
here:
    la t0, value
    lw a2, 0(t0)
    li t0, 0xf0001800
    sw a2, 0(t0)
    .data
value: .word 7
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gdb_session(emu, build, tmp_path):
    src = tmp_path / "g.S"
    src.write_text(PROGRAM)
    elf = build(str(src))
    port = free_port()
    stub = subprocess.Popen([emu, "--gdb", str(port), elf], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        # The stub says so once it listens.
        assert b"waiting for gdb" in stub.stderr.readline()
        commands = [
            f"file {elf}",
            f"target remote 127.0.0.1:{port}",
            "info registers pc",
            "break *here",
            "continue",
            "info registers a0",
            "x/wx &value",
            "set var *(int *)&value = 42",
            "x/wx &value",
            "set $a1 = 0x1234",
            "p/x $a1",
            "stepi",
            "p $pc == (char *)&here + 4",
            "continue",
        ]
        args = ["gdb-multiarch", "-batch", "-nx"]
        for c in commands:
            args += ["-ex", c]
        gdb = subprocess.run(args, capture_output=True, text=True, timeout=60)
        out = gdb.stdout
        stub.wait(timeout=30)
    finally:
        if stub.poll() is None:
            stub.kill()
    assert "pc             0x0" in out, out + gdb.stderr
    assert "Breakpoint 1, " in out
    assert "a0             0xa" in out
    assert ":\t0x00000007" in out
    assert ":\t0x0000002a" in out
    assert "$1 = 0x1234" in out
    assert "$2 = 1" in out
    assert "exited with code 052" in out
    assert stub.returncode == 42
