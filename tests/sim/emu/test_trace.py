"""--trace prints the docs/isa.md format; checked against GNU objdump's
decode of the same ELF and against values worked out by hand."""
import os
import re
import subprocess

LINE = re.compile(r"^([MSU]) ([0-9a-f]{8}) (?:([0-9a-f]{8})( x([1-9]|[12][0-9]|3[01])=[0-9a-f]{8})?"
                  r"( mem\[[0-9a-f]{8}\]=(?:[0-9a-f]{2}|[0-9a-f]{4}|[0-9a-f]{8}))?"
                  r"|trap ([0-9a-f]{8}) ([0-9a-f]{8}))$")

PROGRAM = """
    .globl _start
_start:
    li a0, 5
    addi a1, a0, -7
    la s0, buf
    sw a1, 0(s0)
    sh a0, 4(s0)
    sb a1, 6(s0)
    lw x0, 0(s0)
    lbu a2, 6(s0)
    la t0, handler
    csrw mtvec, t0
    ecall
    li t0, 0xf0001800
    sw zero, 0(t0)
handler:
    csrr t1, mepc
    addi t1, t1, 4
    csrw mepc, t1
    mret
    .data
buf: .word 0, 0
"""


def objdump_words(elf):
    """pc -> instruction word, from GNU objdump's disassembly."""
    out = subprocess.run(["riscv64-unknown-elf-objdump", "-d", elf], capture_output=True,
                         text=True, check=True).stdout
    words = {}
    for m in re.finditer(r"^\s*([0-9a-f]+):\s+([0-9a-f]{8})\s", out, re.M):
        words[int(m.group(1), 16)] = int(m.group(2), 16)
    return words


def build_program(build, tmp_path):
    src = tmp_path / "t.S"
    src.write_text(PROGRAM)
    return build(str(src))


def symbol(elf, name):
    out = subprocess.run(["riscv64-unknown-elf-nm", elf], capture_output=True, text=True, check=True).stdout
    return next(int(l.split()[0], 16) for l in out.splitlines() if l.split()[2] == name)


def test_trace_lines(run, build, tmp_path):
    elf = build_program(build, tmp_path)
    buf = symbol(elf, "buf")
    proc = run("--trace", elf)
    assert proc.returncode == 0
    lines = proc.stdout.decode().splitlines()
    for line in lines:
        assert LINE.match(line), line
    # The boot stub of docs/memory-map.md, exactly.
    assert lines[:3] == ["M 00000000 400002b7 x5=40000000",
                         "M 00000004 00028293 x5=40000000",
                         "M 00000008 00028067"]
    # Every retired instruction's word is the one objdump shows at that pc.
    words = objdump_words(elf)
    retired = [l.split() for l in lines[3:] if " trap " not in l]
    for fields in retired:
        assert int(fields[2], 16) == words[int(fields[1], 16)]
    body = lines[3:]
    assert body[0] == "M 40000000 00500513 x10=00000005"          # li a0, 5
    assert body[1] == "M 40000004 ff950593 x11=fffffffe"          # addi a1, a0, -7
    stores = [l for l in body if "mem[" in l]
    assert stores[0].endswith(f" mem[{buf:08x}]=fffffffe")        # sw: 8 digits
    assert stores[1].endswith(f" mem[{buf + 4:08x}]=0005")        # sh: 4 digits
    assert stores[2].endswith(f" mem[{buf + 6:08x}]=fe")          # sb: 2 digits
    load_x0 = [l for l in body if l.split()[2] == "00042003"]     # lw x0, 0(s0)
    assert load_x0 and load_x0[0].count(" ") == 2                 # no register write shown
    assert any(l.endswith(" x12=000000fe") for l in body)         # lbu a2
    traps = [l for l in body if " trap " in l]
    assert len(traps) == 1 and traps[0].endswith(" trap 0000000b 00000000")
    ecall_pc = traps[0].split()[1]
    assert words[int(ecall_pc, 16)] == 0x00000073
    assert body[-1].split()[2] == "0002a023"                      # the exit store retires
    assert body[-1].endswith(" mem[f0001800]=00000000")


def test_trace_file_matches_stdout(run, build, tmp_path):
    elf = build_program(build, tmp_path)
    to_stdout = run("--trace", elf).stdout
    trace = tmp_path / "trace.txt"
    proc = run("--trace-file", trace, elf)
    assert proc.returncode == 0 and proc.stdout == b""
    assert trace.read_bytes() == to_stdout


def test_interrupt_trap_line(run, build):
    irq = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "programs", "rv32", "irq.S")
    lines = run("--trace", build(irq)).stdout.decode().splitlines()
    interrupts = [l for l in lines if re.search(r" trap 8000000[37] ", l)]
    assert len(interrupts) >= 4
    # An interrupt is taken before the instruction at its pc, which then retires next.
    i = lines.index(interrupts[0])
    pc = interrupts[0].split()[1]
    later = [l for l in lines[i + 1:] if l.split()[1] == pc]
    assert later and " trap " not in later[0]
