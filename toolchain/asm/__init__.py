"""Our RISC-V assembler (GNU as syntax, RV32IMA_Zicsr_Zifencei, no relaxation).

    from toolchain.asm import assemble
    obj_bytes = assemble(source_text, "file.s")     # raises AsmError
"""
from toolchain.asm.assembler import AsmError, assemble  # noqa: F401
from toolchain.asm.cli import main  # noqa: F401
