package org.hvsim.core.disasm;

/** Number formatting as objdump does it: lower-case hex with a {@code 0x} prefix. */
final class Hex {
    private Hex() {
    }

    /** {@code 0x...} of the value taken as unsigned 64 bits. */
    static String unsigned(long value) {
        return "0x" + Long.toHexString(value);
    }

    /** The value truncated to {@code size} bytes, then {@code 0x...}. */
    static String masked(long value, int size) {
        return unsigned(size >= 8 ? value : value & ((1L << (8 * size)) - 1));
    }

    /** {@code -0x10} or {@code 0x10}: a displacement next to base or index registers. */
    static String signed(long value) {
        return value < 0 ? "-0x" + Long.toHexString(-value) : "0x" + Long.toHexString(value);
    }
}
