package org.hvsim.mmu.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CacheHierarchyTest {

    final CacheHierarchy h = new CacheHierarchy(CacheHierarchyConfig.skylake(), CacheLevel.L1D);
    /** 64 L1D sets * 64-byte lines: addresses this far apart share an L1D set. */
    static final long L1_SET_STRIDE = 4096;

    @Test
    void missThenHitLatencies() {
        assertThat(h.access(0x1000, Requester.DATA, false)).isEqualTo(246);
        assertThat(h.lastSource()).isEqualTo(CacheLevel.MEMORY);
        assertThat(h.access(0x1008, Requester.DATA, false)).isEqualTo(4); // same line
        assertThat(h.contains(CacheLevel.L2, 0x1000)).isTrue();
        assertThat(h.contains(CacheLevel.LLC, 0x1000)).isTrue();
        assertThat(h.contains(CacheLevel.L1I, 0x1000)).isFalse();
        assertThat(h.access(0x1000, Requester.INSTRUCTION_FETCH, false)).isEqualTo(12); // L1I miss, L2 hit
    }

    @Test
    void l1EvictionFallsBackToL2ThenDirtyLinesAreWrittenBack() {
        h.access(0, Requester.DATA, true); // dirty in L1D
        for (int i = 1; i <= 8; i++) {
            h.access(i * L1_SET_STRIDE, Requester.DATA, false); // 8 more lines in the same 8-way set
        }
        assertThat(h.contains(CacheLevel.L1D, 0)).isFalse();
        assertThat(h.stats().writebacksInto(CacheLevel.L2)).isEqualTo(1);
        assertThat(h.access(0, Requester.DATA, false)).isEqualTo(12);
        assertThat(h.lastSource()).isEqualTo(CacheLevel.L2);
    }

    @Test
    void statisticsPerLevelAndRequester() {
        h.access(0x2000, Requester.PAGE_WALK, false);
        h.access(0x2000, Requester.PAGE_WALK_NESTED, false);
        h.access(0x3000, Requester.INSTRUCTION_FETCH, false);
        CacheStats s = h.stats();
        assertThat(s.accesses(CacheLevel.L1D, Requester.PAGE_WALK)).isEqualTo(1);
        assertThat(s.misses(CacheLevel.L1D, Requester.PAGE_WALK)).isEqualTo(1);
        assertThat(s.hits(CacheLevel.L1D, Requester.PAGE_WALK_NESTED)).isEqualTo(1);
        assertThat(s.accesses(CacheLevel.L1I, Requester.INSTRUCTION_FETCH)).isEqualTo(1);
        assertThat(s.accesses(CacheLevel.MEMORY, Requester.INSTRUCTION_FETCH)).isEqualTo(1);
        assertThat(s.missRate(CacheLevel.L1D)).isEqualTo(0.5);
        CacheStats before = s.snapshot();
        h.access(0x2000, Requester.DATA, false);
        assertThat(s.minus(before).hits(CacheLevel.L1D, Requester.DATA)).isEqualTo(1);
    }

    @Test
    void walkerEntryLevelIsConfigurable() {
        h.setWalkerEntryLevel(CacheLevel.L2);
        h.access(0x4000, Requester.PAGE_WALK, false);
        assertThat(h.contains(CacheLevel.L1D, 0x4000)).isFalse();
        assertThat(h.access(0x4000, Requester.PAGE_WALK, false)).isEqualTo(12);
        h.setWalkerEntryLevel(CacheLevel.MEMORY);
        assertThat(h.access(0x4000, Requester.PAGE_WALK, false)).isEqualTo(246);
    }

    @Test
    void randomReplacementIsDeterministicForASeed() {
        CacheHierarchyConfig c = CacheHierarchyConfig.skylake();
        CacheHierarchyConfig random = new CacheHierarchyConfig(c.l1i(), c.l1d().withReplacement(ReplacementKind.RANDOM),
                c.l2().withReplacement(ReplacementKind.RANDOM), c.llc(), c.memoryLatency(), 42);
        long a = run(new CacheHierarchy(random, CacheLevel.L1D));
        long b = run(new CacheHierarchy(random, CacheLevel.L1D));
        assertThat(a).isEqualTo(b);
    }

    private static long run(CacheHierarchy hierarchy) {
        SplittableRandom addresses = new SplittableRandom(7);
        long total = 0;
        for (int i = 0; i < 20_000; i++) {
            total += hierarchy.access(addresses.nextLong(1 << 22) & ~63L, Requester.DATA, (i & 3) == 0);
        }
        return total;
    }
}
