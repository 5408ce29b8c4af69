"""python -m toolchain.sdimg: build, list and extract FAT32 SD card images."""
import sys

from toolchain.sdimg.cli import main

sys.exit(main())
