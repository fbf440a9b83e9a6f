package org.hvsim.core.exec.semantics;

import static org.hvsim.core.LazyFlags.*;

import org.hvsim.core.LazyFlags;
import org.hvsim.core.decode.Mnemonic;
import org.hvsim.core.exec.Insn;
import org.hvsim.core.exec.Interpreter;
import org.hvsim.core.decode.DecodedInstruction;

/**
 * The two-operand integer ALU group: ADD, OR, ADC, SBB, AND, SUB, XOR, CMP (the order of the
 * ModRM reg field in group 1) and TEST. Flags follow SDM Vol. 2 for each instruction.
 */
final class Alu {
    static final int ADD = 0;
    static final int OR = 1;
    static final int ADC = 2;
    static final int SBB = 3;
    static final int AND = 4;
    static final int SUB = 5;
    static final int XOR = 6;
    static final int CMP = 7;
    static final int TEST = 8;

    private Alu() {
    }

    static int opOf(Mnemonic m) {
        switch (m) {
            case ADD: return ADD;
            case OR: return OR;
            case ADC: return ADC;
            case SBB: return SBB;
            case AND: return AND;
            case SUB: return SUB;
            case XOR: return XOR;
            case CMP: return CMP;
            case TEST: return TEST;
            default: throw new IllegalArgumentException(m.name());
        }
    }

    static boolean writesResult(int op) {
        return op != CMP && op != TEST;
    }

    /** Computes {@code a op b}, records the flags and returns the (untruncated) result. */
    static long apply(int op, LazyFlags f, int bits, long a, long b) {
        long r;
        switch (op) {
            case ADD:
                r = a + b;
                f.set(KIND_ADD, bits, a, b, r);
                return r;
            case OR:
                r = a | b;
                f.setLogic(bits, r);
                return r;
            case ADC: {
                long c = f.cf() ? 1 : 0;
                r = a + b + c;
                f.setWithCarry(KIND_ADC, bits, a, b, r, c);
                return r;
            }
            case SBB: {
                long c = f.cf() ? 1 : 0;
                r = a - b - c;
                f.setWithCarry(KIND_SBB, bits, a, b, r, c);
                return r;
            }
            case AND:
            case TEST:
                r = a & b;
                f.setLogic(bits, r);
                return r;
            case XOR:
                r = a ^ b;
                f.setLogic(bits, r);
                return r;
            default: // SUB, CMP
                r = a - b;
                f.set(KIND_SUB, bits, a, b, r);
                return r;
        }
    }

    /** Any operand form, through {@link Loc}. */
    static final class Generic extends Insn {
        private final int op;
        private final Loc dst;
        private final Loc src;
        private final int bits;

        Generic(DecodedInstruction d, int op, Loc dst, Loc src) {
            super(d);
            this.op = op;
            this.dst = dst;
            this.src = src;
            this.bits = dst.bits();
        }

        @Override
        public void execute(Interpreter cpu) {
            if (writesResult(op)) {
                long a = dst.readForUpdate(cpu);
                long b = src.read(cpu);
                long r = apply(op, cpu.flags, bits, a, b);
                dst.write(cpu, r);
            } else {
                long a = dst.read(cpu);
                apply(op, cpu.flags, bits, a, src.read(cpu));
            }
        }
    }

    /** reg64 op= reg64: the most frequent ALU form in compiled code. */
    static final class Reg64Reg64 extends Insn {
        private final int op;
        private final int dst;
        private final int src;

        Reg64Reg64(DecodedInstruction d, int op, int dst, int src) {
            super(d);
            this.op = op;
            this.dst = dst;
            this.src = src;
        }

        int op() {
            return op;
        }

        int dst() {
            return dst;
        }

        int src() {
            return src;
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            long r = apply(op, cpu.flags, 64, g[dst], g[src]);
            if (writesResult(op)) {
                g[dst] = r;
            }
        }
    }

    /** reg32 op= reg32 (result zero-extended). */
    static final class Reg32Reg32 extends Insn {
        private final int op;
        private final int dst;
        private final int src;

        Reg32Reg32(DecodedInstruction d, int op, int dst, int src) {
            super(d);
            this.op = op;
            this.dst = dst;
            this.src = src;
        }

        int op() {
            return op;
        }

        int dst() {
            return dst;
        }

        int src() {
            return src;
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            long r = apply(op, cpu.flags, 32, g[dst] & 0xFFFF_FFFFL, g[src] & 0xFFFF_FFFFL);
            if (writesResult(op)) {
                g[dst] = r & 0xFFFF_FFFFL;
            }
        }
    }

    /** reg64 op= imm, reg32 op= imm. */
    static final class RegImm extends Insn {
        private final int op;
        private final int dst;
        private final long imm;
        private final int bits;
        private final long mask;

        RegImm(DecodedInstruction d, int op, int dst, long imm, int bits) {
            super(d);
            this.op = op;
            this.dst = dst;
            this.bits = bits;
            this.mask = LazyFlags.mask(bits);
            this.imm = imm & mask;
        }

        int op() {
            return op;
        }

        int dst() {
            return dst;
        }

        long imm() {
            return imm;
        }

        int bits() {
            return bits;
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            long r = apply(op, cpu.flags, bits, g[dst] & mask, imm);
            if (writesResult(op)) {
                g[dst] = r & mask;
            }
        }
    }

    /** reg op= [mem] for 32/64-bit operands. */
    static final class RegMem extends Insn {
        private final int op;
        private final int dst;
        private final EffectiveAddress ea;
        private final int bits;
        private final long mask;

        RegMem(DecodedInstruction d, int op, int dst, EffectiveAddress ea, int bits) {
            super(d);
            this.op = op;
            this.dst = dst;
            this.ea = ea;
            this.bits = bits;
            this.mask = LazyFlags.mask(bits);
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            long a = ea.compute(cpu.state);
            long b = bits == 64 ? cpu.memory.read64(a) : cpu.memory.read32(a) & 0xFFFF_FFFFL;
            long r = apply(op, cpu.flags, bits, g[dst] & mask, b);
            if (writesResult(op)) {
                g[dst] = r & mask;
            }
        }
    }

    /** op [mem], imm or op [mem], reg at any width (read-modify-write, or read only for CMP/TEST). */
    static final class MemorySource extends Insn {
        private final int op;
        private final EffectiveAddress ea;
        private final int size;
        private final int bits;
        private final long mask;
        /** The immediate, or -1 in {@link #srcReg} to use it. */
        private final long imm;
        private final int srcReg;

        MemorySource(DecodedInstruction d, int op, EffectiveAddress ea, int size, long imm, int srcReg) {
            super(d);
            this.op = op;
            this.ea = ea;
            this.size = size;
            this.bits = size * 8;
            this.mask = LazyFlags.mask(bits);
            this.imm = imm & mask;
            this.srcReg = srcReg;
        }

        @Override
        public void execute(Interpreter cpu) {
            long a = ea.compute(cpu.state);
            long b = srcReg < 0 ? imm : cpu.gpr[srcReg] & mask;
            if (writesResult(op)) {
                cpu.memory.probeWrite(a, size);
                long r = apply(op, cpu.flags, bits, cpu.memory.read(a, size), b);
                cpu.memory.write(a, r, size);
            } else {
                apply(op, cpu.flags, bits, cpu.memory.read(a, size), b);
            }
        }
    }
}
