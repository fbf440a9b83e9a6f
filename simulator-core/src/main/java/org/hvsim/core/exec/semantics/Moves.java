package org.hvsim.core.exec.semantics;

import org.hvsim.core.LazyFlags;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.exec.Insn;
import org.hvsim.core.exec.Interpreter;

/** Data movement: MOV forms, MOVZX/MOVSX/MOVSXD, LEA, XCHG, CMOVcc, SETcc, BSWAP, CBW/CWD families, XLAT, MOVBE. */
final class Moves {
    private Moves() {
    }

    /** Any MOV form through {@link Loc}. */
    static final class Move extends Insn {
        private final Loc dst;
        private final Loc src;

        Move(DecodedInstruction d, Loc dst, Loc src) {
            super(d);
            this.dst = dst;
            this.src = src;
        }

        @Override
        public void execute(Interpreter cpu) {
            Locs.store(dst, cpu, src.read(cpu));
        }
    }

    static final class Reg64FromReg64 extends Insn {
        private final int dst;
        private final int src;

        Reg64FromReg64(DecodedInstruction d, int dst, int src) {
            super(d);
            this.dst = dst;
            this.src = src;
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            g[dst] = g[src];
        }
    }

    static final class Reg32FromReg32 extends Insn {
        private final int dst;
        private final int src;

        Reg32FromReg32(DecodedInstruction d, int dst, int src) {
            super(d);
            this.dst = dst;
            this.src = src;
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            g[dst] = g[src] & 0xFFFF_FFFFL;
        }
    }

    /** MOV r32/r64, imm: the value is already zero- or sign-extended to 64 bits as the CPU writes it. */
    static final class RegFromImm extends Insn {
        private final int dst;
        private final long value;

        RegFromImm(DecodedInstruction d, int dst, long value) {
            super(d);
            this.dst = dst;
            this.value = value;
        }

        @Override
        public void execute(Interpreter cpu) {
            cpu.gpr[dst] = value;
        }
    }

    static final class Reg64FromMem extends Insn {
        private final int dst;
        private final EffectiveAddress ea;

        Reg64FromMem(DecodedInstruction d, int dst, EffectiveAddress ea) {
            super(d);
            this.dst = dst;
            this.ea = ea;
        }

        @Override
        public void execute(Interpreter cpu) {
            cpu.gpr[dst] = cpu.memory.read64(ea.compute(cpu.state));
        }
    }

    static final class Reg32FromMem extends Insn {
        private final int dst;
        private final EffectiveAddress ea;

        Reg32FromMem(DecodedInstruction d, int dst, EffectiveAddress ea) {
            super(d);
            this.dst = dst;
            this.ea = ea;
        }

        @Override
        public void execute(Interpreter cpu) {
            cpu.gpr[dst] = cpu.memory.read32(ea.compute(cpu.state)) & 0xFFFF_FFFFL;
        }
    }

    static final class MemFromReg64 extends Insn {
        private final EffectiveAddress ea;
        private final int src;

        MemFromReg64(DecodedInstruction d, EffectiveAddress ea, int src) {
            super(d);
            this.ea = ea;
            this.src = src;
        }

        @Override
        public void execute(Interpreter cpu) {
            cpu.memory.write64(ea.compute(cpu.state), cpu.gpr[src]);
        }
    }

    static final class MemFromReg32 extends Insn {
        private final EffectiveAddress ea;
        private final int src;

        MemFromReg32(DecodedInstruction d, EffectiveAddress ea, int src) {
            super(d);
            this.ea = ea;
            this.src = src;
        }

        @Override
        public void execute(Interpreter cpu) {
            cpu.memory.write32(ea.compute(cpu.state), (int) cpu.gpr[src]);
        }
    }

    /** MOVZX, MOVSX, MOVSXD: read {@code src} at its width, extend, write {@code dst}. */
    static final class Extend extends Insn {
        private final Loc dst;
        private final Loc src;
        private final boolean signed;

        Extend(DecodedInstruction d, Loc dst, Loc src, boolean signed) {
            super(d);
            this.dst = dst;
            this.src = src;
            this.signed = signed;
        }

        @Override
        public void execute(Interpreter cpu) {
            long v = src.read(cpu);
            if (signed) {
                v = LazyFlags.signExtend(v, src.bits());
            }
            dst.write(cpu, v);
        }
    }

    /** LEA: the effective address itself, truncated to the operand size. */
    static final class Lea extends Insn {
        private final Loc dst;
        private final EffectiveAddress ea;

        Lea(DecodedInstruction d, Loc dst, EffectiveAddress ea) {
            super(d);
            this.dst = dst;
            this.ea = ea;
        }

        @Override
        public void execute(Interpreter cpu) {
            dst.write(cpu, ea.compute(cpu.state));
        }
    }

    static final class Lea64 extends Insn {
        private final int dst;
        private final EffectiveAddress ea;

        Lea64(DecodedInstruction d, int dst, EffectiveAddress ea) {
            super(d);
            this.dst = dst;
            this.ea = ea;
        }

        @Override
        public void execute(Interpreter cpu) {
            cpu.gpr[dst] = ea.compute(cpu.state);
        }
    }

    /** XCHG: with a memory operand it is implicitly locked (one atomic access in this model). */
    static final class Exchange extends Insn {
        private final Loc a;
        private final Loc b;

        Exchange(DecodedInstruction d, Loc a, Loc b) {
            super(d);
            this.a = a;
            this.b = b;
        }

        @Override
        public void execute(Interpreter cpu) {
            long va = a.readForUpdate(cpu);
            long vb = b.readForUpdate(cpu);
            a.write(cpu, vb);
            b.write(cpu, va);
        }
    }

    /**
     * CMOVcc. The source is read whatever the condition (a memory source may fault), and a
     * 32-bit destination is zero-extended even when the condition is false (SDM Vol. 2A CMOVcc).
     */
    static final class ConditionalMove extends Insn {
        private final int condition;
        private final Loc dst;
        private final Loc src;

        ConditionalMove(DecodedInstruction d, Loc dst, Loc src) {
            super(d);
            this.condition = d.condition;
            this.dst = dst;
            this.src = src;
        }

        @Override
        public void execute(Interpreter cpu) {
            long v = src.read(cpu);
            if (cpu.flags.condition(condition)) {
                dst.write(cpu, v);
            } else if (dst.size == 4) {
                dst.write(cpu, dst.read(cpu));
            }
        }
    }

    static final class SetCondition extends Insn {
        private final int condition;
        private final Loc dst;

        SetCondition(DecodedInstruction d, Loc dst) {
            super(d);
            this.condition = d.condition;
            this.dst = dst;
        }

        @Override
        public void execute(Interpreter cpu) {
            Locs.store(dst, cpu, cpu.flags.condition(condition) ? 1 : 0);
        }
    }

    static final class ByteSwap extends Insn {
        private final Loc reg;

        ByteSwap(DecodedInstruction d, Loc reg) {
            super(d);
            this.reg = reg;
        }

        @Override
        public void execute(Interpreter cpu) {
            long v = reg.read(cpu);
            switch (reg.size) {
                case 8: reg.write(cpu, Long.reverseBytes(v)); break;
                case 4: reg.write(cpu, Integer.reverseBytes((int) v) & 0xFFFF_FFFFL); break;
                default: reg.write(cpu, 0); break; // BSWAP r16 is undefined; this model clears it
            }
        }
    }

    /** CBW, CWDE, CDQE: sign-extend the lower half of rAX into rAX. */
    static final class SignExtendAccumulator extends Insn {
        private final int size;

        SignExtendAccumulator(DecodedInstruction d) {
            super(d);
            this.size = d.operandSize;
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            switch (size) {
                case 2: g[0] = (g[0] & ~0xFFFFL) | ((byte) g[0] & 0xFFFFL); break;
                case 4: g[0] = (short) g[0] & 0xFFFF_FFFFL; break;
                default: g[0] = (int) g[0]; break;
            }
        }
    }

    /** CWD, CDQ, CQO: fill rDX with the sign of rAX. */
    static final class SignExtendIntoDx extends Insn {
        private final int size;

        SignExtendIntoDx(DecodedInstruction d) {
            super(d);
            this.size = d.operandSize;
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            switch (size) {
                case 2: g[2] = (g[2] & ~0xFFFFL) | (((short) g[0] >> 15) & 0xFFFFL); break;
                case 4: g[2] = ((int) g[0] >> 31) & 0xFFFF_FFFFL; break;
                default: g[2] = g[0] >> 63; break;
            }
        }
    }

    /** XLAT: AL = [RBX + zero-extended AL]. */
    static final class TableLookup extends Insn {
        private final boolean addr32;

        TableLookup(DecodedInstruction d) {
            super(d);
            this.addr32 = d.addressSize == 4;
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            long a = g[3] + (g[0] & 0xFF);
            if (addr32) {
                a &= 0xFFFF_FFFFL;
            }
            g[0] = (g[0] & ~0xFFL) | cpu.memory.read8(a);
        }
    }

    /** MOVBE: a move with the bytes reversed. */
    static final class MoveByteSwapped extends Insn {
        private final Loc dst;
        private final Loc src;

        MoveByteSwapped(DecodedInstruction d, Loc dst, Loc src) {
            super(d);
            this.dst = dst;
            this.src = src;
        }

        @Override
        public void execute(Interpreter cpu) {
            long v = src.read(cpu);
            switch (src.size) {
                case 2: v = Short.reverseBytes((short) v) & 0xFFFF; break;
                case 4: v = Integer.reverseBytes((int) v) & 0xFFFF_FFFFL; break;
                default: v = Long.reverseBytes(v); break;
            }
            Locs.store(dst, cpu, v);
        }
    }

    /** MOVZX/MOVSX/MOVSXD from memory into a 32- or 64-bit register. */
    static final class ExtendLoad extends Insn {
        private final int dst;
        private final EffectiveAddress ea;
        private final int srcSize;
        private final boolean signed;
        private final long dstMask;

        ExtendLoad(DecodedInstruction d, int dst, EffectiveAddress ea, int srcSize, boolean signed, int dstSize) {
            super(d);
            this.dst = dst;
            this.ea = ea;
            this.srcSize = srcSize;
            this.signed = signed;
            this.dstMask = LazyFlags.mask(dstSize * 8);
        }

        @Override
        public void execute(Interpreter cpu) {
            long a = ea.compute(cpu.state);
            long v;
            switch (srcSize) {
                case 1: v = signed ? (byte) cpu.memory.read8(a) : cpu.memory.read8(a); break;
                case 2: v = signed ? (short) cpu.memory.read16(a) : cpu.memory.read16(a); break;
                default: v = signed ? cpu.memory.read32(a) : cpu.memory.read32(a) & 0xFFFF_FFFFL; break;
            }
            cpu.gpr[dst] = v & dstMask;
        }
    }

    /** MOVZX/MOVSX/MOVSXD between registers (source not AH-BH), into 32 or 64 bits. */
    static final class ExtendRegister extends Insn {
        private final int dst;
        private final int src;
        private final int shift;
        private final boolean signed;
        private final long dstMask;

        ExtendRegister(DecodedInstruction d, int dst, int src, int srcSize, boolean signed, int dstSize) {
            super(d);
            this.dst = dst;
            this.src = src;
            this.shift = 64 - srcSize * 8;
            this.signed = signed;
            this.dstMask = LazyFlags.mask(dstSize * 8);
        }

        @Override
        public void execute(Interpreter cpu) {
            long v = cpu.gpr[src] << shift;
            cpu.gpr[dst] = (signed ? v >> shift : v >>> shift) & dstMask;
        }
    }

    /** MOV [mem], imm at any width. */
    static final class StoreImmediate extends Insn {
        private final EffectiveAddress ea;
        private final long value;
        private final int size;

        StoreImmediate(DecodedInstruction d, EffectiveAddress ea, long value, int size) {
            super(d);
            this.ea = ea;
            this.value = value;
            this.size = size;
        }

        @Override
        public void execute(Interpreter cpu) {
            cpu.memory.write(ea.compute(cpu.state), value, size);
        }
    }

    /** MOV [mem], r8/r16 (not AH-BH). */
    static final class StoreNarrowRegister extends Insn {
        private final EffectiveAddress ea;
        private final int src;
        private final int size;

        StoreNarrowRegister(DecodedInstruction d, EffectiveAddress ea, int src, int size) {
            super(d);
            this.ea = ea;
            this.src = src;
            this.size = size;
        }

        @Override
        public void execute(Interpreter cpu) {
            long a = ea.compute(cpu.state);
            if (size == 1) {
                cpu.memory.write8(a, (int) cpu.gpr[src]);
            } else {
                cpu.memory.write16(a, (int) cpu.gpr[src]);
            }
        }
    }

    /** CMOVcc between 32- or 64-bit registers (32-bit always zero-extends the destination). */
    static final class ConditionalMoveRegister extends Insn {
        private final int condition;
        private final int dst;
        private final int src;
        private final long mask;

        ConditionalMoveRegister(DecodedInstruction d, int dst, int src, int size) {
            super(d);
            this.condition = d.condition;
            this.dst = dst;
            this.src = src;
            this.mask = LazyFlags.mask(size * 8);
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            g[dst] = (cpu.flags.condition(condition) ? g[src] : g[dst]) & mask;
        }
    }
}
