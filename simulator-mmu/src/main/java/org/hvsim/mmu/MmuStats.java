package org.hvsim.mmu;

/**
 * Raw MMU counters (a long per {@link MmuEvent}) and the distribution of references per walk.
 * Derived figures are computed only when asked. Snapshot-and-subtract handles warm-up.
 */
public final class MmuStats {

    /** References-per-walk histogram buckets; the last bucket collects everything larger. */
    public static final int HISTOGRAM_BUCKETS = 64;

    final long[] counters = new long[MmuEvent.values().length];
    final long[] referencesPerWalk = new long[HISTOGRAM_BUCKETS];

    public long get(MmuEvent event) {
        return counters[event.ordinal()];
    }

    /** Number of walks that made exactly {@code references} paging-structure reads. */
    public long walksWithReferences(int references) {
        return referencesPerWalk[Math.min(references, HISTOGRAM_BUCKETS - 1)];
    }

    public double averageReferencesPerWalk() {
        long walks = get(MmuEvent.WALKS);
        return walks == 0 ? 0.0 : (double) get(MmuEvent.WALK_REFERENCES) / walks;
    }

    public double averageWalkCycles() {
        long walks = get(MmuEvent.WALKS);
        return walks == 0 ? 0.0 : (double) get(MmuEvent.WALK_CYCLES) / walks;
    }

    /** Share of walk cycles spent in the nested dimension (0 natively). */
    public double nestedCycleShare() {
        long total = get(MmuEvent.WALK_CYCLES);
        return total == 0 ? 0.0 : (double) get(MmuEvent.NESTED_WALK_CYCLES) / total;
    }

    public MmuStats snapshot() {
        MmuStats s = new MmuStats();
        System.arraycopy(counters, 0, s.counters, 0, counters.length);
        System.arraycopy(referencesPerWalk, 0, s.referencesPerWalk, 0, referencesPerWalk.length);
        return s;
    }

    public MmuStats minus(MmuStats earlier) {
        MmuStats s = snapshot();
        for (int i = 0; i < counters.length; i++) {
            s.counters[i] -= earlier.counters[i];
        }
        for (int i = 0; i < referencesPerWalk.length; i++) {
            s.referencesPerWalk[i] -= earlier.referencesPerWalk[i];
        }
        return s;
    }
}
