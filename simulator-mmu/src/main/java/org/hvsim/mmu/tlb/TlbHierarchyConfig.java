package org.hvsim.mmu.tlb;

/**
 * The TLBs of one core: split first-level instruction and data TLBs with one array per page size
 * (as Intel parts have), a unified second-level TLB (STLB) for 4 KiB and 2 MiB pages, and a
 * separate STLB array for 1 GiB pages.
 *
 * @param itlb4k          L1 ITLB, 4 KiB pages
 * @param itlb2m          L1 ITLB, 2 MiB pages
 * @param itlb1g          L1 ITLB, 1 GiB pages (absent on Skylake: 1 GiB code pages are served by the STLB)
 * @param dtlb4k          L1 DTLB, 4 KiB pages
 * @param dtlb2m          L1 DTLB, 2 MiB pages
 * @param dtlb1g          L1 DTLB, 1 GiB pages
 * @param stlb            STLB shared by 4 KiB and 2 MiB pages (and by instructions and data)
 * @param stlb1g          STLB for 1 GiB pages
 * @param l1HitLatency    extra cycles of an L1 TLB hit (0: overlapped with the L1 cache lookup,
 *                        which is what the 4-cycle L1D latency already includes)
 * @param stlbHitLatency  extra cycles of an L1 TLB miss that hits the STLB; also charged before a
 *                        page walk starts (the miss is known only after the STLB lookup)
 */
public record TlbHierarchyConfig(TlbConfig itlb4k, TlbConfig itlb2m, TlbConfig itlb1g,
                                 TlbConfig dtlb4k, TlbConfig dtlb2m, TlbConfig dtlb1g,
                                 TlbConfig stlb, TlbConfig stlb1g, int l1HitLatency, int stlbHitLatency) {

    /**
     * Skylake client. Sizes from the Intel 64 and IA-32 Architectures Optimization Reference
     * Manual (Skylake microarchitecture, TLB parameters table) and 7-cpu.com/cpu/Skylake.html:
     * ITLB 128 entries 8-way (4 KiB) and 8 fully associative (2 MiB); DTLB 64 4-way (4 KiB),
     * 32 4-way (2 MiB), 4 fully associative (1 GiB); STLB 1536 12-way shared by 4 KiB and 2 MiB,
     * 16 4-way for 1 GiB. The STLB hit penalty of 9 cycles is 7-cpu.com's Skylake measurement of
     * an L1 DTLB miss that hits the STLB. LRU replacement is an ASSUMPTION (undocumented).
     */
    public static TlbHierarchyConfig skylake() {
        return new TlbHierarchyConfig(
                TlbConfig.of(128, 8), TlbConfig.fullyAssociative(8), TlbConfig.ABSENT,
                TlbConfig.of(64, 4), TlbConfig.of(32, 4), TlbConfig.fullyAssociative(4),
                TlbConfig.of(1536, 12), TlbConfig.of(16, 4), 0, 9);
    }

    /** No TLBs at all: every translation walks (for reference-count experiments). */
    public static TlbHierarchyConfig none(int stlbHitLatency) {
        return new TlbHierarchyConfig(TlbConfig.ABSENT, TlbConfig.ABSENT, TlbConfig.ABSENT, TlbConfig.ABSENT,
                TlbConfig.ABSENT, TlbConfig.ABSENT, TlbConfig.ABSENT, TlbConfig.ABSENT, 0, stlbHitLatency);
    }
}
