package org.hvsim.core.timing.branch;

/** Saturating-counter and history-folding helpers shared by the predictors. */
final class Counters {

    private Counters() {}

    /** Steps a 2-bit counter (0..3) toward the outcome. */
    static byte step2(byte c, boolean taken) {
        return taken ? (c < 3 ? (byte) (c + 1) : c) : (c > 0 ? (byte) (c - 1) : c);
    }

    /** Steps a signed counter in {@code [-limit-1, limit]} toward the outcome. */
    static byte stepSigned(byte c, boolean taken, int limit) {
        return taken ? (c < limit ? (byte) (c + 1) : c) : (c > -limit - 1 ? (byte) (c - 1) : c);
    }

    /**
     * XOR-folds the youngest {@code length} bits of {@code history} (0..64) into {@code bits} bits,
     * so a long history can index a small table.
     */
    static long fold(long history, int length, int bits) {
        long h = length >= 64 ? history : history & ((1L << length) - 1);
        long mask = (1L << bits) - 1;
        long r = 0;
        while (h != 0) {
            r ^= h & mask;
            h >>>= bits;
        }
        return r;
    }
}
