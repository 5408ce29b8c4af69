"""The UART: bytes from stdin arrive through the rx interrupt (line 0,
mirqmask, MEIP) while the hart sleeps in wfi; bytes sent reach stdout."""

PROGRAM = """
#include "check.h"
BEGIN
main:
    la t0, handler
    csrw mtvec, t0
    li t0, 1
    csrw 0xBC0, t0                  /* mirqmask: line 0 (uart) */
    li t0, 0x800
    csrw mie, t0                    /* MEIE */
    li s0, 0xF0000800
    li t0, 2
    sw t0, 0x14(s0)                 /* ev_enable: rx */
1:  lw a0, got                      /* MIE stays off but for a moment: */
    li t0, 3                        /* no byte slips in before the wfi */
    bgeu a0, t0, pass
    wfi
    csrsi mstatus, 8
    csrci mstatus, 8
    j 1b

handler:                            /* echo each byte + 1 */
    lw t1, 0x08(s0)
    bnez t1, 2f                     /* rxempty */
    lw t1, 0x00(s0)
    addi t1, t1, 1
    sw t1, 0x00(s0)
    li t1, 2
    sw t1, 0x10(s0)                 /* ack */
    la t1, got
    lw t2, 0(t1)
    addi t2, t2, 1
    sw t2, 0(t1)
2:  mret
    .data
got: .word 0
END
"""


def test_rx_interrupt_wakes_wfi(run, build, tmp_path):
    src = tmp_path / "uart.S"
    src.write_text(PROGRAM)
    proc = run(build(str(src)), input=b"HAL")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b"IBM"


def test_no_input_left_means_wfi_never_wakes(run, build, tmp_path):
    src = tmp_path / "uart.S"
    src.write_text(PROGRAM)
    proc = run(build(str(src)), input=b"HA")
    assert proc.returncode == 125
    assert proc.stdout == b"IB"
