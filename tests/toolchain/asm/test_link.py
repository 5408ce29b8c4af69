"""Linking: ours and GNU's objects through our linker and GNU ld, run under qemu."""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from asm_util import GNU_AS, GNU_LD, check, ours, run, section_bytes, write  # noqa: E402

HELLO = """
    .text
    .globl _start
_start:
    la a1, msg
    li a2, 14
    li a0, 1
    li a7, 64
    ecall
    call helper
    li a7, 93
    ecall
    .section .rodata
    .p2align 6          # an alignment gap after .text: still one code segment
msg: .ascii "hello, world!\\n"
"""
HELPER = """
    .text
    .globl helper
helper:
    lla t0, counter
    lw a0, 0(t0)
    addi a0, a0, 1
    sw a0, 0(t0)
    lui t1, %hi(value)
    lw t1, %lo(value)(t1)
    add a0, a0, t1
    lw t2, table+4
    add a0, a0, t2
    bnez a0, 1f
    li a0, 99
1:  ret
    .data
value: .word 4
table: .word 100, 20, helper
    .bss
counter: .zero 4
"""
CRT0 = """
    .text
    .globl _start
_start:
    call main
    li a7, 93
    ecall
    .globl write_out
write_out:
    mv a2, a1
    mv a1, a0
    li a0, 1
    li a7, 64
    ecall
    ret
"""
C_MAIN = r"""
extern void write_out(const char *s, int n);
static char buf[4];
static int counter;
int primes[8] = {2, 3, 5, 7, 11, 13, 17, 19};
const char *words[] = {"alpha", "beta", "gamma"};
static int len(const char *s) { int n = 0; while (s[n]) n++; return n; }
static void put(const char *s) { write_out(s, len(s)); }
static void put_num(unsigned long long v) {
    char tmp[24]; int i = 0;
    do { tmp[i++] = '0' + v % 10; v /= 10; } while (v);
    while (i) { buf[0] = tmp[--i]; write_out(buf, 1); }
}
int main(void) {
    for (int i = 0; i < 3; i++) { put(words[i]); put(" "); }
    long long big = 1;
    for (int i = 0; i < 8; i++) big *= primes[i];
    counter += 1;
    put_num(big); put("\n"); put_num(big / 7 % 1000); put("\n");
    return counter + 41;
}
"""
LIBGCC = "/usr/lib/gcc/riscv64-unknown-elf/12.2.0/rv32im/ilp32/libgcc.a"


def assemble(tmp_path, name, source, assembler):
    src = write(tmp_path / f"{name}.s", source)
    obj = tmp_path / f"{name}.{assembler}.o"
    if assembler == "ours":
        check(ours("asm", src, "-o", obj))
    else:
        check(run(GNU_AS + [str(src), "-o", str(obj)]))
    return obj


def link(tmp_path, inputs, linker, *extra):
    exe = tmp_path / f"prog.{linker}.elf"
    if linker == "ours":
        check(ours("ld", "--layout", "qemu", *inputs, "-o", exe, *extra))
    else:
        check(run(GNU_LD + [str(i) for i in inputs] + ["-o", str(exe)]))
    return exe


def qemu(exe):
    return run(["qemu-riscv32", str(exe)], timeout=60)


@pytest.mark.parametrize("assembler,linker", [("ours", "ours"), ("ours", "gnu"),
                                              ("gnu", "ours"), ("gnu", "gnu")])
def test_hello_runs_under_qemu(tmp_path, assembler, linker):
    objs = [assemble(tmp_path, n, s, assembler) for n, s in (("hello", HELLO),
                                                              ("helper", HELPER))]
    result = qemu(link(tmp_path, objs, linker))
    assert result.stdout == "hello, world!\n"
    assert result.returncode == 1 + 4 + 20


def test_archive_members_pulled_on_demand(tmp_path):
    hello = assemble(tmp_path, "hello", HELLO, "ours")
    helper = assemble(tmp_path, "helper", HELPER, "gnu")
    unused = assemble(tmp_path, "unused", ".globl helper2\nhelper2: j missing\n", "ours")
    lib = tmp_path / "libhelp.a"
    check(run(["riscv64-unknown-elf-ar", "rcs", str(lib), str(unused), str(helper)]))
    exe = tmp_path / "prog.elf"
    check(ours("ld", "--layout", "qemu", hello, "-L", tmp_path, "-lhelp", "-o", exe))
    result = qemu(exe)
    assert (result.stdout, result.returncode) == ("hello, world!\n", 25)


@pytest.mark.parametrize("linker", ["ours", "gnu"])
def test_gcc_compiled_c_with_libgcc_runs(tmp_path, linker):
    """GCC objects (-O2) plus libgcc.a members (64-bit division) through our linker."""
    c_file = write(tmp_path / "main.c", C_MAIN)
    main_o = tmp_path / "main.o"
    check(run(["riscv64-unknown-elf-gcc", "-c", "-O2", "-g", "-march=rv32im_zicsr", "-mabi=ilp32",
               "-mno-relax", "-ffreestanding", "-fno-builtin", "-o", str(main_o),
               str(c_file)]))
    crt0 = assemble(tmp_path, "crt0", CRT0, "ours")
    result = qemu(link(tmp_path, [crt0, main_o, LIBGCC], linker))
    assert result.stdout == "alpha beta gamma 9699690\n670\n"
    assert result.returncode == 42


def symbols(exe):
    text = check(run(["riscv64-unknown-elf-readelf", "-sW", str(exe)])).stdout
    return {f[7]: int(f[1], 16) for f in (line.split() for line in text.splitlines())
            if len(f) == 8 and f[0][:-1].isdigit()}


def test_default_layout_symbols_bin_and_hex(tmp_path):
    objs = [assemble(tmp_path, n, s, "ours") for n, s in (("hello", HELLO),
                                                           ("helper", HELPER))]
    exe, binary, hexfile = tmp_path / "p.elf", tmp_path / "p.bin", tmp_path / "p.hex"
    check(ours("ld", *objs, "-o", exe, "--bin", binary, "--hex", hexfile))
    syms = symbols(exe)
    assert syms["_start"] == 0x4000_0000
    assert syms["__bss_start"] <= syms["counter"] < syms["_end"]
    assert syms["__global_pointer$"] == syms["__data_start"] + 0x800
    assert binary.read_bytes().startswith(section_bytes(exe, ".text"))
    gnu_bin = tmp_path / "gnu.bin"
    check(run(["riscv64-unknown-elf-objcopy", "-O", "binary", str(exe), str(gnu_bin)]))
    assert binary.read_bytes() == gnu_bin.read_bytes()
    data = binary.read_bytes() + bytes(-len(binary.read_bytes()) % 4)
    words = [int.from_bytes(data[i:i + 4], "little") for i in range(0, len(data), 4)]
    assert hexfile.read_text().split() == [f"{w:08x}" for w in words]


def test_rom_layout_loads_data_after_rodata(tmp_path):
    objs = [assemble(tmp_path, n, s, "ours") for n, s in (("hello", HELLO),
                                                           ("helper", HELPER))]
    exe, binary = tmp_path / "rom.elf", tmp_path / "rom.bin"
    check(ours("ld", "--layout", "rom", *objs, "-o", exe, "--bin", binary))
    syms = symbols(exe)
    assert syms["_start"] == 0 and syms["value"] == 0x1000_0000
    load = syms["__data_load"]
    assert syms["__data_start"] == 0x1000_0000 and 0 < load < 0x8000
    image = binary.read_bytes()
    assert image[load:load + 4] == (4).to_bytes(4, "little")      # value: .word 4
    headers = check(run(["riscv64-unknown-elf-readelf", "-lW", str(exe)])).stdout
    assert f"0x10000000 0x{load:08x}" in headers


def test_text_address_option(tmp_path):
    obj = assemble(tmp_path, "hello", HELLO + "\n.globl helper\nhelper: ret\n", "ours")
    exe = tmp_path / "t.elf"
    check(ours("ld", "-Ttext=0x2000", "-e", "helper", obj, "-o", exe))
    assert symbols(exe)["_start"] == 0x2000
    header = check(run(["riscv64-unknown-elf-readelf", "-h", str(exe)])).stdout
    assert f"Entry point address:               {symbols(exe)['helper']:#x}" in header


SCRIPT = """
/* the linker-script subset: ENTRY, '.', ALIGN, PROVIDE, AT, KEEP, COMMON */
OUTPUT_ARCH(riscv)
ENTRY(_start)
SECTIONS
{
    . = 0x40000000;
    .text : { KEEP(*(.text.start)) *(.text .text.*) }
    .rodata : { *(.rodata .rodata.*) }
    . = ALIGN(0x100);
    .data 0x10000000 : AT(ALIGN(LOADADDR(.rodata) + SIZEOF(.rodata), 4)) {
        __my_data = .;
        *(.data .data.* .sdata .sdata.*)
    }
    .bss : { *(.bss .bss.*) *(COMMON) }
    . = ALIGN(16);
    . += 0x1000;
    _stack_top = .;
    PROVIDE(_end = .);
    PROVIDE(helper = 0x1234);
}
"""


def test_linker_script_matches_gnu_ld(tmp_path):
    objs = [assemble(tmp_path, n, s, "ours") for n, s in (("hello", HELLO),
                                                           ("helper", HELPER))]
    script = write(tmp_path / "prog.ld", SCRIPT)
    ours_exe, gnu_exe = tmp_path / "ours.elf", tmp_path / "gnu.elf"
    check(ours("ld", "-T", script, *objs, "-o", ours_exe))
    check(run(GNU_LD + ["-T", str(script)] + [str(o) for o in objs] + ["-o", str(gnu_exe)]))
    ours_syms, gnu_syms = symbols(ours_exe), symbols(gnu_exe)
    for name in ("_start", "helper", "msg", "value", "counter", "_stack_top", "__my_data"):
        assert ours_syms[name] == gnu_syms[name], name
    for section in (".text", ".rodata", ".data"):
        assert section_bytes(ours_exe, section) == section_bytes(gnu_exe, section), section
    assert load_addresses(ours_exe)[0x1000_0000] == load_addresses(gnu_exe)[0x1000_0000]


def load_addresses(exe):
    """{virtual address: load address} of the PT_LOAD segments."""
    text = check(run(["riscv64-unknown-elf-readelf", "-lW", str(exe)])).stdout
    rows = [line.split() for line in text.splitlines() if line.strip().startswith("LOAD")]
    return {int(row[2], 16): int(row[3], 16) for row in rows}
