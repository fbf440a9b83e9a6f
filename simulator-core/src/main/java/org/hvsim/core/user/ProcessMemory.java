package org.hvsim.core.user;

/**
 * The memory-management system calls of a user-mode process: brk, mmap, munmap and mprotect,
 * with Linux semantics for anonymous memory.
 *
 * <p>Layout (fixed, no randomization): the heap (brk) starts right after the highest ELF
 * segment and grows up; mmap places mappings top-down below {@link #MMAP_TOP}, which leaves
 * 128 MiB (Linux's minimum stack gap) below the stack top.
 */
final class ProcessMemory {
    /** Where top-down mmap allocation starts: STACK_TOP minus Linux's minimum 128 MiB gap. */
    static final long MMAP_TOP = InitialStack.STACK_TOP - (128L << 20);
    /** vm.mmap_min_addr: nothing is ever mapped below 64 KiB. */
    static final long MMAP_MIN = 0x1_0000L;
    /** MAP_32BIT places mappings in the first 2 GiB, above 1 GiB (as Linux does). */
    private static final long MAP_32BIT_LOW = 0x4000_0000L;
    private static final long MAP_32BIT_HIGH = 0x8000_0000L;

    static final int MAP_SHARED = 0x01;
    static final int MAP_PRIVATE = 0x02;
    static final int MAP_SHARED_VALIDATE = 0x03;
    static final int MAP_TYPE = 0x0F;
    static final int MAP_FIXED = 0x10;
    static final int MAP_ANONYMOUS = 0x20;
    static final int MAP_32BIT = 0x40;
    static final int MAP_FIXED_NOREPLACE = 0x10_0000;

    private static final long PAGE_MASK = UserAddressSpace.PAGE_SIZE - 1;
    /**
     * Largest single mapping or heap growth: 64 GiB. Linux's overcommit heuristic refuses
     * requests far beyond RAM plus swap in the same way (ENOMEM); here it also bounds the work.
     */
    static final long MAX_MAPPING = 1L << 36;

    private final UserAddressSpace space;
    private final long heapStart;
    private long brk;

    ProcessMemory(UserAddressSpace space, long heapStart) {
        this.space = space;
        this.heapStart = heapStart;
        this.brk = heapStart;
    }

    long currentBrk() {
        return brk;
    }

    /**
     * brk(2) as the raw system call: returns the new break on success and the unchanged break on
     * failure (below the heap start, into another mapping, or out of address space).
     */
    long brk(long requested) {
        if (Long.compareUnsigned(requested, heapStart) < 0 || Long.compareUnsigned(requested, MMAP_TOP) > 0) {
            return brk;
        }
        long oldTop = pageUp(brk);
        long newTop = pageUp(requested);
        if (newTop > oldTop) {
            if (newTop - oldTop > MAX_MAPPING || !space.isFree(oldTop, newTop)) {
                return brk;
            }
            space.map(oldTop, newTop, UserAddressSpace.PROT_READ | UserAddressSpace.PROT_WRITE);
        } else if (newTop < oldTop) {
            space.unmap(newTop, oldTop);
        }
        brk = requested;
        return brk;
    }

    /** mmap(2) for anonymous memory; file mappings fail (there are no files). */
    long mmap(long addr, long length, long prot, long flags, long fd, long offset, FileDescriptorCheck fds) {
        int type = (int) (flags & MAP_TYPE);
        if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE) {
            return -Errno.EINVAL;
        }
        if ((flags & MAP_ANONYMOUS) == 0) {
            // The only descriptors are stdin/stdout/stderr, which are pipes: not mappable.
            return fds.isOpen(fd) ? -Errno.ENODEV : -Errno.EBADF;
        }
        if (length == 0 || (offset & PAGE_MASK) != 0 || (prot & ~7L) != 0) {
            return -Errno.EINVAL;
        }
        if (Long.compareUnsigned(length, MAX_MAPPING) > 0) {
            return -Errno.ENOMEM;
        }
        long len = pageUp(length);
        boolean fixed = (flags & MAP_FIXED) != 0;
        boolean noReplace = (flags & MAP_FIXED_NOREPLACE) != 0;
        if (fixed || noReplace) {
            if ((addr & PAGE_MASK) != 0) {
                return -Errno.EINVAL;
            }
            if (Long.compareUnsigned(addr, MMAP_MIN) < 0 || !ElfImage.fits(addr, len, UserAddressSpace.USER_END)) {
                return -Errno.ENOMEM;
            }
            if (noReplace && !space.isFree(addr, addr + len)) {
                return -Errno.EEXIST;
            }
            space.map(addr, addr + len, (int) prot);
            return addr;
        }
        long start = -1;
        long hint = pageUp(addr);
        if (addr != 0 && Long.compareUnsigned(hint, MMAP_MIN) >= 0
                && ElfImage.fits(hint, len, UserAddressSpace.USER_END) && space.isFree(hint, hint + len)) {
            start = hint;
        }
        if (start < 0) {
            boolean low = (flags & MAP_32BIT) != 0;
            start = space.findFreeTopDown(len, low ? MAP_32BIT_LOW : MMAP_MIN, low ? MAP_32BIT_HIGH : MMAP_TOP);
        }
        if (start < 0) {
            return -Errno.ENOMEM;
        }
        space.map(start, start + len, (int) prot);
        return start;
    }

    /** munmap(2): unmapping pages that are not mapped is not an error. */
    long munmap(long addr, long length) {
        if ((addr & PAGE_MASK) != 0 || length == 0) {
            return -Errno.EINVAL;
        }
        if (Long.compareUnsigned(length, UserAddressSpace.USER_END) > 0
                || !ElfImage.fits(addr, pageUp(length), UserAddressSpace.USER_END)) {
            return -Errno.EINVAL;
        }
        space.unmap(addr, addr + pageUp(length));
        return 0;
    }

    /** mprotect(2): every page in the range must be mapped (else ENOMEM, nothing changes). */
    long mprotect(long addr, long length, long prot) {
        if ((addr & PAGE_MASK) != 0 || (prot & ~7L) != 0) {
            return -Errno.EINVAL;
        }
        if (length == 0) {
            return 0;
        }
        if (Long.compareUnsigned(length, UserAddressSpace.USER_END) > 0
                || !ElfImage.fits(addr, pageUp(length), UserAddressSpace.USER_END)) {
            return -Errno.ENOMEM;
        }
        return space.protect(addr, addr + pageUp(length), (int) prot) ? 0 : -Errno.ENOMEM;
    }

    private static long pageUp(long a) {
        return (a + PAGE_MASK) & ~PAGE_MASK;
    }

    /** Which descriptors exist, for the error code of a file mapping. */
    @FunctionalInterface
    interface FileDescriptorCheck {
        boolean isOpen(long fd);
    }
}
