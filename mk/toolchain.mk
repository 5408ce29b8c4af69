# Assembler/linker/objdump (toolchain/asm, ld, objdump, elf).
.PHONY: test-toolchain-asm bench-toolchain-asm
test-toolchain-asm:
	$(PY) -m pytest tests/toolchain/asm

bench-toolchain-asm:
	$(PY) -m bench.toolchain.asm_speed
