package org.hvsim.mmu.walk;

import org.hvsim.mmu.tlb.TlbConfig;

/**
 * Sizes of the paging-structure caches of one dimension (Intel SDM Vol. 3A 4.10.3): one cache per
 * non-leaf level, each caching that level's entries by the address bits that select them (the
 * PDE cache is tagged by bits 47:21, the PDPTE cache by 47:30, the PML4E cache by 47:39, the PML5E
 * cache by 56:48) together with the address of the next table and the rights so far.
 *
 * @param pml5e         level-5 entries
 * @param pml4e         level-4 entries
 * @param pdpte         level-3 entries
 * @param pde           level-2 entries
 * @param lookupLatency cycles of one probe (all levels are probed in parallel), charged once per
 *                      dimension walk when any level is present
 */
public record PagingStructureCacheConfig(TlbConfig pml5e, TlbConfig pml4e, TlbConfig pdpte, TlbConfig pde,
                                         int lookupLatency) {

    public static final PagingStructureCacheConfig NONE =
            new PagingStructureCacheConfig(TlbConfig.ABSENT, TlbConfig.ABSENT, TlbConfig.ABSENT, TlbConfig.ABSENT, 0);

    /**
     * Intel-style caches for the guest (or native) dimension. Intel documents the organisation
     * but not the sizes; the sizes are an ASSUMPTION in the range of the smallest Skylake TLB
     * arrays (2 PML5E, 4 PML4E, 16 PDPTE 4-way, 32 PDE 4-way). The 2-cycle probe is the PWC latency
     * Bhargava et al. (ASPLOS 2008) modelled.
     */
    public static PagingStructureCacheConfig intelLike() {
        return new PagingStructureCacheConfig(TlbConfig.fullyAssociative(2), TlbConfig.fullyAssociative(4),
                TlbConfig.of(16, 4), TlbConfig.of(32, 4), 2);
    }

    /**
     * The nested half of Bhargava et al.'s 2D page-walk cache (ASPLOS 2008: 24 entries, fully
     * associative, LRU, 2 cycles). Their cache is unified over levels; here the 24 entries are
     * split 8/8/8 over the PML4E, PDPTE and PDE levels (ASSUMPTION, to reuse the per-level
     * structure), plus 8 for PML5E in 5-level nested tables.
     */
    public static PagingStructureCacheConfig bhargava2d() {
        return new PagingStructureCacheConfig(TlbConfig.fullyAssociative(8), TlbConfig.fullyAssociative(8),
                TlbConfig.fullyAssociative(8), TlbConfig.fullyAssociative(8), 2);
    }

    public boolean present() {
        return pml5e.present() || pml4e.present() || pdpte.present() || pde.present();
    }

    /** Config of the cache for entries of {@code level} (2..5). */
    public TlbConfig level(int level) {
        return switch (level) {
            case 2 -> pde;
            case 3 -> pdpte;
            case 4 -> pml4e;
            case 5 -> pml5e;
            default -> throw new IllegalArgumentException("no paging-structure cache for level " + level);
        };
    }
}
