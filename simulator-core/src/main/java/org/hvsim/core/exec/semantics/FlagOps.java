package org.hvsim.core.exec.semantics;

import static org.hvsim.core.LazyFlags.*;

import org.hvsim.core.LazyFlags;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.exec.Insn;
import org.hvsim.core.exec.Interpreter;

/** CLC, STC, CMC, CLD, STD, LAHF, SAHF. */
final class FlagOps {
    static final int CLC = 0;
    static final int STC = 1;
    static final int CMC = 2;
    static final int CLD = 3;
    static final int STD = 4;
    static final int LAHF = 5;
    static final int SAHF = 6;

    /** The flags LAHF/SAHF transfer: SF, ZF, AF, PF, CF (bit 1 reads as 1). */
    private static final long AH_FLAGS = SF | ZF | AF | PF | CF;

    private FlagOps() {
    }

    static final class FlagOp extends Insn {
        private final int op;

        FlagOp(DecodedInstruction d, int op) {
            super(d);
            this.op = op;
        }

        @Override
        public void execute(Interpreter cpu) {
            LazyFlags f = cpu.flags;
            long[] g = cpu.gpr;
            switch (op) {
                case CLC: f.setStatus(f.status() & ~CF); break;
                case STC: f.setStatus(f.status() | CF); break;
                case CMC: f.setStatus(f.status() ^ CF); break;
                case CLD: f.setSystemBit(DF, false); break;
                case STD: f.setSystemBit(DF, true); break;
                case LAHF: g[0] = (g[0] & ~0xFF00L) | (((f.status() & AH_FLAGS) | RESERVED_ONE) << 8); break;
                default: f.setStatus((f.status() & OF) | ((g[0] >>> 8) & AH_FLAGS)); break; // SAHF
            }
        }
    }
}
