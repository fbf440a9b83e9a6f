package org.hvsim.core.platform;

/**
 * What the CPU asks at an instruction boundary with RFLAGS.IF = 1: is a maskable interrupt
 * pending, and which vector does acknowledging it deliver? (The INTA cycle of the 8259A, or
 * the local APIC's IRR/ISR/PPR logic, SDM Vol. 3A 11.8.)
 */
public interface InterruptController {
    /** True if a maskable interrupt is pending and not blocked by priority (TPR/PPR, masks). */
    boolean hasPendingInterrupt();

    /** Acknowledges the highest-priority pending interrupt and returns its vector (32-255). */
    int acknowledge();
}
