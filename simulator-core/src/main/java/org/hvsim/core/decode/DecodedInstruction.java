package org.hvsim.core.decode;

/**
 * The result of decoding one x86-64 instruction: everything about its encoding that semantics,
 * disassembly and a monitor need. Produced once per instruction by {@link Decoder}.
 */
public final class DecodedInstruction {
    // Prefix bits (legacy prefixes and REX), SDM Vol. 2A 2.1 and 2.2.1.
    public static final int PREFIX_LOCK = 1;
    public static final int PREFIX_REP = 1 << 1;       // F3
    public static final int PREFIX_REPNE = 1 << 2;     // F2
    public static final int PREFIX_OPSIZE = 1 << 3;    // 66
    public static final int PREFIX_ADDRSIZE = 1 << 4;  // 67
    public static final int PREFIX_REX = 1 << 5;
    public static final int PREFIX_REX_W = 1 << 6;
    public static final int PREFIX_SEGMENT = 1 << 7;   // any segment-override prefix present

    /** Segment register numbers (Sreg encoding); {@link #segment} is NO_SEGMENT without override. */
    public static final int ES = 0;
    public static final int CS = 1;
    public static final int SS = 2;
    public static final int DS = 3;
    public static final int FS = 4;
    public static final int GS = 5;
    public static final int NO_SEGMENT = -1;

    public final long address;
    public final int length;
    public final Mnemonic mnemonic;
    /** Effective operand size in bytes (1, 2, 4, 8). */
    public final int operandSize;
    /** Effective address size in bytes (4 or 8). */
    public final int addressSize;
    public final int prefixes;
    /** Last segment-override prefix seen, or {@link #NO_SEGMENT}. */
    public final int segment;
    /** Condition code (tttn) for Jcc, SETcc, CMOVcc; -1 otherwise. */
    public final int condition;
    /** Explicit operands in Intel order (destination first). */
    public final Operand[] operands;
    /** The instruction's bytes as fetched. */
    public final byte[] bytes;

    public DecodedInstruction(long address, int length, Mnemonic mnemonic, int operandSize, int addressSize,
                              int prefixes, int segment, int condition, Operand[] operands, byte[] bytes) {
        this.address = address;
        this.length = length;
        this.mnemonic = mnemonic;
        this.operandSize = operandSize;
        this.addressSize = addressSize;
        this.prefixes = prefixes;
        this.segment = segment;
        this.condition = condition;
        this.operands = operands;
        this.bytes = bytes;
    }

    public boolean has(int prefix) {
        return (prefixes & prefix) != 0;
    }

    public Operand operand(int i) {
        return operands[i];
    }

    public int operandCount() {
        return operands.length;
    }

    public Sensitivity sensitivity() {
        return mnemonic.sensitivity();
    }

    /** True for instructions an installed monitor must be consulted about. */
    public boolean isSensitive() {
        return mnemonic.sensitivity().isSensitive();
    }

    public long nextAddress() {
        return address + length;
    }

    /** The instruction bytes as lower-case hex pairs separated by spaces. */
    public String hexBytes() {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }
}
