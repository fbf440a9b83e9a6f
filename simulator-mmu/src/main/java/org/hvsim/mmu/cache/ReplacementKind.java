package org.hvsim.mmu.cache;

/** The replacement policies a structure may be configured with. */
public enum ReplacementKind {
    /** True least-recently-used (per-way age stamps). */
    LRU,
    /** Binary-tree pseudo-LRU, as used by Intel L1/L2 caches (one bit per internal tree node). */
    TREE_PLRU,
    /** Uniformly random victim from a seeded {@link java.util.SplittableRandom}; never the host clock. */
    RANDOM;

    /** Creates a fresh policy instance for a structure of {@code sets} x {@code ways}. */
    public ReplacementPolicy create(int sets, int ways, long seed) {
        return switch (this) {
            case LRU -> new LruPolicy(sets, ways);
            case TREE_PLRU -> new TreePlruPolicy(sets, ways);
            case RANDOM -> new RandomPolicy(ways, seed);
        };
    }
}
