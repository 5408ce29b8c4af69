"""Storage benchmarks, each beside a peer measured in the same run:
- the FAT driver built for the host beside mtools (mcopy) on the same image;
- sequential write/read on the emulator (sd_bench.c: the kernel's SD driver,
  raw and through software/fat, over the card model) beside mcopy;
- SPI clocks per block: the controller's cocotb test and the Verilator SoC
  (sd_bench.c again), beside the wire minimum of a block.
Run: .venv/bin/python bench/storage/run.py [--no-rtl]"""
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)
from toolchain.sdimg.fatcli import run as fatcli  # noqa: E402
from tests.soc import sd_program  # noqa: E402

MIB = 16
ENV = dict(os.environ, MTOOLS_SKIP_CHECK="1")


def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, env=ENV, capture_output=True)
    return time.perf_counter() - t


def fat_bench(tmp):
    exe = os.path.join(tmp, "bench_fat")
    subprocess.run(["cc", "-O2", "-std=c99", "-D_XOPEN_SOURCE=700", "-o", exe, os.path.join(ROOT, "bench/storage/bench_fat.c"),
                    os.path.join(ROOT, "software/fat/fat.c")], check=True)
    ours, theirs, payload = (os.path.join(tmp, n) for n in ("ours.img", "mtools.img", "payload"))
    fatcli(ours, "format", 64, "fat32")
    fatcli(theirs, "format", 64, "fat32")
    out = subprocess.run([exe, ours, str(MIB)], check=True, capture_output=True, text=True).stdout
    write_bps, read_bps = (float(re.search(rf"{k} (\d+)", out).group(1)) for k in ("write", "read"))
    with open(payload, "wb") as f:
        f.write(b"\x5a" * (MIB << 20))
    blocks = MIB * 2048
    m_write = blocks / timed(["mcopy", "-i", theirs, payload, "::/bench.bin"])
    m_read = blocks / timed(["mcopy", "-i", theirs, "::/bench.bin", os.path.join(tmp, "back")])
    print(f"FAT driver, host, {MIB} MiB file, 512-byte clusters (FAT32 64 MiB image):")
    for line in out.splitlines():
        print("  ours   " + line)
    print(f"  mtools write {m_write:.0f} blocks/s, read {m_read:.0f} blocks/s")
    print(f"  ratio ours/mtools: write {write_bps / m_write:.2f}, read {read_bps / m_read:.2f}")


def rtl_bench(tmp):
    """Runs the controller's cocotb test and reads the SPI clocks it logged per block."""
    log = os.path.join(tmp, "pytest.log")
    with open(log, "w") as f:
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp",
                        os.path.join(tmp, "rtl"), os.path.join(ROOT, "tests/gateware/sdcard")],
                       cwd=ROOT, stdout=f, stderr=subprocess.STDOUT)
    sim_log = open(os.path.join(tmp, "rtl", "test_sdcard_controller0", "sim.log")).read()
    clocks = [int(n) for n in re.findall(r"read block \d+: (\d+) SPI clocks", sim_log)]
    wire = 8 * (512 + 2 + 1)        # data, CRC16, start token
    print(f"SD controller RTL: read {clocks[0]} SPI clocks per block at the fastest divider "
          f"(SCK = clock/2); wire minimum {wire}; ratio {clocks[0] / wire:.3f}")


def build_sd_bench(tmp, blocks, use_fat):
    """sd_bench.c with our toolchain, linked like tests/soc/programs/sd_files.c."""
    out = os.path.join(tmp, f"sd_bench_{blocks}_{int(use_fat)}")
    os.makedirs(out, exist_ok=True)
    sources = [os.path.join(ROOT, "bench/storage/sd_bench.c")] + sd_program.SOURCES[1:]
    defines = [f"-DBLOCKS={blocks}"] + (["-DUSE_FAT"] if use_fat else [])
    return sd_program.build(out, sources, defines)


def bench_image(tmp, name):
    """64 MiB FAT32 as mkfs.fat makes it: 512-byte clusters (FAT32 needs 65,525)."""
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.truncate(64 << 20)
    subprocess.run(["mkfs.fat", "-F", "32", "-s", "1", path], check=True, capture_output=True)
    return path


def emu_run(elf, image):
    """Returns (write ticks, read ticks, MIPS of the run)."""
    proc = subprocess.run([os.path.join(ROOT, "build/emu/emu"), "--stats", "--sd", image, elf],
                          capture_output=True, text=True, check=True)
    write, read = (int(n) for n in re.findall(r"\d+", proc.stdout)[:2])
    mips = float(re.search(r"\(([\d.]+) MIPS\)", proc.stderr).group(1))
    return write, read, mips


def emu_bench(tmp, blocks=8192):
    """Emulator ticks are instructions; blocks/s = blocks * MIPS / instructions of the phase."""
    subprocess.run(["make", "-s", "emu"], cwd=ROOT, check=True)
    theirs, payload = bench_image(tmp, "mtools_emu.img"), os.path.join(tmp, "payload_emu")
    with open(payload, "wb") as f:
        f.write(bytes(range(256)) * (blocks * 2))
    m_write = blocks / timed(["mcopy", "-i", theirs, payload, "::/bench.bin"])
    m_read = blocks / timed(["mcopy", "-i", theirs, "::/bench.bin", os.path.join(tmp, "back_emu")])
    print(f"Emulator, {blocks} blocks ({blocks // 2048} MiB) sequential, kernel SD driver + card model:")
    for use_fat, label in [(False, "raw blocks"), (True, "FAT32 file (512 B clusters)")]:
        elf = build_sd_bench(tmp, blocks, use_fat)
        write, read, mips = emu_run(elf, bench_image(tmp, "emu.img"))
        w_bps, r_bps = blocks * mips * 1e6 / write, blocks * mips * 1e6 / read
        print(f"  {label:28s} write {w_bps:8.0f} blocks/s ({write / blocks:6.0f} insns/block), "
              f"read {r_bps:8.0f} blocks/s ({read / blocks:6.0f} insns/block) at {mips:.0f} MIPS")
        if use_fat:
            print(f"  mtools (host mcopy, same size) write {m_write:.0f}, read {m_read:.0f} blocks/s; "
                  f"ratio emulator/mtools: write {w_bps / m_write:.3f}, read {r_bps / m_read:.3f}")


def soc_bench(tmp):
    """SPI clocks per block on the Verilator SoC: the harness counts SCK cycles;
    runs of 8 and 16 raw blocks differ by 8 blocks of writes and 8 of reads."""
    counts, ticks = {}, {}
    for blocks in (8, 16):
        elf = build_sd_bench(tmp, blocks, False)
        proc = subprocess.run([sys.executable, "-m", "sim.run", "--sd", bench_image(tmp, "soc.img"), elf],
                              cwd=ROOT, capture_output=True, text=True, check=True)
        counts[blocks] = int(re.search(r"SD card: (\d+) SPI clock", proc.stderr).group(1))
        ticks[blocks] = [int(n) for n in re.findall(r"\d+", proc.stdout)[:2]]
    per_block = (counts[16] - counts[8]) / 16
    cycles = [(ticks[16][i] - ticks[8][i]) / 8 for i in (0, 1)]
    data_phase = 8 * (512 + 2 + 1 + 1)      # data, CRC16, token, data response or R1
    with_command = data_phase + 8 * 6       # ... and the 6 command bytes
    print("Verilator SoC, clkdiv 0 (SCK = clock/2), CMD17/CMD24 per block with the kernel driver:")
    print(f"  {per_block:.0f} SPI clocks per block (write + read average, commands included); "
          f"wire minimum {data_phase} (data phase) / {with_command} (with the command): "
          f"ratio {per_block / data_phase:.3f} / {per_block / with_command:.3f}")
    print(f"  controller clock cycles per block: write {cycles[0]:.0f}, read {cycles[1]:.0f} "
          f"(2 x SPI clocks = {2 * per_block:.0f}; the rest is the CPU copying the buffer and polling)")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        fat_bench(tmp)
        emu_bench(tmp)
        if "--no-rtl" not in sys.argv:      # the RTL simulations take a few minutes
            soc_bench(tmp)
            rtl_bench(tmp)
