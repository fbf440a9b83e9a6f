package org.hvsim.mmu.paging;

/** Hands out consecutive 4 KiB-aligned frames from a base address (for building tables in tests and guests). */
public final class FrameAllocator {

    private long next;

    public FrameAllocator(long base) {
        if ((base & 0xFFF) != 0) {
            throw new IllegalArgumentException("base must be 4 KiB aligned");
        }
        this.next = base;
    }

    public long allocate() {
        long frame = next;
        next += 4096;
        return frame;
    }

    /** Next frame that would be returned. */
    public long peek() {
        return next;
    }
}
