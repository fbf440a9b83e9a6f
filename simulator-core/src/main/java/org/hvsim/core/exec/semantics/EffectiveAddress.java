package org.hvsim.core.exec.semantics;

import org.hvsim.core.CpuState;
import org.hvsim.core.Registers;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.decode.Operand;

/**
 * The address arithmetic of one memory operand, resolved at decode time: base + index * scale +
 * displacement, plus the FS or GS base when overridden, truncated to 32 bits under a 67 prefix
 * (SDM Vol. 1 3.7.5). Absent base and index registers point at the always-zero slot, and a
 * RIP-relative operand is a constant, so computing the address costs two loads and two adds.
 */
final class EffectiveAddress {
    private static final int NO_SEGMENT = 0;
    private static final int FS = 1;
    private static final int GS = 2;

    private final int base;
    private final int index;
    private final int shift;
    private final long disp;
    private final int segment;
    private final boolean addr32;

    EffectiveAddress(Operand m, DecodedInstruction d) {
        if (m.ripRelative) {
            base = Registers.ZERO;
            index = Registers.ZERO;
            disp = m.imm;
        } else {
            base = m.base == Operand.NONE ? Registers.ZERO : m.base;
            index = m.index == Operand.NONE ? Registers.ZERO : m.index;
            disp = m.disp;
        }
        shift = Integer.numberOfTrailingZeros(Math.max(1, m.scale));
        segment = d.segment == DecodedInstruction.FS ? FS : d.segment == DecodedInstruction.GS ? GS : NO_SEGMENT;
        addr32 = d.addressSize == 4;
    }

    long compute(CpuState s) {
        long[] g = s.gpr;
        long a = g[base] + (g[index] << shift) + disp;
        if (addr32) {
            a &= 0xFFFF_FFFFL;
        }
        if (segment != NO_SEGMENT) {
            a += segment == FS ? s.fsBase : s.gsBase;
        }
        return a;
    }
}
