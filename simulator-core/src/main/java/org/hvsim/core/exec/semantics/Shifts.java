package org.hvsim.core.exec.semantics;

import org.hvsim.core.LazyFlags;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.exec.Insn;
import org.hvsim.core.exec.Interpreter;

/**
 * Shifts and rotates (group 2), SHLD and SHRD, per the pseudo-code of SDM Vol. 2B
 * ("RCL/RCR/ROL/ROR", "SAL/SAR/SHL/SHR", "SHLD", "SHRD"). Shifts record their result with explicit
 * CF and OF ({@link org.hvsim.core.LazyFlags#KIND_RESULT_CF_OF}); rotates overlay CF and OF on the
 * previous record ({@link org.hvsim.core.LazyFlags#KIND_ROTATE}). Flags the SDM leaves undefined
 * (AF, and OF for counts other than 1) get this model's fixed choice: AF = 0, OF as for a count of 1.
 */
final class Shifts {
    static final int ROL = 0;
    static final int ROR = 1;
    static final int RCL = 2;
    static final int RCR = 3;
    static final int SHL = 4;
    static final int SHR = 5;
    static final int SAR = 7;

    private Shifts() {
    }

    /** The count mask of shifts and rotates: 6 bits for 64-bit operands, else 5 (SDM Vol. 2B SAL/SAR/SHL/SHR). */
    static int countMask(int bits) {
        return bits == 64 ? 0x3F : 0x1F;
    }

    static final class Shift extends Insn {
        private final int op;
        private final Loc dst;
        private final Loc count;

        Shift(DecodedInstruction d, int op, Loc dst, Loc count) {
            super(d);
            this.op = op;
            this.dst = dst;
            this.count = count;
        }

        @Override
        public void execute(Interpreter cpu) {
            int bits = dst.bits();
            int n = (int) count.read(cpu) & countMask(bits);
            long a = dst.readForUpdate(cpu);
            if (n == 0) {
                // Count 0 changes no flags, but the destination is still written: a 32-bit
                // register is zero-extended (observed on hardware; the usual 32-bit write rule).
                dst.write(cpu, a);
                return;
            }
            LazyFlags f = cpu.flags;
            long mask = LazyFlags.mask(bits);
            long msb = 1L << (bits - 1);
            long r;
            switch (op) {
                case ROL: {
                    int k = n % bits;
                    r = k == 0 ? a : ((a << k) | (a >>> (bits - k))) & mask;
                    long newCf = r & 1;
                    long of = ((r & msb) != 0 ? 1 : 0) ^ newCf;
                    dst.write(cpu, r);
                    f.setCarryOverflow(newCf != 0, of != 0);
                    return;
                }
                case ROR: {
                    int k = n % bits;
                    r = k == 0 ? a : ((a >>> k) | (a << (bits - k))) & mask;
                    long newCf = (r & msb) != 0 ? 1 : 0;
                    long of = ((r >>> (bits - 1)) ^ (r >>> (bits - 2))) & 1;
                    dst.write(cpu, r);
                    f.setCarryOverflow(newCf != 0, of != 0);
                    return;
                }
                case RCL: {
                    int k = bits < 32 ? n % (bits + 1) : n;
                    r = a;
                    long c = f.cf() ? 1 : 0;
                    for (int i = 0; i < k; i++) {
                        long out = (r & msb) != 0 ? 1 : 0;
                        r = ((r << 1) | c) & mask;
                        c = out;
                    }
                    long of = ((r & msb) != 0 ? 1 : 0) ^ c;
                    dst.write(cpu, r);
                    f.setCarryOverflow(c != 0, of != 0);
                    return;
                }
                case RCR: {
                    int k = bits < 32 ? n % (bits + 1) : n;
                    long c = f.cf() ? 1 : 0;
                    long of = ((a & msb) != 0 ? 1 : 0) ^ c;
                    r = a;
                    for (int i = 0; i < k; i++) {
                        long out = r & 1;
                        r = (r >>> 1) | (c != 0 ? msb : 0);
                        c = out;
                    }
                    dst.write(cpu, r);
                    f.setCarryOverflow(c != 0, of != 0);
                    return;
                }
                case SHL: {
                    r = n >= 64 ? 0 : (a << n) & mask;
                    long newCf = n > bits ? 0 : (a >>> (bits - n)) & 1;
                    long of = ((r & msb) != 0 ? 1 : 0) ^ newCf;
                    dst.write(cpu, r);
                    f.setResultCarryOverflow(bits, r, newCf != 0, of != 0);
                    return;
                }
                case SHR: {
                    r = a >>> n;
                    long newCf = n > bits ? 0 : (a >>> (n - 1)) & 1;
                    long of = (a & msb) != 0 ? 1 : 0;
                    dst.write(cpu, r);
                    f.setResultCarryOverflow(bits, r, newCf != 0, of != 0);
                    return;
                }
                default: { // SAR
                    long s = LazyFlags.signExtend(a, bits);
                    r = (s >> Math.min(n, 63)) & mask;
                    long newCf = (s >> Math.min(n - 1, 63)) & 1;
                    dst.write(cpu, r);
                    f.setResultCarryOverflow(bits, r, newCf != 0, false);
                    return;
                }
            }
        }
    }

    /** SHLD / SHRD: double-precision shifts filling from a second register. */
    static final class DoubleShift extends Insn {
        private final boolean left;
        private final Loc dst;
        private final Loc src;
        private final Loc count;

        DoubleShift(DecodedInstruction d, boolean left, Loc dst, Loc src, Loc count) {
            super(d);
            this.left = left;
            this.dst = dst;
            this.src = src;
            this.count = count;
        }

        @Override
        public void execute(Interpreter cpu) {
            int bits = dst.bits();
            int n = (int) count.read(cpu) & countMask(bits);
            long a = dst.readForUpdate(cpu);
            if (n == 0) {
                dst.write(cpu, a); // as for shifts: a 32-bit register is zero-extended
                return;
            }
            long b = src.read(cpu);
            long mask = LazyFlags.mask(bits);
            long msb = 1L << (bits - 1);
            long r;
            long cf;
            if (bits == 16 && n > 16) {
                // Undefined result and flags (SDM); this model shifts the 32-bit concatenation.
                long wide = (a << 16) | b;
                wide = (wide << n) | (a << Math.max(0, n - 16));
                r = left ? (wide >>> 16) & mask : ((((b << 16) | a) >>> n)) & mask;
                cf = left ? (((a << 16) | b) >>> (32 - n)) & 1 : (((b << 16) | a) >>> (n - 1)) & 1;
            } else if (left) {
                r = ((a << n) | (b >>> (bits - n))) & mask;
                cf = (a >>> (bits - n)) & 1;
            } else {
                r = ((a >>> n) | (b << (bits - n))) & mask;
                cf = (a >>> (n - 1)) & 1;
            }
            dst.write(cpu, r);
            cpu.flags.setResultCarryOverflow(bits, r, cf != 0, ((r ^ a) & msb) != 0);
        }
    }

    /**
     * SHL, SHR, SAR, ROL, ROR of a 32- or 64-bit register by an immediate: the forms compilers
     * emit in hashing and address arithmetic. The count is masked at bind time.
     */
    static final class RegisterByImmediate extends Insn {
        private final int op;
        private final int reg;
        private final int n;
        private final int bits;
        private final long mask;

        RegisterByImmediate(DecodedInstruction d, int op, int reg, int count, int bits) {
            super(d);
            this.op = op;
            this.reg = reg;
            this.bits = bits;
            this.n = count & countMask(bits);
            this.mask = LazyFlags.mask(bits);
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            long a = g[reg] & mask;
            if (n == 0) {
                g[reg] = a; // no flag change, but a 32-bit register is zero-extended
                return;
            }
            LazyFlags f = cpu.flags;
            long r;
            switch (op) {
                case SHL: {
                    r = (a << n) & mask;
                    g[reg] = r;
                    long cf = (a >>> (bits - n)) & 1;
                    f.setResultCarryOverflow(bits, r, cf != 0, ((r >>> (bits - 1)) & 1) != cf);
                    return;
                }
                case SHR:
                    r = a >>> n;
                    g[reg] = r;
                    f.setResultCarryOverflow(bits, r, ((a >>> (n - 1)) & 1) != 0, (a >>> (bits - 1)) != 0);
                    return;
                case SAR: {
                    long sx = LazyFlags.signExtend(a, bits);
                    r = (sx >> n) & mask;
                    g[reg] = r;
                    f.setResultCarryOverflow(bits, r, ((sx >> (n - 1)) & 1) != 0, false);
                    return;
                }
                case ROL:
                    r = ((a << n) | (a >>> (bits - n))) & mask;
                    g[reg] = r;
                    f.setCarryOverflow((r & 1) != 0, (((r >>> (bits - 1)) ^ r) & 1) != 0);
                    return;
                default: // ROR
                    r = ((a >>> n) | (a << (bits - n))) & mask;
                    g[reg] = r;
                    f.setCarryOverflow((r >>> (bits - 1)) != 0, (((r >>> (bits - 1)) ^ (r >>> (bits - 2))) & 1) != 0);
                    return;
            }
        }
    }

    /** SHL, SHR, SAR of a 32- or 64-bit register by CL. */
    static final class RegisterByCl extends Insn {
        private final int op;
        private final int reg;
        private final int bits;
        private final long mask;
        private final int countMask;

        RegisterByCl(DecodedInstruction d, int op, int reg, int bits) {
            super(d);
            this.op = op;
            this.reg = reg;
            this.bits = bits;
            this.mask = LazyFlags.mask(bits);
            this.countMask = countMask(bits);
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            int n = (int) g[1] & countMask;
            long a = g[reg] & mask;
            if (n == 0) {
                g[reg] = a; // no flag change; a 32-bit register is still zero-extended
                return;
            }
            LazyFlags f = cpu.flags;
            long r;
            switch (op) {
                case SHL: {
                    r = (a << n) & mask;
                    long cf = (a >>> (bits - n)) & 1;
                    f.setResultCarryOverflow(bits, r, cf != 0, ((r >>> (bits - 1)) & 1) != cf);
                    break;
                }
                case SHR:
                    r = a >>> n;
                    f.setResultCarryOverflow(bits, r, ((a >>> (n - 1)) & 1) != 0, (a >>> (bits - 1)) != 0);
                    break;
                default: { // SAR
                    long sx = LazyFlags.signExtend(a, bits);
                    r = (sx >> n) & mask;
                    f.setResultCarryOverflow(bits, r, ((sx >> (n - 1)) & 1) != 0, false);
                    break;
                }
            }
            g[reg] = r;
        }
    }
}
