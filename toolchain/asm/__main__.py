import sys

from toolchain.asm.cli import main

sys.exit(main())
