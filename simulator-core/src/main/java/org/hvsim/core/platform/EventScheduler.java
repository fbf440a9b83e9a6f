package org.hvsim.core.platform;

/**
 * Deterministic simulated-time events for devices (timer expiry, disk completion). Time is in
 * CPU cycles of the simulated processor, never host time. The execution engine runs the CPU
 * until the earliest event, then fires every event that is due, in time order (ties in
 * scheduling order).
 */
public interface EventScheduler {
    /** The current simulated time in CPU cycles. */
    long now();

    /**
     * Schedules {@code action} to run when simulated time reaches {@code cycle}.
     *
     * @return a handle for {@link #cancel}
     */
    long schedule(long cycle, Runnable action);

    /** Cancels a scheduled event; unknown or already-fired handles are ignored. */
    void cancel(long handle);
}
