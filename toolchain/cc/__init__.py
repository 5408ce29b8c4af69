"""bits2gpt C compiler: tokenize -> preprocess -> parse -> codegen (RV32IM, ilp32)."""
