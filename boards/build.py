"""make bitstream BOARD=...: builds the SoC for a board with YoWASP yosys,
nextpnr-ecp5 and ecppack (LiteX's trellis flow) under build/<board>/, and
writes build/<board>/report.txt with LUT4, FF, DSP, block RAM use and Fmax.
Usage: python -m boards.build [--no-compile] [--no-mmu] [--clk-mhz F] [--build-dir DIR] ulx3s|colorlight_i5
--no-mmu builds the core without TLBs and walker (CPU variant "nommu");
--clk-mhz overrides the board's system clock (default 25 MHz)."""
import argparse
import os
import re
import subprocess
import sys

from boards.targets import BOARDS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_nextpnr(text):
    used = {}
    for cell in ["TRELLIS_COMB", "TRELLIS_FF", "MULT18X18D", "DP16KD", "TRELLIS_RAMW"]:
        m = re.findall(rf"{cell}:\s+(\d+)/\s*(\d+)", text)
        if m:
            used[cell] = (int(m[-1][0]), int(m[-1][1]))
    # nextpnr reports every clock after placement and again after routing;
    # the last report of the slowest clock is the one that counts.
    fmax = re.findall(r"Max frequency for clock\s+'([^']*)':\s+([\d.]+) MHz \((PASS|FAIL) at ([\d.]+) MHz\)", text)
    final = {}
    for clock, mhz, verdict, target in fmax:
        final[clock] = (clock, mhz, verdict, target)
    slowest = min(final.values(), key=lambda f: float(f[1]) / float(f[3]), default=None)
    return used, slowest


def lut4_count(yosys_log):
    m = re.findall(r"(\d+)\s+LUT4", yosys_log)
    return int(m[-1]) if m else None


def main(argv):
    parser = argparse.ArgumentParser(prog="python -m boards.build")
    parser.add_argument("board", choices=sorted(BOARDS))
    parser.add_argument("--no-compile", action="store_true", help="only write the Verilog and scripts")
    parser.add_argument("--no-mmu", action="store_true", help="the core without the Sv32 MMU")
    parser.add_argument("--clk-mhz", type=float, help="system clock (default: the board's)")
    parser.add_argument("--build-dir", help="default: build/<board>, or build/<board>-nommu")
    args = parser.parse_args(argv)
    board, run = args.board, not args.no_compile
    default_dir = os.path.join(ROOT, "build", board + ("-nommu" if args.no_mmu else ""))
    build_dir = os.path.abspath(args.build_dir or default_dir)
    gateware = os.path.join(build_dir, "gateware")
    os.makedirs(gateware, exist_ok=True)
    options = {"cpu_variant": "nommu" if args.no_mmu else "standard"}
    if args.clk_mhz:
        options["clk_freq"] = args.clk_mhz * 1e6
    soc = BOARDS[board](**options)
    # LiteX's Builder would add its BIOS; our ROM is already in the SoC.
    soc.platform.output_dir = build_dir
    soc.build(build_dir=gateware, build_name=board, run=False)
    if not run:
        return 0
    # Run LiteX's generated yosys/nextpnr/ecppack script ourselves, niced, so
    # that nextpnr's report lands in a file we can read.
    with open(os.path.join(gateware, "build.log"), "w") as log:
        env = dict(os.environ, PATH=os.path.join(ROOT, ".venv", "bin") + os.pathsep + os.environ["PATH"])
        status = subprocess.run(["nice", "-n", "10", "bash", f"build_{board}.sh"], cwd=gateware,
                                env=env, stdout=log, stderr=subprocess.STDOUT).returncode
    if status != 0:
        print(f"bitstream build failed: see {os.path.join(gateware, 'build.log')}", file=sys.stderr)
        return 1
    yosys_log = open(os.path.join(gateware, f"{board}.rpt")).read() \
        if os.path.exists(os.path.join(gateware, f"{board}.rpt")) else ""
    pnr_log = open(os.path.join(gateware, "build.log")).read()
    used, fmax = parse_nextpnr(pnr_log)
    lines = [f"board: {board}", f"cpu variant: {options['cpu_variant']}",
             f"bitstream: {os.path.join(gateware, board + '.bit')}"]
    if lut4_count(yosys_log) is not None:
        lines.append(f"LUT4 (yosys): {lut4_count(yosys_log)}")
    names = {"TRELLIS_COMB": "LUT4 (placed, incl. carry/RAM)", "TRELLIS_FF": "FF",
             "MULT18X18D": "DSP (MULT18X18D)", "DP16KD": "block RAM (DP16KD)"}
    for cell, label in names.items():
        if cell in used:
            lines.append(f"{label}: {used[cell][0]} / {used[cell][1]}")
    if fmax:
        lines.append(f"Fmax {fmax[0]}: {fmax[1]} MHz ({fmax[2]} at {fmax[3]} MHz)")
    text = "\n".join(lines) + "\n"
    with open(os.path.join(build_dir, "report.txt"), "w") as f:
        f.write(text)
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
