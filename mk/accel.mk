# gateware/accel (issue 12): the fp32 tensor accelerator.
#   make test-accel     its RTL (cocotb + Icarus) and model tests
#   make bench-accel    FMAs per cycle on square matmuls against the lanes' peak

.PHONY: test-accel bench-accel
test-accel:
	$(PY) -m pytest tests/gateware/accel

bench-accel:
	nice -n 10 $(PY) bench/accel/bench.py
