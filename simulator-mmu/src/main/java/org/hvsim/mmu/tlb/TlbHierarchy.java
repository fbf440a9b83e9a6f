package org.hvsim.mmu.tlb;

import org.hvsim.mmu.AccessKind;

/**
 * L1 ITLB/DTLB (one array per page size) and the STLB. A lookup probes the L1 arrays of the access
 * kind for every page size (hardware probes them in parallel), then the STLB; an STLB hit is
 * copied into the L1 array for its size. After a walk the translation is installed in both levels
 * (ASSUMPTION: Intel does not document STLB inclusion; fill-both is the common model).
 */
public final class TlbHierarchy {

    /** Lookup outcome. */
    public static final int MISS = 0;
    public static final int L1_HIT = 1;
    public static final int STLB_HIT = 2;

    private static final int[] SHIFTS = {12, 21, 30};

    private final TlbHierarchyConfig config;
    private final TlbArray[] itlb = new TlbArray[3];
    private final TlbArray[] dtlb = new TlbArray[3];
    private final TlbArray stlb;
    private final TlbArray stlb1g;
    /** Memo of L1 hits, cleared by every change of the L1 arrays (the STLB is never probed on an L1 hit). */
    private final TlbHitMemo memo = new TlbHitMemo();
    private TlbArray hitArray;
    private int hitIndex;

    public TlbHierarchy(TlbHierarchyConfig config, long seed) {
        this.config = config;
        itlb[0] = array(config.itlb4k(), seed, memo);
        itlb[1] = array(config.itlb2m(), seed + 1, memo);
        itlb[2] = array(config.itlb1g(), seed + 2, memo);
        dtlb[0] = array(config.dtlb4k(), seed + 3, memo);
        dtlb[1] = array(config.dtlb2m(), seed + 4, memo);
        dtlb[2] = array(config.dtlb1g(), seed + 5, memo);
        stlb = array(config.stlb(), seed + 6, null);
        stlb1g = array(config.stlb1g(), seed + 7, null);
    }

    private static TlbArray array(TlbConfig c, long seed, TlbHitMemo memo) {
        return c.present() ? new TlbArray(c, seed, memo) : null;
    }

    /**
     * The memo of L1 hits (see {@link TlbHitMemo}). The caller fills it after an {@link #L1_HIT}
     * and clears it on every context change; this hierarchy clears it on every L1 change.
     */
    public TlbHitMemo memo() {
        return memo;
    }

    public TlbHierarchyConfig config() {
        return config;
    }

    /**
     * Looks up a translation. On a hit, {@link #hitArray()} / {@link #hitIndex()} locate the entry
     * (always an L1 entry when the L1 has an array for that page size).
     */
    public int lookup(long la, AccessKind kind, long tag, long ep4ta) {
        TlbArray[] l1 = kind == AccessKind.EXECUTE ? itlb : dtlb;
        for (int s = 0; s < 3; s++) {
            TlbArray a = l1[s];
            if (a != null) {
                int i = a.lookup(la, SHIFTS[s], tag, ep4ta);
                if (i >= 0) {
                    hitArray = a;
                    hitIndex = i;
                    return L1_HIT;
                }
            }
        }
        for (int s = 0; s < 3; s++) {
            TlbArray a = s == 2 ? stlb1g : stlb;
            if (a == null) {
                continue;
            }
            int i = a.lookup(la, SHIFTS[s], tag, ep4ta);
            if (i >= 0) {
                TlbArray target = l1[s];
                if (target != null) {
                    target.insert(la, SHIFTS[s], tag, ep4ta, a.frame(i), a.attrs(i));
                    hitIndex = target.lookup(la, SHIFTS[s], tag, ep4ta);
                    hitArray = target;
                } else {
                    hitArray = a;
                    hitIndex = i;
                }
                return STLB_HIT;
            }
        }
        return MISS;
    }

    public TlbArray hitArray() {
        return hitArray;
    }

    public int hitIndex() {
        return hitIndex;
    }

    /** Installs a walked translation into the L1 array of its size and into the STLB. */
    public void insert(long la, AccessKind kind, int pageShift, long tag, long ep4ta, long frame, int attrs) {
        int s = (pageShift - 12) / 9;
        TlbArray l1 = (kind == AccessKind.EXECUTE ? itlb : dtlb)[s];
        if (l1 != null) {
            l1.insert(la, pageShift, tag, ep4ta, frame, attrs);
        }
        TlbArray second = s == 2 ? stlb1g : stlb;
        if (second != null) {
            second.insert(la, pageShift, tag, ep4ta, frame, attrs);
        }
    }

    /** Applies an invalidation to every array; returns the number of entries removed. */
    public int invalidate(InvalidationScope scope) {
        int n = 0;
        for (int s = 0; s < 3; s++) {
            n += invalidate(itlb[s], scope) + invalidate(dtlb[s], scope);
        }
        return n + invalidate(stlb, scope) + invalidate(stlb1g, scope);
    }

    private static int invalidate(TlbArray a, InvalidationScope scope) {
        return a == null ? 0 : a.invalidate(scope);
    }

    /** Valid entries over all arrays. */
    public int occupancy() {
        int n = 0;
        for (int s = 0; s < 3; s++) {
            n += itlb[s] == null ? 0 : itlb[s].occupancy();
            n += dtlb[s] == null ? 0 : dtlb[s].occupancy();
        }
        return n + (stlb == null ? 0 : stlb.occupancy()) + (stlb1g == null ? 0 : stlb1g.occupancy());
    }
}
