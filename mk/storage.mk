# Storage (issue 9): FAT driver, SD image tool, SD card model, SD controller.
#   make fatcli                          build/fat/fatcli, the host build of software/fat
#   make sdimg DIR=tree [SIZE=64M]       build/sd.img from a folder (docs/sd-image.md)
#   make test-storage                    the storage tests (with the SD card on the emulator and the Verilator SoC)
#   make bench-storage                   FAT and emulator throughput beside mtools, SPI clocks per block

.PHONY: fatcli sdimg test-storage bench-storage
fatcli:
	$(PY) -c "from toolchain.sdimg.fatcli import binary; print(binary())"

sdimg:
	@test -n "$(DIR)" || { echo "usage: make sdimg DIR=folder [SIZE=64M]"; exit 2; }
	$(PY) -m toolchain.sdimg build $(DIR) -o build/sd.img --size $(or $(SIZE),64M)

test-storage:
	$(PY) -m pytest tests/fat tests/sim/sdcard tests/gateware/sdcard tests/soc/test_sd_card.py

bench-storage:
	$(PY) bench/storage/run.py
