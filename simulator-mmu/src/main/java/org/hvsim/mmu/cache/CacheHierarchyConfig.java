package org.hvsim.mmu.cache;

/**
 * The cache hierarchy of one core: split L1, unified L2, a last-level cache and DRAM.
 *
 * @param l1i           level-1 instruction cache
 * @param l1d           level-1 data cache
 * @param l2            unified level-2 cache
 * @param llc           last-level cache (the core's share of the L3, modelled as private)
 * @param memoryLatency load-to-use latency in core cycles of an access that misses every level
 * @param seed          seed for RANDOM replacement (each level derives its own stream)
 */
public record CacheHierarchyConfig(CacheConfig l1i, CacheConfig l1d, CacheConfig l2, CacheConfig llc,
                                   int memoryLatency, long seed) {

    public CacheHierarchyConfig {
        // One line size for all levels keeps a line address meaningful across levels.
        if (l1i.lineBytes() != l1d.lineBytes() || l1d.lineBytes() != l2.lineBytes()
                || l2.lineBytes() != llc.lineBytes()) {
            throw new IllegalArgumentException("all levels must share one line size");
        }
        if (memoryLatency < 0) {
            throw new IllegalArgumentException("negative memory latency");
        }
    }

    /** Line size of every Skylake cache (Intel optimization manual, Skylake cache parameters). */
    public static final int LINE = 64;

    /**
     * Skylake client (Core i7-6700, 4.0 GHz), the default of hvsim.
     * <ul>
     * <li>L1I 32 KiB 8-way: Intel 64 and IA-32 Architectures Optimization Reference Manual,
     *     Skylake microarchitecture cache table. Latency 4 cycles is an ASSUMPTION (the manual and
     *     7-cpu.com do not give an L1I load-to-use figure; we use the L1D array's latency).</li>
     * <li>L1D 32 KiB 8-way, 4 cycles: same table; 7-cpu.com/cpu/Skylake.html "L1 Data Cache
     *     Latency = 4 cycles for simple access via pointer".</li>
     * <li>L2 256 KiB 4-way, 12 cycles: same table; 7-cpu.com "L2 Cache Latency = 12 cycles".</li>
     * <li>LLC 8 MiB 16-way, 42 cycles: i7-6700 L3; 7-cpu.com "L3 Cache Latency = 42 cycles".</li>
     * <li>DRAM 246 cycles: 7-cpu.com "RAM Latency = 42 cycles + 51 ns"; at 4.0 GHz 51 ns = 204
     *     cycles, 42 + 204 = 246.</li>
     * <li>Replacement: tree-PLRU everywhere is an ASSUMPTION (Intel does not document its
     *     policies; PLRU is the textbook approximation of what L1/L2 use).</li>
     * </ul>
     */
    public static CacheHierarchyConfig skylake() {
        return new CacheHierarchyConfig(
                new CacheConfig(32 * 1024, 8, LINE, 4, ReplacementKind.TREE_PLRU),
                new CacheConfig(32 * 1024, 8, LINE, 4, ReplacementKind.TREE_PLRU),
                new CacheConfig(256 * 1024, 4, LINE, 12, ReplacementKind.TREE_PLRU),
                new CacheConfig(8 * 1024 * 1024, 16, LINE, 42, ReplacementKind.TREE_PLRU),
                246, 0x5EED_CAC4EL);
    }

    public CacheHierarchyConfig withMemoryLatency(int cycles) {
        return new CacheHierarchyConfig(l1i, l1d, l2, llc, cycles, seed);
    }

    public CacheConfig level(CacheLevel level) {
        return switch (level) {
            case L1I -> l1i;
            case L1D -> l1d;
            case L2 -> l2;
            case LLC -> llc;
            case MEMORY -> throw new IllegalArgumentException("memory is not a cache");
        };
    }
}
