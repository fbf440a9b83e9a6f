package org.hvsim.core.exec.semantics;

import static org.hvsim.core.LazyFlags.*;

import org.hvsim.core.LazyFlags;
import org.hvsim.core.Registers;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.decode.Mnemonic;
import org.hvsim.core.exec.Insn;
import org.hvsim.core.exec.Interpreter;

/**
 * String instructions MOVS, CMPS, STOS, LODS, SCAS with optional REP/REPE/REPNE (SDM Vol. 1
 * 7.3.9, Vol. 2B "REP/REPE/REPZ/REPNE/REPNZ"). The source is seg:RSI (DS, or an override - only
 * FS and GS have a base in 64-bit mode), the destination ES:RDI (base 0, no override). With a 67
 * prefix the registers are ESI, EDI, ECX. Registers advance after every element, so a fault in
 * the middle of a repeated string leaves a restartable state, as on hardware.
 */
final class Strings {
    static final int MOVS = 0;
    static final int CMPS = 1;
    static final int STOS = 2;
    static final int LODS = 3;
    static final int SCAS = 4;

    private static final int NO_REP = 0;
    private static final int REP = 1;   // F3: REP for MOVS/STOS/LODS, REPE for CMPS/SCAS
    private static final int REPNE = 2; // F2

    private Strings() {
    }

    /**
     * Base of a string instruction's source segment in 64-bit mode: FS and GS overrides have
     * bases, every other segment has base 0 (the destination ES:RDI never takes an override).
     */
    static long segmentBase(Interpreter cpu, int segment) {
        if (segment == DecodedInstruction.FS) {
            return cpu.state.fsBase;
        }
        if (segment == DecodedInstruction.GS) {
            return cpu.state.gsBase;
        }
        return 0;
    }

    static int opOf(Mnemonic m) {
        switch (m) {
            case MOVS: return MOVS;
            case CMPS: return CMPS;
            case STOS: return STOS;
            case LODS: return LODS;
            default: return SCAS;
        }
    }

    static final class StringOp extends Insn {
        private final int op;
        private final int size;
        private final int rep;
        private final boolean addr32;
        private final int sourceSegment;
        private final Loc accumulator;

        StringOp(DecodedInstruction d, int op) {
            super(d);
            this.op = op;
            this.size = d.operandSize;
            this.rep = d.has(DecodedInstruction.PREFIX_REPNE) ? REPNE
                    : d.has(DecodedInstruction.PREFIX_REP) ? REP : NO_REP;
            this.addr32 = d.addressSize == 4;
            this.sourceSegment = d.segment;
            this.accumulator = Locs.gpr(Registers.RAX, size);
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            LazyFlags f = cpu.flags;
            long step = f.df() ? -size : size;
            if (rep == NO_REP) {
                once(cpu, g, f, step);
                return;
            }
            while (true) {
                long count = addr32 ? g[Registers.RCX] & 0xFFFF_FFFFL : g[Registers.RCX];
                if (count == 0) {
                    return;
                }
                once(cpu, g, f, step);
                g[Registers.RCX] = addr32 ? (count - 1) & 0xFFFF_FFFFL : count - 1;
                if (op == CMPS || op == SCAS) {
                    boolean zf = f.zf();
                    if ((rep == REP && !zf) || (rep == REPNE && zf)) {
                        return;
                    }
                }
            }
        }

        private long sourceBase(Interpreter cpu) {
            return segmentBase(cpu, sourceSegment);
        }

        private long reg(long[] g, int r) {
            return addr32 ? g[r] & 0xFFFF_FFFFL : g[r];
        }

        private void advance(long[] g, int r, long step) {
            long v = g[r] + step;
            g[r] = addr32 ? v & 0xFFFF_FFFFL : v;
        }

        private void once(Interpreter cpu, long[] g, LazyFlags f, long step) {
            int bits = size * 8;
            switch (op) {
                case MOVS: {
                    long v = cpu.memory.read(sourceBase(cpu) + reg(g, Registers.RSI), size);
                    cpu.memory.write(reg(g, Registers.RDI), v, size);
                    advance(g, Registers.RSI, step);
                    advance(g, Registers.RDI, step);
                    return;
                }
                case CMPS: {
                    long a = cpu.memory.read(sourceBase(cpu) + reg(g, Registers.RSI), size);
                    long b = cpu.memory.read(reg(g, Registers.RDI), size);
                    f.set(KIND_SUB, bits, a, b, a - b);
                    advance(g, Registers.RSI, step);
                    advance(g, Registers.RDI, step);
                    return;
                }
                case STOS: {
                    cpu.memory.write(reg(g, Registers.RDI), g[Registers.RAX], size);
                    advance(g, Registers.RDI, step);
                    return;
                }
                case LODS: {
                    long v = cpu.memory.read(sourceBase(cpu) + reg(g, Registers.RSI), size);
                    accumulator.write(cpu, v);
                    advance(g, Registers.RSI, step);
                    return;
                }
                default: { // SCAS
                    long a = g[Registers.RAX] & LazyFlags.mask(bits);
                    long b = cpu.memory.read(reg(g, Registers.RDI), size);
                    f.set(KIND_SUB, bits, a, b, a - b);
                    advance(g, Registers.RDI, step);
                    return;
                }
            }
        }
    }
}
