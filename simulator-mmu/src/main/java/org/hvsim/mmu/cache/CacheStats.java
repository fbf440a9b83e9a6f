package org.hvsim.mmu.cache;

/**
 * Raw counters of a {@link CacheHierarchy}: accesses and hits per level and per requester, and
 * write-backs received per level. Derived figures (miss rates) are computed on demand only.
 * Supports snapshot-and-subtract for warm-up (ChampSim style).
 */
public final class CacheStats {

    private static final int LEVELS = CacheLevel.values().length;
    private static final int REQUESTERS = Requester.values().length;

    final long[] accesses = new long[LEVELS * REQUESTERS];
    final long[] hits = new long[LEVELS * REQUESTERS];
    final long[] writebacks = new long[LEVELS];

    static int index(CacheLevel level, Requester requester) {
        return level.ordinal() * REQUESTERS + requester.ordinal();
    }

    public long accesses(CacheLevel level, Requester requester) {
        return accesses[index(level, requester)];
    }

    public long hits(CacheLevel level, Requester requester) {
        return hits[index(level, requester)];
    }

    public long misses(CacheLevel level, Requester requester) {
        return accesses(level, requester) - hits(level, requester);
    }

    /** Accesses of all requesters at one level. */
    public long accesses(CacheLevel level) {
        long sum = 0;
        for (Requester r : Requester.values()) {
            sum += accesses(level, r);
        }
        return sum;
    }

    public long hits(CacheLevel level) {
        long sum = 0;
        for (Requester r : Requester.values()) {
            sum += hits(level, r);
        }
        return sum;
    }

    /** Miss ratio of a level over all requesters; 0 when it saw no accesses. */
    public double missRate(CacheLevel level) {
        long a = accesses(level);
        return a == 0 ? 0.0 : (double) (a - hits(level)) / a;
    }

    /** Dirty lines written back into {@code level} from the level above it. */
    public long writebacksInto(CacheLevel level) {
        return writebacks[level.ordinal()];
    }

    /** A copy of the counters now. */
    public CacheStats snapshot() {
        CacheStats s = new CacheStats();
        System.arraycopy(accesses, 0, s.accesses, 0, accesses.length);
        System.arraycopy(hits, 0, s.hits, 0, hits.length);
        System.arraycopy(writebacks, 0, s.writebacks, 0, writebacks.length);
        return s;
    }

    /** Counters accumulated since {@code earlier} (a snapshot of the same hierarchy). */
    public CacheStats minus(CacheStats earlier) {
        CacheStats s = snapshot();
        for (int i = 0; i < accesses.length; i++) {
            s.accesses[i] -= earlier.accesses[i];
            s.hits[i] -= earlier.hits[i];
        }
        for (int i = 0; i < writebacks.length; i++) {
            s.writebacks[i] -= earlier.writebacks[i];
        }
        return s;
    }
}
