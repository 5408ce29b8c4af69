# The emulator's accelerator model (sim/emu/accel.c) as a host library, which
# the `accel` backend of ml/tensor drives with ctypes (sim/emu/accel_host.py
# also builds it on first use with the same command).
#   make accel-host     build build/emu/libaccel.so

ACCEL_HOST_LIB := build/emu/libaccel.so

.PHONY: accel-host
accel-host: $(ACCEL_HOST_LIB)

$(ACCEL_HOST_LIB): sim/emu/accel.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -DACCEL_LIB -shared -fPIC -o $@ $<

# A tiny GPT-2 forward pass: accelerator BUSY_CYCLES against the same kernels
# run by the CPU alone (RV32IM C on the emulator); see bench/ml/bench_accel.py.
.PHONY: bench-ml-accel
bench-ml-accel: $(ACCEL_HOST_LIB)
	nice -n 10 $(PY) bench/ml/bench_accel.py

# GPT-2 forward passes on our OS in the emulator: the accel backend against
# the CPU alone, same runtime, logits checked against CPython (about 25 min).
.PHONY: bench-ml-soc
bench-ml-soc: $(ACCEL_HOST_LIB)
	nice -n 10 $(PY) bench/ml/bench_soc.py
