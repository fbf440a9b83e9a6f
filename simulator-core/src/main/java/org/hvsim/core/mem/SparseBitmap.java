package org.hvsim.core.mem;

/**
 * One bit per 4 KiB page over a 52-bit address space, stored in a lazily allocated radix tree,
 * so lookups never hash or allocate. Used to remember which physical frames hold decoded code.
 */
final class SparseBitmap {
    private static final int LEAF_BITS = 15;   // 32 Ki pages (4 KiB of bits) per leaf
    private static final int MID_BITS = 13;
    private static final int TOP_BITS = 40 - LEAF_BITS - MID_BITS;

    private final long[][][] top = new long[1 << TOP_BITS][][];

    boolean get(long page) {
        long[][] mid = top[(int) (page >>> (LEAF_BITS + MID_BITS)) & ((1 << TOP_BITS) - 1)];
        if (mid == null) {
            return false;
        }
        long[] leaf = mid[(int) (page >>> LEAF_BITS) & ((1 << MID_BITS) - 1)];
        if (leaf == null) {
            return false;
        }
        int bit = (int) page & ((1 << LEAF_BITS) - 1);
        return (leaf[bit >>> 6] & (1L << bit)) != 0;
    }

    void set(long page, boolean value) {
        int t = (int) (page >>> (LEAF_BITS + MID_BITS)) & ((1 << TOP_BITS) - 1);
        long[][] mid = top[t];
        if (mid == null) {
            if (!value) {
                return;
            }
            mid = top[t] = new long[1 << MID_BITS][];
        }
        int m = (int) (page >>> LEAF_BITS) & ((1 << MID_BITS) - 1);
        long[] leaf = mid[m];
        if (leaf == null) {
            if (!value) {
                return;
            }
            leaf = mid[m] = new long[(1 << LEAF_BITS) / 64];
        }
        int bit = (int) page & ((1 << LEAF_BITS) - 1);
        if (value) {
            leaf[bit >>> 6] |= 1L << bit;
        } else {
            leaf[bit >>> 6] &= ~(1L << bit);
        }
    }
}
