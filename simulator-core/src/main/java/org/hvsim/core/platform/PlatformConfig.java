package org.hvsim.core.platform;

import org.hvsim.core.platform.ata.AtaTiming;

/**
 * Clock frequencies and latencies of the simulated PC platform. Every device converts its own
 * time base into CPU cycles through these numbers; see docs/devices.md for the sources.
 *
 * @param cpuFrequencyHz       simulated core clock, the unit of simulated time (cycles). Default
 *                             3 GHz, a placeholder the CPU presets will override.
 * @param apicTimerFrequencyHz the local APIC timer's input clock before the divide
 *                             configuration. Default 1 GHz: QEMU/KVM model the APIC bus cycle
 *                             as 1 ns (APIC_BUS_CYCLE_NS = 1). Real Intel parts count the bus
 *                             or core crystal clock (SDM Vol. 3A 11.5.4; CPUID leaf 15H reports
 *                             it, e.g. 24 MHz on Skylake client parts).
 * @param pitFrequencyHz       8254 PIT input clock: 1.193182 MHz (14.31818 MHz / 12, the IBM PC
 *                             crystal; QEMU uses 1193182).
 * @param uartClockHz          16550 reference clock: 1.8432 MHz, the PC serial crystal, giving
 *                             115200 baud at divisor 1 (NS16550A datasheet, baud = clock / (16 *
 *                             divisor)). Only paces host input delivery.
 * @param ataTiming            disk latency assumptions
 */
public record PlatformConfig(
        long cpuFrequencyHz,
        long apicTimerFrequencyHz,
        long pitFrequencyHz,
        long uartClockHz,
        AtaTiming ataTiming) {

    public static final long DEFAULT_CPU_HZ = 3_000_000_000L;
    public static final long DEFAULT_APIC_TIMER_HZ = 1_000_000_000L;
    public static final long PIT_HZ = 1_193_182L;
    public static final long UART_CLOCK_HZ = 1_843_200L;

    public PlatformConfig {
        if (cpuFrequencyHz <= 0 || apicTimerFrequencyHz <= 0 || pitFrequencyHz <= 0 || uartClockHz <= 0) {
            throw new IllegalArgumentException("frequencies must be positive");
        }
        if (ataTiming == null) {
            throw new IllegalArgumentException("ataTiming is required");
        }
    }

    /** The reference defaults listed above. */
    public static PlatformConfig defaults() {
        return new PlatformConfig(DEFAULT_CPU_HZ, DEFAULT_APIC_TIMER_HZ, PIT_HZ, UART_CLOCK_HZ, AtaTiming.DEFAULT);
    }

    public PlatformConfig withCpuFrequencyHz(long hz) {
        return new PlatformConfig(hz, apicTimerFrequencyHz, pitFrequencyHz, uartClockHz, ataTiming);
    }

    public PlatformConfig withApicTimerFrequencyHz(long hz) {
        return new PlatformConfig(cpuFrequencyHz, hz, pitFrequencyHz, uartClockHz, ataTiming);
    }

    public PlatformConfig withAtaTiming(AtaTiming timing) {
        return new PlatformConfig(cpuFrequencyHz, apicTimerFrequencyHz, pitFrequencyHz, uartClockHz, timing);
    }

    /** CPU cycles for {@code nanos} nanoseconds, rounded up. */
    public long nanosToCycles(long nanos) {
        return ClockRatio.of(1_000_000_000L, cpuFrequencyHz).convertCeil(nanos);
    }
}
