"""Bad programs and options get a clear message and a non-zero status."""
import os
import struct
import subprocess

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ALU = os.path.join(HERE, "..", "..", "programs", "rv32", "alu.S")


def error_of(proc):
    assert proc.stdout == b""
    return proc.stderr.decode()


def test_missing_file(run, tmp_path):
    proc = run(tmp_path / "nope.elf")
    assert proc.returncode == 2
    assert "nope.elf: No such file or directory" in error_of(proc)


def test_empty_file(run, tmp_path):
    (tmp_path / "empty.elf").write_bytes(b"")
    proc = run(tmp_path / "empty.elf")
    assert proc.returncode == 2
    assert "empty file" in error_of(proc)


def test_not_elf(run, tmp_path):
    (tmp_path / "text.elf").write_bytes(b"hello, this is not an ELF file\n")
    proc = run(tmp_path / "text.elf")
    assert proc.returncode == 2
    assert "not an ELF file" in error_of(proc)


def test_elf_for_another_machine(run):
    proc = run("/bin/true")   # x86-64, 64-bit
    assert proc.returncode == 2
    assert "not a 32-bit little-endian ELF" in error_of(proc)


@pytest.mark.parametrize("keep", [20, 60, 300])
def test_truncated_elf(run, build, tmp_path, keep):
    data = open(build(ALU), "rb").read()
    (tmp_path / "cut.elf").write_bytes(data[:keep])
    proc = run(tmp_path / "cut.elf")
    assert proc.returncode == 2
    assert "truncated" in error_of(proc)


def test_segment_outside_memory(run, build, tmp_path):
    data = bytearray(open(build(ALU), "rb").read())
    phoff, phnum = struct.unpack_from("<I", data, 28)[0], struct.unpack_from("<H", data, 44)[0]
    loads = [phoff + 32 * i for i in range(phnum) if struct.unpack_from("<I", data, phoff + 32 * i)[0] == 1]
    struct.pack_into("<I", data, loads[0] + 12, 0x30000000)   # p_paddr of the first PT_LOAD
    (tmp_path / "moved.elf").write_bytes(data)
    proc = run(tmp_path / "moved.elf")
    assert proc.returncode == 2
    assert "outside ROM, SRAM and RAM" in error_of(proc)


def test_unknown_option_and_missing_program(run):
    proc = run("--frobnicate", "x.elf")
    assert proc.returncode == 2 and "unknown option" in error_of(proc)
    proc = run()
    assert proc.returncode == 2 and "no program given" in error_of(proc)
    proc = run("--ram-size", "12x", "x.elf")
    assert proc.returncode == 2 and "bad number" in error_of(proc)
    proc = run("--ram-size", "1000", "x.elf")
    assert proc.returncode == 2 and "--ram-size" in error_of(proc)


def raw_binary(tmp_path, name, asm):
    """Assemble and link asm at 0x4000_0000 with GNU tools into a flat binary."""
    src, elf, out = tmp_path / f"{name}.S", tmp_path / f"{name}.elf", tmp_path / f"{name}.bin"
    src.write_text(asm)
    subprocess.run(["riscv64-unknown-elf-gcc", "-march=rv32ima_zicsr", "-mabi=ilp32", "-nostdlib",
                    "-Wl,-Ttext=0x40000000", "-o", elf, src], check=True)
    subprocess.run(["riscv64-unknown-elf-objcopy", "-O", "binary", "-j", ".text", elf, out], check=True)
    return out


EXIT = "li t0, 0xf0001800\n sw {reg}, 0(t0)\n"


def test_max_insns_stops_an_endless_loop(run, tmp_path):
    loop = raw_binary(tmp_path, "loop", "1: j 1b\n")
    proc = run("--max-insns", "1000", "--load-addr", "0x40000000", loop)
    assert proc.returncode == 124
    assert "stopped by --max-insns after 1000 instructions" in error_of(proc)


def test_raw_binary_at_load_addr(run, tmp_path):
    prog = raw_binary(tmp_path, "exit42", "li t1, 42\n" + EXIT.format(reg="t1"))
    assert run("--load-addr", "0x40000000", prog).returncode == 42
    assert run("--load-addr", "0x10000000", prog).returncode == 42
    assert run("--load-addr", "0", prog).returncode == 42       # no boot stub needed
    proc = run("--load-addr", "0x30000000", prog)
    assert proc.returncode == 2 and "does not fit" in error_of(proc)


def test_ram_size_moves_the_end_of_ram(run, tmp_path):
    # A load 64 MiB into RAM; the trap handler exits with mcause.
    prog = raw_binary(tmp_path, "ram", "la t0, handler\n csrw mtvec, t0\n li t1, 0x44000000\n"
                      "lw t1, 0(t1)\n" + EXIT.format(reg="zero") +
                      ".balign 4\nhandler: csrr a0, mcause\n" + EXIT.format(reg="a0"))
    assert run("--load-addr", "0x40000000", prog).returncode == 5   # load access fault
    assert run("--ram-size", "128M", "--load-addr", "0x40000000", prog).returncode == 0


def test_wfi_that_can_never_wake(run, tmp_path):
    prog = raw_binary(tmp_path, "wfi", "wfi\n1: j 1b\n")
    proc = run("--load-addr", "0x40000000", prog)
    assert proc.returncode == 125
    assert "can never wake" in error_of(proc)


def test_missing_sd_image_is_a_clear_error(run, build, tmp_path):
    proc = run("--sd", str(tmp_path / "no-such.img"), build(ALU))
    assert proc.returncode == 2
    assert b"cannot open SD image" in proc.stderr
