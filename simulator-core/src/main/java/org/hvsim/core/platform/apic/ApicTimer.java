package org.hvsim.core.platform.apic;

import org.hvsim.core.platform.ClockRatio;
import org.hvsim.core.platform.EventScheduler;

/**
 * The local APIC timer (SDM Vol. 3A 11.5.4): initial count, current count, divide
 * configuration, one-shot and periodic modes. The current count is derived from simulated
 * time, never decremented per tick. Counting runs at the APIC timer input clock divided by
 * 1, 2, 4, ..., 128; an initial count N expires after N divided ticks (SDM: the count reaches
 * zero), then reloads N in periodic mode. Writing 0 stops it.
 *
 * <p>Changing the divider or the mode while counting keeps the current count and continues
 * from it at the new rate ("rebase"): the SDM leaves this case loosely specified.
 */
final class ApicTimer {
    private final EventScheduler scheduler;
    private final ClockRatio cpuToApic;
    private final ClockRatio apicToCpu;
    private final Runnable expired;
    private final Runnable onEvent = this::onEvent;

    private long initialCount;
    private int divide = 2; // divide configuration 0 (reset value) selects divide by 2
    private int divideConfig;
    private boolean periodic;

    private boolean running;
    private long startCycle;
    private long firstPeriod; // divided ticks from startCycle to the first expiry
    private long expiries;    // expiries already signalled since startCycle
    private long eventHandle;

    ApicTimer(EventScheduler scheduler, ClockRatio cpuToApic, ClockRatio apicToCpu, Runnable expired) {
        this.scheduler = scheduler;
        this.cpuToApic = cpuToApic;
        this.apicToCpu = apicToCpu;
        this.expired = expired;
    }

    /** Write to the initial-count register: (re)starts counting from {@code count}. */
    void start(long count) {
        initialCount = count & 0xFFFF_FFFFL;
        cancel();
        if (initialCount == 0) {
            running = false;
            return;
        }
        restartFrom(initialCount, scheduler.now());
    }

    long initialCount() {
        return initialCount;
    }

    /** The current-count register. */
    long currentCount() {
        if (!running) {
            return 0;
        }
        long t = dividedTicks(scheduler.now());
        if (t < firstPeriod) {
            return firstPeriod - t;
        }
        if (!periodic) {
            return 0;
        }
        return initialCount - ((t - firstPeriod) % initialCount);
    }

    int divideConfig() {
        return divideConfig;
    }

    /** Write to the divide configuration register (bits 0, 1, 3; SDM Figure 11-10). */
    void setDivideConfig(int value) {
        int config = value & 0xB;
        int code = ((config >>> 1) & 4) | (config & 3);
        int newDivide = code == 7 ? 1 : 2 << code;
        if (newDivide == divide) {
            divideConfig = config;
            return;
        }
        long now = scheduler.now();
        long current = currentCount();
        divideConfig = config;
        divide = newDivide;
        rebase(current, now);
    }

    /** Divide value (1-128) currently selected. */
    int divide() {
        return divide;
    }

    /** The LVT timer mode changed (one-shot / periodic). */
    void setPeriodic(boolean periodic) {
        if (periodic == this.periodic) {
            return;
        }
        long now = scheduler.now();
        long current = currentCount();
        this.periodic = periodic;
        rebase(current, now);
    }

    /** Cycle of the next expiry, or -1 (for tests and tracing). */
    long nextExpiryCycle() {
        return running && eventHandle != 0 ? expiryCycle(expiries + 1) : -1;
    }

    private void rebase(long current, long now) {
        if (!running) {
            return;
        }
        cancel();
        if (current == 0) {
            // An expired one-shot timer stays expired; a periodic one never reads 0.
            running = periodic && initialCount != 0;
            if (running) {
                restartFrom(initialCount, now);
            }
            return;
        }
        restartFrom(current, now);
    }

    private void restartFrom(long firstPeriodTicks, long now) {
        running = true;
        startCycle = now;
        firstPeriod = firstPeriodTicks;
        expiries = 0;
        schedule();
    }

    private void schedule() {
        eventHandle = scheduler.schedule(expiryCycle(expiries + 1), onEvent);
    }

    /** Cycle of expiry number {@code k} (1-based) since {@code startCycle}. */
    private long expiryCycle(long k) {
        long dividedTicks = firstPeriod + (k - 1) * initialCount;
        return startCycle + apicToCpu.convertCeil(dividedTicks * divide);
    }

    private long dividedTicks(long now) {
        return cpuToApic.convert(Math.max(0, now - startCycle)) / divide;
    }

    private void onEvent() {
        eventHandle = 0;
        expiries++;
        if (periodic) {
            schedule();
        }
        expired.run();
    }

    private void cancel() {
        if (eventHandle != 0) {
            scheduler.cancel(eventHandle);
            eventHandle = 0;
        }
    }
}
