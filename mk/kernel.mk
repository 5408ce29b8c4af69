# software/kernel + software/user (issue 10): the OS in the emulator.
#   make kernel     build/kernel/kernel.elf, user programs, sd.img and os.bin
#                   (TESTS=1: with tests/kernel/progs - usertests, acceltest - in /bin)
#   make os-image   the same (os.bin = kernel + the SD image as a RAM disk)
#   make boot       boot the OS to a shell in the emulator from the SD card model
#                   (build/kernel/sd.img: writes land there, until the next build)
#   make boot-ramdisk  the same with the image as a RAM disk (os.bin; writes are lost)
#   make boot-rom-sd  the same, started from the boot ROM (build/boot/boot.elf), which
#                   loads /boot/kernel from the card
#   make test-kernel  tests/kernel

.PHONY: kernel os-image boot boot-ramdisk boot-rom-sd test-kernel
kernel os-image: emu
	$(PY) -m software.kernel.build $(if $(TESTS),--with-tests)

# The kernel echoes and edits lines itself: the host terminal passes keys
# through at once (no echo, ^C as a byte), then is restored.
BOOT_CMD = if [ -t 0 ]; then saved=$$(stty -g); stty -icanon -echo -isig; fi; \
	$(1); status=$$?; if [ -t 0 ]; then stty $$saved; fi; exit $$status

boot: os-image
	@$(call BOOT_CMD,build/emu/emu --sd build/kernel/sd.img build/kernel/kernel.elf)

boot-ramdisk: os-image
	@$(call BOOT_CMD,build/emu/emu --load-addr 0x40000000 build/kernel/os.bin)

boot-rom-sd: os-image boot-rom
	@$(call BOOT_CMD,build/emu/emu --sd build/kernel/sd.img build/boot/boot.elf)

test-kernel:
	$(PY) -m pytest tests/kernel
