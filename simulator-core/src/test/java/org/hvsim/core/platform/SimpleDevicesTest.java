package org.hvsim.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Port 0x80 and isa-debug-exit. */
class SimpleDevicesTest {
    @Test
    void postPortReadsAllOnesAndRemembersWrites() {
        PostCodePort p = new PostCodePort();
        assertThat(p.in(0x80, 1)).isEqualTo(0xFF);
        p.out(0x80, 1, 0x42);
        assertThat(p.lastCode()).isEqualTo(0x42);
        assertThat(p.writeCount()).isEqualTo(1);
    }

    @Test
    void debugExitStatusIsValueShiftedLeftOrOne() {
        DebugExitDevice d = new DebugExitDevice();
        int[] calls = new int[1];
        d.setListener(() -> calls[0]++);
        assertThat(d.exitRequested()).isFalse();
        assertThat(d.in(0xF4, 1)).isZero();
        d.out(0xF4, 1, 0x10);
        assertThat(d.exitRequested()).isTrue();
        assertThat(d.exitStatus()).isEqualTo(0x21);
        assertThat(d.processExitCode()).isEqualTo(0x21);
        d.out(0xF4, 1, 0); // later writes do not change the first request
        assertThat(d.exitStatus()).isEqualTo(0x21);
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void debugExitUsesTheAccessWidth() {
        DebugExitDevice d = new DebugExitDevice();
        d.out(0xF4, 4, 0x0000_0180);
        assertThat(d.exitStatus()).isEqualTo(0x301);
        assertThat(d.processExitCode()).isEqualTo(0x01);
    }
}
