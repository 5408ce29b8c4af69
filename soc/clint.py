"""CLINT for one hart (SiFive layout): msip, mtimecmp and mtime, which
counts clock cycles. mip.MTIP is mtime >= mtimecmp."""
from migen import If, Module, Signal
from litex.soc.interconnect import wishbone


class CLINT(Module):
    def __init__(self):
        self.bus = bus = wishbone.Interface(data_width=32, address_width=32, addressing="word")
        self.msip = Signal()
        self.mtip = Signal()
        self.mtime = mtime = Signal(64)     # also read by the core's time CSR
        mtimecmp = Signal(64, reset=2**64 - 1)
        offset = Signal(16)   # byte offset inside the 64 KiB window
        self.comb += [
            offset.eq(bus.adr[:14] << 2),
            self.mtip.eq(mtime >= mtimecmp),
        ]
        registers = {   # byte offset: (read value, write action)
            0x0000: (self.msip, lambda v: self.msip.eq(v[0])),
            0x4000: (mtimecmp[:32], lambda v: mtimecmp[:32].eq(v)),
            0x4004: (mtimecmp[32:], lambda v: mtimecmp[32:].eq(v)),
            0xBFF8: (mtime[:32], lambda v: mtime[:32].eq(v)),
            0xBFFC: (mtime[32:], lambda v: mtime[32:].eq(v)),
        }
        write = bus.cyc & bus.stb & bus.we & ~bus.ack
        reads = [bus.dat_r.eq(0)]
        writes = []
        for addr, (value, action) in registers.items():
            reads.append(If(offset == addr, bus.dat_r.eq(value)))
            writes.append(If(write & (offset == addr), action(bus.dat_w)))
        self.sync += [
            bus.ack.eq(bus.cyc & bus.stb & ~bus.ack),
            mtime.eq(mtime + 1),
            *reads,
            *writes,   # a write to mtime wins over the increment
        ]
