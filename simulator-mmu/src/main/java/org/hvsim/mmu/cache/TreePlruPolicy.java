package org.hvsim.mmu.cache;

/**
 * Binary-tree pseudo-LRU. Each set keeps {@code ways - 1} bits, one per internal node of a binary
 * tree over the ways; a bit points toward the half that was used less recently. A touch flips the
 * bits on the path to point away from the touched way; the victim is found by following the bits.
 * Requires a power-of-two way count; other counts fall back to the nearest larger tree and skip
 * ways that do not exist.
 *
 * <p>Nodes are numbered root 0, children of n at 2n+1 (left) and 2n+2 (right), and packed 64 to a
 * long. The path of a way is fixed by the bits of its index, so for trees of up to 64 leaves (every
 * cache and TLB geometry in use) a touch is one masked store of a precomputed path, without the
 * data-dependent branches of walking the tree; larger trees walk it.
 */
public final class TreePlruPolicy implements ReplacementPolicy {

    private final int ways;
    private final int leaves;
    private final int depth;
    private final int wordsPerSet;
    private final long[] bits;
    /** For trees in one word: the nodes on each way's path, and the values a touch writes there. */
    private final long[] pathMask;
    private final long[] pathValue;

    public TreePlruPolicy(int sets, int ways) {
        this.ways = ways;
        this.leaves = Integer.highestOneBit(ways) == ways ? ways : Integer.highestOneBit(ways) << 1;
        this.depth = Integer.numberOfTrailingZeros(leaves);
        this.wordsPerSet = Math.max(1, (leaves - 1 + 63) >>> 6);
        this.bits = new long[sets * wordsPerSet];
        if (wordsPerSet == 1) {
            pathMask = new long[leaves];
            pathValue = new long[leaves];
            for (int w = 0; w < leaves; w++) {
                int node = 0;
                for (int level = depth - 1; level >= 0; level--) {
                    int right = (w >>> level) & 1;
                    pathMask[w] |= 1L << node;
                    // Point the node at the other half: that half is now the less recently used one.
                    pathValue[w] |= (long) (right ^ 1) << node;
                    node = 2 * node + 1 + right;
                }
            }
        } else {
            pathMask = null;
            pathValue = null;
        }
    }

    @Override
    public void touch(int set, int way) {
        if (pathMask != null) {
            bits[set] = (bits[set] & ~pathMask[way]) | pathValue[way];
            return;
        }
        int base = set * wordsPerSet;
        int node = 0;
        for (int level = depth - 1; level >= 0; level--) {
            int right = (way >>> level) & 1;
            int word = base + (node >>> 6);
            long bit = 1L << node; // shift distance is taken mod 64
            bits[word] = right == 0 ? bits[word] | bit : bits[word] & ~bit;
            node = 2 * node + 1 + right;
        }
    }

    @Override
    public int victim(int set) {
        if (leaves == 1) {
            return 0;
        }
        int base = set * wordsPerSet;
        int node = 0;
        int lo = 0;
        int span = leaves;
        while (span > 1) {
            span >>= 1;
            boolean right = (bits[base + (node >>> 6)] & (1L << node)) != 0;
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
