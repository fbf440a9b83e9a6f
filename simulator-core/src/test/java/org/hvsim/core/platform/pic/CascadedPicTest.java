package org.hvsim.core.platform.pic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CascadedPicTest {
    private final CascadedPic pic = new CascadedPic();

    /** The standard remap: ICW1 = 11h (edge, cascade, ICW4), bases 20h/28h, 8086 mode. */
    @BeforeEach
    void initialize() {
        pic.out(0x20, 1, 0x11);
        pic.out(0xA0, 1, 0x11);
        pic.out(0x21, 1, 0x20);
        pic.out(0xA1, 1, 0x28);
        pic.out(0x21, 1, 0x04); // ICW3: slave on IR2
        pic.out(0xA1, 1, 0x02); // ICW3: slave identity 2
        pic.out(0x21, 1, 0x01); // ICW4: 8086 mode
        pic.out(0xA1, 1, 0x01);
    }

    private void eoiMaster() {
        pic.out(0x20, 1, 0x20);
    }

    @Test
    void initializationSetsVectorBasesAndClearsMasks() {
        assertThat(pic.master().vectorBase()).isEqualTo(0x20);
        assertThat(pic.slave().vectorBase()).isEqualTo(0x28);
        assertThat(pic.in(0x21, 1)).isZero();
        assertThat(pic.in(0xA1, 1)).isZero();
        assertThat(pic.hasPendingInterrupt()).isFalse();
        // After init, data-port writes are OCW1.
        pic.out(0x21, 1, 0xFB);
        assertThat(pic.in(0x21, 1)).isEqualTo(0xFB);
    }

    @Test
    void edgeTriggeredRequestIsDeliveredOnceWithTheRightVector() {
        pic.irqLine(0).set(true);
        assertThat(pic.hasPendingInterrupt()).isTrue();
        assertThat(pic.acknowledge()).isEqualTo(0x20);
        assertThat(pic.master().isr()).isEqualTo(0x01);
        eoiMaster();
        // The line is still high but there was no new edge.
        assertThat(pic.hasPendingInterrupt()).isFalse();
        pic.irqLine(0).set(false);
        pic.irqLine(0).set(true);
        assertThat(pic.acknowledge()).isEqualTo(0x20);
    }

    @Test
    void maskedRequestsStayInIrrUntilUnmasked() {
        pic.out(0x21, 1, 0x01);
        pic.irqLine(0).pulse();
        assertThat(pic.hasPendingInterrupt()).isFalse();
        pic.out(0x20, 1, 0x0A); // OCW3: read IRR
        assertThat(pic.in(0x20, 1)).isEqualTo(0x01);
        pic.out(0x21, 1, 0x00);
        assertThat(pic.hasPendingInterrupt()).isTrue();
    }

    @Test
    void lowerIrqNumberWinsAndInServiceBlocksLowerPriority() {
        pic.irqLine(4).pulse();
        pic.irqLine(1).pulse();
        assertThat(pic.acknowledge()).isEqualTo(0x21);
        // IRQ 4 must wait while IRQ 1 is in service.
        assertThat(pic.hasPendingInterrupt()).isFalse();
        pic.irqLine(0).pulse(); // higher priority nests
        assertThat(pic.acknowledge()).isEqualTo(0x20);
        pic.out(0x20, 1, 0x0B); // OCW3: read ISR
        assertThat(pic.in(0x20, 1)).isEqualTo(0x03);
        eoiMaster(); // non-specific EOI ends the highest in service: IRQ 0
        assertThat(pic.in(0x20, 1)).isEqualTo(0x02);
        assertThat(pic.hasPendingInterrupt()).isFalse();
        pic.out(0x20, 1, 0x61); // specific EOI for IRQ 1
        assertThat(pic.in(0x20, 1)).isZero();
        assertThat(pic.acknowledge()).isEqualTo(0x24);
    }

    @Test
    void slaveInterruptsCascadeThroughIrq2() {
        pic.irqLine(14).set(true);
        assertThat(pic.master().irr() & 0x04).isEqualTo(0x04);
        assertThat(pic.hasPendingInterrupt()).isTrue();
        assertThat(pic.acknowledge()).isEqualTo(0x2E);
        assertThat(pic.slave().isr()).isEqualTo(0x40);
        assertThat(pic.master().isr()).isEqualTo(0x04);
        pic.irqLine(14).set(false);
        // A second slave request waits for the slave's EOI...
        pic.irqLine(15).pulse();
        assertThat(pic.hasPendingInterrupt()).isFalse();
        pic.out(0xA0, 1, 0x20);
        // ...and for the master's, since IR2 is still in service there.
        assertThat(pic.hasPendingInterrupt()).isFalse();
        eoiMaster();
        assertThat(pic.hasPendingInterrupt()).isTrue();
        assertThat(pic.acknowledge()).isEqualTo(0x2F);
    }

    @Test
    void maskingTheCascadeBlocksTheSlave() {
        pic.out(0x21, 1, 0x04);
        pic.irqLine(8).pulse();
        assertThat(pic.hasPendingInterrupt()).isFalse();
        pic.out(0x21, 1, 0x00);
        assertThat(pic.acknowledge()).isEqualTo(0x28);
    }

    @Test
    void acknowledgeWithNothingPendingIsSpuriousIrq7() {
        assertThat(pic.acknowledge()).isEqualTo(0x27);
        assertThat(pic.master().isr()).isZero();
    }

    @Test
    void automaticEoiLeavesNothingInService() {
        pic.out(0x20, 1, 0x11);
        pic.out(0x21, 1, 0x40);
        pic.out(0x21, 1, 0x04);
        pic.out(0x21, 1, 0x03); // ICW4: 8086 mode, AEOI
        pic.irqLine(3).pulse();
        assertThat(pic.acknowledge()).isEqualTo(0x43);
        assertThat(pic.master().isr()).isZero();
    }

    @Test
    void rotateOnNonSpecificEoiMakesTheServicedIrqLowest() {
        pic.irqLine(0).pulse();
        assertThat(pic.acknowledge()).isEqualTo(0x20);
        pic.out(0x20, 1, 0xA0); // rotate on non-specific EOI: IRQ 0 becomes lowest
        pic.irqLine(0).pulse();
        pic.irqLine(7).pulse();
        assertThat(pic.acknowledge()).isEqualTo(0x27);
    }

    @Test
    void pollCommandReturnsTheHighestRequest() {
        pic.irqLine(5).pulse();
        pic.out(0x20, 1, 0x0C); // OCW3: poll
        assertThat(pic.in(0x20, 1)).isEqualTo(0x85);
        assertThat(pic.master().isr()).isEqualTo(0x20);
    }
}
