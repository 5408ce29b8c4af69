"""bench/cpu/fmax: resources and Fmax of the core alone on the ULX3S's ECP5
(LFE5U-85F, speed 6), with and without the MMU.

    python -m bench.cpu.fmax [--mmu 1|0|both] [--freq MHZ] [--seed N] [--gateware DIR]

The core's ~170 input and ~130 output bits would not fit the package's
pins, so a wrapper feeds the inputs from a shift register and folds the
registered outputs into one pin: every path into and out of the core
starts or ends at a flop, as it would behind LiteX's bus. yosys synth_ecp5,
then nextpnr-ecp5 place and route; prints LUT4/FF/DP16KD/MULT18X18D and
nextpnr's post-route Fmax and critical path (build/fmax/mmu<N>/)."""
import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, ROOT)
from soc.b2g_cpu import core_sources  # noqa: E402

INPUTS = [("ibus_dat_r", 32), ("ibus_ack", 1), ("ibus_err", 1), ("dbus_dat_r", 32), ("dbus_ack", 1),
          ("dbus_err", 1), ("irq_lines", 32), ("msip", 1), ("mtip", 1), ("mtime", 64)]
OUTPUTS = [("ibus_adr", 30), ("ibus_cyc", 1), ("ibus_stb", 1), ("dbus_adr", 30), ("dbus_dat_w", 32),
           ("dbus_sel", 4), ("dbus_we", 1), ("dbus_cyc", 1), ("dbus_stb", 1)]


def wrapper(mmu):
    n_in = sum(w for _, w in INPUTS) + 1
    n_out = sum(w for _, w in OUTPUTS)
    ports, pos = [], 1
    for name, width in INPUTS:
        ports.append(f".{name}(sr[{pos + width - 1}:{pos}])")
        pos += width
    pos = 0
    for name, width in OUTPUTS:
        ports.append(f".{name}(outs[{pos + width - 1}:{pos}])")
        pos += width
    return f"""module b2g_fmax_top (input wire clk, input wire din, output reg dout);
    reg  [{n_in - 1}:0] sr;
    wire [{n_out - 1}:0] outs;
    reg  [{n_out - 1}:0] outs_q;
    always @(posedge clk) begin
        sr <= {{sr[{n_in - 2}:0], din}};
        outs_q <= outs;
        dout <= ^outs_q;
    end
    b2g_core #(.MMU({mmu})) core (.clk(clk), .rst(sr[0]),
        {", ".join(ports)});
endmodule
"""


def run(mmu, freq, seed, gateware=None):
    out = os.path.join(ROOT, "build", "fmax", f"mmu{mmu}")
    sources = core_sources()
    if gateware:   # a copy of gateware/ to try changes on
        sources = [os.path.join(gateware, os.path.basename(os.path.dirname(p)), os.path.basename(p))
                   for p in sources]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "top.v"), "w") as f:
        f.write(wrapper(mmu))
    env = dict(os.environ, PATH=os.path.join(ROOT, ".venv", "bin") + os.pathsep + os.environ["PATH"])
    script = (f"read_verilog {' '.join(sources)} top.v; "
              "synth_ecp5 -top b2g_fmax_top -json top.json; tee -o stat.txt stat")
    subprocess.run(["nice", "-n", "10", "yosys", "-q", "-l", "yosys.log", "-p", script],
                   cwd=out, env=env, check=True)
    with open(os.path.join(out, "top.lpf"), "w") as f:
        f.write('LOCATE COMP "clk" SITE "G2";\nIOBUF PORT "clk" IO_TYPE=LVCMOS33;\n'
                f'FREQUENCY PORT "clk" {freq} MHZ;\n')
    subprocess.run(["nice", "-n", "10", "nextpnr-ecp5", "--85k", "--package", "CABGA381", "--speed", "6",
                    "--json", "top.json", "--lpf", "top.lpf", "--timing-allow-fail", "--lpf-allow-unconstrained", "--seed", str(seed),
                    "--report", "report.json", "-l", "nextpnr.log", "-q"],
                   cwd=out, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stat = open(os.path.join(out, "stat.txt")).read()
    cells = {name: int(count) for count, name in
             re.findall(r"(\d+)\s+(LUT4|TRELLIS_FF|DP16KD|MULT18X18D|CCU2C|TRELLIS_DPR16X4)\b", stat)}
    log = open(os.path.join(out, "nextpnr.log")).read()
    fmax = re.findall(r"Max frequency for clock\s+'[^']*':\s+([\d.]+) MHz", log)
    wrapper_ffs = sum(w for _, w in INPUTS) + 1 + sum(w for _, w in OUTPUTS) + 1
    cells["TRELLIS_FF"] = cells.get("TRELLIS_FF", 0) - wrapper_ffs   # the core's own
    return cells, float(fmax[-1]) if fmax else None, out


def main(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.cpu.fmax")
    parser.add_argument("--mmu", choices=["0", "1", "both"], default="both")
    parser.add_argument("--freq", type=float, default=40.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--gateware", help="read cpu/ and mmu/ from this copy of gateware/")
    args = parser.parse_args(argv)
    for mmu in ([1, 0] if args.mmu == "both" else [int(args.mmu)]):
        cells, fmax, out = run(mmu, args.freq, args.seed, args.gateware)
        print(f"b2g_core MMU={mmu}: LUT4 {cells.get('LUT4', 0)}, FF {cells['TRELLIS_FF']}, "
              f"CCU2C {cells.get('CCU2C', 0)}, DPR16X4 {cells.get('TRELLIS_DPR16X4', 0)}, "
              f"DP16KD {cells.get('DP16KD', 0)}, MULT18X18D {cells.get('MULT18X18D', 0)}, "
              f"Fmax {fmax} MHz post-route ({out}/nextpnr.log)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
