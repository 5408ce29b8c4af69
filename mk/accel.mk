# gateware/accel (issue 12): the fp32 tensor accelerator.
#   make test-accel     its RTL (cocotb + Icarus) and model tests, the long 64x64 RTL matmul too
#   make bench-accel    FMAs per cycle on square matmuls against the lanes' peak, prefetch vs sequential
#   make synth-accel    one yosys + nextpnr-ecp5 (85F) run of the accelerator alone (~25 min)

.PHONY: test-accel bench-accel
test-accel:
	$(PY) -m pytest tests/gateware/accel

bench-accel:
	nice -n 10 $(PY) bench/accel/bench.py

# One synthesis and place-and-route of the accelerator alone (ULX3S 85F part,
# pins unconstrained): resources in build/accel_synth/yosys.log, Fmax in nextpnr.log.
.PHONY: synth-accel
ACCEL_RTL := $(addprefix gateware/accel/,fma.v lane.v spad.v dma.v accel.v)
synth-accel:
	mkdir -p build/accel_synth
	nice -n 10 yosys -q -l build/accel_synth/yosys.log -p "read_verilog $(ACCEL_RTL); synth_ecp5 -top accel -json build/accel_synth/accel.json; stat"
	nice -n 10 nextpnr-ecp5 --85k --package CABGA381 --json build/accel_synth/accel.json \
		--lpf-allow-unconstrained --freq 40 --timing-allow-fail --log build/accel_synth/nextpnr.log
