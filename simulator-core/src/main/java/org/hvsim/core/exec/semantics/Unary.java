package org.hvsim.core.exec.semantics;

import static org.hvsim.core.LazyFlags.*;

import org.hvsim.core.LazyFlags;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.exec.Insn;
import org.hvsim.core.exec.Interpreter;

/** INC, DEC, NEG, NOT. */
final class Unary {
    static final int INC = 0;
    static final int DEC = 1;
    static final int NEG = 2;
    static final int NOT = 3;

    private Unary() {
    }

    static final class Generic extends Insn {
        private final int op;
        private final Loc dst;

        Generic(DecodedInstruction d, int op, Loc dst) {
            super(d);
            this.op = op;
            this.dst = dst;
        }

        @Override
        public void execute(Interpreter cpu) {
            LazyFlags f = cpu.flags;
            int bits = dst.bits();
            long a = dst.readForUpdate(cpu);
            long r;
            switch (op) {
                case INC:
                    r = a + 1;
                    dst.write(cpu, r);
                    f.setIncDec(KIND_INC, bits, a, r);
                    break;
                case DEC:
                    r = a - 1;
                    dst.write(cpu, r);
                    f.setIncDec(KIND_DEC, bits, a, r);
                    break;
                case NEG:
                    r = -a;
                    dst.write(cpu, r);
                    f.set(KIND_SUB, bits, 0, a, r); // NEG is 0 - operand: CF = (operand != 0)
                    break;
                default:
                    dst.write(cpu, ~a); // NOT changes no flags
                    break;
            }
        }
    }

    /** INC/DEC of a 64- or 32-bit register. */
    static final class IncDecReg extends Insn {
        private final int reg;
        private final long delta;
        private final int kind;
        private final int bits;
        private final long mask;

        IncDecReg(DecodedInstruction d, int reg, boolean increment, int bits) {
            super(d);
            this.reg = reg;
            this.delta = increment ? 1 : -1;
            this.kind = increment ? KIND_INC : KIND_DEC;
            this.bits = bits;
            this.mask = LazyFlags.mask(bits);
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            long a = g[reg] & mask;
            long r = (a + delta) & mask;
            g[reg] = r;
            cpu.flags.setIncDec(kind, bits, a, r);
        }
    }
}
