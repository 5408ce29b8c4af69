"""make flash BOARD=...: loads build/<board>/gateware/<board>.bit into the
FPGA (volatile configuration) with openFPGALoader."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CABLES = {"ulx3s": ["-b", "ulx3s"], "colorlight_i5": ["-b", "colorlight-i5"]}


def main(argv):
    if len(argv) != 1 or argv[0] not in CABLES:
        print(f"usage: python -m boards.flash {'|'.join(CABLES)}", file=sys.stderr)
        return 2
    bitstream = os.path.join(ROOT, "build", argv[0], "gateware", argv[0] + ".bit")
    if not os.path.exists(bitstream):
        print(f"{bitstream}: error: no bitstream, run make bitstream BOARD={argv[0]}", file=sys.stderr)
        return 1
    return subprocess.run(["openFPGALoader", *CABLES[argv[0]], bitstream]).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
