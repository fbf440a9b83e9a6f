package org.hvsim.core.exec.semantics;

import org.hvsim.core.ExceptionVector;
import org.hvsim.core.GuestFault;
import org.hvsim.core.LazyFlags;
import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.exec.Insn;
import org.hvsim.core.exec.Interpreter;

/**
 * MUL, IMUL (one-, two- and three-operand forms), DIV and IDIV at every width (SDM Vol. 2A/2B).
 * Division by zero and quotients that do not fit raise #DE. Flags the SDM leaves undefined
 * (SF, ZF, AF, PF after multiplication; all after division) get this model's fixed choice:
 * SF/ZF/PF from the low half of the product, AF = 0; division leaves the flags unchanged.
 */
final class MulDiv {
    private MulDiv() {
    }

    /** High 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh is Java 18+). */
    static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    private static void setMulFlags(LazyFlags f, long low, int bits, boolean overflow) {
        f.setResultCarryOverflow(bits, low, overflow, overflow);
    }

    /** One-operand MUL/IMUL: rDX:rAX (or AX) = rAX * src. */
    static final class Widening extends Insn {
        private final Loc src;
        private final boolean signed;

        Widening(DecodedInstruction d, Loc src, boolean signed) {
            super(d);
            this.src = src;
            this.signed = signed;
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            int bits = src.bits();
            long b = src.read(cpu);
            long a = g[0] & LazyFlags.mask(bits);
            LazyFlags f = cpu.flags;
            if (bits == 64) {
                long lo = a * b;
                long hi = signed ? Math.multiplyHigh(a, b) : unsignedMultiplyHigh(a, b);
                g[0] = lo;
                g[2] = hi;
                setMulFlags(f, lo, 64, signed ? hi != (lo >> 63) : hi != 0);
                return;
            }
            long p = signed ? LazyFlags.signExtend(a, bits) * LazyFlags.signExtend(b, bits) : a * b;
            long mask = LazyFlags.mask(bits);
            long lo = p & mask;
            long hi = (p >> bits) & mask;
            boolean overflow = signed ? p != LazyFlags.signExtend(lo, bits) : hi != 0;
            switch (bits) {
                case 8:
                    g[0] = (g[0] & ~0xFFFFL) | (p & 0xFFFF);
                    break;
                case 16:
                    g[0] = (g[0] & ~0xFFFFL) | lo;
                    g[2] = (g[2] & ~0xFFFFL) | hi;
                    break;
                default:
                    g[0] = lo;
                    g[2] = hi;
                    break;
            }
            setMulFlags(f, lo, bits, overflow);
        }
    }

    /** Two- and three-operand IMUL: dst = truncate(src1 * src2). */
    static final class Truncating extends Insn {
        private final Loc dst;
        private final Loc src1;
        private final Loc src2;

        Truncating(DecodedInstruction d, Loc dst, Loc src1, Loc src2) {
            super(d);
            this.dst = dst;
            this.src1 = src1;
            this.src2 = src2;
        }

        @Override
        public void execute(Interpreter cpu) {
            int bits = dst.bits();
            long a = LazyFlags.signExtend(src1.read(cpu), bits);
            long b = LazyFlags.signExtend(src2.read(cpu), bits);
            long lo = a * b;
            boolean overflow;
            if (bits == 64) {
                overflow = Math.multiplyHigh(a, b) != (lo >> 63);
            } else {
                overflow = lo != LazyFlags.signExtend(lo, bits);
            }
            dst.write(cpu, lo);
            setMulFlags(cpu.flags, lo, bits, overflow);
        }
    }

    /** DIV / IDIV: rAX (quotient) and rDX (remainder) from rDX:rAX / src; AL/AH from AX at 8 bits. */
    static final class Divide extends Insn {
        private final Loc src;
        private final boolean signed;

        Divide(DecodedInstruction d, Loc src, boolean signed) {
            super(d);
            this.src = src;
            this.signed = signed;
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            int bits = src.bits();
            long divisor = src.read(cpu);
            if (divisor == 0) {
                throw GuestFault.of(ExceptionVector.DE);
            }
            if (bits == 64) {
                divide64(g, divisor);
                return;
            }
            long mask = LazyFlags.mask(bits);
            long dividend = bits == 8 ? g[0] & 0xFFFF : ((g[2] & mask) << bits) | (g[0] & mask);
            long q;
            long r;
            if (signed) {
                long n = LazyFlags.signExtend(dividend, bits * 2);
                long dv = LazyFlags.signExtend(divisor, bits);
                q = n / dv;
                r = n % dv;
                if (q != LazyFlags.signExtend(q & mask, bits)) {
                    throw GuestFault.of(ExceptionVector.DE);
                }
            } else {
                q = Long.divideUnsigned(dividend, divisor);
                r = Long.remainderUnsigned(dividend, divisor);
                if ((q & ~mask) != 0) {
                    throw GuestFault.of(ExceptionVector.DE);
                }
            }
            q &= mask;
            r &= mask;
            switch (bits) {
                case 8:
                    g[0] = (g[0] & ~0xFFFFL) | (r << 8) | q;
                    break;
                case 16:
                    g[0] = (g[0] & ~0xFFFFL) | q;
                    g[2] = (g[2] & ~0xFFFFL) | r;
                    break;
                default:
                    g[0] = q;
                    g[2] = r;
                    break;
            }
        }

        private void divide64(long[] g, long divisor) {
            long hi = g[2];
            long lo = g[0];
            if (!signed) {
                if (Long.compareUnsigned(hi, divisor) >= 0) {
                    throw GuestFault.of(ExceptionVector.DE);
                }
                if (hi == 0) {
                    g[0] = Long.divideUnsigned(lo, divisor);
                    g[2] = Long.remainderUnsigned(lo, divisor);
                } else {
                    g[0] = divide128(hi, lo, divisor);
                    g[2] = remainder;
                }
                return;
            }
            if (hi == (lo >> 63)) {
                // The dividend fits in 64 bits: plain division, except MIN / -1 overflows.
                if (lo == Long.MIN_VALUE && divisor == -1) {
                    throw GuestFault.of(ExceptionVector.DE);
                }
                g[0] = lo / divisor;
                g[2] = lo % divisor;
                return;
            }
            boolean negDividend = hi < 0;
            boolean negDivisor = divisor < 0;
            long ahi = hi;
            long alo = lo;
            if (negDividend) {
                alo = -lo;
                ahi = ~hi + (lo == 0 ? 1 : 0);
            }
            long adiv = negDivisor ? -divisor : divisor;
            if (Long.compareUnsigned(ahi, adiv) >= 0) {
                throw GuestFault.of(ExceptionVector.DE);
            }
            long q = divide128(ahi, alo, adiv);
            long r = remainder;
            boolean negQuotient = negDividend != negDivisor;
            if (negQuotient) {
                if (Long.compareUnsigned(q, 1L << 63) > 0) {
                    throw GuestFault.of(ExceptionVector.DE);
                }
                q = -q;
            } else if (q < 0) {
                throw GuestFault.of(ExceptionVector.DE);
            }
            g[0] = q;
            g[2] = negDividend ? -r : r;
        }

        /** Remainder of the last {@link #divide128} call. */
        private long remainder;

        /**
         * Unsigned 128-by-64 division by restoring shift-and-subtract; the caller guarantees
         * {@code hi < divisor} so the quotient fits in 64 bits. Returns the quotient and leaves
         * the remainder in {@link #remainder}.
         */
        private long divide128(long hi, long lo, long divisor) {
            long rem = hi;
            long quot = 0;
            for (int i = 63; i >= 0; i--) {
                boolean carry = rem < 0; // bit 63 set: the shifted remainder exceeds 64 bits
                rem = (rem << 1) | ((lo >>> i) & 1);
                quot <<= 1;
                if (carry || Long.compareUnsigned(rem, divisor) >= 0) {
                    rem -= divisor;
                    quot |= 1;
                }
            }
            remainder = rem;
            return quot;
        }
    }

    /** Two- and three-operand IMUL with register operands at 32 or 64 bits. */
    static final class RegisterTruncating extends Insn {
        private final int dst;
        private final int src;
        /** The immediate multiplier, or 0 with {@link #useImmediate} false for the two-operand form. */
        private final long imm;
        private final boolean useImmediate;
        private final boolean wide;

        RegisterTruncating(DecodedInstruction d, int dst, int src, boolean useImmediate, long imm) {
            super(d);
            this.dst = dst;
            this.src = src;
            this.useImmediate = useImmediate;
            this.imm = imm;
            this.wide = d.operandSize == 8;
        }

        @Override
        public void execute(Interpreter cpu) {
            long[] g = cpu.gpr;
            long b = useImmediate ? imm : g[src];
            long a = useImmediate ? g[src] : g[dst];
            if (wide) {
                long lo = a * b;
                g[dst] = lo;
                boolean overflow = Math.multiplyHigh(a, b) != (lo >> 63);
                cpu.flags.setResultCarryOverflow(64, lo, overflow, overflow);
            } else {
                long p = (long) (int) a * (long) (int) b;
                g[dst] = p & 0xFFFF_FFFFL;
                boolean overflow = p != (int) p;
                cpu.flags.setResultCarryOverflow(32, p, overflow, overflow);
            }
        }
    }
}
