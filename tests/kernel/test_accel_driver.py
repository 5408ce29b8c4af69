"""The accelerator driver (software/kernel/accel.c, call 1001): a user
program runs a matmul on the emulator's accelerator model through the
kernel; numpy is the reference (the inputs make every sum exact)."""
import re

import numpy as np

M, K, N = 6, 10, 12


def test_user_program_runs_a_matmul_and_bad_streams_are_refused(machine):
    m = machine()                                   # tests/kernel/progs/acceltest.c is /bin/acceltest
    out = m.finish(b"acceltest\necho status $?\n")
    assert "status 0" in out, out
    run = re.search(r"run (-?\d+) status (\w+) busy (\d+) config (\w+)\n((?:[0-9a-f ]+\n){%d})" % M, out)
    assert run, out
    assert run.group(1) == "0" and int(run.group(2), 16) & 7 == 2       # done, no error
    lanes = int(run.group(4), 16) & 0xFF
    # docs/accel.md timing: MM is M * ceil(N / LANES) * K + 1 cycles of the run
    assert int(run.group(3)) > M * (-(-N // lanes)) * K
    got = np.array([[int(w, 16) for w in line.split()] for line in run.group(5).splitlines()],
                   dtype=np.uint32).view(np.float32)
    i = np.arange(M * K)
    a = ((i * 3 + i // K) % 7 - 3).astype(np.float32).reshape(M, K)
    i = np.arange(K * N)
    b = (((i * 5 + i // N) % 11 - 5) / 4).astype(np.float32).reshape(K, N)
    assert np.array_equal(got, a @ b)
    assert "gather 0 same" in out
    errors = dict(re.findall(r"^([a-z-]+) (-\d+)$", out, re.M))
    assert errors == {"bad-stream-pointer": "-14", "bad-result-pointer": "-14", "bad-length": "-22",
                      "bad-opcode": "-22", "load-from-kernel": "-14", "store-into-code": "-14",
                      "misaligned": "-22", "no-end": "-22",
                      "indexed-store-out-of-range": "-14"}
