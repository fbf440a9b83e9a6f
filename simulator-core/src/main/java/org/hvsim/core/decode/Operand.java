package org.hvsim.core.decode;

/**
 * One explicit operand of a decoded instruction. Immutable; created once per decoded
 * instruction, never on the execution path.
 */
public final class Operand {
    public enum Kind {
        /** A register of {@link #regClass}, number {@link #reg}. */
        REG,
        /** A memory operand: [base + index*scale + disp], or RIP-relative. */
        MEM,
        /** An immediate, already sign- or zero-extended as the instruction defines. */
        IMM,
        /** A branch target (relative displacement resolved to an absolute address). */
        REL
    }

    public static final int NONE = -1;

    public final Kind kind;
    /** Operand width in bytes (1, 2, 4, 8; for MEM operands of LGDT etc. 10, for LEA/INVLPG 0). */
    public final int size;
    public final RegisterClass regClass;
    public final int reg;
    public final int base;
    public final int index;
    public final int scale;
    /** Displacement as encoded (sign-extended). */
    public final long disp;
    public final boolean ripRelative;
    /**
     * Immediate value; the absolute branch target for {@link Kind#REL}; the absolute effective
     * address (next RIP + disp) for a RIP-relative memory operand.
     */
    public final long imm;
    /** Displacement width as encoded (0, 1, 4 bytes); kept for disassembly. */
    public final int dispBytes;

    private Operand(Kind kind, int size, RegisterClass regClass, int reg, int base, int index, int scale,
                    long disp, boolean ripRelative, long imm, int dispBytes) {
        this.kind = kind;
        this.size = size;
        this.regClass = regClass;
        this.reg = reg;
        this.base = base;
        this.index = index;
        this.scale = scale;
        this.disp = disp;
        this.ripRelative = ripRelative;
        this.imm = imm;
        this.dispBytes = dispBytes;
    }

    public static Operand gpr(int reg, int size) {
        return new Operand(Kind.REG, size, RegisterClass.GPR, reg, NONE, NONE, 0, 0, false, 0, 0);
    }

    public static Operand register(RegisterClass cls, int reg, int size) {
        return new Operand(Kind.REG, size, cls, reg, NONE, NONE, 0, 0, false, 0, 0);
    }

    public static Operand memory(int size, int base, int index, int scale, long disp, int dispBytes) {
        return new Operand(Kind.MEM, size, null, NONE, base, index, scale, disp, false, 0, dispBytes);
    }

    public static Operand ripRelative(int size, long absoluteAddress, long disp) {
        return new Operand(Kind.MEM, size, null, NONE, NONE, NONE, 0, disp, true, absoluteAddress, 4);
    }

    public static Operand immediate(long value, int size) {
        return new Operand(Kind.IMM, size, null, NONE, NONE, NONE, 0, 0, false, value, 0);
    }

    public static Operand relative(long target, int size) {
        return new Operand(Kind.REL, size, null, NONE, NONE, NONE, 0, 0, false, target, 0);
    }

    /** A copy of a memory operand with another access width (e.g. MOVZX's source). */
    public Operand withSize(int newSize) {
        return new Operand(kind, newSize, regClass, reg, base, index, scale, disp, ripRelative, imm, dispBytes);
    }

    public boolean isGpr() {
        return kind == Kind.REG && regClass == RegisterClass.GPR;
    }

    public boolean isMemory() {
        return kind == Kind.MEM;
    }

    public boolean isImmediate() {
        return kind == Kind.IMM;
    }
}
