# software/libc (issue 10, C library part).
#   make libc        build/libc/gnu/libc.a + crt0.o with riscv64-unknown-elf-gcc
#   make libc-ours   build/libc/ours/libc.a + crt0.o with toolchain/cc and toolchain/asm
#   make test-libc   its tests (LIBC_CC=ours runs them on the libc our compiler built)

.PHONY: libc libc-ours test-libc
libc:
	$(PY) -m software.libc.build --cc gnu

libc-ours:
	$(PY) -m software.libc.build --cc ours

test-libc:
	$(PY) -m pytest tests/libc
