package org.hvsim.core.exec.semantics;

import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.decode.Operand;
import org.hvsim.core.decode.RegisterClass;
import org.hvsim.core.exec.Interpreter;

/** Factory and implementations of {@link Loc} for general-purpose registers, memory and immediates. */
final class Locs {
    private Locs() {
    }

    static Loc of(Operand o, DecodedInstruction d) {
        switch (o.kind) {
            case REG:
                if (o.regClass == RegisterClass.GPR_HIGH8) {
                    return new High8(o.reg);
                }
                if (o.regClass != RegisterClass.GPR) {
                    throw new IllegalArgumentException("not a general-purpose register: " + o.regClass);
                }
                return gpr(o.reg, o.size);
            case MEM:
                return new Mem(new EffectiveAddress(o, d), o.size);
            case IMM:
                return new Imm(o.imm, o.size);
            default:
                throw new IllegalArgumentException("no location for " + o.kind);
        }
    }

    static Loc gpr(int reg, int size) {
        switch (size) {
            case 1: return new Low8(reg);
            case 2: return new Reg16(reg);
            case 4: return new Reg32(reg);
            default: return new Reg64(reg);
        }
    }

    static final class Reg64 extends Loc {
        final int r;

        Reg64(int r) {
            super(8);
            this.r = r;
        }

        @Override
        long read(Interpreter cpu) {
            return cpu.gpr[r];
        }

        @Override
        void write(Interpreter cpu, long value) {
            cpu.gpr[r] = value;
        }
    }

    static final class Reg32 extends Loc {
        final int r;

        Reg32(int r) {
            super(4);
            this.r = r;
        }

        @Override
        long read(Interpreter cpu) {
            return cpu.gpr[r] & 0xFFFF_FFFFL;
        }

        @Override
        void write(Interpreter cpu, long value) {
            cpu.gpr[r] = value & 0xFFFF_FFFFL; // 32-bit writes zero-extend
        }
    }

    static final class Reg16 extends Loc {
        final int r;

        Reg16(int r) {
            super(2);
            this.r = r;
        }

        @Override
        long read(Interpreter cpu) {
            return cpu.gpr[r] & 0xFFFF;
        }

        @Override
        void write(Interpreter cpu, long value) {
            long[] g = cpu.gpr;
            g[r] = (g[r] & ~0xFFFFL) | (value & 0xFFFF);
        }
    }

    static final class Low8 extends Loc {
        final int r;

        Low8(int r) {
            super(1);
            this.r = r;
        }

        @Override
        long read(Interpreter cpu) {
            return cpu.gpr[r] & 0xFF;
        }

        @Override
        void write(Interpreter cpu, long value) {
            long[] g = cpu.gpr;
            g[r] = (g[r] & ~0xFFL) | (value & 0xFF);
        }
    }

    /** AH, CH, DH, BH: bits 15:8 of RAX..RBX. */
    static final class High8 extends Loc {
        final int r;

        High8(int r) {
            super(1);
            this.r = r;
        }

        @Override
        long read(Interpreter cpu) {
            return (cpu.gpr[r] >>> 8) & 0xFF;
        }

        @Override
        void write(Interpreter cpu, long value) {
            long[] g = cpu.gpr;
            g[r] = (g[r] & ~0xFF00L) | ((value & 0xFF) << 8);
        }
    }

    static final class Mem extends Loc {
        final EffectiveAddress ea;
        /** Address resolved by the last read, reused by the following write. */
        private long address;

        Mem(EffectiveAddress ea, int size) {
            super(size);
            this.ea = ea;
        }

        long address(Interpreter cpu) {
            return ea.compute(cpu.state);
        }

        @Override
        long read(Interpreter cpu) {
            long a = ea.compute(cpu.state);
            address = a;
            return cpu.memory.read(a, size);
        }

        @Override
        long readForUpdate(Interpreter cpu) {
            long a = ea.compute(cpu.state);
            address = a;
            cpu.memory.probeWrite(a, size);
            return cpu.memory.read(a, size);
        }

        @Override
        void write(Interpreter cpu, long value) {
            cpu.memory.write(address, value, size);
        }

        /** Writes without a preceding read (MOV to memory, SETcc). */
        void store(Interpreter cpu, long value) {
            cpu.memory.write(ea.compute(cpu.state), value, size);
        }

        @Override
        boolean isMemory() {
            return true;
        }
    }

    static final class Imm extends Loc {
        final long value;

        Imm(long value, int size) {
            super(size);
            this.value = size == 8 ? value : value & ((1L << (size * 8)) - 1);
        }

        @Override
        long read(Interpreter cpu) {
            return value;
        }

        @Override
        void write(Interpreter cpu, long value) {
            throw new IllegalStateException("write to an immediate");
        }
    }

    /** Writes {@code value} to a destination that was not read first. */
    static void store(Loc dst, Interpreter cpu, long value) {
        if (dst instanceof Mem) {
            ((Mem) dst).store(cpu, value);
        } else {
            dst.write(cpu, value);
        }
    }
}
