package org.hvsim.core.timing.branch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BranchPredictorConfigTest {

    @Test
    void defaults() {
        BranchPredictorConfig c = BranchPredictorConfig.defaults();
        assertThat(c).isEqualTo(new BranchPredictorConfig("tage", 12, 64, 4096, 4, 16, 1024, 16));
        assertThat(BranchPredictorConfig.defaults("gshare").historyBits()).isEqualTo(12);
        assertThat(BranchPredictorConfig.defaults("bimodal").historyBits()).isZero();
    }

    @Test
    void factoryBuildsEachPredictorByName() {
        for (String name : BranchPredictorConfig.DIRECTIONS) {
            assertThat(DirectionPredictors.create(BranchPredictorConfig.defaults(name)).name()).isEqualTo(name);
            assertThat(new BranchUnit(BranchPredictorConfig.defaults(name)).directionPredictorName()).isEqualTo(name);
        }
    }

    @Test
    void tageHistoryLengthsAreGeometric() {
        assertThat(new TagePredictor(12, 64).historyLengths()).containsExactly(4, 10, 25, 64);
        assertThat(new TagePredictor(12, 4).historyLengths()).containsExactly(4, 4, 4, 4);
    }

    @Test
    void staticIsBackwardTakenForwardNotTaken() {
        StaticPredictor s = new StaticPredictor();
        assertThat(s.predict(0x1000, 0x0F00)).isTrue();
        assertThat(s.predict(0x1000, 0x1000)).isTrue();
        assertThat(s.predict(0x1000, 0x1100)).isFalse();
        assertThat(s.predict(0x1000)).isTrue();
    }

    @Test
    void rejectsBadValuesWithOneLineMessages() {
        BranchPredictorConfig d = BranchPredictorConfig.defaults();
        assertRejects(() -> d.withDirection("perceptron", 12, 12),
                "unknown direction predictor 'perceptron' (known: static, bimodal, gshare, tage)");
        assertRejects(() -> d.withDirection("bimodal", 3, 0), "tableBits must be in 4..24: 3");
        assertRejects(() -> d.withDirection("gshare", 12, 65), "historyBits must be in 0..64: 65");
        assertRejects(() -> d.withDirection("tage", 12, 3), "tage needs historyBits >= 4: 3");
        assertRejects(() -> d.withBtb(100, 4),
                "btbEntries and btbWays must be powers of two with ways <= entries: 100 entries, 4 ways");
        assertRejects(() -> d.withBtb(4, 8),
                "btbEntries and btbWays must be powers of two with ways <= entries: 4 entries, 8 ways");
        assertRejects(() -> d.withRas(-1), "rasEntries must be in 0..1024: -1");
        assertRejects(() -> d.withIndirect(1000, 16), "indirectEntries must be 0 or a power of two: 1000");
        assertRejects(() -> d.withIndirect(1024, 65), "indirectHistoryBits must be in 0..64: 65");
    }

    private static void assertRejects(Runnable r, String message) {
        assertThatThrownBy(r::run).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
