package org.hvsim.core;

/**
 * RFLAGS with lazy evaluation of the six arithmetic status flags (CF, PF, AF, ZF, SF, OF).
 *
 * <p>Most instructions that write the status flags are followed by another that overwrites them
 * before anyone reads them, so computing six flags eagerly is wasted work. Instead the last
 * flag-writing operation records its kind, operand width, operands and result; each flag is
 * derived only when read (the technique Bochs calls "lazy flags"). Kinds whose flags are awkward
 * to derive later (shifts, rotates, multiplies, bit tests) store the flags eagerly in
 * {@link #KIND_EAGER} form.
 *
 * <p>Operands and results are stored truncated to the operand width (zero-extended), so
 * ZF is a compare with zero and carries are unsigned compares.
 */
public final class LazyFlags {
    public static final long CF = 1L;
    public static final long PF = 1L << 2;
    public static final long AF = 1L << 4;
    public static final long ZF = 1L << 6;
    public static final long SF = 1L << 7;
    public static final long TF = 1L << 8;
    public static final long IF = 1L << 9;
    public static final long DF = 1L << 10;
    public static final long OF = 1L << 11;
    public static final long IOPL = 3L << 12;
    public static final long NT = 1L << 14;
    public static final long RF = 1L << 16;
    public static final long VM = 1L << 17;
    public static final long AC = 1L << 18;
    public static final long VIF = 1L << 19;
    public static final long VIP = 1L << 20;
    public static final long ID = 1L << 21;
    /** Bit 1 of RFLAGS is reserved and always reads as 1. */
    public static final long RESERVED_ONE = 1L << 1;
    public static final long STATUS_FLAGS = CF | PF | AF | ZF | SF | OF;

    // Kinds of the last flag-writing operation.
    public static final int KIND_EAGER = 0;
    public static final int KIND_ADD = 1;
    public static final int KIND_ADC = 2;
    public static final int KIND_SUB = 3;
    public static final int KIND_SBB = 4;
    public static final int KIND_LOGIC = 5;
    public static final int KIND_INC = 6;
    public static final int KIND_DEC = 7;
    /**
     * Shifts and multiplies: SF, ZF, PF from the result, CF and OF given explicitly, AF = 0 (the
     * SDM leaves AF, and SF/ZF/PF after multiplication, undefined; this model's fixed choice).
     */
    public static final int KIND_RESULT_CF_OF = 8;
    /**
     * Rotates: CF and OF given explicitly, SF, ZF, AF, PF kept from the previous operation,
     * which stays recorded as {@link #baseKind}.
     */
    public static final int KIND_ROTATE = 9;

    // Condition codes (tttn field of Jcc/SETcc/CMOVcc, SDM Vol. 1 Appendix B).
    public static final int CC_O = 0;
    public static final int CC_NO = 1;
    public static final int CC_B = 2;
    public static final int CC_AE = 3;
    public static final int CC_E = 4;
    public static final int CC_NE = 5;
    public static final int CC_BE = 6;
    public static final int CC_A = 7;
    public static final int CC_S = 8;
    public static final int CC_NS = 9;
    public static final int CC_P = 10;
    public static final int CC_NP = 11;
    public static final int CC_L = 12;
    public static final int CC_GE = 13;
    public static final int CC_LE = 14;
    public static final int CC_G = 15;

    private int kind = KIND_EAGER;
    /** Operand width in bits: 8, 16, 32 or 64. */
    private int bits = 64;
    private long dst;
    private long src;
    private long res;
    /** Carry-in for ADC/SBB, the preserved CF for INC/DEC, the explicit CF otherwise (0 or 1). */
    private long carryIn;
    /** The explicit OF (0 or 1) of {@link #KIND_RESULT_CF_OF} and {@link #KIND_ROTATE}. */
    private long overflow;
    /** For {@link #KIND_ROTATE}: the kind whose data still defines SF, ZF, AF and PF. */
    private int baseKind = KIND_EAGER;
    /**
     * All RFLAGS bits that are not lazily derived; for {@link #KIND_EAGER} also the status flags.
     */
    private long stored = RESERVED_ONE;

    /** Records a lazily evaluated arithmetic result; values are truncated to {@code bits}. */
    public void set(int kind, int bits, long dst, long src, long res) {
        long mask = mask(bits);
        this.kind = kind;
        this.bits = bits;
        this.dst = dst & mask;
        this.src = src & mask;
        this.res = res & mask;
    }

    /** ADC/SBB: like {@link #set} with the carry that went in. */
    public void setWithCarry(int kind, int bits, long dst, long src, long res, long carry) {
        set(kind, bits, dst, src, res);
        this.carryIn = carry;
    }

    /** Logical operations: CF = OF = 0, AF undefined (this model clears it). */
    public void setLogic(int bits, long res) {
        this.kind = KIND_LOGIC;
        this.bits = bits;
        this.res = res & mask(bits);
    }

    /** INC/DEC keep CF (SDM Vol. 2A INC, DEC). */
    public void setIncDec(int kind, int bits, long dst, long res) {
        long oldCarry = cf() ? 1 : 0;
        set(kind, bits, dst, 1, res);
        this.carryIn = oldCarry;
    }

    /** Shifts and multiplies: see {@link #KIND_RESULT_CF_OF}. */
    public void setResultCarryOverflow(int bits, long res, boolean carry, boolean overflow) {
        this.kind = KIND_RESULT_CF_OF;
        this.bits = bits;
        this.res = res & mask(bits);
        this.carryIn = carry ? 1 : 0;
        this.overflow = overflow ? 1 : 0;
    }

    /** Rotates: replaces CF and OF, keeps the other status flags (see {@link #KIND_ROTATE}). */
    public void setCarryOverflow(boolean carry, boolean overflow) {
        if (kind != KIND_ROTATE) {
            baseKind = kind;
            kind = KIND_ROTATE;
        }
        this.carryIn = carry ? 1 : 0;
        this.overflow = overflow ? 1 : 0;
    }

    /** Replaces the status flags with explicit values (all other RFLAGS bits unchanged). */
    public void setStatus(long statusBits) {
        long others = stored & ~STATUS_FLAGS;
        stored = others | (statusBits & STATUS_FLAGS);
        kind = KIND_EAGER;
    }

    /** The six status flags as RFLAGS bits. */
    public long status() {
        if (kind == KIND_EAGER) {
            return stored & STATUS_FLAGS;
        }
        long f = 0;
        if (cf()) f |= CF;
        if (pf()) f |= PF;
        if (af()) f |= AF;
        if (zf()) f |= ZF;
        if (sf()) f |= SF;
        if (of()) f |= OF;
        return f;
    }

    public long rflags() {
        return (stored & ~STATUS_FLAGS) | status() | RESERVED_ONE;
    }

    public void setRflags(long value) {
        stored = value | RESERVED_ONE;
        kind = KIND_EAGER;
    }

    /** Sets or clears one non-status bit of RFLAGS (DF, IF, AC, ...). */
    public void setSystemBit(long bit, boolean on) {
        stored = on ? stored | bit : stored & ~bit;
    }

    /** A non-status RFLAGS bit (IF, DF, AC, ...), without materializing the status flags. */
    public boolean systemBit(long bit) {
        return (stored & bit) != 0;
    }

    public boolean df() {
        return (stored & DF) != 0;
    }

    public boolean cf() {
        switch (kind) {
            case KIND_RESULT_CF_OF:
            case KIND_ROTATE: return carryIn != 0;
            case KIND_ADD: return Long.compareUnsigned(res, dst) < 0;
            case KIND_ADC: return carryIn != 0 ? Long.compareUnsigned(res, dst) <= 0 : Long.compareUnsigned(res, dst) < 0;
            case KIND_SUB: return Long.compareUnsigned(dst, src) < 0;
            case KIND_SBB: return carryIn != 0 ? Long.compareUnsigned(dst, src) <= 0 : Long.compareUnsigned(dst, src) < 0;
            case KIND_LOGIC: return false;
            case KIND_INC:
            case KIND_DEC: return carryIn != 0;
            default: return (stored & CF) != 0;
        }
    }

    /** The kind whose recorded data defines SF, ZF, AF and PF. */
    private int resultKind() {
        return kind == KIND_ROTATE ? baseKind : kind;
    }

    public boolean zf() {
        return resultKind() == KIND_EAGER ? (stored & ZF) != 0 : res == 0;
    }

    public boolean sf() {
        return resultKind() == KIND_EAGER ? (stored & SF) != 0 : (res >>> (bits - 1) & 1) != 0;
    }

    public boolean pf() {
        return resultKind() == KIND_EAGER ? (stored & PF) != 0 : (Long.bitCount(res & 0xFF) & 1) == 0;
    }

    public boolean af() {
        switch (resultKind()) {
            case KIND_EAGER: return (stored & AF) != 0;
            case KIND_LOGIC:
            case KIND_RESULT_CF_OF: return false;
            default: return ((dst ^ src ^ res) & 0x10) != 0;
        }
    }

    public boolean of() {
        long sign = 1L << (bits - 1);
        switch (kind) {
            case KIND_ADD:
            case KIND_ADC:
            case KIND_INC: return ((dst ^ res) & (src ^ res) & sign) != 0;
            case KIND_SUB:
            case KIND_SBB:
            case KIND_DEC: return ((dst ^ src) & (dst ^ res) & sign) != 0;
            case KIND_LOGIC: return false;
            case KIND_RESULT_CF_OF:
            case KIND_ROTATE: return overflow != 0;
            default: return (stored & OF) != 0;
        }
    }

    /** Evaluates a condition code, with direct paths for the CMP/SUB and TEST/logic idioms. */
    public boolean condition(int cc) {
        if (kind == KIND_SUB) {
            switch (cc) {
                case CC_B: return Long.compareUnsigned(dst, src) < 0;
                case CC_AE: return Long.compareUnsigned(dst, src) >= 0;
                case CC_E: return dst == src;
                case CC_NE: return dst != src;
                case CC_BE: return Long.compareUnsigned(dst, src) <= 0;
                case CC_A: return Long.compareUnsigned(dst, src) > 0;
                case CC_L: return signExtend(dst, bits) < signExtend(src, bits);
                case CC_GE: return signExtend(dst, bits) >= signExtend(src, bits);
                case CC_LE: return signExtend(dst, bits) <= signExtend(src, bits);
                case CC_G: return signExtend(dst, bits) > signExtend(src, bits);
                default: break;
            }
        } else if (kind == KIND_LOGIC) {
            switch (cc) {
                case CC_E: return res == 0;
                case CC_NE: return res != 0;
                case CC_S: case CC_L: return sf();
                case CC_NS: case CC_GE: return !sf();
                case CC_LE: return res == 0 || sf();
                case CC_G: return res != 0 && !sf();
                default: break;
            }
        }
        return slowCondition(cc);
    }

    private boolean slowCondition(int cc) {
        boolean r;
        switch (cc >>> 1) {
            case 0: r = of(); break;
            case 1: r = cf(); break;
            case 2: r = zf(); break;
            case 3: r = cf() || zf(); break;
            case 4: r = sf(); break;
            case 5: r = pf(); break;
            case 6: r = sf() != of(); break;
            default: r = zf() || sf() != of(); break;
        }
        return (cc & 1) == 0 ? r : !r;
    }

    public static long mask(int bits) {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }

    public static long signExtend(long value, int bits) {
        int shift = 64 - bits;
        return value << shift >> shift;
    }
}
