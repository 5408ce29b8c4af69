"""The emulator's accelerator (sim/emu/accel.c behind CSR page 5, line 3) driven
by a RISC-V program built with gcc: results, cycle count and interrupt."""
import importlib.util
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))


def test_program_uses_accelerator_in_emulator(tmp_path):
    spec = importlib.util.spec_from_file_location("programs_build", os.path.join(ROOT, "tests/programs/build.py"))
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    elf = builder.build(os.path.join(HERE, "programs/emu_accel.c"), str(tmp_path / "emu_accel.elf"), toolchain="gnu")
    subprocess.run(["make", "-s", "emu"], cwd=ROOT, check=True)
    proc = subprocess.run([os.path.join(ROOT, "build/emu/emu"), "--max-insns", "1000000", elf],
                          capture_output=True, timeout=60)
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-500:])
