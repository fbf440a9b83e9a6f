package org.hvsim.core.mem;

/**
 * Physical addresses that belong to devices rather than RAM (memory-mapped I/O). Accesses that
 * translate into such an address bypass the software TLB and go to the device every time.
 */
public interface MmioSpace {
    boolean isMmio(long physicalAddress);

    long read(long physicalAddress, int size);

    void write(long physicalAddress, int size, long value);
}
