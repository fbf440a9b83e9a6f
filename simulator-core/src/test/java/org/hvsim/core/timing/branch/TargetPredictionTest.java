package org.hvsim.core.timing.branch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Microbenchmarks for the BTB, the return-address stack and the indirect-target predictor. */
class TargetPredictionTest {

    // ---- call/return nesting ------------------------------------------------------------------

    /**
     * Calls nested {@code depth} deep (call site i at 0x10000 + 0x40 i calls function i+1, whose
     * return is at 0x20000 + 0x10 i), then returns all the way up, {@code rounds} times. The 0x40
     * stride spreads the call sites over enough BTB sets to hold 64 of them.
     */
    private static BranchUnit nest(int rasEntries, int depth, int rounds) {
        BranchUnit u = new BranchUnit(BranchPredictorConfig.defaults().withRas(rasEntries));
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < depth; i++) {
                long site = 0x10000 + 0x40L * i;
                u.resolve(BranchKind.CALL_DIRECT, site, site + 5, true, site + 0x40);
            }
            for (int i = depth - 1; i >= 0; i--) {
                long ret = 0x20000 + 0x10L * i;
                u.resolve(BranchKind.RETURN, ret, ret + 1, true, 0x10000 + 0x40L * i + 5);
            }
        }
        return u;
    }

    @ParameterizedTest
    @CsvSource({"16, 1", "16, 8", "16, 16", "32, 32"})
    void returnsArePredictedExactlyUpToTheStackDepth(int ras, int depth) {
        BranchUnit u = nest(ras, depth, 50);
        assertThat(u.lookups(BranchKind.RETURN)).isEqualTo(50L * depth);
        assertThat(u.mispredictions(BranchKind.RETURN)).isZero();
        assertThat(u.mispredictions(BranchKind.CALL_DIRECT)).isEqualTo(depth); // cold BTB, first round only
    }

    @ParameterizedTest
    @CsvSource({"16, 17", "16, 20", "16, 40", "4, 9"})
    void deeperNestingOverwritesTheOldestReturnAddresses(int ras, int depth) {
        BranchUnit u = nest(ras, depth, 50);
        // The deepest `ras` returns are right; the other depth - ras read overwritten slots.
        assertThat(u.mispredictions(BranchKind.RETURN)).isEqualTo(50L * (depth - ras));
    }

    @Test
    void recursionReturnsToTheRecursiveCallSiteThenToTheCaller() {
        BranchUnit u = new BranchUnit(BranchPredictorConfig.defaults());
        long outer = 0x20000;
        long recursiveSite = 0x30040;
        long ret = 0x30090;
        for (int round = 0; round < 10; round++) {
            u.resolve(BranchKind.CALL_DIRECT, outer, outer + 5, true, 0x30000);
            for (int i = 0; i < 9; i++) {
                u.resolve(BranchKind.CALL_DIRECT, recursiveSite, recursiveSite + 5, true, 0x30000);
            }
            for (int i = 0; i < 9; i++) {
                assertThat(u.resolve(BranchKind.RETURN, ret, ret + 1, true, recursiveSite + 5)).isFalse();
            }
            assertThat(u.resolve(BranchKind.RETURN, ret, ret + 1, true, outer + 5)).isFalse();
        }
        assertThat(u.mispredictions(BranchKind.RETURN)).isZero();
    }

    // ---- indirect branches --------------------------------------------------------------------

    private static final long[] SEQUENCE = {0x7000, 0x7100, 0x7000, 0x7200}; // A B A C: needs two targets of history

    private static BranchUnit indirect(int entries, int historyBits, BranchKind kind, int n) {
        BranchUnit u = new BranchUnit(BranchPredictorConfig.defaults().withIndirect(entries, historyBits));
        for (int i = 0; i < n; i++) {
            u.resolve(kind, 0x5000, 0x5002, true, SEQUENCE[i % SEQUENCE.length]);
        }
        return u;
    }

    @Test
    void aPlainBtbMispredictsATargetThatAlwaysChanges() {
        BranchUnit u = indirect(0, 0, BranchKind.JUMP_INDIRECT, 1000);
        assertThat(u.mispredictions(BranchKind.JUMP_INDIRECT)).isEqualTo(1000);
    }

    @Test
    void oneTargetOfHistoryCannotTellWhatFollowsA() {
        BranchUnit u = indirect(1024, 4, BranchKind.JUMP_INDIRECT, 1000);
        // B -> A and C -> A are learned; after A comes B or C in turn, and the entry holds the other.
        assertThat(u.mispredictions(BranchKind.JUMP_INDIRECT)).isBetween(500L, 504L);
    }

    @Test
    void theIndirectPredictorLearnsARepeatingTargetSequence() {
        BranchUnit u = indirect(1024, 16, BranchKind.JUMP_INDIRECT, 1000);
        // One cold miss per distinct history while the history register fills (4 targets deep).
        assertThat(u.mispredictions(BranchKind.JUMP_INDIRECT)).isLessThanOrEqualTo(8);
        long before = u.mispredictions(BranchKind.JUMP_INDIRECT);
        for (int i = 0; i < 1000; i++) {
            u.resolve(BranchKind.JUMP_INDIRECT, 0x5000, 0x5002, true, SEQUENCE[i % SEQUENCE.length]);
        }
        assertThat(u.mispredictions(BranchKind.JUMP_INDIRECT)).isEqualTo(before);
    }

    @Test
    void indirectCallsUseTheSamePredictorAndPushTheReturnAddress() {
        BranchUnit u = indirect(1024, 16, BranchKind.CALL_INDIRECT, 1000);
        assertThat(u.mispredictions(BranchKind.CALL_INDIRECT)).isLessThanOrEqualTo(8);
        assertThat(u.resolve(BranchKind.RETURN, 0x7010, 0x7011, true, 0x5002)).isFalse();
    }

    // ---- BTB capacity and associativity -------------------------------------------------------

    /** {@code count} direct jumps at {@code base + i * stride}, run {@code passes} times, 64-entry BTB. */
    private static long jumps(int ways, int count, int stride, int passes) {
        BranchUnit u = new BranchUnit(BranchPredictorConfig.defaults().withBtb(64, ways));
        for (int p = 0; p < passes; p++) {
            for (int i = 0; i < count; i++) {
                long pc = 0x400000 + (long) i * stride;
                u.resolve(BranchKind.JUMP_DIRECT, pc, pc + 2, true, pc + 0x1000);
            }
        }
        return u.mispredictions(BranchKind.JUMP_DIRECT);
    }

    @Test
    void aWorkingSetThatFitsMissesOnlyOnce() {
        assertThat(jumps(4, 64, 1, 10)).isEqualTo(64);
    }

    @Test
    void oneBranchTooManyInASetThrashesThatSetUnderLru() {
        // 16 sets of 4; set 0 gets 5 branches cycled in order: LRU evicts each just before its reuse.
        assertThat(jumps(4, 65, 1, 10)).isEqualTo(60 + 5 * 10);
    }

    @Test
    void conflictMissesDependOnAssociativity() {
        assertThat(jumps(4, 4, 16, 10)).as("4 in one 4-way set").isEqualTo(4);
        assertThat(jumps(4, 5, 16, 10)).as("5 in one 4-way set").isEqualTo(50);
        assertThat(jumps(8, 5, 8, 10)).as("5 in one 8-way set").isEqualTo(5);
        assertThat(jumps(64, 64, 16, 10)).as("fully associative").isEqualTo(64);
    }

    @Test
    void notTakenConditionalsTakeNoBtbEntry() {
        BranchUnit u = new BranchUnit(BranchPredictorConfig.defaults("bimodal").withBtb(16, 1));
        // A taken jump and a never-taken conditional share the one-way set; the conditional must not evict it.
        for (int i = 0; i < 100; i++) {
            u.resolve(BranchKind.JUMP_DIRECT, 0x1000, 0x1002, true, 0x3000);
            u.resolve(BranchKind.CONDITIONAL, 0x1010, 0x1012, false, 0x1100);
        }
        assertThat(u.mispredictions(BranchKind.JUMP_DIRECT)).isEqualTo(1);
        assertThat(u.mispredictions(BranchKind.CONDITIONAL)).isEqualTo(1); // counter 2 -> 1
    }
}
