# software/python: our Python runtime in C (host build for tests and benches)
.PHONY: python-rt python-test python-bench
python-rt:
	$(MAKE) -C software/python

python-test: python-rt
	$(PY) -m pytest tests/python -q

python-bench: python-rt
	$(PY) bench/python/run.py

# The runtime on our OS (software/python/os_build.py): built by our cc/asm/ld
# against our libc, put on the OS's SD image with /lib/python and /ml.
#   make python-os        build/python/rv32/python and build/python/rv32/os/{sd.img,os.bin}
#   make boot-python      boot that image from the SD card model; try `python /ml/...`
#   make test-python-os   tests/python/test_os.py (scripts and a GPT-2 forward pass on the OS)
#   make bench-python-os  instructions per workload on the OS: our cc's build vs GCC -O2's
.PHONY: python-os boot-python test-python-os bench-python-os
python-os: emu
	$(PY) -m software.python.os_build

boot-python: python-os
	@$(call BOOT_CMD,build/emu/emu --sd build/python/rv32/os/sd.img build/python/rv32/os/kernel.elf)

test-python-os:
	$(PY) -m pytest tests/python/test_os.py

bench-python-os:
	nice -n 10 $(PY) bench/python/os_bench.py
