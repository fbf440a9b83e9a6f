package org.hvsim.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.hvsim.core.platform.ata.MemoryBlockStorage;
import org.junit.jupiter.api.Test;

/** The assembled PC: port map, interrupt routing, exit request. */
class PcPlatformTest {
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PcPlatform pc = new PcPlatform(PlatformConfig.defaults(), console);
    private final IoBus io = pc.ioBus();

    private void initPic() {
        io.out(0x20, 1, 0x11);
        io.out(0xA0, 1, 0x11);
        io.out(0x21, 1, 0x20);
        io.out(0xA1, 1, 0x28);
        io.out(0x21, 1, 0x04);
        io.out(0xA1, 1, 0x02);
        io.out(0x21, 1, 0x01);
        io.out(0xA1, 1, 0x01);
    }

    @Test
    void portMapMatchesTheBootProtocol() {
        for (int port : new int[] {0x20, 0x21, 0xA0, 0xA1, 0x40, 0x43, 0x61, 0x80, 0xF4, 0xF7, 0x1F0, 0x1F7, 0x3F6,
            0x3F8, 0x3FF}) {
            assertThat(io.isClaimed(port)).as("port 0x%x", port).isTrue();
        }
        assertThat(io.in(0x60, 1)).isEqualTo(0xFF); // no keyboard controller
        assertThat(io.in(0x80, 1)).isEqualTo(0xFF);
        assertThat(pc.mmioBus().isMmio(0xFEE0_0000L)).isTrue();
        assertThat(pc.mmioBus().read(0xFEE0_0030L, 4)).isEqualTo(0x50014);
        assertThat(pc.mmioBus().isMmio(0x8000)).isFalse();
        assertThat(io.in(0x1F7, 1)).isZero(); // no disk
        pc.attachDisk(new MemoryBlockStorage(8));
        assertThat(io.in(0x1F7, 1)).isEqualTo(0x50);
        assertThat(pc.diskAttached()).isTrue();
    }

    @Test
    void consoleOutputGoesThroughCom1() {
        for (byte b : "hello\n".getBytes(StandardCharsets.US_ASCII)) {
            while ((io.in(0x3FD, 1) & 0x20) == 0) {
                // polled output: THRE is always set
            }
            io.out(0x3F8, 1, b);
        }
        pc.flushConsole();
        assertThat(console.toString(StandardCharsets.US_ASCII)).isEqualTo("hello\n");
    }

    @Test
    void pitInterruptsReachTheCpuThroughThePicAndLint0() {
        initPic();
        io.out(0x21, 1, 0xFE); // only IRQ 0
        io.out(0x43, 1, 0x34);
        io.out(0x40, 1, 0xA9);
        io.out(0x40, 1, 0x04); // 1193: ~1 ms
        SimulatedTime t = pc.scheduler();
        InterruptController cpu = pc.interruptController();
        assertThat(cpu.hasPendingInterrupt()).isFalse();
        t.runDue(t.nextEventCycle());
        assertThat(cpu.hasPendingInterrupt()).isTrue();
        assertThat(cpu.acknowledge()).isEqualTo(0x20);
        io.out(0x20, 1, 0x20);
        // Masking LINT0 in the APIC cuts the PIC off, as in QEMU.
        pc.mmioBus().write(0xFEE0_0350L, 4, 0x10700);
        t.runDue(t.nextEventCycle());
        assertThat(cpu.hasPendingInterrupt()).isFalse();
        pc.mmioBus().write(0xFEE0_0350L, 4, 0x700);
        assertThat(cpu.hasPendingInterrupt()).isTrue();
    }

    @Test
    void apicInterruptsComeBeforePicInterrupts() {
        initPic();
        pc.pic().setIrq(4, true);
        pc.mmioBus().write(0xFEE0_00F0L, 4, 0x1FF);
        pc.localApic().requestInterrupt(0x40);
        InterruptController cpu = pc.interruptController();
        assertThat(cpu.acknowledge()).isEqualTo(0x40);
        assertThat(cpu.acknowledge()).isEqualTo(0x24);
        assertThat(cpu.hasPendingInterrupt()).isFalse();
    }

    @Test
    void apicTimerDrivesTheCpuThroughTheScheduler() {
        var mmio = pc.mmioBus();
        mmio.write(0xFEE0_00F0L, 4, 0x1FF);
        mmio.write(0xFEE0_03E0L, 4, 0xB);
        mmio.write(0xFEE0_0320L, 4, 0x20020);
        mmio.write(0xFEE0_0380L, 4, 1_000_000); // 1 ms at 1 GHz
        SimulatedTime t = pc.scheduler();
        assertThat(t.nextEventCycle()).isEqualTo(3_000_000);
        t.runDue(3_000_000);
        assertThat(pc.interruptController().acknowledge()).isEqualTo(0x20);
        assertThat(t.nextEventCycle()).isEqualTo(6_000_000);
    }

    @Test
    void ataInterruptArrivesOnIrq14ThroughTheSlave() {
        initPic();
        pc.attachDisk(new MemoryBlockStorage(8));
        io.out(0x1F6, 1, 0xE0);
        io.out(0x1F2, 1, 1);
        io.out(0x1F3, 1, 0);
        io.out(0x1F4, 1, 0);
        io.out(0x1F5, 1, 0);
        io.out(0x1F7, 1, 0x20);
        SimulatedTime t = pc.scheduler();
        t.runDue(t.nextEventCycle());
        assertThat(pc.interruptController().acknowledge()).isEqualTo(0x2E);
    }

    @Test
    void debugExitPortStopsTheMachine() {
        assertThat(pc.exitRequested()).isFalse();
        io.out(0xF4, 4, 0);
        assertThat(pc.exitRequested()).isTrue();
        assertThat(pc.exitStatus()).isEqualTo(1);
    }
}
