"""Disassembler: `disassemble(word, pc)` for trace tools, `python -m toolchain.objdump -d`."""
from toolchain.objdump.disasm import branch_target, disassemble  # noqa: F401
