package org.hvsim.core.cpu;

import org.hvsim.core.cpu.Microarchitecture.Cache;
import org.hvsim.core.cpu.Microarchitecture.Memory;
import org.hvsim.core.cpu.Microarchitecture.PageSize;
import org.hvsim.core.cpu.Microarchitecture.PagingStructureCaches;
import org.hvsim.core.cpu.Microarchitecture.Tlb;
import org.hvsim.core.cpu.Microarchitecture.Tlbs;
import org.hvsim.mmu.MmuConfig;
import org.hvsim.mmu.cache.CacheConfig;
import org.hvsim.mmu.cache.CacheHierarchyConfig;
import org.hvsim.mmu.cache.CacheLevel;
import org.hvsim.mmu.cache.ReplacementKind;
import org.hvsim.mmu.tlb.TlbConfig;
import org.hvsim.mmu.tlb.TlbHierarchyConfig;
import org.hvsim.mmu.walk.PagingStructureCacheConfig;

/**
 * Builds the memory-system configuration of simulator-mmu from a CPU preset, so that a run with
 * {@code --cpu X} uses X's caches, TLBs and paging-structure caches.
 *
 * <p>Everything the preset states is carried over as it is, except where the MMU model cannot
 * express it (docs/cpu-presets.md, "From a preset to the MMU"):
 * <ul>
 * <li>Cache sizes and set counts must be powers of two in the MMU. A level that is not (Sapphire
 *     Rapids' 48 KiB 12-way L1D, Penryn's 6 MiB 24-way L2, Westmere's 12 MiB L3) is rounded
 *     <em>down</em> to a power-of-two size, keeping the number of sets when it is a power of two
 *     (fewer ways) and otherwise keeping the largest power-of-two associativity.</li>
 * <li>A part without an LLC (Prescott, Core 2) gets a one-line placeholder LLC with the L2's
 *     latency, so the hierarchy behaves as two levels.</li>
 * <li>DRAM: {@code llc latency + dram_latency_ns} converted at the preset frequency.</li>
 * <li>TLB arrays whose set count is not a power of two are rounded down to one that is. An STLB
 *     that holds 1 GiB pages without a separate 1 GiB array lends its geometry to the MMU's 1 GiB
 *     STLB array. The MMU's STLB holds 4 KiB and 2 MiB pages whatever the preset's STLB holds.</li>
 * <li>Replacement is tree-PLRU for caches and LRU for TLBs (the MMU defaults; undocumented by the
 *     vendors). No nested accelerators (Bhargava et al.'s are options of MmuConfig); walks enter
 *     at the L1D; the seeds are those of {@link MmuConfig#skylake()}.</li>
 * </ul>
 */
public final class PresetMmuConfig {
    /** Seed of {@link CacheHierarchyConfig#skylake()}, reused so the skylake preset reproduces it. */
    static final long CACHE_SEED = 0x5EED_CAC4EL;

    private PresetMmuConfig() {
    }

    /** The MMU configuration of {@code cpu}'s caches and TLBs at its nominal frequency. */
    public static MmuConfig of(CpuModel cpu) {
        Memory m = cpu.microarchitecture().memory();
        CacheConfig l2 = cache(m.l2());
        CacheConfig llc = m.llc().present() ? cache(m.llc())
                : new CacheConfig(m.l2().lineBytes(), 1, m.l2().lineBytes(), m.l2().latency(), ReplacementKind.TREE_PLRU);
        CacheHierarchyConfig caches = new CacheHierarchyConfig(cache(m.l1i()), cache(m.l1d()), l2, llc,
                m.dramLatencyCycles(cpu.frequencyHz()), CACHE_SEED);
        Tlbs t = m.tlbs();
        TlbConfig stlb1g = t.stlb1g().present() || !t.stlbPageSizes().contains(PageSize.SIZE_1G)
                ? tlb(t.stlb1g()) : tlb(t.stlb());
        TlbHierarchyConfig tlbs = new TlbHierarchyConfig(tlb(t.itlb4k()), tlb(t.itlb2m()), tlb(t.itlb1g()),
                tlb(t.dtlb4k()), tlb(t.dtlb2m()), tlb(t.dtlb1g()), tlb(t.stlb()), stlb1g, 0, t.stlbHitLatency());
        PagingStructureCaches p = m.psc();
        PagingStructureCacheConfig psc = new PagingStructureCacheConfig(tlb(p.pml5e()), tlb(p.pml4e()),
                tlb(p.pdpte()), tlb(p.pde()), p.latency());
        MmuConfig base = MmuConfig.skylake();
        return new MmuConfig(caches, tlbs, psc, PagingStructureCacheConfig.NONE, TlbConfig.ABSENT,
                base.nestedTlbLatency(), CacheLevel.L1D, m.maxPhysicalAddressBits(), m.eptExecuteOnly(), base.seed());
    }

    /** The preset's level, rounded to a power-of-two size and set count if it is not one. */
    static CacheConfig cache(Cache c) {
        long lines = c.sizeBytes() / c.lineBytes();
        long realSets = c.sets();
        if (Long.bitCount(c.sizeBytes()) == 1 && Long.bitCount(realSets) == 1 && realSets * c.ways() == lines) {
            return new CacheConfig((int) c.sizeBytes(), c.ways(), c.lineBytes(), c.latency(), ReplacementKind.TREE_PLRU);
        }
        long size = Long.highestOneBit(c.sizeBytes());
        long newLines = size / c.lineBytes();
        long ways;
        if (Long.bitCount(realSets) == 1 && realSets <= newLines) {
            ways = newLines / realSets;
        } else {
            ways = Math.min(Long.highestOneBit(c.ways()), newLines);
        }
        return new CacheConfig((int) size, (int) ways, c.lineBytes(), c.latency(), ReplacementKind.TREE_PLRU);
    }

    /** The preset's array as an LRU TlbConfig, its set count rounded down to a power of two. */
    static TlbConfig tlb(Tlb t) {
        if (!t.present()) {
            return TlbConfig.ABSENT;
        }
        int sets = t.entries() / t.ways();
        int pow = Integer.highestOneBit(sets);
        return TlbConfig.of(pow * t.ways(), t.ways());
    }
}
