package org.hvsim.core.disasm;

import org.hvsim.core.decode.Operand;

/**
 * One operand as a disassembler shows it: the decoded operand plus the presentation facts that
 * objdump derives from the instruction around it.
 *
 * @param op          the operand (memory operands of string instructions are synthesized)
 * @param size        display width of a register operand in bytes
 * @param segment     segment register printed with a memory operand, or NO_SEGMENT
 * @param indirect    an indirect branch target (AT&amp;T {@code *})
 * @param port        the DX port of IN/OUT/INS/OUTS (AT&amp;T {@code (%dx)})
 * @param shiftByOne  the implicit count of the D0-D3 shift forms (hidden in AT&amp;T, "1" in Intel)
 * @param moffs       the memory offset of MOV A0-A3 (Intel: no size keyword)
 */
record Shown(Operand op, int size, int segment, boolean indirect, boolean port, boolean shiftByOne,
             boolean moffs) {
    Shown(Operand op, int size, int segment, boolean indirect, boolean port, boolean shiftByOne) {
        this(op, size, segment, indirect, port, shiftByOne, false);
    }
}
