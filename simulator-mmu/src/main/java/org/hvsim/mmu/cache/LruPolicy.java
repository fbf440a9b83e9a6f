package org.hvsim.mmu.cache;

/** True LRU: every touch stamps the way with a monotonically increasing counter; evict the oldest. */
public final class LruPolicy implements ReplacementPolicy {

    private final int ways;
    private final long[] stamps;
    private long clock;

    public LruPolicy(int sets, int ways) {
        this.ways = ways;
        this.stamps = new long[sets * ways];
    }

    @Override
    public void touch(int set, int way) {
        stamps[set * ways + way] = ++clock;
    }

    @Override
    public int victim(int set) {
        int base = set * ways;
        int best = 0;
        long oldest = stamps[base];
        for (int w = 1; w < ways; w++) {
            if (stamps[base + w] < oldest) {
                oldest = stamps[base + w];
                best = w;
            }
        }
        return best;
    }
}
