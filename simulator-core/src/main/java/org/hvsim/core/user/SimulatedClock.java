package org.hvsim.core.user;

/**
 * Guest time in user-mode simulation, derived only from the number of retired instructions:
 * the simulated CPU runs at a nominal {@link #NANOSECONDS_PER_INSTRUCTION} ns per instruction
 * (1 GHz at one instruction per cycle), and the realtime clock starts at {@link #EPOCH_SECONDS}.
 * The host clock is never consulted, so a program sees the same times on every run and machine.
 */
public final class SimulatedClock {
    /** Nominal duration of one instruction. */
    public static final long NANOSECONDS_PER_INSTRUCTION = 1;
    /** CLOCK_REALTIME at the first instruction: 2024-01-01T00:00:00Z. */
    public static final long EPOCH_SECONDS = 1_704_067_200L;
    /** Resolution reported by clock_getres: 1 ns. */
    public static final long RESOLUTION_NANOS = 1;

    private SimulatedClock() {
    }

    /** Nanoseconds since the process started (CLOCK_MONOTONIC, CLOCK_BOOTTIME, CPU-time clocks). */
    public static long monotonicNanos(long retiredInstructions) {
        return retiredInstructions * NANOSECONDS_PER_INSTRUCTION;
    }

    /** Nanoseconds since the Unix epoch (CLOCK_REALTIME). */
    public static long realtimeNanos(long retiredInstructions) {
        return EPOCH_SECONDS * 1_000_000_000L + monotonicNanos(retiredInstructions);
    }
}
