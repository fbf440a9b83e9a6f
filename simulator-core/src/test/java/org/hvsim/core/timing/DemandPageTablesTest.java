package org.hvsim.core.timing;

import static org.assertj.core.api.Assertions.assertThat;

import org.hvsim.mmu.MmuConfig;
import org.hvsim.mmu.MmuEvent;
import org.hvsim.mmu.cache.CacheLevel;
import org.junit.jupiter.api.Test;

/** Timing a user-mode process through page tables built on first touch. */
class DemandPageTablesTest {

    @Test
    void firstTouchOfAPageWalksAndASecondTouchHitsTheTlb() {
        MemoryTiming memory = new MemoryTiming(new DemandPageTables(MmuConfig.skylake()));
        int cold = memory.data(0x7fff_ffff_e000L, false, true);
        int coldTranslation = memory.lastTranslationCycles();
        int warm = memory.data(0x7fff_ffff_e008L, false, true);
        assertThat(coldTranslation).as("a 4-level walk on the first touch").isPositive();
        assertThat(memory.lastTranslationCycles()).as("the second access hits the D-TLB").isZero();
        assertThat(memory.lastLevel()).isEqualTo(CacheLevel.L1D);
        assertThat(warm).isLessThan(cold);
        assertThat(memory.mmu().stats().get(MmuEvent.WALKS)).isEqualTo(1);
    }

    @Test
    void distinctPagesGetDistinctFramesSoTheyDoNotShareCacheLines() {
        MemoryTiming memory = new MemoryTiming(new DemandPageTables(MmuConfig.skylake()));
        memory.data(0x40_0000L, true, true);
        memory.data(0x80_0000L, false, true); // another page, same page offset
        assertThat(memory.lastLevel()).as("a different frame: not the line just written").isNotEqualTo(CacheLevel.L1D);
    }

    @Test
    void fetchesWalkThroughTheInstructionSide() {
        MemoryTiming memory = new MemoryTiming(new DemandPageTables(MmuConfig.skylake()));
        memory.fetch(0x40_1000L, true);
        assertThat(memory.lastTranslationCycles()).isPositive();
        memory.fetch(0x40_1040L, true);
        assertThat(memory.lastTranslationCycles()).isZero();
    }
}
