package org.hvsim.core.diff;

/** RFLAGS status-flag masks and names for the differential tests. */
final class StatusFlags {
    static final long CF = 1L;
    static final long PF = 1L << 2;
    static final long AF = 1L << 4;
    static final long ZF = 1L << 6;
    static final long SF = 1L << 7;
    static final long DF = 1L << 10;
    static final long OF = 1L << 11;
    static final long ALL = CF | PF | AF | ZF | SF | OF;
    static final long NONE = 0;
    /** Flags read by each condition code tttn (SDM Vol. 1 Appendix B). */
    private static final long[] CONDITION_READS = {
        OF, OF, CF, CF, ZF, ZF, CF | ZF, CF | ZF, SF, SF, PF, PF, SF | OF, SF | OF, ZF | SF | OF, ZF | SF | OF};
    static final String[] CONDITION_NAMES = {
        "o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"};

    private StatusFlags() {
    }

    static long conditionReads(int cc) {
        return CONDITION_READS[cc];
    }

    static String names(long mask) {
        StringBuilder sb = new StringBuilder();
        String[] names = {"CF", "PF", "AF", "ZF", "SF", "DF", "OF"};
        long[] bits = {CF, PF, AF, ZF, SF, DF, OF};
        for (int i = 0; i < bits.length; i++) {
            if ((mask & bits[i]) != 0) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(names[i]);
            }
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }
}
