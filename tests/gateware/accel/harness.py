"""Drives tb_accel.v from cocotb: memory images in and out through hex files,
the CSR bus, and the C model of sim/emu/accel.c on the same memory image."""
import ctypes
import os

import numpy as np
from cocotb.triggers import RisingEdge, Timer, with_timeout

RAM_BASE = 0x40000000
MEM_WORDS = 65536
PROG = RAM_BASE                  # command stream at the start of RAM
DATA = RAM_BASE + 0x4000         # operands after it
CTRL, STATUS, PROGADDR, IRQ_EN, IRQ_PENDING, CYCLES, BUSY_CYCLES, PC, CONFIG = range(9)


class Model:
    """sim/emu/accel.c built as a library (ACCEL_LIB)."""

    def __init__(self):
        self.lib = ctypes.CDLL(os.environ["ACCEL_LIB"])
        self.lib.accel_new.restype = ctypes.c_void_p
        self.lib.accel_new.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_uint32]
        self.lib.accel_csr_read.restype = ctypes.c_uint32
        self.lib.accel_csr_read.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
        self.lib.accel_csr_write.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_uint32]
        self.lib.accel_free.argtypes = [ctypes.c_void_p]

    def run(self, mem):
        """Runs the program at PROG on a copy of mem: (memory after, status, busy cycles)."""
        mem = np.ascontiguousarray(mem.copy())
        x = self.lib.accel_new(mem.ctypes.data, RAM_BASE, mem.nbytes)
        self.lib.accel_csr_write(x, PROGADDR, PROG)
        self.lib.accel_csr_write(x, CTRL, 1)
        status, cycles = self.lib.accel_csr_read(x, STATUS), self.lib.accel_csr_read(x, BUSY_CYCLES)
        self.lib.accel_free(x)
        return mem, status, cycles


class Bench:
    def __init__(self, dut):
        self.dut = dut
        self.mem = np.zeros(MEM_WORDS, dtype=np.uint32)
        self.next_free = DATA
        self.model = Model()

    async def reset(self):
        self.dut.rst.value = 1
        for _ in range(3):
            await RisingEdge(self.dut.clk)
        self.dut.rst.value = 0
        await RisingEdge(self.dut.clk)

    def place(self, array):
        """Copies a float32/int32/uint32 array into RAM; returns its byte address."""
        words = np.ascontiguousarray(array).reshape(-1).view(np.uint32)
        addr = self.next_free
        start = (addr - RAM_BASE) // 4
        self.mem[start:start + words.size] = words
        self.next_free += (words.size * 4 + 63) // 64 * 64
        return addr

    def words_at(self, addr, count, mem=None):
        start = (addr - RAM_BASE) // 4
        return (self.mem if mem is None else mem)[start:start + count].copy()

    def floats_at(self, addr, shape, mem=None):
        return self.words_at(addr, int(np.prod(shape)), mem).view(np.float32).reshape(shape)

    async def csr_write(self, index, value):
        self.dut.csr_adr.value, self.dut.csr_dat_w.value, self.dut.csr_we.value = index, value, 1
        await RisingEdge(self.dut.clk)
        self.dut.csr_we.value = 0

    async def csr_read(self, index):
        self.dut.csr_adr.value = index
        await RisingEdge(self.dut.clk)
        await RisingEdge(self.dut.clk)
        return int(self.dut.csr_dat_r.value)

    async def run(self, program, max_cycles=2_000_000, expect_status=2):
        """Runs program on the RTL and on the C model; returns the RTL's busy cycles
        after checking that both left the same memory, status and cycle count."""
        code = np.frombuffer(program.to_bytes(), dtype=np.uint32)
        assert code.size * 4 <= DATA - PROG
        self.mem[:code.size] = code
        np.savetxt("mem_in.hex", self.mem, fmt="%08x")
        self.dut.load_now.value = 1
        await Timer(1, "ns")
        self.dut.load_now.value = 0
        await RisingEdge(self.dut.clk)
        await self.csr_write(IRQ_EN, 1)
        await self.csr_write(PROGADDR, PROG)
        await self.csr_write(CTRL, 1)
        await with_timeout(RisingEdge(self.dut.irq), max_cycles * 10, "ns")
        status, cycles = await self.csr_read(STATUS), await self.csr_read(BUSY_CYCLES)
        await self.csr_write(IRQ_PENDING, 1)
        self.dut.dump_now.value = 1
        await Timer(1, "ns")
        self.dut.dump_now.value = 0
        await Timer(1, "ns")
        model_mem, model_status, model_cycles = self.model.run(self.mem)
        with open("mem_out.hex") as f:
            lines = [line.split("//")[0].strip() for line in f]
        self.mem = np.array([int(w, 16) for w in lines if w], dtype=np.uint32)
        assert status == model_status == expect_status, (status, model_status)
        mismatch = np.nonzero(self.mem != model_mem)[0]
        assert mismatch.size == 0, (f"RTL and model differ at words {mismatch[:8]}: "
                                    f"{self.mem[mismatch[:8]]} vs {model_mem[mismatch[:8]]}")
        assert cycles == model_cycles, (cycles, model_cycles)
        return cycles
