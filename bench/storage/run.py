"""Storage benchmarks: the FAT driver on the host beside mtools (mcopy) on the same image,
and the SD controller's SPI clocks per block in the RTL simulation beside the wire minimum.
Emulator numbers (blocks/s through the card model) come once the emulator has the card.
Run: .venv/bin/python bench/storage/run.py"""
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)
from toolchain.sdimg.fatcli import run as fatcli  # noqa: E402

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


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        fat_bench(tmp)
        if "--no-rtl" not in sys.argv:      # the RTL simulation takes about a minute
            rtl_bench(tmp)
