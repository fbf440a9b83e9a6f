package org.hvsim.core.platform.apic;

import static org.assertj.core.api.Assertions.assertThat;

import org.hvsim.core.platform.PlatformConfig;
import org.hvsim.core.platform.SimulatedTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Default config: 3 GHz CPU, 1 GHz APIC timer clock, so one APIC tick = 3 CPU cycles. */
class LocalApicTest {
    private final SimulatedTime time = new SimulatedTime();
    private final LocalApic apic = new LocalApic(PlatformConfig.defaults(), time);

    private void write(int reg, int value) {
        apic.write(reg, 4, value & 0xFFFF_FFFFL);
    }

    private int read(int reg) {
        return (int) apic.read(reg, 4);
    }

    private void enable() {
        write(LocalApic.SVR, 0x1FF);
    }

    @Test
    void resetValues() {
        assertThat(read(LocalApic.VERSION)).isEqualTo(0x50014);
        assertThat(read(LocalApic.ID)).isZero();
        assertThat(read(LocalApic.SVR)).isEqualTo(0xFF);
        assertThat(read(LocalApic.DFR)).isEqualTo(0xFFFF_FFFF);
        assertThat(read(LocalApic.LVT_TIMER)).isEqualTo(0x10000);
        assertThat(read(LocalApic.LVT_ERROR)).isEqualTo(0x10000);
        assertThat(read(LocalApic.LVT_LINT0)).isEqualTo(0x700); // virtual wire (QEMU BSP reset)
        assertThat(read(LocalApic.TIMER_DIVIDE)).isZero();
        assertThat(apic.acceptsExternalInterrupts()).isTrue();
        assertThat(apic.hasPendingInterrupt()).isFalse();
    }

    @Test
    void oneShotTimerExpiresAfterInitialCountTimesDivideTicks() {
        enable();
        write(LocalApic.TIMER_DIVIDE, 0xB); // divide by 1
        write(LocalApic.LVT_TIMER, 0x20);   // vector 32, one-shot, unmasked
        write(LocalApic.TIMER_INITIAL, 1000);
        assertThat(apic.timerNextExpiryCycle()).isEqualTo(3000);
        time.runDue(1500);
        assertThat(read(LocalApic.TIMER_CURRENT)).isEqualTo(500);
        time.runDue(2999);
        assertThat(apic.hasPendingInterrupt()).isFalse();
        time.runDue(3000);
        assertThat(apic.hasPendingInterrupt()).isTrue();
        assertThat(read(LocalApic.TIMER_CURRENT)).isZero();
        assertThat(apic.acknowledge()).isEqualTo(32);
        write(LocalApic.EOI, 0);
        time.runDue(100_000);
        assertThat(apic.hasPendingInterrupt()).isFalse(); // one-shot: no reload
    }

    @Test
    void periodicTimerReloadsAndFiresEveryPeriod() {
        enable();
        write(LocalApic.TIMER_DIVIDE, 0x3); // divide by 16
        write(LocalApic.LVT_TIMER, 0x20000 | 0x30);
        write(LocalApic.TIMER_INITIAL, 100); // 1600 APIC ticks = 4800 cycles
        int delivered = 0;
        for (int k = 1; k <= 4; k++) {
            time.runDue(4800L * k - 1);
            assertThat(apic.hasPendingInterrupt()).isFalse();
            time.runDue(4800L * k);
            assertThat(apic.hasPendingInterrupt()).isTrue();
            assertThat(apic.acknowledge()).isEqualTo(0x30);
            write(LocalApic.EOI, 0);
            delivered++;
        }
        assertThat(delivered).isEqualTo(4);
        time.runDue(4 * 4800L + 48 * 25); // 25 counts into the fifth period
        assertThat(read(LocalApic.TIMER_CURRENT)).isEqualTo(75);
        write(LocalApic.TIMER_INITIAL, 0); // stops the timer
        assertThat(read(LocalApic.TIMER_CURRENT)).isZero();
        time.runDue(100_000);
        assertThat(apic.hasPendingInterrupt()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"0x0, 2", "0x1, 4", "0x2, 8", "0x3, 16", "0x8, 32", "0x9, 64", "0xA, 128", "0xB, 1"})
    void divideConfigurationSelectsTheSdmDivisors(String config, int divide) {
        enable();
        write(LocalApic.TIMER_DIVIDE, Integer.decode(config));
        write(LocalApic.LVT_TIMER, 0x40);
        write(LocalApic.TIMER_INITIAL, 10);
        assertThat(apic.timerNextExpiryCycle()).isEqualTo(10L * divide * 3);
    }

    @Test
    void maskedTimerCountsButDoesNotInterrupt() {
        enable();
        write(LocalApic.TIMER_DIVIDE, 0xB);
        write(LocalApic.LVT_TIMER, 0x10000 | 0x20000 | 0x20);
        write(LocalApic.TIMER_INITIAL, 10);
        time.runDue(300);
        assertThat(apic.hasPendingInterrupt()).isFalse();
        assertThat(read(LocalApic.TIMER_CURRENT)).isEqualTo(10);
        // Unmasking lets the next expiry through.
        write(LocalApic.LVT_TIMER, 0x20000 | 0x20);
        time.runDue(330);
        assertThat(apic.hasPendingInterrupt()).isTrue();
    }

    @Test
    void tprMasksInterruptsOfEqualOrLowerPriorityClass() {
        enable();
        apic.requestInterrupt(0x45);
        write(LocalApic.TPR, 0x50);
        assertThat(apic.hasPendingInterrupt()).isFalse();
        write(LocalApic.TPR, 0x40);
        assertThat(apic.hasPendingInterrupt()).isFalse(); // class 4 is not above PPR class 4
        write(LocalApic.TPR, 0x3F);
        assertThat(read(LocalApic.PPR)).isEqualTo(0x3F);
        assertThat(apic.hasPendingInterrupt()).isTrue();
        assertThat(read(LocalApic.IRR_BASE + 0x20)).isEqualTo(1 << 5); // vector 0x45 in IRR word 2
    }

    @Test
    void inServiceVectorRaisesPprAndEoiClearsTheHighestFirst() {
        enable();
        apic.requestInterrupt(0x45);
        assertThat(apic.acknowledge()).isEqualTo(0x45);
        assertThat(read(LocalApic.PPR)).isEqualTo(0x40);
        apic.requestInterrupt(0x41);
        assertThat(apic.hasPendingInterrupt()).isFalse(); // same class as in service
        apic.requestInterrupt(0x51);
        assertThat(apic.acknowledge()).isEqualTo(0x51); // higher class nests
        assertThat(read(LocalApic.ISR_BASE + 0x20)).isEqualTo((1 << 5) | (1 << 17));
        write(LocalApic.EOI, 0);
        assertThat(read(LocalApic.ISR_BASE + 0x20)).isEqualTo(1 << 5);
        assertThat(apic.hasPendingInterrupt()).isFalse();
        write(LocalApic.EOI, 0);
        assertThat(apic.hasPendingInterrupt()).isTrue();
        assertThat(apic.acknowledge()).isEqualTo(0x41);
    }

    @Test
    void cr8IsTprBits7To4() {
        apic.writeCr8(5);
        assertThat(read(LocalApic.TPR)).isEqualTo(0x50);
        assertThat(apic.readCr8()).isEqualTo(5);
        write(LocalApic.TPR, 0x7F);
        assertThat(apic.readCr8()).isEqualTo(7);
        apic.writeCr8(0);
        assertThat(apic.tpr()).isZero();
    }

    @Test
    void cr8WriteMasksAndUnmasksDelivery() {
        enable();
        apic.requestInterrupt(0x80);
        apic.writeCr8(8);
        assertThat(apic.hasPendingInterrupt()).isFalse();
        apic.writeCr8(7);
        assertThat(apic.hasPendingInterrupt()).isTrue();
    }

    @Test
    void nothingIsDeliveredWhileSoftwareDisabledAndAcknowledgeThenGivesTheSpuriousVector() {
        apic.requestInterrupt(0x40);
        assertThat(apic.hasPendingInterrupt()).isFalse();
        assertThat(apic.acknowledge()).isEqualTo(0xFF);
        enable();
        assertThat(apic.hasPendingInterrupt()).isTrue();
    }

    @Test
    void selfIpiThroughIcr() {
        enable();
        write(LocalApic.ICR_LOW, 0x40000 | 0x61); // shorthand self, fixed, vector 0x61
        assertThat(apic.acknowledge()).isEqualTo(0x61);
        write(LocalApic.ICR_HIGH, 0);
        write(LocalApic.ICR_LOW, 0x62); // physical destination 0 = this APIC
        assertThat(apic.hasPendingInterrupt()).isFalse(); // 0x62 is class 6 = in-service class
        write(LocalApic.EOI, 0);
        assertThat(apic.acknowledge()).isEqualTo(0x62);
    }

    @Test
    void illegalVectorsAreReportedInEsrAfterAWrite() {
        enable();
        write(LocalApic.LVT_ERROR, 0xFE);
        apic.requestInterrupt(5);
        assertThat(read(LocalApic.ESR)).isZero(); // not latched yet
        write(LocalApic.ESR, 0);
        assertThat(read(LocalApic.ESR)).isEqualTo(0x40);
        assertThat(apic.acknowledge()).isEqualTo(0xFE); // error interrupt
    }

    @Test
    void picRoutingFollowsLint0AndGlobalEnable() {
        write(LocalApic.LVT_LINT0, 0x10700);
        assertThat(apic.acceptsExternalInterrupts()).isFalse();
        apic.setGloballyEnabled(false);
        assertThat(apic.acceptsExternalInterrupts()).isTrue();
        apic.setGloballyEnabled(true);
        write(LocalApic.LVT_LINT0, 0x700);
        assertThat(apic.acceptsExternalInterrupts()).isTrue();
    }

    @Test
    void subRegisterReadsAndOddWritesAreHarmless() {
        assertThat(apic.read(LocalApic.VERSION, 1)).isEqualTo(0x14);
        assertThat(apic.read(LocalApic.VERSION + 2, 1)).isEqualTo(0x05);
        assertThat(apic.read(LocalApic.VERSION + 4, 4)).isZero();
        apic.write(LocalApic.TPR, 1, 0x50); // byte write: ignored
        assertThat(apic.tpr()).isZero();
    }

    @Test
    void changingTheDividerWhileCountingKeepsTheCurrentCount() {
        enable();
        write(LocalApic.TIMER_DIVIDE, 0xB);
        write(LocalApic.LVT_TIMER, 0x20);
        write(LocalApic.TIMER_INITIAL, 1000);
        time.runDue(300); // 100 ticks: count 900
        write(LocalApic.TIMER_DIVIDE, 0x0); // now divide by 2
        assertThat(read(LocalApic.TIMER_CURRENT)).isEqualTo(900);
        assertThat(apic.timerNextExpiryCycle()).isEqualTo(300 + 900 * 2 * 3);
    }
}
