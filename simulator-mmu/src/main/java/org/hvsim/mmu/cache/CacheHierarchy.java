package org.hvsim.mmu.cache;

/**
 * L1I/L1D, L2, LLC and DRAM, with timing. An access enters at a level chosen by its requester,
 * descends until it hits, and is charged the load-to-use latency of the level that supplied the
 * line (7-cpu.com style totals, not a sum of per-level lookups). Missing levels on the way are
 * filled (write-allocate); dirty victims are written back into the next level (write-back). The
 * write-backs are counted but cost no latency: write-back buffers take them off the critical path
 * (ASSUMPTION, as in most trace-driven simulators).
 *
 * <p>The hierarchy is non-inclusive: no back-invalidation when the LLC evicts. That matches
 * neither Skylake client (inclusive L3) nor Skylake server (non-inclusive) exactly; it is an
 * ASSUMPTION chosen for simplicity and documented in docs/mmu.md.
 */
public final class CacheHierarchy {

    private final CacheHierarchyConfig config;
    private final Cache l1i;
    private final Cache l1d;
    private final Cache l2;
    private final Cache llc;
    private final CacheStats stats = new CacheStats();
    private final int lineShift;
    private CacheLevel walkerEntryLevel;
    /** Level that supplied the most recent access (for tests and traces). */
    private CacheLevel lastSource = CacheLevel.MEMORY;

    public CacheHierarchy(CacheHierarchyConfig config, CacheLevel walkerEntryLevel) {
        this.config = config;
        this.l1i = new Cache(config.l1i(), config.seed());
        this.l1d = new Cache(config.l1d(), config.seed() + 1);
        this.l2 = new Cache(config.l2(), config.seed() + 2);
        this.llc = new Cache(config.llc(), config.seed() + 3);
        this.lineShift = Integer.numberOfTrailingZeros(config.l1d().lineBytes());
        setWalkerEntryLevel(walkerEntryLevel);
    }

    public CacheHierarchyConfig config() {
        return config;
    }

    public CacheStats stats() {
        return stats;
    }

    public CacheLevel walkerEntryLevel() {
        return walkerEntryLevel;
    }

    /**
     * Where page-walk references enter the hierarchy. Intel's page-miss handler issues its loads
     * to the L1D (Haswell/Skylake performance events PAGE_WALKER_LOADS.DTLB_L1/L2/L3/MEMORY count
     * walker loads served at each level, Intel SDM Vol. 3B ch. 19), hence the default L1D. L1I is
     * not a valid entry for walks.
     */
    public void setWalkerEntryLevel(CacheLevel level) {
        if (level == CacheLevel.L1I) {
            throw new IllegalArgumentException("page walks do not enter at L1I");
        }
        this.walkerEntryLevel = level;
    }

    /** The level that supplied the last access. */
    public CacheLevel lastSource() {
        return lastSource;
    }

    /** Performs one access of one line and returns its latency in cycles. */
    public int access(long physicalAddress, Requester requester, boolean write) {
        CacheLevel entry = switch (requester) {
            case INSTRUCTION_FETCH -> CacheLevel.L1I;
            case DATA -> CacheLevel.L1D;
            case PAGE_WALK, PAGE_WALK_NESTED -> walkerEntryLevel;
        };
        long line = physicalAddress >>> lineShift;
        // Descend: entry level, then L2 and LLC below it.
        int start = switch (entry) {
            case L1I, L1D -> 0;
            case L2 -> 1;
            case LLC -> 2;
            case MEMORY -> 3;
        };
        Cache first = entry == CacheLevel.L1I ? l1i : l1d;
        for (int depth = start; depth < 3; depth++) {
            Cache cache = depth == 0 ? first : depth == 1 ? l2 : llc;
            CacheLevel level = depth == 0 ? entry : depth == 1 ? CacheLevel.L2 : CacheLevel.LLC;
            int i = CacheStats.index(level, requester);
            stats.accesses[i]++;
            // Only the entry level sees the store; lower levels supply a clean copy.
            if (cache.access(line, write && depth == start)) {
                stats.hits[i]++;
                fillAbove(line, start, depth, first, write);
                lastSource = level;
                return cache.config().hitLatency();
            }
        }
        int m = CacheStats.index(CacheLevel.MEMORY, requester);
        stats.accesses[m]++;
        stats.hits[m]++;
        fillAbove(line, start, 3, first, write);
        lastSource = CacheLevel.MEMORY;
        return config.memoryLatency();
    }

    /** Fills the line into every level from {@code start} down to (excluding) {@code hitDepth}. */
    private void fillAbove(long line, int start, int hitDepth, Cache first, boolean write) {
        for (int depth = hitDepth - 1; depth >= start; depth--) {
            Cache cache = depth == 0 ? first : depth == 1 ? l2 : llc;
            long victim = cache.fill(line, write && depth == start);
            if (victim != Cache.NO_WRITEBACK) {
                writeBack(depth + 1, victim);
            }
        }
    }

    /** Writes a dirty victim into the level at {@code depth} (3 = DRAM), cascading as needed. */
    private void writeBack(int depth, long line) {
        while (depth < 3) {
            Cache cache = depth == 1 ? l2 : llc;
            stats.writebacks[depth == 1 ? CacheLevel.L2.ordinal() : CacheLevel.LLC.ordinal()]++;
            if (cache.access(line, true)) {
                return;
            }
            long victim = cache.fill(line, true);
            if (victim == Cache.NO_WRITEBACK) {
                return;
            }
            line = victim;
            depth++;
        }
        stats.writebacks[CacheLevel.MEMORY.ordinal()]++;
    }

    /** True if the line holding {@code physicalAddress} is present at {@code level}. */
    public boolean contains(CacheLevel level, long physicalAddress) {
        long line = physicalAddress >>> lineShift;
        return switch (level) {
            case L1I -> l1i.contains(line);
            case L1D -> l1d.contains(line);
            case L2 -> l2.contains(line);
            case LLC -> llc.contains(line);
            case MEMORY -> true;
        };
    }

    /** Empties every level (e.g. WBINVD, or a cold start between experiments). */
    public void invalidateAll() {
        l1i.invalidateAll();
        l1d.invalidateAll();
        l2.invalidateAll();
        llc.invalidateAll();
    }
}
