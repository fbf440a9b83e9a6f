package org.hvsim.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClockRatioTest {
    @Test
    void pitTicksToCpuCyclesAtThreeGigahertz() {
        ClockRatio r = ClockRatio.of(1_193_182, 3_000_000_000L);
        // 1193182 PIT ticks are exactly one second.
        assertThat(r.convert(1_193_182)).isEqualTo(3_000_000_000L);
        // One tick is 2514.288... cycles.
        assertThat(r.convert(1)).isEqualTo(2514);
        assertThat(r.convertCeil(1)).isEqualTo(2515);
        assertThat(r.convertCeil(1_193_182)).isEqualTo(3_000_000_000L);
    }

    @Test
    void largeCountsDoNotOverflow() {
        ClockRatio r = ClockRatio.of(1_000_000_007L, 4_999_999_937L);
        long ticks = 1_000_000_000_000L;
        assertThat(r.convert(ticks)).isEqualTo(java.math.BigInteger.valueOf(ticks)
                .multiply(java.math.BigInteger.valueOf(4_999_999_937L))
                .divide(java.math.BigInteger.valueOf(1_000_000_007L)).longValueExact());
    }

    @Test
    void floorOfCeilRoundTrips() {
        ClockRatio cpuToPit = ClockRatio.of(3_000_000_000L, 1_193_182);
        ClockRatio pitToCpu = ClockRatio.of(1_193_182, 3_000_000_000L);
        for (long t = 0; t < 5000; t += 37) {
            long cycle = pitToCpu.convertCeil(t);
            assertThat(cpuToPit.convert(cycle)).isEqualTo(t);
            if (cycle > 0) {
                assertThat(cpuToPit.convert(cycle - 1)).isLessThan(t == 0 ? 1 : t);
            }
        }
    }
}
