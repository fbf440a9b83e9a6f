package org.hvsim.core.user;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.hvsim.core.ExceptionVector;
import org.hvsim.core.GuestFault;
import org.hvsim.core.mem.AccessKind;
import org.hvsim.core.mem.AddressTranslator;
import org.hvsim.mmu.PhysicalMemory;

/**
 * The address space of a user-mode process: linear addresses map one-to-one onto physical
 * addresses (there is no guest kernel and no paging in user-mode simulation), but only inside
 * the mappings the process has (ELF segments, stack, heap, mmap regions), each page with Linux
 * protection bits {@link #PROT_READ}, {@link #PROT_WRITE}, {@link #PROT_EXEC}.
 *
 * <p>Permissions live in a three-level radix table of bytes indexed by page number, so the
 * lookup on a software-TLB miss is three array loads and allocates nothing. A separate interval
 * map of mapped ranges serves only the system calls that look for free address space.
 *
 * <p>As on x86 hardware, a writable or executable page is also readable (there are no write-only
 * or execute-only pages without protection keys).
 *
 * <p>Whoever changes mappings must make the CPU forget stale translations; this class calls the
 * {@link #setChangeListener change listener} after every unmap or permission change (mapping a
 * previously unmapped page needs no flush: no translation of it can be cached).
 */
public final class UserAddressSpace implements AddressTranslator {
    public static final int PROT_NONE = 0;
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int PROT_EXEC = 4;

    public static final int PAGE_SIZE = PhysicalMemory.PAGE_SIZE;
    /** Linux TASK_SIZE on x86-64 with 4-level paging: the end of the user address space. */
    public static final long USER_END = 0x7FFF_FFFF_F000L;

    /** Set in a table entry for every mapped page, so PROT_NONE pages are "present". */
    private static final byte MAPPED = 8;
    private static final int LEAF_BITS = 12;
    private static final int MID_BITS = 12;
    private static final int TOP_BITS = 47 - 12 - LEAF_BITS - MID_BITS;

    private final PhysicalMemory physical;
    private final byte[][][] table = new byte[1 << TOP_BITS][][];
    /** Mapped ranges, start -> end (exclusive), coalesced; used to find free space. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private Runnable changeListener = () -> { };

    public UserAddressSpace(PhysicalMemory physical) {
        this.physical = physical;
    }

    /** Called after mappings were removed or permissions changed (flush TLBs and decoded code). */
    public void setChangeListener(Runnable listener) {
        this.changeListener = listener;
    }

    public PhysicalMemory physical() {
        return physical;
    }

    // ---- translation ------------------------------------------------------------------------

    @Override
    public long translate(long la, int access) {
        if (Long.compareUnsigned(la, USER_END) >= 0) {
            throw outsideUserSpace(la, access);
        }
        int p = entry(la >>> 12);
        if ((p & required(access)) == 0) {
            throw GuestFault.pageFault(la, errorCode(access, p != 0));
        }
        return la;
    }

    private static int required(int access) {
        switch (access) {
            case AccessKind.WRITE: return PROT_WRITE;
            case AccessKind.EXECUTE: return PROT_EXEC;
            default: return PROT_READ;
        }
    }

    private static int errorCode(int access, boolean present) {
        return GuestFault.PF_USER
                | (present ? GuestFault.PF_PRESENT : 0)
                | (access == AccessKind.WRITE ? GuestFault.PF_WRITE : 0)
                | (access == AccessKind.EXECUTE ? GuestFault.PF_FETCH : 0);
    }

    /**
     * Non-canonical addresses raise #GP (SDM Vol. 1 3.3.7.1); canonical addresses in the upper
     * half belong to the (absent) kernel and raise a protection #PF, as supervisor pages would.
     */
    private static GuestFault outsideUserSpace(long la, int access) {
        boolean canonical = (la >> 47) == 0 || (la >> 47) == -1;
        if (!canonical) {
            return GuestFault.of(ExceptionVector.GP);
        }
        return GuestFault.pageFault(la, errorCode(access, la < 0));
    }

    /** The protection of the page containing {@code la}, or -1 if it is not mapped. */
    public int protection(long la) {
        if (Long.compareUnsigned(la, USER_END) >= 0) {
            return -1;
        }
        int p = entry(la >>> 12);
        return p == 0 ? -1 : p & (PROT_READ | PROT_WRITE | PROT_EXEC);
    }

    /** Whether every byte of [la, la+length) may be accessed with {@code access}. */
    public boolean isAccessible(long la, long length, int access) {
        if (length == 0) {
            return true;
        }
        if (!ElfImage.fits(la, length, USER_END)) {
            return false;
        }
        int need = required(access);
        for (long page = la >>> 12; page <= (la + length - 1) >>> 12; page++) {
            if ((entry(page) & need) == 0) {
                return false;
            }
        }
        return true;
    }

    private int entry(long page) {
        byte[][] mid = table[(int) (page >>> (LEAF_BITS + MID_BITS))];
        if (mid == null) {
            return 0;
        }
        byte[] leaf = mid[(int) (page >>> LEAF_BITS) & ((1 << MID_BITS) - 1)];
        return leaf == null ? 0 : leaf[(int) page & ((1 << LEAF_BITS) - 1)];
    }

    private void setEntry(long page, int value) {
        int t = (int) (page >>> (LEAF_BITS + MID_BITS));
        byte[][] mid = table[t];
        if (mid == null) {
            if (value == 0) {
                return;
            }
            mid = table[t] = new byte[1 << MID_BITS][];
        }
        int m = (int) (page >>> LEAF_BITS) & ((1 << MID_BITS) - 1);
        byte[] leaf = mid[m];
        if (leaf == null) {
            if (value == 0) {
                return;
            }
            leaf = mid[m] = new byte[1 << LEAF_BITS];
        }
        leaf[(int) page & ((1 << LEAF_BITS) - 1)] = (byte) value;
    }

    // ---- mapping changes (loader and system calls) --------------------------------------------

    /**
     * Maps [start, end) with {@code prot}, zero-filled. Both bounds must be page-aligned and inside
     * the user address space. Pages already mapped in the range are replaced (as MAP_FIXED does).
     */
    public void map(long start, long end, int prot) {
        checkRange(start, end);
        boolean replaced = false;
        for (long a = start; a < end; a += PAGE_SIZE) {
            if (entry(a >>> 12) != 0) {
                replaced = true;
            }
            setEntry(a >>> 12, MAPPED | effective(prot));
            byte[] frame = physical.frameIfPresent(a);
            if (frame != null) {
                Arrays.fill(frame, (byte) 0);
            }
        }
        addRange(start, end);
        if (replaced) {
            changeListener.run();
        }
    }

    /**
     * Adds {@code prot} to the pages of [start, end), mapping them if needed, without clearing
     * their contents: used by the ELF loader, where two segments may share a page.
     */
    void mapUnion(long start, long end, int prot) {
        checkRange(start, end);
        for (long a = start; a < end; a += PAGE_SIZE) {
            setEntry(a >>> 12, entry(a >>> 12) | MAPPED | effective(prot));
        }
        addRange(start, end);
    }

    /** Removes every mapping in [start, end); unmapped pages in the range are ignored. */
    public void unmap(long start, long end) {
        checkRange(start, end);
        // Walk only the mapped parts, so unmapping a huge, mostly empty range stays cheap.
        Map.Entry<Long, Long> r = ranges.lowerEntry(end);
        while (r != null && r.getValue() > start) {
            long from = Math.max(start, r.getKey());
            long to = Math.min(end, r.getValue());
            for (long page = from >>> 12; page < to >>> 12; page++) {
                setEntry(page, 0);
            }
            r = ranges.lowerEntry(r.getKey());
        }
        removeRange(start, end);
        changeListener.run();
    }

    /**
     * Sets the protection of every page in [start, end).
     *
     * @return false, changing nothing, if some page in the range is not mapped
     */
    public boolean protect(long start, long end, int prot) {
        checkRange(start, end);
        if (!isMapped(start, end)) {
            return false;
        }
        for (long page = start >>> 12; page < end >>> 12; page++) {
            setEntry(page, MAPPED | effective(prot));
        }
        changeListener.run();
        return true;
    }

    /** Whether every page of [start, end) is mapped (ranges are coalesced, so one must cover it). */
    public boolean isMapped(long start, long end) {
        Map.Entry<Long, Long> r = ranges.floorEntry(start);
        return r != null && r.getValue() >= end;
    }

    /** Whether no page of [start, end) is mapped. */
    public boolean isFree(long start, long end) {
        Map.Entry<Long, Long> below = ranges.lowerEntry(end);
        return below == null || below.getValue() <= start;
    }

    /**
     * The highest page-aligned start of a free range of {@code length} bytes inside [low, high),
     * or -1 if there is none (top-down allocation, like Linux's default mmap layout).
     */
    public long findFreeTopDown(long length, long low, long high) {
        long candidateEnd = high;
        while (candidateEnd - low >= length) {
            Map.Entry<Long, Long> below = ranges.lowerEntry(candidateEnd);
            if (below == null || below.getValue() <= candidateEnd - length) {
                return candidateEnd - length;
            }
            candidateEnd = below.getKey();
        }
        return -1;
    }

    private static int effective(int prot) {
        int p = prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
        return p != 0 ? p | PROT_READ : 0;
    }

    private static void checkRange(long start, long end) {
        if ((start & (PAGE_SIZE - 1)) != 0 || (end & (PAGE_SIZE - 1)) != 0 || start < 0 || end < start
                || end > USER_END) {
            throw new IllegalArgumentException(String.format("bad mapping range 0x%x-0x%x", start, end));
        }
    }

    private void addRange(long start, long end) {
        if (start == end) {
            return;
        }
        Map.Entry<Long, Long> below = ranges.floorEntry(start);
        if (below != null && below.getValue() >= start) {
            start = below.getKey();
            end = Math.max(end, below.getValue());
        }
        Map.Entry<Long, Long> next;
        while ((next = ranges.ceilingEntry(start)) != null && next.getKey() <= end) {
            end = Math.max(end, next.getValue());
            ranges.remove(next.getKey());
        }
        ranges.put(start, end);
    }

    private void removeRange(long start, long end) {
        if (start == end) {
            return;
        }
        Map.Entry<Long, Long> below = ranges.lowerEntry(start);
        if (below != null && below.getValue() > start) {
            ranges.put(below.getKey(), start);
            if (below.getValue() > end) {
                ranges.put(end, below.getValue());
            }
        }
        Map.Entry<Long, Long> next;
        while ((next = ranges.ceilingEntry(start)) != null && next.getKey() < end) {
            ranges.remove(next.getKey());
            if (next.getValue() > end) {
                ranges.put(end, next.getValue());
            }
        }
    }
}
