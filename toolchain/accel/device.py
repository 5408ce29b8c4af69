"""The devices ml's accel backend runs streams on: the SoC's accelerator from
a program on our OS, or on the host the emulator's model
(sim/emu/accel_host.py, HostDevice). Both give

    buffer(nbytes) -> (owner, address)   memory that lives as long as owner
    write(address, data), read(address, nbytes), zero(address, nbytes)
    run(stream, relocs=b'', bases=())     relocs: Template's, bases: addresses
    busy_cycles, runs, commands           totals, for the benches
"""
from .program import check_status


class SoCDevice:
    """Through the runtime's _accel module (software/python/mod_accel.c):
    memory is a bytearray that the runtime's garbage collector frees with
    the last reference (our runtime has no __del__), its user address goes
    into the stream as it is, and the kernel's accel_run system call bounces
    it (docs/syscalls.md). Relocating and packing the stream is done in C."""
    name = 'SoC accelerator'

    def __init__(self, accel):
        self.accel = accel
        self.busy_cycles = self.runs = self.commands = 0

    def buffer(self, nbytes):
        mem = self.accel.alloc(nbytes)
        return mem, self.accel.address(mem)

    def write(self, addr, data):
        self.accel.write(addr, data)

    def read(self, addr, nbytes):
        return self.accel.read(addr, nbytes)

    def zero(self, addr, nbytes):
        self.accel.zero(addr, nbytes)

    def run(self, stream, relocs=b'', bases=()):
        status, busy, cycles, config = self.accel.run(stream, relocs, bases)
        check_status(status)
        self.busy_cycles += busy
        self.runs += 1
        self.commands += len(stream) // 32


def new_device():
    """The SoC's accelerator under our runtime on our OS, else the emulator's model."""
    try:
        import _accel
    except ImportError:
        _accel = None
    if _accel is not None and _accel.available:
        return SoCDevice(_accel)
    from sim.emu.accel_host import HostDevice       # host only: ctypes and the model library
    return HostDevice()
