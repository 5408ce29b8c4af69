# gateware/cpu, soc, sim, boards (issue 3).
#   make sim PROG=x.elf [TRACE=t.txt] [WAVE=w.fst] [MAX_CYCLES=N] [SD=img] [NO_ACCEL=1] [NO_MMU=1] [RAM=8M]
#                                   run a program on the Verilator SoC
#   make bitstream BOARD=ulx3s|colorlight_i5 [NO_MMU=1]   build/<board>[-nommu]/ bitstream + report.txt
#   make flash BOARD=...             load it with openFPGALoader
#   make boot-rom                    build/boot/boot.bin from software/boot
#   make bench-cpu                   DMIPS/MHz-equivalent, CPI, MMU on/off, TLB walks
#   make test-cpu                    tests/gateware/cpu (the OS boot is in test-long)

SIM_OPTS = $(if $(TRACE),--trace $(TRACE)) $(if $(WAVE),--wave $(WAVE)) \
           $(if $(MAX_CYCLES),--max-cycles $(MAX_CYCLES)) $(if $(SD),--sd $(SD)) \
           $(if $(NO_ACCEL),--no-accel) $(if $(NO_MMU),--no-mmu) $(if $(RAM),--ram-size $(RAM))

.PHONY: sim bitstream flash boot-rom bench-cpu test-cpu
sim:
	@test -n "$(PROG)" || { echo "usage: make sim PROG=program.elf [TRACE=file] [WAVE=file.fst] [SD=image] [NO_ACCEL=1] [NO_MMU=1] [RAM=8M]"; exit 2; }
	@$(PY) -m sim.run $(SIM_OPTS) $(PROG)

bitstream:
	@test -n "$(BOARD)" || { echo "usage: make bitstream BOARD=ulx3s|colorlight_i5"; exit 2; }
	$(PY) -m boards.build $(if $(NO_MMU),--no-mmu) $(BOARD)

flash:
	@test -n "$(BOARD)" || { echo "usage: make flash BOARD=ulx3s|colorlight_i5"; exit 2; }
	$(PY) -m boards.flash $(BOARD)

boot-rom:
	$(PY) -m software.boot.build

bench-cpu:
	nice -n 10 $(PY) -m bench.cpu.run

test-cpu:
	$(PY) -m pytest tests/gateware/cpu -m "not long"
