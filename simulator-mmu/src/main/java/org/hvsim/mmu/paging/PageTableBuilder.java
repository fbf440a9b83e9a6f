package org.hvsim.mmu.paging;

import java.util.function.LongUnaryOperator;
import org.hvsim.mmu.PhysicalMemory;

/**
 * Builds radix page tables in {@link PhysicalMemory}: x86-64 4/5-level tables (native, guest, AMD
 * NPT) and EPT tables, which share the 9-bits-per-level layout and the large-page bit 7. The
 * format differences are the caller's: {@code tableEntryBits} (the bits of a non-leaf entry, e.g.
 * P|RW|US for x86 or R|W|X for EPT) and the leaf bits passed to {@link #map}.
 *
 * <p>For guest tables under EPT/NPT the table addresses are guest-physical; {@code toStorage}
 * converts them to the host-physical address where the bytes actually live.
 */
public final class PageTableBuilder {

    private final PhysicalMemory memory;
    private final int levels;
    private final long tableEntryBits;
    private final FrameAllocator frames;
    private final LongUnaryOperator toStorage;
    private final long root;

    public PageTableBuilder(PhysicalMemory memory, int levels, long tableEntryBits, FrameAllocator frames,
                            LongUnaryOperator toStorage) {
        this.memory = memory;
        this.levels = levels;
        this.tableEntryBits = tableEntryBits;
        this.frames = frames;
        this.toStorage = toStorage;
        this.root = frames.allocate();
    }

    /** Tables stored at the addresses the allocator returns (native or host tables). */
    public PageTableBuilder(PhysicalMemory memory, int levels, long tableEntryBits, FrameAllocator frames) {
        this(memory, levels, tableEntryBits, frames, LongUnaryOperator.identity());
    }

    /** Address of the top-level table (what goes into CR3, EPTP or nCR3). */
    public long root() {
        return root;
    }

    /**
     * Maps the page of size {@code 1 << pageShift} containing {@code address} to {@code frame},
     * creating intermediate tables. {@code leafBits} are OR-ed into the leaf (the large-page bit 7
     * is added for 2 MiB and 1 GiB pages).
     */
    public void map(long address, long frame, int pageShift, long leafBits) {
        int leafLevel = (pageShift - LinearAddress.PAGE_SHIFT) / LinearAddress.BITS_PER_LEVEL + 1;
        long table = root;
        for (int level = levels; level > leafLevel; level--) {
            long slot = toStorage.applyAsLong(table) + 8L * LinearAddress.index(address, level);
            long entry = memory.read64(slot);
            if (entry == 0) {
                long next = frames.allocate();
                entry = next | tableEntryBits;
                memory.write64(slot, entry);
            }
            table = entry & X86Pte.ADDRESS_MASK_52;
        }
        long slot = toStorage.applyAsLong(table) + 8L * LinearAddress.index(address, leafLevel);
        long large = leafLevel > 1 ? X86Pte.PS : 0;
        memory.write64(slot, (frame & ~((1L << pageShift) - 1)) | leafBits | large);
    }

    /** Address (host-physical storage) of the entry for {@code address} at {@code level}, or -1 if absent. */
    public long entryAddress(long address, int level) {
        long table = root;
        for (int l = levels; l > level; l--) {
            long entry = memory.read64(toStorage.applyAsLong(table) + 8L * LinearAddress.index(address, l));
            if (entry == 0) {
                return -1;
            }
            table = entry & X86Pte.ADDRESS_MASK_52;
        }
        return toStorage.applyAsLong(table) + 8L * LinearAddress.index(address, level);
    }

    /** Rewrites the entry for {@code address} at {@code level} through a function (tests use this to corrupt or tweak bits). */
    public void modify(long address, int level, LongUnaryOperator change) {
        long slot = entryAddress(address, level);
        if (slot < 0) {
            throw new IllegalStateException("no table at level " + level);
        }
        memory.write64(slot, change.applyAsLong(memory.read64(slot)));
    }
}
