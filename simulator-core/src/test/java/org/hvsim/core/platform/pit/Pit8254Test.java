package org.hvsim.core.platform.pit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.hvsim.core.platform.PlatformConfig;
import org.hvsim.core.platform.RecordingLine;
import org.hvsim.core.platform.SimulatedTime;
import org.junit.jupiter.api.Test;

class Pit8254Test {
    private static final long CPU_HZ = 3_000_000_000L;
    private static final long PIT_HZ = 1_193_182L;

    private final SimulatedTime time = new SimulatedTime();
    private final RecordingLine irq0 = new RecordingLine();
    private final Pit8254 pit = new Pit8254(PlatformConfig.defaults(), time, irq0);
    private final SystemControlPortB portB = new SystemControlPortB(pit, time);

    /** First CPU cycle at which {@code pitTicks} PIT clocks have elapsed since cycle 0. */
    private static long cycleOf(long pitTicks) {
        BigInteger num = BigInteger.valueOf(pitTicks).multiply(BigInteger.valueOf(CPU_HZ));
        BigInteger[] qr = num.divideAndRemainder(BigInteger.valueOf(PIT_HZ));
        return qr[0].longValueExact() + (qr[1].signum() == 0 ? 0 : 1);
    }

    private void program(int counter, int controlWord, int count) {
        pit.out(0x43, 1, controlWord);
        pit.out(0x40 + counter, 1, count & 0xFF);
        pit.out(0x40 + counter, 1, (count >>> 8) & 0xFF);
    }

    private int readCount(int counter) {
        int lo = pit.in(0x40 + counter, 1);
        int hi = pit.in(0x40 + counter, 1);
        return lo | hi << 8;
    }

    @Test
    void mode2RateGeneratorInterruptsEveryCountPitClocks() {
        program(0, 0x34, 1193); // ~1 kHz
        for (int k = 1; k <= 5; k++) {
            time.runDue(cycleOf(k * 1193L) - 1);
            assertThat(irq0.risingEdges).isEqualTo(k - 1);
            time.runDue(cycleOf(k * 1193L));
            assertThat(irq0.risingEdges).isEqualTo(k);
        }
        assertThat(time.pendingEvents()).isEqualTo(1); // one self-rescheduling event
    }

    @Test
    void mode3SquareWaveHasTheSamePeriodAndHalfPeriodOutput() {
        program(0, 0x36, 0); // count 0 = 65536: 18.2 Hz
        time.runDue(cycleOf(65536) - 1);
        assertThat(irq0.risingEdges).isZero();
        time.runDue(cycleOf(3 * 65536L));
        assertThat(irq0.risingEdges).isEqualTo(3);
        PitCounter c = pit.counter(0);
        long start = cycleOf(3 * 65536L);
        assertThat(c.output(start)).isTrue();
        assertThat(c.output(cycleOf(3 * 65536L + 32767))).isTrue();
        assertThat(c.output(cycleOf(3 * 65536L + 32768))).isFalse();
    }

    @Test
    void mode0InterruptsOnceAtTerminalCountAndHoldsOutHigh() {
        program(0, 0x30, 1000);
        assertThat(irq0.level).isFalse();
        time.runDue(cycleOf(1000) - 1);
        assertThat(irq0.level).isFalse();
        time.runDue(cycleOf(1000));
        assertThat(irq0.level).isTrue();
        time.runDue(cycleOf(100_000));
        assertThat(irq0.risingEdges).isEqualTo(1);
        // The count keeps going down through zero, wrapping at 16 bits.
        pit.out(0x43, 1, 0x00); // latch counter 0
        assertThat(readCount(0)).isEqualTo((1000 - 100_000) & 0xFFFF);
        // A new control word drops OUT.
        pit.out(0x43, 1, 0x30);
        assertThat(irq0.level).isFalse();
    }

    @Test
    void latchedCountIsFrozenUntilRead() {
        program(0, 0x34, 10_000);
        time.runDue(cycleOf(2500));
        pit.out(0x43, 1, 0x00);
        time.runDue(cycleOf(4000));
        assertThat(readCount(0)).isEqualTo(7500);
        // Unlatched read follows time.
        assertThat(readCount(0)).isEqualTo(6000);
        time.runDue(cycleOf(10_000 + 1));
        assertThat(readCount(0)).isEqualTo(9999); // reloaded
    }

    @Test
    void lobyteOnlyAndHibyteOnlyAccess() {
        pit.out(0x43, 1, 0x14); // counter 0, LSB only, mode 2
        pit.out(0x40, 1, 200);
        time.runDue(cycleOf(50));
        assertThat(pit.in(0x40, 1)).isEqualTo(150);
        pit.out(0x43, 1, 0x24); // counter 0, MSB only, mode 2: count 0x0200
        pit.out(0x40, 1, 0x02);
        assertThat(pit.in(0x40, 1)).isEqualTo(0x02);
    }

    @Test
    void readBackLatchesStatusThenCount() {
        program(2, 0xB0, 500); // counter 2, lohi, mode 0 (gate still low)
        pit.out(0x43, 1, 0xC8); // read-back count and status of counter 2
        int status = pit.in(0x42, 1);
        assertThat(status).isEqualTo(0x30); // OUT low, count loaded, RW=3, mode 0, binary
        assertThat(readCount(2)).isEqualTo(500);
    }

    @Test
    void counter2IsGatedThroughPort61AndItsOutIsReadableThere() {
        program(2, 0xB0, 1193); // mode 0, ~1 ms
        assertThat(portB.in(0x61, 1) & 0x20).isZero();
        time.runDue(cycleOf(5000)); // gate low: not counting
        assertThat(readCount(2)).isEqualTo(1193);
        portB.out(0x61, 1, 0x01); // gate high
        long start = time.now();
        time.runDue(start + cycleOf(1192) + 1);
        assertThat(portB.in(0x61, 1) & 0x20).isZero();
        time.runDue(start + cycleOf(1193) + 1);
        assertThat(portB.in(0x61, 1) & 0x21).isEqualTo(0x21);
        assertThat(irq0.risingEdges).isZero(); // counter 2 drives no IRQ
    }

    @Test
    void refreshBitTogglesEvery18PitClocks() {
        int first = portB.in(0x61, 1) & 0x10;
        time.runDue(cycleOf(18));
        int second = portB.in(0x61, 1) & 0x10;
        time.runDue(cycleOf(36));
        int third = portB.in(0x61, 1) & 0x10;
        assertThat(first).isZero();
        assertThat(second).isEqualTo(0x10);
        assertThat(third).isZero();
    }

    @Test
    void reprogrammingRestartsThePeriod() {
        program(0, 0x34, 1000);
        time.runDue(cycleOf(500));
        long t0 = time.now();
        program(0, 0x34, 2000);
        time.runDue(cycleOf(1000) + 5);
        assertThat(irq0.risingEdges).isZero();
        time.runDue(t0 + cycleOf(2000));
        assertThat(irq0.risingEdges).isEqualTo(1);
    }
}
