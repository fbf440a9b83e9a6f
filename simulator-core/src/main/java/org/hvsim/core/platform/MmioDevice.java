package org.hvsim.core.platform;

/**
 * A device mapped into the physical address space (the local APIC at 0xFEE00000). Accesses
 * to its range never reach RAM and are never cached in the CPU's software TLB.
 */
public interface MmioDevice {
    /** Reads {@code size} (1, 2, 4 or 8) bytes at {@code offset} from the device's base. */
    long read(long offset, int size);

    /** Writes the low {@code size} bytes of {@code value} at {@code offset} from the device's base. */
    void write(long offset, int size, long value);
}
