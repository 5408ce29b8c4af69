"""The host bridge to the emulator's accelerator model: sim/emu/accel.c built
as a library (-DACCEL_LIB, bit-exact with the RTL, BUSY_CYCLES as the RTL
counts them) over a flat ctypes byte array that stands for main memory.
It is the host device of ml/tensor/backend_accel (toolchain/accel/device.py
gives the interface): buffer(nbytes) -> (owner, address), freed with the
owner; write/read/zero (host bytes in and out); run(stream, relocs, bases)."""
import ctypes
import os
import subprocess

from toolchain.accel.program import check_status, relocate

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SOURCE = os.path.join(HERE, 'accel.c')
LIBRARY = os.path.join(ROOT, 'build', 'emu', 'libaccel.so')   # mk/accel_host.mk
RAM_BASE = 0x40000000          # docs/memory-map.md: main memory as the bus master sees it
CSR_CTRL, CSR_STATUS, CSR_PROG, CSR_BUSY_CYCLES, CSR_PC = 0, 1, 2, 6, 7


def _library():
    """Path of the model library, rebuilt when accel.c is newer (same command as make accel-host)."""
    path = os.environ.get('ACCEL_LIB', LIBRARY)
    if path == LIBRARY and (not os.path.exists(path) or os.path.getmtime(path) < os.path.getmtime(SOURCE)):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = '%s.%d' % (path, os.getpid())       # renamed into place: never load a half-written file
        cmd = [os.environ.get('CC', 'cc'), '-std=c11', '-O2', '-DACCEL_LIB', '-shared', '-fPIC', '-o', tmp, SOURCE]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError('cannot build %s (make accel-host):\n%s' % (path, done.stderr))
        os.replace(tmp, path)
    return path


class HostMemory:
    """Owns a range of the model's memory; CPython frees it with the last reference."""
    __slots__ = ('dev', 'addr', 'nbytes')

    def __init__(self, dev, nbytes):
        self.dev, self.nbytes = dev, nbytes
        self.addr = dev.alloc(nbytes)

    def __del__(self):
        self.dev.free(self.addr, self.nbytes)


class HostDevice:
    name = 'host model'

    def __init__(self, size=int(os.environ.get('ACCEL_MEM_MB', '64')) << 20):
        lib = ctypes.CDLL(_library())
        lib.accel_new.restype = ctypes.c_void_p
        lib.accel_new.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_uint32]
        lib.accel_csr_read.restype = ctypes.c_uint32
        lib.accel_csr_read.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
        lib.accel_csr_write.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_uint32]
        self.lib, self.size = lib, size
        self.mem = (ctypes.c_uint8 * size)()
        self.host = ctypes.addressof(self.mem)
        self.model = lib.accel_new(self.host, RAM_BASE, size)
        self.top, self.free_lists = RAM_BASE, {}
        self.busy_cycles = self.runs = self.commands = 0     # totals, for bench/ml

    # ---- memory: a bump allocator with exact-size free lists (shapes repeat) ----
    def alloc(self, nbytes):
        nbytes = -(-max(nbytes, 4) // 16) * 16
        spare = self.free_lists.get(nbytes)
        if spare:
            return spare.pop()
        if self.top + nbytes > RAM_BASE + self.size:
            raise MemoryError('accelerator memory full: %d MiB (set ACCEL_MEM_MB)' % (self.size >> 20))
        self.top += nbytes
        return self.top - nbytes

    def free(self, addr, nbytes):
        self.free_lists.setdefault(-(-max(nbytes, 4) // 16) * 16, []).append(addr)

    def buffer(self, nbytes):
        mem = HostMemory(self, nbytes)
        return mem, mem.addr

    def write(self, addr, data):
        ctypes.memmove(self.host + addr - RAM_BASE, data, len(data))

    def read(self, addr, nbytes):
        return ctypes.string_at(self.host + addr - RAM_BASE, nbytes)

    def zero(self, addr, nbytes):
        ctypes.memset(self.host + addr - RAM_BASE, 0, nbytes)

    # ---- the driver sequence of docs/accel.md: PROG, CTRL.start, STATUS ----
    def run(self, stream, relocs=b'', bases=()):
        """relocs, bases: a Template piece's relocations and its buffers' addresses."""
        if relocs:
            stream = relocate(stream, relocs, bases)
        prog = self.alloc(len(stream))
        try:
            self.write(prog, stream)
            self.lib.accel_csr_write(self.model, CSR_PROG, prog)
            self.lib.accel_csr_write(self.model, CSR_CTRL, 1)
            status = self.lib.accel_csr_read(self.model, CSR_STATUS)
            pc = self.lib.accel_csr_read(self.model, CSR_PC)
        finally:
            self.free(prog, len(stream))
        check_status(status, ' at command %d' % ((pc - prog) // 32 - 1))
        self.busy_cycles += self.lib.accel_csr_read(self.model, CSR_BUSY_CYCLES)
        self.runs += 1
        self.commands += len(stream) // 32
