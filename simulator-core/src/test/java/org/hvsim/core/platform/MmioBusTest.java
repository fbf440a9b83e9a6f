package org.hvsim.core.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MmioBusTest {
    private static final class Recorder implements MmioDevice {
        long lastOffset = -1;
        long lastValue;

        @Override
        public long read(long offset, int size) {
            return offset;
        }

        @Override
        public void write(long offset, int size, long value) {
            lastOffset = offset;
            lastValue = value;
        }
    }

    @Test
    void looksUpByPhysicalAddressWithDeviceRelativeOffsets() {
        MmioBus bus = new MmioBus();
        Recorder apic = new Recorder();
        Recorder ioapic = new Recorder();
        bus.register(0xFEE0_0000L, 0x1000, apic);
        bus.register(0xFEC0_0000L, 0x1000, ioapic);
        assertThat(bus.lowestBase()).isEqualTo(0xFEC0_0000L);
        assertThat(bus.isMmio(0x1000)).isFalse();
        assertThat(bus.isMmio(0xFEDF_FFFFL)).isFalse();
        assertThat(bus.isMmio(0xFEE0_0000L)).isTrue();
        assertThat(bus.isMmio(0xFEE0_0FFFL)).isTrue();
        assertThat(bus.isMmio(0xFEE0_1000L)).isFalse();
        assertThat(bus.read(0xFEE0_0030L, 4)).isEqualTo(0x30);
        bus.write(0xFEC0_0010L, 4, 7);
        assertThat(ioapic.lastOffset).isEqualTo(0x10);
        assertThat(apic.lastOffset).isEqualTo(-1);
        assertThat(bus.read(0xFEE0_2000L, 4)).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void rejectsOverlap() {
        MmioBus bus = new MmioBus();
        bus.register(0xFEE0_0000L, 0x1000, new Recorder());
        assertThatThrownBy(() -> bus.register(0xFEE0_0800L, 0x1000, new Recorder()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bus.register(0xFEDF_F000L, 0x1001, new Recorder()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
