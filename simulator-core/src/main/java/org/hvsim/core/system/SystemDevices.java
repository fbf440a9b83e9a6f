package org.hvsim.core.system;

/**
 * What the processor needs from its platform: simulated time, the I/O port space, the local
 * APIC's task priority (CR8) and base, and the interrupt controller. Implemented by the
 * platform; a VMM model can interpose on the same interface.
 */
public interface SystemDevices {
    /** Simulated time in CPU cycles (the TSC before its offset). */
    long cycles();

    int in(int port, int size);

    void out(int port, int size, int value);

    /** CR8: the APIC TPR's priority class, TPR[7:4]. */
    long readCr8();

    void writeCr8(long value);

    long apicBase();

    void setApicBase(long value);

    /** A maskable interrupt is pending and not blocked by priority. */
    boolean hasPendingInterrupt();

    /** Acknowledges the highest-priority pending interrupt and returns its vector. */
    int acknowledgeInterrupt();
}
