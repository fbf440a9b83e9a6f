package org.hvsim.mmu.cache;

/**
 * One set-associative, write-back, write-allocate cache level. Holds tags and dirty bits only
 * (data lives in {@link org.hvsim.mmu.PhysicalMemory}); timing is applied by
 * {@link CacheHierarchy}. Tags are line addresses; -1 marks an invalid way.
 */
public final class Cache {

    /** Returned by {@link #fill} when no dirty line was evicted. */
    public static final long NO_WRITEBACK = -1L;

    private final CacheConfig config;
    private final int ways;
    private final int setMask;
    private final int lineShift;
    private final long[] tags;
    private final boolean[] dirty;
    private final ReplacementPolicy policy;
    /** Way last touched in each set (-1: none), probed first and never re-touched. */
    private final int[] mru;
    private final int hitLatency;

    public Cache(CacheConfig config, long seed) {
        this.config = config;
        this.ways = config.ways();
        this.setMask = config.sets() - 1;
        this.lineShift = Integer.numberOfTrailingZeros(config.lineBytes());
        this.tags = new long[config.sets() * ways];
        this.dirty = new boolean[tags.length];
        this.policy = config.replacement().create(config.sets(), ways, seed);
        this.mru = new int[config.sets()];
        this.hitLatency = config.hitLatency();
        java.util.Arrays.fill(tags, -1L);
        java.util.Arrays.fill(mru, -1);
    }

    public CacheConfig config() {
        return config;
    }

    /** {@link CacheConfig#hitLatency()}, kept in a field for the access path. */
    public int hitLatency() {
        return hitLatency;
    }

    public long lineOf(long physicalAddress) {
        return physicalAddress >>> lineShift;
    }

    /** Looks up a line; on a hit updates replacement state and, for writes, the dirty bit. */
    public boolean access(long line, boolean write) {
        int set = (int) line & setMask;
        int base = set * ways;
        // A line is in at most one way of its set (fills follow misses), so a match on the MRU way
        // is the hit; touching the MRU way again would leave the policy state unchanged.
        int m = mru[set];
        if (m >= 0 && tags[base + m] == line) {
            if (write) {
                dirty[base + m] = true;
            }
            return true;
        }
        for (int w = 0; w < ways; w++) {
            if (tags[base + w] == line) {
                touch(set, w);
                if (write) {
                    dirty[base + w] = true;
                }
                return true;
            }
        }
        return false;
    }

    private void touch(int set, int way) {
        mru[set] = way;
        policy.touch(set, way);
    }

    /** True if the line is present; does not disturb replacement state (for tests and probes). */
    public boolean contains(long line) {
        int base = ((int) line & setMask) * ways;
        for (int w = 0; w < ways; w++) {
            if (tags[base + w] == line) {
                return true;
            }
        }
        return false;
    }

    /**
     * Installs a line (after a miss). Returns the line address of an evicted dirty line that must be
     * written back to the next level, or {@link #NO_WRITEBACK}.
     */
    public long fill(long line, boolean markDirty) {
        int set = (int) line & setMask;
        int base = set * ways;
        int way = -1;
        for (int w = 0; w < ways; w++) {
            if (tags[base + w] == -1L) {
                way = w;
                break;
            }
        }
        if (way < 0) {
            way = policy.victim(set);
        }
        int i = base + way;
        long writeback = tags[i] != -1L && dirty[i] ? tags[i] : NO_WRITEBACK;
        tags[i] = line;
        dirty[i] = markDirty;
        touch(set, way);
        return writeback;
    }

    /** Invalidates everything (no write-backs are modelled for a flush). */
    public void invalidateAll() {
        java.util.Arrays.fill(tags, -1L);
        java.util.Arrays.fill(dirty, false);
    }
}
