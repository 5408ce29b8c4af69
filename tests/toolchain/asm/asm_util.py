"""Helpers shared by the toolchain tests: run our tools and the GNU references."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
GNU_AS = ["riscv64-unknown-elf-as", "-march=rv32ima_zicsr_zifencei", "-mabi=ilp32",
          "-mno-relax"]
GNU_LD = ["riscv64-unknown-elf-ld", "-m", "elf32lriscv"]


def run(cmd, cwd_dir=ROOT, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd_dir, **kw)


def ours(tool, *args, stdin=None):
    return run([sys.executable, "-m", f"toolchain.{tool}", *map(str, args)], input=stdin)


def check(result):
    assert result.returncode == 0, result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    return result


def write(path, text):
    path.write_text(text)
    return path


def assemble_both(tmp_path, name, source):
    """Assemble source with ours and GNU as; returns (our .o, GNU .o)."""
    src = write(tmp_path / f"{name}.s", source)
    ours_o, gnu_o = tmp_path / f"{name}.ours.o", tmp_path / f"{name}.gnu.o"
    check(ours("asm", "-march=rv32ima_zicsr_zifencei", "-mabi=ilp32", src, "-o", ours_o))
    check(run(GNU_AS + [str(src), "-o", str(gnu_o)]))
    return ours_o, gnu_o


def section_bytes(obj_path, section):
    """Contents of one section, read with GNU objcopy."""
    out = obj_path.with_suffix(obj_path.suffix + section + ".bin")
    check(run(["riscv64-unknown-elf-objcopy", "-O", "binary", "-j", section, str(obj_path),
               str(out)]))
    return out.read_bytes()


def relocations(obj_path):
    """(section, offset, type, symbol+addend) as GNU readelf prints them."""
    text = check(run(["riscv64-unknown-elf-readelf", "-rW", str(obj_path)])).stdout
    rows, section = [], None
    for line in text.splitlines():
        if line.startswith("Relocation section"):
            section = line.split("'")[1]
        elif "R_RISCV_" in line:
            fields = line.split()
            rows.append((section, fields[0], fields[2], " ".join(fields[4:])))
    return rows
