package org.hvsim.mmu.walk;

import org.hvsim.mmu.paging.LinearAddress;
import org.hvsim.mmu.tlb.InvalidationScope;
import org.hvsim.mmu.tlb.TlbArray;

/**
 * Paging-structure caches of one dimension, one {@link TlbArray} per level: the "page number" of
 * a level-L entry is the address shifted right by the level's shift, its "frame" the physical
 * address of the next table, and its attributes the rights combined down to level L (low bits)
 * and the nested rights of the next table's page (for combined guest entries under EPT/NPT).
 * Entries are tagged like TLB entries so the same invalidation scopes apply; they are never global
 * (SDM Vol. 3A 4.10.3.1: PSC entries are associated with a PCID).
 */
public final class PagingStructureCache {

    private final PagingStructureCacheConfig config;
    private final TlbArray[] byLevel = new TlbArray[6];
    private long hitNextTable;
    private int hitAttrs;

    public PagingStructureCache(PagingStructureCacheConfig config, long seed) {
        this.config = config;
        for (int level = 2; level <= 5; level++) {
            if (config.level(level).present()) {
                byLevel[level] = new TlbArray(config.level(level), seed + level);
            }
        }
    }

    public PagingStructureCacheConfig config() {
        return config;
    }

    public boolean present() {
        return config.present();
    }

    /**
     * Finds the lowest level (2 upward, up to {@code topLevel}) holding an entry for
     * {@code address}; returns that level, or 0 on a miss. On a hit {@link #hitNextTable()} and
     * {@link #hitAttrs()} describe it.
     */
    public int lookup(long address, int topLevel, long tag, long ep4ta) {
        for (int level = 2; level <= topLevel; level++) {
            TlbArray a = byLevel[level];
            if (a == null) {
                continue;
            }
            int i = a.lookup(address, LinearAddress.levelShift(level), tag, ep4ta);
            if (i >= 0) {
                hitNextTable = a.frame(i);
                hitAttrs = a.attrs(i);
                return level;
            }
        }
        return 0;
    }

    public long hitNextTable() {
        return hitNextTable;
    }

    public int hitAttrs() {
        return hitAttrs;
    }

    /** Caches the level-{@code level} entry used for {@code address}. */
    public void insert(int level, long address, long tag, long ep4ta, long nextTable, int attrs) {
        TlbArray a = byLevel[level];
        if (a != null) {
            a.insert(address, LinearAddress.levelShift(level), tag, ep4ta, nextTable, attrs & ~TlbArray.GLOBAL);
        }
    }

    /**
     * Applies an invalidation. The address of the scope is ignored on purpose: INVLPG and
     * individual-address INVPCID/INVVPID may (and INVLPG must) drop paging-structure-cache entries
     * for the whole context (SDM Vol. 3A 4.10.4.1), and over-invalidation is always permitted.
     */
    public int invalidate(InvalidationScope scope) {
        InvalidationScope wide = scope.hasAddress()
                ? new InvalidationScope(false, 0L, scope.pcid(), scope.vpid(), scope.ep4ta(), scope.combinedOnly(), false)
                : scope;
        int n = 0;
        for (TlbArray a : byLevel) {
            if (a != null) {
                n += a.invalidate(wide);
            }
        }
        return n;
    }

    public int occupancy() {
        int n = 0;
        for (TlbArray a : byLevel) {
            if (a != null) {
                n += a.occupancy();
            }
        }
        return n;
    }
}
