package org.hvsim.core.platform;

/** An interrupt request line from a device to an interrupt controller (PIC, I/O APIC input). */
public interface InterruptLine {
    /** Level of the line: {@code true} asserts the request, {@code false} deasserts it. */
    void set(boolean asserted);

    /** An edge: assert then deassert. */
    default void pulse() {
        set(true);
        set(false);
    }
}
