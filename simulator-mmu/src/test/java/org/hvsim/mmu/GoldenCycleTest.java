package org.hvsim.mmu;

import static org.assertj.core.api.Assertions.assertThat;

import org.hvsim.mmu.cache.CacheLevel;
import org.hvsim.mmu.paging.X86Pte;
import org.hvsim.mmu.walk.NestedMode;
import org.junit.jupiter.api.Test;

/**
 * Golden cycle counts computed by hand from the Skylake defaults: L1D 4, L2 12, LLC 42, DRAM 246
 * cycles; STLB hit/miss detection 9 cycles; paging-structure-cache probe 2 cycles.
 */
class GoldenCycleTest {

    static final long LA = 0x0000_7F12_3456_0000L; // PTE index 0x160: its neighbour shares the 64-byte line
    final TranslationResult r = new TranslationResult();

    @Test
    void coldNativeWalk() {
        Mmu mmu = Machine.nativeMachine(4).map(LA, Machine.DATA_GPA, 12).start(Machine.skylake());
        mmu.translate(LA, AccessKind.READ, Privilege.USER, false, r);
        // 9 (STLB lookup finds the miss) + 2 (PSC probe, miss)
        // + 4 references, each a different line in a cold hierarchy: 4 * 246 = 984
        // = 995
        assertThat(r.latency()).isEqualTo(9 + 2 + 4 * 246).isEqualTo(995);
        assertThat(mmu.lastWalk().cycles()).isEqualTo(986);
        assertThat(mmu.lastWalk().nestedCycles()).isZero();
    }

    @Test
    void coldNativeWalkSettingAccessedFlags() {
        Machine m = Machine.nativeMachine(4).map(LA, Machine.DATA_GPA, 12);
        for (int level = 1; level <= 4; level++) {
            m.guest.modify(LA, level, e -> e & ~X86Pte.A);
        }
        Mmu mmu = m.start(Machine.skylake());
        mmu.translate(LA, AccessKind.READ, Privilege.USER, false, r);
        // 995 as above + 4 locked A-flag writes, each to a line the walk just brought into L1D: 4 * 4
        assertThat(r.latency()).isEqualTo(995 + 4 * 4).isEqualTo(1011);
    }

    @Test
    void walkWithWarmPagingStructureCache() {
        Mmu mmu = Machine.nativeMachine(4).map(LA, Machine.DATA_GPA, 12).map(LA + 0x1000, Machine.DATA_GPA + 0x1000, 12)
                .start(Machine.skylake());
        mmu.translate(LA, AccessKind.READ, Privilege.USER, false, r);
        mmu.translate(LA + 0x1000, AccessKind.READ, Privilege.USER, false, r);
        // 9 (STLB miss) + 2 (PSC probe: PDE-cache hit gives the page table) + 1 reference: the
        // neighbouring PTE shares the 64-byte line just read, an L1D hit: 4
        assertThat(r.latency()).isEqualTo(9 + 2 + 4).isEqualTo(15);
        assertThat(mmu.lastWalk().pscHitLevel()).isEqualTo(2);
    }

    @Test
    void walkWithWarmPagingStructureCacheEnteringAtL2() {
        Mmu mmu = Machine.nativeMachine(4).map(LA, Machine.DATA_GPA, 12).map(LA + 0x1000, Machine.DATA_GPA + 0x1000, 12)
                .start(Machine.skylake().withWalkerEntryLevel(CacheLevel.L2));
        mmu.translate(LA, AccessKind.READ, Privilege.USER, false, r);
        mmu.translate(LA + 0x1000, AccessKind.READ, Privilege.USER, false, r);
        // walker loads bypass L1D: 9 + 2 + L2 hit 12
        assertThat(r.latency()).isEqualTo(23);
    }

    @Test
    void tlbHits() {
        Mmu mmu = Machine.nativeMachine(4).map(LA, Machine.DATA_GPA, 12).start(Machine.skylake());
        mmu.translate(LA, AccessKind.READ, Privilege.USER, false, r);
        mmu.translate(LA, AccessKind.READ, Privilege.USER, false, r);
        assertThat(r.latency()).isZero(); // L1 DTLB hit: hidden in the L1D load-to-use latency
        // An instruction fetch misses the ITLB and hits the STLB, filled by the data walk.
        mmu.translate(LA, AccessKind.EXECUTE, Privilege.USER, false, r);
        assertThat(r.latency()).isEqualTo(9);
        assertThat(mmu.stats().get(MmuEvent.STLB_HITS)).isEqualTo(1);
    }

    @Test
    void coldTwoDimensionalWalk() {
        Machine m = new Machine(4, NestedMode.EPT, 4).map(LA, Machine.DATA_GPA, 12);
        Mmu mmu = m.start(Machine.skylake());
        mmu.translate(LA, AccessKind.READ, Privilege.USER, false, r);
        // Layout: guest tables at gPA 0x100000-0x103000 (one EPT page table, adjacent EPT PTEs in
        // one line), data at gPA 0x40000000 (EPT PDPTE index 1, same line as index 0).
        // 9 STLB + 2 guest PSC probe
        // nested walk of guest PML4 table (gPA 0x100000): 4 EPT entries, cold: 4 * 246 = 984
        // guest PML4E: 246
        // nested walks of the PDPT, PD and PT tables: the same EPT PML4E/PDPTE/PDE and an EPT PTE in
        // the same line, all L1D hits: 3 * 4 * 4 = 48; guest PDPTE, PDE, PTE: 3 * 246 = 738
        // final nested walk of gPA 0x40000000: EPT PML4E 4, PDPTE 4 (same line), new EPT PD 246,
        // new EPT PT 246 = 500
        // total 9 + 2 + 984 + 246 + 48 + 738 + 500 = 2527
        assertThat(mmu.lastWalk().references()).isEqualTo(24);
        assertThat(r.latency()).isEqualTo(2527);
        assertThat(mmu.lastWalk().guestCycles()).isEqualTo(2 + 4 * 246);
        assertThat(mmu.lastWalk().nestedCycles()).isEqualTo(984 + 48 + 500);
        assertThat(mmu.stats().get(MmuEvent.NESTED_WALK_CYCLES)).isEqualTo(1532);
    }

    @Test
    void statisticsAccumulate() {
        Mmu mmu = Machine.nativeMachine(4).map(LA, Machine.DATA_GPA, 12).start(Machine.skylake());
        MmuStats before = mmu.stats().snapshot();
        mmu.translate(LA, AccessKind.READ, Privilege.USER, false, r);
        mmu.translate(LA, AccessKind.READ, Privilege.USER, false, r);
        MmuStats delta = mmu.stats().minus(before);
        assertThat(delta.get(MmuEvent.TRANSLATIONS)).isEqualTo(2);
        assertThat(delta.get(MmuEvent.WALKS)).isEqualTo(1);
        assertThat(delta.get(MmuEvent.L1_TLB_HITS)).isEqualTo(1);
        assertThat(delta.averageReferencesPerWalk()).isEqualTo(4.0);
        assertThat(delta.averageWalkCycles()).isEqualTo(986.0);
        assertThat(delta.walksWithReferences(4)).isEqualTo(1);
        assertThat(delta.get(MmuEvent.TRANSLATION_CYCLES)).isEqualTo(995);
        assertThat(mmu.caches().stats().accesses(CacheLevel.MEMORY, org.hvsim.mmu.cache.Requester.PAGE_WALK))
                .isEqualTo(4);
    }
}
