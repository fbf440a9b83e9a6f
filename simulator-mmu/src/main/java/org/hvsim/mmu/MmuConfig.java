package org.hvsim.mmu;

import org.hvsim.mmu.cache.CacheHierarchyConfig;
import org.hvsim.mmu.cache.CacheLevel;
import org.hvsim.mmu.tlb.TlbConfig;
import org.hvsim.mmu.tlb.TlbHierarchyConfig;
import org.hvsim.mmu.walk.PagingStructureCacheConfig;

/**
 * Every parameter of the memory system, in one immutable record (docs/mmu.md lists them with
 * defaults, units and sources). Start from {@link #skylake()} and override with the withers.
 *
 * @param caches                 cache hierarchy and DRAM latency
 * @param tlbs                   L1 ITLB/DTLB and STLB
 * @param psc                    paging-structure caches of the guest (or native) dimension
 * @param nestedPwc              paging-structure caches of the nested dimension (Bhargava's 2D PWC, nested half)
 * @param nestedTlb              nested TLB: guest-physical -> host-physical (Bhargava et al.)
 * @param nestedTlbLatency       cycles per nested-TLB probe
 * @param walkerEntryLevel       cache level where page-walk references enter (L1D, L2, LLC or MEMORY)
 * @param maxPhysicalAddressBits MAXPHYADDR (CPUID.80000008H:EAX[7:0]); bits above are reserved in entries
 * @param eptExecuteOnly         EPT execute-only translations supported (IA32_VMX_EPT_VPID_CAP bit 0)
 * @param seed                   seed for every random replacement policy
 */
public record MmuConfig(CacheHierarchyConfig caches, TlbHierarchyConfig tlbs, PagingStructureCacheConfig psc,
                        PagingStructureCacheConfig nestedPwc, TlbConfig nestedTlb, int nestedTlbLatency,
                        CacheLevel walkerEntryLevel, int maxPhysicalAddressBits, boolean eptExecuteOnly, long seed) {

    public MmuConfig {
        if (maxPhysicalAddressBits < 32 || maxPhysicalAddressBits > PhysicalMemory.MAX_PHYSICAL_ADDRESS_BITS) {
            throw new IllegalArgumentException("MAXPHYADDR out of range: " + maxPhysicalAddressBits);
        }
        if (walkerEntryLevel == CacheLevel.L1I) {
            throw new IllegalArgumentException("page walks cannot enter at L1I");
        }
    }

    /**
     * Skylake client defaults. MAXPHYADDR 39 is what CPUID.80000008H reports on Skylake client
     * parts (Core i7-6700). Execute-only EPT is supported from Nehalem on (IA32_VMX_EPT_VPID_CAP
     * bit 0). Walks enter at L1D (see {@link org.hvsim.mmu.cache.CacheHierarchy#setWalkerEntryLevel}).
     * No nested accelerators: they are the optional Bhargava structures, see {@link #withBhargava2d()}.
     */
    public static MmuConfig skylake() {
        return new MmuConfig(CacheHierarchyConfig.skylake(), TlbHierarchyConfig.skylake(),
                PagingStructureCacheConfig.intelLike(), PagingStructureCacheConfig.NONE, TlbConfig.ABSENT, 2,
                CacheLevel.L1D, 39, true, 0x4856_5349_4DL);
    }

    /**
     * Adds Bhargava et al.'s accelerators (ASPLOS 2008): nested half of the 2D page-walk cache
     * (24 entries, 2 cycles) and a 16-entry fully associative nested TLB probed in 2 cycles.
     */
    public MmuConfig withBhargava2d() {
        return withNestedPwc(PagingStructureCacheConfig.bhargava2d()).withNestedTlb(TlbConfig.fullyAssociative(16), 2);
    }

    public MmuConfig withCaches(CacheHierarchyConfig c) {
        return new MmuConfig(c, tlbs, psc, nestedPwc, nestedTlb, nestedTlbLatency, walkerEntryLevel,
                maxPhysicalAddressBits, eptExecuteOnly, seed);
    }

    public MmuConfig withTlbs(TlbHierarchyConfig t) {
        return new MmuConfig(caches, t, psc, nestedPwc, nestedTlb, nestedTlbLatency, walkerEntryLevel,
                maxPhysicalAddressBits, eptExecuteOnly, seed);
    }

    public MmuConfig withPsc(PagingStructureCacheConfig p) {
        return new MmuConfig(caches, tlbs, p, nestedPwc, nestedTlb, nestedTlbLatency, walkerEntryLevel,
                maxPhysicalAddressBits, eptExecuteOnly, seed);
    }

    public MmuConfig withNestedPwc(PagingStructureCacheConfig p) {
        return new MmuConfig(caches, tlbs, psc, p, nestedTlb, nestedTlbLatency, walkerEntryLevel,
                maxPhysicalAddressBits, eptExecuteOnly, seed);
    }

    public MmuConfig withNestedTlb(TlbConfig t, int latency) {
        return new MmuConfig(caches, tlbs, psc, nestedPwc, t, latency, walkerEntryLevel,
                maxPhysicalAddressBits, eptExecuteOnly, seed);
    }

    public MmuConfig withWalkerEntryLevel(CacheLevel level) {
        return new MmuConfig(caches, tlbs, psc, nestedPwc, nestedTlb, nestedTlbLatency, level,
                maxPhysicalAddressBits, eptExecuteOnly, seed);
    }

    public MmuConfig withMaxPhysicalAddressBits(int bits) {
        return new MmuConfig(caches, tlbs, psc, nestedPwc, nestedTlb, nestedTlbLatency, walkerEntryLevel,
                bits, eptExecuteOnly, seed);
    }

    public MmuConfig withEptExecuteOnly(boolean supported) {
        return new MmuConfig(caches, tlbs, psc, nestedPwc, nestedTlb, nestedTlbLatency, walkerEntryLevel,
                maxPhysicalAddressBits, supported, seed);
    }

    public MmuConfig withSeed(long s) {
        return new MmuConfig(caches, tlbs, psc, nestedPwc, nestedTlb, nestedTlbLatency, walkerEntryLevel,
                maxPhysicalAddressBits, eptExecuteOnly, s);
    }
}
