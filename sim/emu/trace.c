/* --trace: one line per retired instruction or taken trap (docs/isa.md). */
#include "emu.h"

static const char priv_letter[4] = { 'U', 'S', '?', 'M' };

static bool writes_rd(uint32_t insn)
{
    switch (insn & 0x7F) {
    case 0x37: case 0x17: case 0x6F: case 0x67: case 0x03:
    case 0x13: case 0x33: case 0x2F:
        return true;
    case 0x73:
        return ((insn >> 12) & 7) != 0;
    }
    return false;
}

void trace_retire(Machine *m, uint32_t pc, uint32_t insn, int priv)
{
    Hart *h = &m->hart;
    uint32_t rd = (insn >> 7) & 31;
    fprintf(m->trace, "%c %08x %08x", priv_letter[priv], pc, insn);
    if (rd != 0 && writes_rd(insn))
        fprintf(m->trace, " x%u=%08x", rd, h->x[rd]);
    if (h->tr_size) {
        fprintf(m->trace, " mem[%08x]=%0*x", h->tr_addr, 2 * h->tr_size, h->tr_value);
        h->tr_size = 0;
    }
    fputc('\n', m->trace);
}

void trace_trap(Machine *m, uint32_t pc, uint32_t cause, uint32_t tval, int priv)
{
    fprintf(m->trace, "%c %08x trap %08x %08x\n", priv_letter[priv], pc, cause, tval);
    m->hart.tr_size = 0;
}
