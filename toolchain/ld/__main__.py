import sys

from toolchain.ld.cli import main

sys.exit(main())
