import sys

from toolchain.objdump.cli import main

sys.exit(main())
