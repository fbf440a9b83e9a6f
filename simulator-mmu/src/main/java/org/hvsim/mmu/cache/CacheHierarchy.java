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
    private final int memoryLatency;
    /*
     * Routing by requester ordinal, decoded once (and again when the walker entry level changes)
     * instead of two enum switches per access: the depth an access enters at (0 = its L1, 1 = L2,
     * 2 = LLC, 3 = memory), its L1 and the statistics index of that L1.
     */
    private static final int REQUESTERS = Requester.values().length;
    private final int[] entryDepth = new int[REQUESTERS];
    private final Cache[] entryL1 = new Cache[REQUESTERS];
    private final CacheLevel[] entryL1Level = new CacheLevel[REQUESTERS];
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
        this.memoryLatency = config.memoryLatency();
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
        for (Requester r : Requester.values()) {
            CacheLevel entry = switch (r) {
                case INSTRUCTION_FETCH -> CacheLevel.L1I;
                case DATA -> CacheLevel.L1D;
                case PAGE_WALK, PAGE_WALK_NESTED -> level;
            };
            entryDepth[r.ordinal()] = switch (entry) {
                case L1I, L1D -> 0;
                case L2 -> 1;
                case LLC -> 2;
                case MEMORY -> 3;
            };
            entryL1[r.ordinal()] = entry == CacheLevel.L1I ? l1i : l1d;
            entryL1Level[r.ordinal()] = entry == CacheLevel.L1I ? CacheLevel.L1I : CacheLevel.L1D;
        }
    }

    /** The level that supplied the last access. */
    public CacheLevel lastSource() {
        return lastSource;
    }

    /** Performs one access of one line and returns its latency in cycles. */
    public int access(long physicalAddress, Requester requester, boolean write) {
        int r = requester.ordinal();
        long line = physicalAddress >>> lineShift;
        int start = entryDepth[r];
        if (start != 0) {
            return descend(line, r, start, start, write);
        }
        // An L1 hit, the common case, in as little code as the JIT will inline into the caller.
        Cache first = entryL1[r];
        CacheLevel level = entryL1Level[r];
        int i = level.ordinal() * REQUESTERS + r; // CacheStats.index(level, requester)
        stats.accesses[i]++;
        if (first.access(line, write)) {
            stats.hits[i]++;
            setLastSource(level);
            return first.hitLatency();
        }
        return descend(line, r, 0, 1, write);
    }

    /**
     * Continues an access that entered at depth {@code start} (0 = L1, 1 = L2, 2 = LLC, 3 = memory)
     * from depth {@code from}: each level is counted and probed until one hits, the levels above it
     * down to the entry are filled, and the supplying level's latency is returned.
     */
    private int descend(long line, int r, int start, int from, boolean write) {
        Cache first = entryL1[r];
        for (int depth = from; depth < 3; depth++) {
            Cache cache = depth == 0 ? first : depth == 1 ? l2 : llc;
            CacheLevel level = depth == 0 ? entryL1Level[r] : depth == 1 ? CacheLevel.L2 : CacheLevel.LLC;
            int i = level.ordinal() * REQUESTERS + r;
            stats.accesses[i]++;
            // Only the entry level sees the store; lower levels supply a clean copy.
            if (cache.access(line, write && depth == start)) {
                stats.hits[i]++;
                fillAbove(line, start, depth, first, write);
                setLastSource(level);
                return cache.hitLatency();
            }
        }
        int m = CacheLevel.MEMORY.ordinal() * REQUESTERS + r;
        stats.accesses[m]++;
        stats.hits[m]++;
        fillAbove(line, start, 3, first, write);
        setLastSource(CacheLevel.MEMORY);
        return memoryLatency;
    }

    /** Stores only on change: a reference store costs a GC write barrier, and most accesses repeat the level. */
    private void setLastSource(CacheLevel level) {
        if (lastSource != level) {
            lastSource = level;
        }
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
