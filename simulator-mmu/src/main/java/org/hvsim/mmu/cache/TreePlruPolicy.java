package org.hvsim.mmu.cache;

/**
 * Binary-tree pseudo-LRU. Each set keeps {@code ways - 1} bits, one per internal node of a binary
 * tree over the ways; a bit points toward the half that was used less recently. A touch flips the
 * bits on the path to point away from the touched way; the victim is found by following the bits.
 * Requires a power-of-two way count; other counts fall back to the nearest larger tree and skip
 * ways that do not exist.
 */
public final class TreePlruPolicy implements ReplacementPolicy {

    private final int ways;
    private final int leaves;
    private final boolean[] bits;

    public TreePlruPolicy(int sets, int ways) {
        this.ways = ways;
        this.leaves = Integer.highestOneBit(ways) == ways ? ways : Integer.highestOneBit(ways) << 1;
        this.bits = new boolean[sets * Math.max(1, leaves - 1)];
    }

    @Override
    public void touch(int set, int way) {
        if (leaves == 1) {
            return;
        }
        int base = set * (leaves - 1);
        int node = 0;
        int lo = 0;
        int span = leaves;
        while (span > 1) {
            span >>= 1;
            boolean right = way >= lo + span;
            // Point the node at the other half: that half is now the less recently used one.
            bits[base + node] = !right;
            node = 2 * node + (right ? 2 : 1);
            if (right) {
                lo += span;
            }
        }
    }

    @Override
    public int victim(int set) {
        if (leaves == 1) {
            return 0;
        }
        int base = set * (leaves - 1);
        int node = 0;
        int lo = 0;
        int span = leaves;
        while (span > 1) {
            span >>= 1;
            boolean right = bits[base + node];
            if (right && lo + span >= ways) {
                right = false; // non-power-of-two way count: the right subtree does not exist
            }
            node = 2 * node + (right ? 2 : 1);
            if (right) {
                lo += span;
            }
        }
        return Math.min(lo, ways - 1);
    }
}
