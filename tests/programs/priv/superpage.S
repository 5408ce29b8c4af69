/* Sv32 superpages and access faults: the program itself runs in S through
 * a 4 MiB superpage; aliases of it at 0xC000_0000 (A and D set by the
 * hardware in the root PTE), at the top of the address space and as a U
 * page (SUM); a fetch through an alias; remapping a superpage with
 * sfence.vma; a misaligned superpage; page tables outside memory, in device
 * space and above 32 bits, and a frame above 32 bits: access faults of the
 * access's kind with the virtual address in mtval. */
#include "check.h"
#include "modes.h"
#include "vm.h"

#define ALIAS 0xC0000000                 /* root[0x300]: the program, again */
#define ALIAS_U 0xC0400000               /* root[0x301]: ... as a U page */
#define MISALIGNED 0xC0800000            /* root[0x302] */
#define NO_TABLE 0xC0C00000              /* root[0x303]: table at 0x2000_0000 */
#define HIGH_FRAME 0xC1000000            /* root[0x304]: frame above 32 bits */
#define HIGH_TABLE 0xC1400000            /* root[0x305]: table above 32 bits */
#define IO_TABLE 0xC1800000              /* root[0x306]: table in device space */
#define TOP 0xFFC00000                   /* root[0x3ff] */
#define SECOND 0x40400000                /* root[0x101]: the next 4 MiB of RAM, 1:1 */
#define PROGRAM_PTE ((0x40000 << 10) | PTE_V | PTE_R | PTE_W | PTE_X)

/* reg = the alias at base of the program's symbol sym */
#define ALIAS_OF(reg, sym, base)                \
    la reg, sym;                                \
    li t6, 0x40000000;                          \
    sub reg, reg, t6;                           \
    li t6, base;                                \
    add reg, reg, t6

BEGIN
main:
    la t0, vm_m_handler
    csrw mtvec, t0
    SET_PTE_VALUE(root, 0x300, PROGRAM_PTE)
    SET_PTE_VALUE(root, 0x301, PROGRAM_PTE | PTE_U | PTE_AD)
    SET_PTE_VALUE(root, 0x302, (0x40001 << 10) | PTE_V | PTE_R | PTE_W | PTE_AD)
    SET_PTE_VALUE(root, 0x303, (0x20000 << 10) | PTE_V)
    SET_PTE_VALUE(root, 0x304, (0x100000 << 10) | PTE_V | PTE_R | PTE_W | PTE_X | PTE_AD)
    SET_PTE_VALUE(root, 0x305, (0x140000 << 10) | PTE_V)
    SET_PTE_VALUE(root, 0x306, (0xf0000 << 10) | PTE_V)
    SET_PTE_VALUE(root, 0x3ff, PROGRAM_PTE | PTE_AD)
    SET_PTE_VALUE(root, 0x101, (0x40400 << 10) | PTE_V | PTE_R | PTE_W | PTE_AD)
    li a0, PROGRAM_PTE | PTE_AD
    VM_ON(root, a0)
    ENTER(PRIV_S)

    /* S runs here through the superpage; the alias reads the same word */
    lw a0, data_word
    CHECK(1, a0, 0x12345678)
    GET_PTE(a0, root, 0x300)
    andi a0, a0, PTE_AD
    CHECK(2, a0, 0)
    ALIAS_OF(a1, data_word, ALIAS)
    lw a0, 0(a1)
    CHECK(3, a0, 0x12345678)
    CHECK_NO_TRAP(4)
    GET_PTE(a0, root, 0x300)             /* a load set A */
    andi a0, a0, PTE_AD
    CHECK(5, a0, PTE_A)
    li a0, 0x0badcafe                    /* a store through the alias */
    sw a0, 4(a1)
    lw a0, data_word + 4
    CHECK(6, a0, 0x0badcafe)
    GET_PTE(a0, root, 0x300)             /* ... set D */
    andi a0, a0, PTE_AD
    CHECK(7, a0, PTE_AD)
    ALIAS_OF(a1, alias_fn, ALIAS)        /* code runs through the alias */
    li a0, 0
    jalr ra, 0(a1)
    CHECK(8, a0, 0x55)
    CHECK_NO_TRAP(9)
    ALIAS_OF(a1, data_word, TOP)         /* the last superpage of the space */
    lw a0, 0(a1)
    CHECK(10, a0, 0x12345678)

    /* a U superpage: data only with SUM, never code for S */
    ALIAS_OF(a1, data_word, ALIAS_U)
    lw a0, 0(a1)
    CHECK_TRAP_WITH(11, 13, mv, a1)
    li t0, MSTATUS_SUM
    csrs sstatus, t0
    lw a0, 0(a1)
    CHECK(12, a0, 0x12345678)
    ALIAS_OF(a1, alias_fn, ALIAS_U)
    la ra, 1f
    jalr x0, 0(a1)
1:  CHECK_TRAP_WITH(13, 12, mv, a1)
    li t0, MSTATUS_SUM
    csrc sstatus, t0

    /* a misaligned superpage faults for every kind of access */
    li a1, MISALIGNED + 0x2468
    lw a0, 0(a1)
    CHECK_TRAP(14, 13, MISALIGNED + 0x2468)
    sw a0, 0(a1)
    CHECK_TRAP(15, 15, MISALIGNED + 0x2468)

    /* tables and frames that are not memory: access faults */
    li a1, NO_TABLE + 0x10
    lw a0, 0(a1)
    CHECK_TRAP(16, 5, NO_TABLE + 0x10)
    sw a0, 0(a1)
    CHECK_TRAP(17, 7, NO_TABLE + 0x10)
    FETCH_FAULT(18, NO_TABLE + 0x20, 1)
    li a1, HIGH_FRAME + 0x300
    lw a0, 0(a1)
    CHECK_TRAP(19, 5, HIGH_FRAME + 0x300)
    amoadd.w a0, a0, (a1)
    CHECK_TRAP(20, 7, HIGH_FRAME + 0x300)
    FETCH_FAULT(21, HIGH_FRAME, 1)
    li a1, HIGH_TABLE
    lw a0, 0(a1)
    CHECK_TRAP(22, 5, HIGH_TABLE)
    li a1, IO_TABLE + 0x1000
    sw a0, 0(a1)
    CHECK_TRAP(23, 7, IO_TABLE + 0x1000)

    /* remapping a superpage: seen after sfence.vma */
    li a1, SECOND
    li a0, 0x5eC0ffee
    sw a0, 0(a1)
    ALIAS_OF(a1, data_word, ALIAS)
    lw a0, 0(a1)
    CHECK(24, a0, 0x12345678)
    SET_PTE_VALUE(root, 0x300, (0x40400 << 10) | PTE_V | PTE_R | PTE_AD)
    sfence.vma
    li a1, ALIAS
    lw a0, 0(a1)
    CHECK(25, a0, 0x5eC0ffee)
    sw a0, 0(a1)                         /* now read-only */
    CHECK_TRAP(26, 15, ALIAS)
    SET_PTE_VALUE(root, 0x300, 0)        /* unmapped, flushed by address */
    li a1, ALIAS + 0x2000
    sfence.vma a1, zero
    lw a0, 0(a1)
    CHECK_TRAP(27, 13, ALIAS + 0x2000)
    CHECK_NO_TRAP(28)
    ecall                                /* back to M */
    csrw satp, zero
    sfence.vma
    j pass

alias_fn:
    li a0, 0x55
    ret

VM_M_HANDLER

    .data
    .balign 16
data_word: .word 0x12345678, 0

    .bss
    .balign 4096
root: .space 4096

    .text
END
