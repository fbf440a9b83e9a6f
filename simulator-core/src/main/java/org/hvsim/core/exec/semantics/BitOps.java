package org.hvsim.core.exec.semantics;

import static org.hvsim.core.LazyFlags.*;

import org.hvsim.core.LazyFlags;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.exec.Insn;
import org.hvsim.core.exec.Interpreter;

/**
 * Bit instructions: BT, BTS, BTR, BTC, BSF, BSR, TZCNT, LZCNT, POPCNT (SDM Vol. 2A/2B). For
 * undefined flags this model keeps the previous values (BT*) or clears them (BSF/BSR/xCNT).
 */
final class BitOps {
    static final int BT = 0;
    static final int BTS = 1;
    static final int BTR = 2;
    static final int BTC = 3;

    private BitOps() {
    }

    /**
     * BT family. With a register bit offset and a memory operand the offset is a signed bit
     * string index that may address memory outside the operand (SDM Vol. 2A 3.1.1.9, "bit base").
     */
    static final class BitTest extends Insn {
        private final int op;
        private final Loc dst;
        private final Loc offset;
        private final boolean registerOffsetIntoMemory;

        BitTest(DecodedInstruction d, int op, Loc dst, Loc offset) {
            super(d);
            this.op = op;
            this.dst = dst;
            this.offset = offset;
            this.registerOffsetIntoMemory = dst.isMemory() && !(offset instanceof Locs.Imm);
        }

        @Override
        public void execute(Interpreter cpu) {
            int bits = dst.bits();
            long off = offset.read(cpu);
            LazyFlags f = cpu.flags;
            if (registerOffsetIntoMemory) {
                long signedOffset = LazyFlags.signExtend(off, bits);
                long base = ((Locs.Mem) dst).address(cpu);
                long unit = Math.floorDiv(signedOffset, bits);
                int bit = (int) Math.floorMod(signedOffset, bits);
                long address = base + unit * (bits / 8);
                int size = bits / 8;
                long v = op == BT ? cpu.memory.read(address, size) : readForUpdate(cpu, address, size);
                boolean set = (v >>> bit & 1) != 0;
                if (op != BT) {
                    cpu.memory.write(address, modify(v, bit), size);
                }
                f.setStatus((f.status() & ~CF) | (set ? CF : 0));
                return;
            }
            int bit = (int) (off & (bits - 1));
            long v = op == BT ? dst.read(cpu) : dst.readForUpdate(cpu);
            boolean set = (v >>> bit & 1) != 0;
            if (op != BT) {
                dst.write(cpu, modify(v, bit));
            }
            f.setStatus((f.status() & ~CF) | (set ? CF : 0));
        }

        private static long readForUpdate(Interpreter cpu, long address, int size) {
            cpu.memory.probeWrite(address, size);
            return cpu.memory.read(address, size);
        }

        private long modify(long v, int bit) {
            switch (op) {
                case BTS: return v | (1L << bit);
                case BTR: return v & ~(1L << bit);
                default: return v ^ (1L << bit);
            }
        }
    }

    /** BSF / BSR: a zero source sets ZF and leaves the destination unchanged. */
    static final class BitScan extends Insn {
        private final boolean reverse;
        private final Loc dst;
        private final Loc src;

        BitScan(DecodedInstruction d, boolean reverse, Loc dst, Loc src) {
            super(d);
            this.reverse = reverse;
            this.dst = dst;
            this.src = src;
        }

        @Override
        public void execute(Interpreter cpu) {
            long v = src.read(cpu);
            if (v == 0) {
                cpu.flags.setStatus(ZF);
                return;
            }
            int index = reverse ? 63 - Long.numberOfLeadingZeros(v) : Long.numberOfTrailingZeros(v);
            dst.write(cpu, index);
            cpu.flags.setStatus(0);
        }
    }

    /** TZCNT, LZCNT, POPCNT. */
    static final class Count extends Insn {
        static final int TZCNT = 0;
        static final int LZCNT = 1;
        static final int POPCNT = 2;
        private final int op;
        private final Loc dst;
        private final Loc src;

        Count(DecodedInstruction d, int op, Loc dst, Loc src) {
            super(d);
            this.op = op;
            this.dst = dst;
            this.src = src;
        }

        @Override
        public void execute(Interpreter cpu) {
            int bits = src.bits();
            long v = src.read(cpu);
            long n;
            long flags;
            switch (op) {
                case TZCNT:
                    n = v == 0 ? bits : Long.numberOfTrailingZeros(v);
                    flags = (v == 0 ? CF : 0) | (n == 0 ? ZF : 0);
                    break;
                case LZCNT:
                    n = v == 0 ? bits : Long.numberOfLeadingZeros(v) - (64 - bits);
                    flags = (v == 0 ? CF : 0) | (n == 0 ? ZF : 0);
                    break;
                default:
                    n = Long.bitCount(v);
                    flags = v == 0 ? ZF : 0;
                    break;
            }
            dst.write(cpu, n);
            cpu.flags.setStatus(flags);
        }
    }
}
