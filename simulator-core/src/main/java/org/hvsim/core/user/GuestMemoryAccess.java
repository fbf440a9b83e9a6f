package org.hvsim.core.user;

import org.hvsim.core.mem.AccessKind;
import org.hvsim.core.mem.LinearMemory;

/**
 * How system calls touch guest memory: every user pointer is checked against the address space
 * first, so a bad pointer becomes -EFAULT for the guest (as in Linux's copy_to_user) instead of a
 * fault in the middle of a half-done call. Copies go through {@link LinearMemory}, so stores into
 * decoded code invalidate it as the guest's own stores would.
 */
final class GuestMemoryAccess {
    private final UserAddressSpace space;
    private final LinearMemory memory;

    GuestMemoryAccess(UserAddressSpace space, LinearMemory memory) {
        this.space = space;
        this.memory = memory;
    }

    boolean readable(long address, long length) {
        return space.isAccessible(address, length, AccessKind.READ);
    }

    boolean writable(long address, long length) {
        return space.isAccessible(address, length, AccessKind.WRITE);
    }

    /** Reads bytes the caller has checked with {@link #readable}. */
    void read(long address, byte[] dst, int offset, int length) {
        memory.readBytes(address, dst, offset, length);
    }

    /** Writes bytes the caller has checked with {@link #writable}. */
    void write(long address, byte[] src, int offset, int length) {
        memory.writeBytes(address, src, offset, length);
    }

    long read64(long address) {
        return memory.read64(address);
    }

    void write64(long address, long value) {
        memory.write64(address, value);
    }

    /** Writes {@code values} as consecutive 64-bit words, or returns false if not writable. */
    boolean writeWords(long address, long... values) {
        if (!writable(address, 8L * values.length)) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            memory.write64(address + 8L * i, values[i]);
        }
        return true;
    }
}
