"""Runs toolchain/cc's preprocessor, parser and code generator on one C
file and prints the assembly (the compiler's own driver needs subprocess)."""
import os
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from toolchain.cc.preproc import Preprocessor  # noqa: E402
from toolchain.cc.parser import Parser  # noqa: E402
from toolchain.cc.codegen import Codegen  # noqa: E402

parser = Parser(Preprocessor([], [], False).run_file(sys.argv[1]))
sys.stdout.write(Codegen(parser).program(parser.program()))
