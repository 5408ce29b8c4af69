# The core built without the MMU (MMU=0, CPU variant "nommu"): satp is WARL
# with only Bare. A write selecting Sv32 has no effect (the privileged
# spec's rule for an unsupported MODE), satp reads 0, and accesses from S
# and U stay untranslated; S and U modes, TVM and satp's privilege still
# apply. Runs only on that core (tests/gateware/cpu/test_nommu.py).
#include "check.h"
#include "modes.h"
BEGIN
main:
    USE_MODE_HANDLERS
    li t0, 0x80000000 | (0x40000000 >> 12)
    csrw satp, t0                    /* Sv32 with a root table: ignored */
    csrr a0, satp
    CHECK(1, a0, 0)
    CHECK_NO_TRAP(2)
    li t0, 0x0003FFFF
    csrw satp, t0                    /* Bare with a PPN: reads 0 as well */
    csrr a0, satp
    CHECK(3, a0, 0)
    li t0, 0x80000000
    csrs satp, t0
    csrr a0, satp
    CHECK(4, a0, 0)
    # S mode, satp "set": addresses are physical.
    li t0, 0x80000000 | (0x40000000 >> 12)
    csrw satp, t0
    ENTER(PRIV_S)
    la a1, word
    lw a0, 0(a1)
    csrr a2, satp                    /* S may read it (TVM clear) */
    LEAVE
    CHECK_MPP(5, PRIV_S)
    CHECK(6, a0, 0x12345678)
    CHECK(7, a2, 0)
    # U mode: load and store, untranslated; satp is above U.
    ENTER(PRIV_U)
    la a1, word
    li a0, 0x0badcafe
    sw a0, 0(a1)
    lw a3, 0(a1)
    csrr a2, satp                    /* illegal: recorded, skipped */
    lw a4, trap_cause
    LEAVE
    CHECK_MPP(8, PRIV_U)
    CHECK(9, a3, 0x0badcafe)
    CHECK(10, a4, 2)
    # TVM: satp from S traps.
    li t0, 1 << 20
    csrs mstatus, t0
    ENTER(PRIV_S)
    csrr a2, satp
    lw a4, trap_cause
    LEAVE
    li t0, 1 << 20
    csrc mstatus, t0
    CHECK(11, a4, 2)
    j pass
    MODE_HANDLERS
    .data
    .balign 4
word: .word 0x12345678
END
