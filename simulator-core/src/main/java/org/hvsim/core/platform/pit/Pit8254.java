package org.hvsim.core.platform.pit;

import org.hvsim.core.platform.ClockRatio;
import org.hvsim.core.platform.EventScheduler;
import org.hvsim.core.platform.InterruptLine;
import org.hvsim.core.platform.IoPortDevice;
import org.hvsim.core.platform.PlatformConfig;

/**
 * The Intel 8254 programmable interval timer at ports 0x40-0x43. Counter 0's OUT drives IRQ 0;
 * counter 1 (DRAM refresh on the PC/AT) is modelled but drives nothing; counter 2's gate and
 * OUT are reached through port 0x61 ({@link SystemControlPortB}). Counter 0 and 1 gates are
 * tied high, as on the PC.
 *
 * <p>IRQ 0 is raised at the rising edges of counter 0's OUT: once at terminal count in modes 0
 * and 4 (held high in mode 0 until reprogrammed), every {@code N} PIT clocks in modes 2 and 3.
 * Each edge is one scheduled event; a periodic counter reschedules the same Runnable.
 */
public final class Pit8254 implements IoPortDevice {
    public static final int BASE = 0x40;
    public static final int CONTROL = 0x43;
    public static final int IRQ = 0;

    private final EventScheduler scheduler;
    private final InterruptLine irq0;
    private final PitCounter[] counters = new PitCounter[3];
    private final Runnable counter0Edge = this::counter0Edge;
    private final ClockRatio cpuToPit;
    private long eventHandle;
    private long edgeIndex; // how many OUT0 periods have elapsed at the next scheduled edge

    public Pit8254(PlatformConfig config, EventScheduler scheduler, InterruptLine irq0) {
        this.scheduler = scheduler;
        this.irq0 = irq0;
        this.cpuToPit = ClockRatio.of(config.cpuFrequencyHz(), config.pitFrequencyHz());
        ClockRatio pitToCpu = ClockRatio.of(config.pitFrequencyHz(), config.cpuFrequencyHz());
        for (int i = 0; i < 3; i++) {
            counters[i] = new PitCounter(cpuToPit, pitToCpu, i != 2);
        }
    }

    public PitCounter counter(int i) {
        return counters[i];
    }

    /** PIT input-clock ticks elapsed since simulated time 0 (used for port 0x61's refresh bit). */
    long pitTicks(long cycle) {
        return cpuToPit.convert(cycle);
    }

    @Override
    public int in(int port, int size) {
        int i = port - BASE;
        if (i >= 0 && i < 3) {
            return counters[i].readByte(scheduler.now());
        }
        return 0xFF; // the control word register is write-only
    }

    @Override
    public void out(int port, int size, int value) {
        int v = value & 0xFF;
        long now = scheduler.now();
        int i = port - BASE;
        if (i >= 0 && i < 3) {
            if (counters[i].writeByte(v, now) && i == 0) {
                counter0Reprogrammed(now);
            }
            return;
        }
        if (port != CONTROL) {
            return;
        }
        int select = v >>> 6;
        if (select == 3) {
            readBack(v, now);
            return;
        }
        int rw = (v >>> 4) & 3;
        if (rw == PitCounter.RW_LATCH) {
            counters[select].latchCount(now);
            return;
        }
        int mode = (v >>> 1) & 7;
        if (mode > 5) {
            mode -= 4; // modes 6 and 7 are aliases of 2 and 3 (bit 3 is don't-care)
        }
        counters[select].control(rw, mode, (v & 1) != 0);
        if (select == 0) {
            cancelEvent();
            // A control word sets OUT low in mode 0 and high otherwise; only mode 0's low level
            // matters to the edge-triggered PIC.
            irq0.set(false);
        }
    }

    private void readBack(int v, long now) {
        boolean latchCount = (v & 0x20) == 0;
        boolean latchStatus = (v & 0x10) == 0;
        for (int i = 0; i < 3; i++) {
            if ((v & (2 << i)) != 0) {
                if (latchStatus) {
                    counters[i].latchStatus(now);
                }
                if (latchCount) {
                    counters[i].latchCount(now);
                }
            }
        }
    }

    private void counter0Reprogrammed(long now) {
        cancelEvent();
        PitCounter c = counters[0];
        if (c.mode() == 0) {
            irq0.set(false);
        }
        edgeIndex = 1;
        scheduleEdge();
    }

    private void scheduleEdge() {
        PitCounter c = counters[0];
        long n = c.initialCount();
        long tick;
        switch (c.mode()) {
            case 0:
                tick = n;
                break;
            case 2:
            case 3:
                tick = edgeIndex * n;
                break;
            case 4:
                tick = n + 1; // OUT rises again one CLK after the terminal-count strobe
                break;
            default:
                return; // modes 1 and 5 need a gate trigger, and counter 0's gate never moves
        }
        long cycle = c.cycleAtTick(tick);
        if (cycle >= 0) {
            eventHandle = scheduler.schedule(cycle, counter0Edge);
        }
    }

    private void counter0Edge() {
        eventHandle = 0;
        PitCounter c = counters[0];
        if (c.mode() == 0) {
            irq0.set(true); // OUT stays high until the counter is reprogrammed
            return;
        }
        irq0.pulse();
        if (c.mode() == 2 || c.mode() == 3) {
            edgeIndex++;
            scheduleEdge();
        }
    }

    private void cancelEvent() {
        if (eventHandle != 0) {
            scheduler.cancel(eventHandle);
            eventHandle = 0;
        }
    }
}
