package org.hvsim.core.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IoBusTest {
    private final IoBus bus = new IoBus();

    /** A device echoing the last write per port. */
    private static final class Latch implements IoPortDevice {
        int lastPort = -1;
        int lastValue;
        int lastSize;

        @Override
        public int in(int port, int size) {
            return 0x12345678 + port;
        }

        @Override
        public void out(int port, int size, int value) {
            lastPort = port;
            lastSize = size;
            lastValue = value;
        }
    }

    @Test
    void unclaimedPortsFloatHighAndIgnoreWrites() {
        assertThat(bus.in(0x60, 1)).isEqualTo(0xFF);
        assertThat(bus.in(0x60, 2)).isEqualTo(0xFFFF);
        assertThat(bus.in(0x60, 4)).isEqualTo(0xFFFF_FFFF);
        bus.out(0x60, 1, 0xAB); // nothing happens, nothing throws
        assertThat(bus.isClaimed(0x60)).isFalse();
    }

    @Test
    void dispatchesToTheClaimingDeviceWithAbsolutePortAndTruncatedValues() {
        Latch d = new Latch();
        bus.register(0x1F0, 8, d);
        assertThat(bus.isClaimed(0x1F7)).isTrue();
        assertThat(bus.isClaimed(0x1F8)).isFalse();
        bus.out(0x1F3, 1, 0x1234);
        assertThat(d.lastPort).isEqualTo(0x1F3);
        assertThat(d.lastValue).isEqualTo(0x34);
        assertThat(bus.in(0x1F0, 2)).isEqualTo((0x12345678 + 0x1F0) & 0xFFFF);
        assertThat(bus.in(0x1F0, 4)).isEqualTo(0x12345678 + 0x1F0);
    }

    @Test
    void overlappingRegistrationsAreRejected() {
        bus.register(0x3F8, 8, new Latch());
        assertThatThrownBy(() -> bus.register(0x3FF, 1, new Latch())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bus.register(0x3F0, 9, new Latch())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bus.register(0xFFFF, 2, new Latch())).isInstanceOf(IllegalArgumentException.class);
        bus.register(0x3F0, 8, new Latch()); // adjacent is fine
    }
}
