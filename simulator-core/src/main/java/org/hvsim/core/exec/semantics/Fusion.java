package org.hvsim.core.exec.semantics;

import static org.hvsim.core.LazyFlags.*;

import org.hvsim.core.LazyFlags;
import org.hvsim.core.exec.Insn;
import org.hvsim.core.exec.Interpreter;

/**
 * Macro-fusion of a flag-setting instruction with the conditional branch after it, the pair
 * that closes almost every compiled loop (real processors fuse CMP/TEST + Jcc in the decoders
 * for the same reason). The fused object is one dispatch instead of two and still records the
 * flags, so later readers see exactly what the unfused pair would have left.
 */
public final class Fusion {
    private Fusion() {
    }

    /** Returns {@code plain} with fusable pairs replaced by fused objects (or {@code plain} itself). */
    public static Insn[] fuse(Insn[] plain) {
        Insn[] out = null;
        int n = 0;
        for (int k = 0; k < plain.length; k++) {
            Insn fused = k + 1 < plain.length ? fusePair(plain[k], plain[k + 1]) : null;
            if (fused != null && out == null) {
                out = new Insn[plain.length - 1];
                System.arraycopy(plain, 0, out, 0, k);
                n = k;
            }
            if (fused != null) {
                out[n++] = fused;
                k++;
            } else if (out != null) {
                out[n++] = plain[k];
            }
        }
        return out == null ? plain : java.util.Arrays.copyOf(out, n);
    }

    private static Insn fusePair(Insn first, Insn second) {
        if (!(second instanceof Control.JumpConditional)) {
            return null;
        }
        Control.JumpConditional jcc = (Control.JumpConditional) second;
        if (first instanceof Alu.Reg64Reg64 || first instanceof Alu.Reg32Reg32 || first instanceof Alu.RegImm) {
            CompareRegisterBranch c = CompareRegisterBranch.of(first, jcc);
            if (c != null) {
                return c;
            }
        }
        if (first.isControlTransfer() || !(first instanceof Alu.RegMem || first instanceof Alu.Generic
                || first instanceof Unary.IncDecReg || first instanceof Unary.Generic)) {
            return null;
        }
        return new FlagsThenBranch(first, jcc);
    }

    /** CMP or TEST of registers or a register and an immediate, then Jcc: computed inline. */
    static final class CompareRegisterBranch extends Control.Transfer {
        private final boolean test;
        private final int dst;
        private final int src;
        private final boolean useImmediate;
        private final long imm;
        private final int bits;
        private final long mask;
        private final int condition;
        private final long target;
        private final long fallThrough;
        private final long next;

        private CompareRegisterBranch(Insn first, Control.JumpConditional jcc, boolean test, int dst, int src,
                                      boolean useImmediate, long imm, int bits) {
            super(first.decoded);
            placeLike(first);
            this.test = test;
            this.dst = dst;
            this.src = src;
            this.useImmediate = useImmediate;
            this.bits = bits;
            this.mask = LazyFlags.mask(bits);
            this.imm = imm & mask;
            this.condition = jcc.condition();
            this.target = jcc.target();
            this.fallThrough = jcc.fallThrough();
            this.next = jcc.nextAddress();
        }

        static CompareRegisterBranch of(Insn first, Control.JumpConditional jcc) {
            if (first instanceof Alu.Reg64Reg64) {
                Alu.Reg64Reg64 a = (Alu.Reg64Reg64) first;
                return compareOp(a.op()) ? new CompareRegisterBranch(first, jcc, a.op() == Alu.TEST, a.dst(), a.src(), false, 0, 64) : null;
            }
            if (first instanceof Alu.Reg32Reg32) {
                Alu.Reg32Reg32 a = (Alu.Reg32Reg32) first;
                return compareOp(a.op()) ? new CompareRegisterBranch(first, jcc, a.op() == Alu.TEST, a.dst(), a.src(), false, 0, 32) : null;
            }
            Alu.RegImm a = (Alu.RegImm) first;
            return compareOp(a.op()) ? new CompareRegisterBranch(first, jcc, a.op() == Alu.TEST, a.dst(), 0, true, a.imm(), a.bits()) : null;
        }

        private static boolean compareOp(int op) {
            return op == Alu.CMP || op == Alu.TEST;
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            long a = g[dst] & mask;
            long b = useImmediate ? imm : g[src] & mask;
            LazyFlags f = cpu.flags;
            if (test) {
                f.setLogic(bits, a & b);
            } else {
                f.set(KIND_SUB, bits, a, b, a - b);
            }
            cpu.state.rip = f.condition(condition) ? target : fallThrough;
        }

        @Override
        public int instructionCount() {
            return 2;
        }

        @Override
        public long nextAddress() {
            return next;
        }
    }

    /** Any other flag-setting instruction, then Jcc: one dispatch for the pair. */
    static final class FlagsThenBranch extends Control.Transfer {
        private final Insn first;
        private final int condition;
        private final long target;
        private final long fallThrough;
        private final long next;

        FlagsThenBranch(Insn first, Control.JumpConditional jcc) {
            super(first.decoded);
            placeLike(first);
            this.first = first;
            this.condition = jcc.condition();
            this.target = jcc.target();
            this.fallThrough = jcc.fallThrough();
            this.next = jcc.nextAddress();
        }

        @Override
        public void execute(Interpreter cpu) {
            first.execute(cpu);
            cpu.state.rip = cpu.flags.condition(condition) ? target : fallThrough;
        }

        @Override
        public int instructionCount() {
            return 2;
        }

        @Override
        public long nextAddress() {
            return next;
        }
    }
}
