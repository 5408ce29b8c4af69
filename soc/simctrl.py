"""simctrl CSR page: `exit` ends a simulation with a status, `cpu_hz` tells
software how fast mtime ticks. On a board the exit pulse goes nowhere."""
from migen import Module, Signal
from litex.soc.interconnect.csr import AutoCSR, CSRStatus, CSRStorage


class SimCtrl(Module, AutoCSR):
    def __init__(self, cpu_hz):
        self.exit = CSRStorage(32, description="write: end the simulation with this status")
        self.cpu_hz = CSRStatus(32, reset=int(cpu_hz), description="mtime ticks per second")
        self.exit_valid = Signal()
        self.exit_code = Signal(8)
        self.comb += [self.exit_valid.eq(self.exit.re), self.exit_code.eq(self.exit.storage[:8])]
