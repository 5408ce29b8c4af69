# sim/emu: the instruction-level emulator (issue 6).
#   make emu                          build build/emu/emu
#   make run PROG=x.elf [ARGS=...]    run a program on it; fails if its status is not 0

EMU := build/emu/emu
EMU_SRC := $(wildcard sim/emu/*.c) sim/sdcard/sdcard.c
EMU_HDR := $(wildcard sim/emu/*.h) sim/sdcard/sdcard.h
EMU_CFLAGS := -O2 -g -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter

.PHONY: emu run
emu: $(EMU)

$(EMU): $(EMU_SRC) $(EMU_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(EMU_CFLAGS) -o $@ $(EMU_SRC)

run: $(EMU)
	@test -n "$(PROG)" || { echo "usage: make run PROG=program.elf [ARGS=...]"; exit 2; }
	$(EMU) $(ARGS) $(PROG)

.PHONY: bench-emu
bench-emu: $(EMU)
	nice -n 10 $(PY) bench/emu/bench.py
