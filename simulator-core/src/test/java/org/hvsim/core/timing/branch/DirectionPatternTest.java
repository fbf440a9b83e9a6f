package org.hvsim.core.timing.branch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Branch-pattern microbenchmarks: each pattern is run through each direction predictor and the
 * mispredictions are compared with what the predictor's mechanism implies.
 */
class DirectionPatternTest {

    private static final long PC = 0x401020;

    private static BranchUnit unit(String direction) {
        return new BranchUnit(BranchPredictorConfig.defaults(direction));
    }

    // ---- always taken -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"static", "bimodal", "gshare", "tage"})
    void alwaysTakenBackwardLoopBranchMissesOnlyTheColdBtb(String direction) {
        BranchUnit u = unit(direction);
        for (int i = 0; i < 1000; i++) {
            u.resolve(BranchKind.CONDITIONAL, PC, PC + 2, true, PC - 0x20);
        }
        // Every predictor starts weakly taken (static: backward = taken); the one miss is the
        // first BTB lookup, which has no target yet.
        assertThat(u.lookups(BranchKind.CONDITIONAL)).isEqualTo(1000);
        assertThat(u.mispredictions(BranchKind.CONDITIONAL)).isEqualTo(1);
        assertThat(u.targetMisses(BranchKind.CONDITIONAL)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bimodal", "gshare", "tage"})
    void alwaysTakenForwardBranchIsLearnedByDynamicPredictors(String direction) {
        BranchUnit u = unit(direction);
        for (int i = 0; i < 1000; i++) {
            u.resolve(BranchKind.CONDITIONAL, PC, PC + 2, true, PC + 0x20);
        }
        assertThat(u.mispredictions(BranchKind.CONDITIONAL)).isEqualTo(1);
    }

    @Test
    void staticForwardTakenBranchIsAlwaysMispredicted() {
        BranchUnit u = unit("static");
        for (int i = 0; i < 1000; i++) {
            u.resolve(BranchKind.CONDITIONAL, PC, PC + 2, true, PC + 0x20);
        }
        assertThat(u.mispredictions(BranchKind.CONDITIONAL)).isEqualTo(1000);
        assertThat(u.targetMisses(BranchKind.CONDITIONAL)).isZero();
    }

    // ---- alternating T, N ---------------------------------------------------------------------

    @Test
    void bimodalMispredictsEveryNotTakenOfAnAlternatingBranch() {
        Trace t = Trace.of("bimodal");
        for (int i = 0; i < 1000; i++) {
            t.backward(PC, i % 2 == 0);
        }
        // counter 2 -> T ok (3) -> N wrong (2) -> T ok (3) ...: exactly the 500 not-taken outcomes.
        assertThat(t.misses).isEqualTo(500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gshare", "tage"})
    void historyPredictorsLearnAnAlternatingBranch(String direction) {
        Trace t = Trace.of(direction);
        long warmup = 0;
        for (int i = 0; i < 1000; i++) {
            int miss = t.backward(PC, i % 2 == 0);
            if (i < 100) {
                warmup += miss;
            }
        }
        assertThat(t.misses - warmup).as("after warm-up").isZero();
        assertThat(warmup).isLessThanOrEqualTo(MAX_ALTERNATING_WARMUP);
    }

    private static final int MAX_ALTERNATING_WARMUP = 8; // measured: gshare 6, TAGE 2

    // ---- loops of period N: N-1 taken, then the not-taken exit ---------------------------------

    /** Runs {@code periods} iterations of a loop of {@code period}; returns misses in the last half. */
    private static long loop(Trace t, int period, int periods) {
        long firstHalf = 0;
        for (int p = 0; p < periods; p++) {
            for (int k = 0; k < period; k++) {
                int miss = t.backward(PC, k < period - 1);
                if (p < periods / 2) {
                    firstHalf += miss;
                }
            }
        }
        return t.misses - firstHalf;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 5, 9, 30, 100})
    void bimodalMispredictsEachLoopExitOnce(int period) {
        Trace t = Trace.of("bimodal");
        loop(t, period, 200);
        assertThat(t.misses).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 5, 9})
    void gshareLearnsLoopsWhosePeriodFitsItsHistory(int period) {
        Trace t = Trace.of("gshare", 12, 8); // period - 1 <= 8 history bits tell the exit apart
        assertThat(loop(t, period, 200)).isZero();
        assertThat(t.misses).as("warm-up").isLessThanOrEqualTo(4); // measured 4, 2, 1
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 12, 30})
    void gshareMispredictsEachExitOfLoopsLongerThanItsHistory(int period) {
        Trace t = Trace.of("gshare", 12, 8); // the exit has the same 8-bit history (all taken) as its predecessors
        assertThat(loop(t, period, 200)).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(ints = {9, 30, 60})
    void tageLearnsLoopsUpToItsLongestHistory(int period) {
        Trace t = Trace.of("tage"); // histories 4, 10, 25, 64
        assertThat(loop(t, period, 200)).isZero();
        assertThat(t.misses).as("warm-up").isLessThanOrEqualTo(10); // measured 3, 7, 7
    }

    @Test
    void tageMispredictsEachExitOfALoopLongerThanItsLongestHistory() {
        Trace t = Trace.of("tage");
        assertThat(loop(t, 80, 200)).isEqualTo(100);
    }

    // ---- correlated branches ------------------------------------------------------------------

    /** Branch A is random, branch B repeats A's outcome; returns B's misses in the last half. */
    private static long correlated(Trace t, int n) {
        SplittableRandom r = new SplittableRandom(7);
        long lateB = 0;
        for (int i = 0; i < n; i++) {
            boolean a = r.nextBoolean();
            t.branch(0x402000, 0x402100, a);
            int missB = t.branch(0x402010, 0x402200, a);
            if (i >= n / 2) {
                lateB += missB;
            }
        }
        return lateB;
    }

    @Test
    void tageLearnsACorrelatedBranch() {
        assertThat(correlated(Trace.of("tage"), 20_000)).isZero();
    }

    @Test
    void gshareLearnsACorrelatedBranchUpToAliasing() {
        // B's counters are indexed by histories whose youngest bit is A's outcome. Untagged, they
        // can collide with A's (random) counters: with 12 history bits the all-taken and
        // all-not-taken histories occur at both branches. 21 of 10 000 with this seed.
        assertThat(correlated(Trace.of("gshare"), 20_000)).isLessThanOrEqualTo(50);
    }

    @Test
    void bimodalCannotUseCorrelation() {
        long lateB = correlated(Trace.of("bimodal"), 20_000);
        assertThat(lateB).isBetween(4_500L, 5_500L); // about half of 10 000 random outcomes
    }

    // ---- random -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"static", "bimodal", "gshare", "tage"})
    void randomOutcomesAreMispredictedAboutHalfTheTime(String direction) {
        Trace t = Trace.of(direction);
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            t.backward(PC, r.nextBoolean());
        }
        assertThat(t.misses).isBetween(9_000L, 11_000L);
    }

    // ---- aliasing -----------------------------------------------------------------------------

    private static long alias(int tableBits, long distance) {
        Trace t = Trace.of("bimodal", tableBits, 0);
        for (int i = 0; i < 1000; i++) {
            t.backward(PC, true); // A: always taken
            t.backward(PC + distance, false); // B: never taken
        }
        return t.misses;
    }

    @Test
    void twoOppositeBranchesSharingABimodalCounterFight() {
        // 1 KiB table, 1 KiB apart: A leaves the counter at 3, B pulls it to 2, still taken.
        assertThat(alias(10, 1 << 10)).isEqualTo(1000);
    }

    @Test
    void aLargerTableSeparatesThem() {
        // 4 KiB table: B's own counter goes 2 -> 1 after its first outcome.
        assertThat(alias(12, 1 << 10)).isEqualTo(1);
    }
}
