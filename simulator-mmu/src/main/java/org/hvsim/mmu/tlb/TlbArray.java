package org.hvsim.mmu.tlb;

import org.hvsim.mmu.cache.ReplacementPolicy;

/**
 * One set-associative TLB array. Entries are stored as parallel primitive arrays (no object per
 * entry) holding: the virtual page number at the entry's page size, the page size, the context tag
 * ({@link TranslationTag}), the EP4TA, the physical frame base, and the attributes: combined
 * paging rights ({@link org.hvsim.mmu.paging.AccessRights}), dirty, global, and the rights of
 * the nested (EPT/NPT) translation. A TLB holds rights, not decisions: the access check is redone
 * on every hit with current control bits (Intel SDM Vol. 3A 4.10.2.2).
 *
 * <p>An array may hold several page sizes (the Skylake STLB holds 4 KiB and 2 MiB pages); a lookup
 * names the size it probes and the set index is taken from the VPN at that size.
 */
public final class TlbArray {

    /** Attribute bits above the three {@link org.hvsim.mmu.paging.AccessRights} bits. */
    public static final int DIRTY = 1 << 3;
    public static final int GLOBAL = 1 << 4;
    /** Nested rights: readable, writable, executable (EPT bits 2:0 or the NPT equivalent). */
    public static final int NESTED_SHIFT = 5;
    public static final int NESTED_READ = 1 << NESTED_SHIFT;
    public static final int NESTED_WRITE = 2 << NESTED_SHIFT;
    public static final int NESTED_EXECUTE = 4 << NESTED_SHIFT;

    private final int ways;
    private final int setMask;
    private final long[] vpn;
    private final byte[] shift;
    private final long[] context;
    private final long[] ep4ta;
    private final long[] frame;
    private final int[] attrs;
    private final ReplacementPolicy policy;
    /** Way last touched in each set (-1: none yet), so a hit on it can skip the no-op touch. */
    private final int[] mru;
    /** Told about every change a memoised hit depends on; null for arrays nobody memoises. */
    private final TlbHitMemo memo;

    public TlbArray(TlbConfig config, long seed) {
        this(config, seed, null);
    }

    /** An array whose inserts, removals and MRU changes clear {@code memo} (the L1 TLB arrays). */
    public TlbArray(TlbConfig config, long seed, TlbHitMemo memo) {
        this.ways = config.ways();
        this.setMask = config.sets() - 1;
        int n = config.entries();
        this.vpn = new long[n];
        this.shift = new byte[n];
        this.context = new long[n];
        this.ep4ta = new long[n];
        this.frame = new long[n];
        this.attrs = new int[n];
        this.policy = config.replacement().create(config.sets(), ways, seed);
        this.mru = new int[config.sets()];
        this.memo = memo;
        java.util.Arrays.fill(vpn, -1L);
        java.util.Arrays.fill(mru, -1);
    }

    /**
     * Returns the index of the entry translating {@code la} at page size {@code 1 << pageShift}
     * for the given context, or -1. Global entries match any PCID.
     */
    public int lookup(long la, int pageShift, long tag, long entryEp4ta) {
        long v = la >>> pageShift;
        int set = (int) v & setMask;
        int base = set * ways;
        for (int i = base, end = base + ways; i < end; i++) {
            if (vpn[i] == v && shift[i] == pageShift && ep4ta[i] == entryEp4ta
                    && (context[i] == tag
                        || ((attrs[i] & GLOBAL) != 0
                            && TranslationTag.withoutPcid(context[i]) == TranslationTag.withoutPcid(tag)))) {
                touch(set, i - base);
                return i;
            }
        }
        return -1;
    }

    public long frame(int index) {
        return frame[index];
    }

    public int attrs(int index) {
        return attrs[index];
    }

    public int pageShift(int index) {
        return shift[index];
    }

    /** Installs a translation, replacing a stale entry with the same tags if there is one. */
    public void insert(long la, int pageShift, long tag, long entryEp4ta, long frameBase, int attributes) {
        long v = la >>> pageShift;
        int set = (int) v & setMask;
        int base = set * ways;
        int way = -1;
        for (int w = 0; w < ways; w++) {
            int i = base + w;
            if (vpn[i] == v && shift[i] == pageShift && context[i] == tag && ep4ta[i] == entryEp4ta) {
                way = w;
                break;
            }
        }
        if (way < 0) {
            for (int w = 0; w < ways; w++) {
                if (vpn[base + w] == -1L) {
                    way = w;
                    break;
                }
            }
        }
        if (way < 0) {
            way = policy.victim(set);
        }
        int i = base + way;
        vpn[i] = v;
        shift[i] = (byte) pageShift;
        context[i] = tag;
        ep4ta[i] = entryEp4ta;
        frame[i] = frameBase;
        attrs[i] = attributes;
        touchAlways(set, way);
        changed();
    }

    /**
     * Makes {@code way} the most recently used of {@code set}. Touching the way that is already MRU
     * leaves LRU, tree-PLRU and random state exactly as it is, so that call is skipped.
     */
    private void touch(int set, int way) {
        if (mru[set] != way) {
            touchAlways(set, way);
            changed();
        }
    }

    private void touchAlways(int set, int way) {
        mru[set] = way;
        policy.touch(set, way);
    }

    private void changed() {
        if (memo != null) {
            memo.clear();
        }
    }

    /** Removes every entry the scope selects; returns how many were removed. */
    public int invalidate(InvalidationScope scope) {
        int removed = 0;
        for (int i = 0; i < vpn.length; i++) {
            if (vpn[i] == -1L) {
                continue;
            }
            if (scope.hasAddress() && (scope.address() >>> shift[i]) != vpn[i]) {
                continue;
            }
            if (scope.matches(context[i], ep4ta[i], (attrs[i] & GLOBAL) != 0)) {
                vpn[i] = -1L;
                removed++;
            }
        }
        if (removed > 0) {
            changed();
        }
        return removed;
    }

    /** Number of valid entries (for tests and reports). */
    public int occupancy() {
        int n = 0;
        for (long v : vpn) {
            if (v != -1L) {
                n++;
            }
        }
        return n;
    }
}
