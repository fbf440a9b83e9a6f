package org.hvsim.core.platform.pit;

import org.hvsim.core.platform.EventScheduler;
import org.hvsim.core.platform.IoPortDevice;

/**
 * Port 0x61, PC/AT "system control port B": bit 0 drives PIT counter 2's gate, bit 1 the
 * speaker data enable (stored only); reads return those bits plus bit 4, the DRAM refresh
 * toggle, and bit 5, counter 2's OUT. Guests calibrate delays with counter 2 through this port
 * (gate it, program mode 0, poll bit 5). The refresh toggle flips every 18 PIT clocks
 * (15.085 us), the PC/AT BIOS programming of counter 1 for DRAM refresh. NMI status bits 6-7
 * read 0.
 */
public final class SystemControlPortB implements IoPortDevice {
    public static final int PORT = 0x61;
    private static final int REFRESH_PERIOD_PIT_TICKS = 18;

    private final Pit8254 pit;
    private final EventScheduler scheduler;
    private int control;

    public SystemControlPortB(Pit8254 pit, EventScheduler scheduler) {
        this.pit = pit;
        this.scheduler = scheduler;
    }

    @Override
    public int in(int port, int size) {
        long now = scheduler.now();
        int refresh = (int) ((pit.pitTicks(now) / REFRESH_PERIOD_PIT_TICKS) & 1);
        int out2 = pit.counter(2).output(now) ? 1 : 0;
        return (control & 0x03) | (refresh << 4) | (out2 << 5);
    }

    @Override
    public void out(int port, int size, int value) {
        control = value & 0x0F;
        pit.counter(2).setGate((value & 1) != 0, scheduler.now());
    }
}
