package org.hvsim.core.disasm;

/**
 * The address and raw-byte columns of an objdump listing:
 * {@code "  401000:\t48 89 e5             \tmov    %rsp,%rbp"}. objdump shows at most seven
 * bytes per line; the rest continue on lines of their own ({@code "  401007:\t00 00 "}).
 */
final class ObjdumpLine {
    static final int BYTES_PER_LINE = 7;
    /** The address width of an executable linked at the usual 0x400000. */
    static final int DEFAULT_ADDRESS_WIDTH = 8;

    private ObjdumpLine() {
    }

    /**
     * objdump drops the leading zeros of the section's end address in groups of four hex digits,
     * always keeping at least one zero digit in front of the highest address (observed on binutils
     * 2.40: end 0x9bb gives 4 digits, 0x1b46 and 0x40438e give 8).
     */
    static int addressWidth(long sectionEnd) {
        int zeros = Long.numberOfLeadingZeros(sectionEnd) / 4;
        if (zeros == 0) {
            return 16;
        }
        return 16 - ((zeros - 1) & ~3);
    }

    static String of(long address, byte[] bytes, String text, int addressWidth) {
        String addressFormat = "%" + addressWidth + "x:\t";
        StringBuilder sb = new StringBuilder();
        for (int start = 0; start < bytes.length || start == 0; start += BYTES_PER_LINE) {
            if (start > 0) {
                sb.append('\n');
            }
            sb.append(String.format(addressFormat, address + start));
            int end = Math.min(bytes.length, start + BYTES_PER_LINE);
            int column = 0;
            for (int i = start; i < end; i++) {
                sb.append(String.format("%02x ", bytes[i] & 0xFF));
                column += 3;
            }
            if (start == 0) {
                for (; column < 3 * BYTES_PER_LINE; column++) {
                    sb.append(' ');
                }
                sb.append('\t').append(text);
            }
        }
        return sb.toString();
    }
}
