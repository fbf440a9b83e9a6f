package org.hvsim.core.exec.semantics;

import static org.hvsim.core.LazyFlags.*;

import org.hvsim.core.ExceptionVector;
import org.hvsim.core.GuestFault;
import org.hvsim.core.LazyFlags;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.exec.Insn;
import org.hvsim.core.exec.Interpreter;

/**
 * XADD, CMPXCHG, CMPXCHG8B, CMPXCHG16B. One simulated processor executes one instruction at a
 * time, so each is atomic by construction; LOCK only matters for timing.
 */
final class Atomics {
    private Atomics() {
    }

    static final class ExchangeAdd extends Insn {
        private final Loc dst;
        private final Loc src;

        ExchangeAdd(DecodedInstruction d, Loc dst, Loc src) {
            super(d);
            this.dst = dst;
            this.src = src;
        }

        @Override
        public void execute(Interpreter cpu) {
            long a = dst.readForUpdate(cpu);
            long b = src.read(cpu);
            long r = a + b;
            src.write(cpu, a);
            dst.write(cpu, r);
            cpu.flags.set(KIND_ADD, dst.bits(), a, b, r);
        }
    }

    /**
     * CMPXCHG: compares the accumulator with the destination; equal stores the source, unequal
     * loads the accumulator. On failure a memory destination is written back unchanged (the
     * locked read-modify-write of SDM Vol. 2A CMPXCHG), while a register destination is left
     * untouched - a 32-bit register is not zero-extended, as the host-CPU differential test
     * observed on hardware.
     */
    static final class CompareExchange extends Insn {
        private final Loc dst;
        private final Loc src;
        private final Loc accumulator;

        CompareExchange(DecodedInstruction d, Loc dst, Loc src) {
            super(d);
            this.dst = dst;
            this.src = src;
            this.accumulator = Locs.gpr(0, dst.size);
        }

        @Override
        public void execute(Interpreter cpu) {
            long old = dst.readForUpdate(cpu);
            long acc = accumulator.read(cpu);
            cpu.flags.set(KIND_SUB, dst.bits(), acc, old, acc - old);
            if (acc == old) {
                dst.write(cpu, src.read(cpu));
            } else {
                if (dst.isMemory()) {
                    dst.write(cpu, old);
                }
                accumulator.write(cpu, old);
            }
        }
    }

    /** CMPXCHG8B m64 / CMPXCHG16B m128 (the latter needs 16-byte alignment, else #GP(0)). */
    static final class CompareExchangeDouble extends Insn {
        private final Locs.Mem mem;
        private final boolean wide;

        CompareExchangeDouble(DecodedInstruction d, Locs.Mem mem, boolean wide) {
            super(d);
            this.mem = mem;
            this.wide = wide;
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            long a = mem.address(cpu);
            LazyFlags f = cpu.flags;
            if (wide) {
                if ((a & 15) != 0) {
                    throw new GuestFault(ExceptionVector.GP, 0, 0);
                }
                cpu.memory.probeWrite(a, 16);
                long lo = cpu.memory.read64(a);
                long hi = cpu.memory.read64(a + 8);
                if (lo == g[0] && hi == g[2]) {
                    cpu.memory.write64(a, g[3]);
                    cpu.memory.write64(a + 8, g[1]);
                    f.setStatus(f.status() | ZF);
                } else {
                    cpu.memory.write64(a, lo);
                    cpu.memory.write64(a + 8, hi);
                    g[0] = lo;
                    g[2] = hi;
                    f.setStatus(f.status() & ~ZF);
                }
                return;
            }
            cpu.memory.probeWrite(a, 8);
            long v = cpu.memory.read64(a);
            long expected = (g[2] << 32) | (g[0] & 0xFFFF_FFFFL);
            if (v == expected) {
                cpu.memory.write64(a, (g[1] << 32) | (g[3] & 0xFFFF_FFFFL));
                f.setStatus(f.status() | ZF);
            } else {
                cpu.memory.write64(a, v);
                g[0] = v & 0xFFFF_FFFFL;
                g[2] = v >>> 32;
                f.setStatus(f.status() & ~ZF);
            }
        }
    }
}
