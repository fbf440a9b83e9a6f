package org.hvsim.core.timing;

import org.hvsim.mmu.Mmu;
import org.hvsim.mmu.MmuConfig;
import org.hvsim.mmu.PhysicalMemory;
import org.hvsim.mmu.paging.FrameAllocator;
import org.hvsim.mmu.paging.PageTableBuilder;

/**
 * Page tables for timing a user-mode process, which has no guest kernel to build them: every
 * linear page the program touches gets a 4 KiB mapping, created on first touch, to the next free
 * frame - what a demand-paging operating system would give it - in 4-level x86-64 tables held in a
 * private physical memory. The modelled MMU walks these tables, so instruction fetches and data
 * accesses see I-TLB and D-TLB misses, page walks through the caches and physically indexed cache
 * sets, as under Linux. (The functional core keeps its own identity-mapped memory.)
 */
public final class DemandPageTables {
    /** Data frames are handed out from 1 MiB; page-table frames from 64 GiB, both below MAXPHYADDR 39. */
    private static final long DATA_BASE = 0x10_0000L;
    private static final long TABLE_BASE = 0x10_0000_0000L;
    private static final long PRESENT = 1;
    private static final long WRITABLE = 1 << 1;
    private static final long USER = 1 << 2;
    private static final int SEEN_BITS = 12;

    private final Mmu mmu;
    private final PageTableBuilder tables;
    private final FrameAllocator dataFrames = new FrameAllocator(DATA_BASE);
    /** Direct-mapped memo of pages known to be mapped, so a repeat touch skips the table lookup. */
    private final long[] seen = new long[1 << SEEN_BITS];

    public DemandPageTables(MmuConfig config) {
        PhysicalMemory tableMemory = new PhysicalMemory();
        this.tables = new PageTableBuilder(tableMemory, 4, PRESENT | WRITABLE | USER, new FrameAllocator(TABLE_BASE));
        this.mmu = new Mmu(config, tableMemory);
        java.util.Arrays.fill(seen, -1L);
        // Long mode with paging, write protection and no-execute, as Linux runs user processes.
        long cr0 = 1L | (1L << 16) | (1L << 31);
        long cr4 = 1L << 5;
        long efer = (1L << 8) | (1L << 10) | (1L << 11);
        mmu.setControlRegisters(cr0, cr4, efer);
        mmu.writeCr3(tables.root());
    }

    public Mmu mmu() {
        return mmu;
    }

    /** Maps the page holding {@code la} if it has no mapping yet. */
    public void ensureMapped(long la) {
        long vpn = la >>> 12;
        int i = (int) vpn & ((1 << SEEN_BITS) - 1);
        if (seen[i] == vpn) {
            return;
        }
        long leaf = tables.entryAddress(la, 1);
        if (leaf < 0 || mmuMemoryRead(leaf) == 0) {
            tables.map(la, dataFrames.allocate(), 12, PRESENT | WRITABLE | USER);
        }
        seen[i] = vpn;
    }

    private long mmuMemoryRead(long address) {
        return mmu.memory().read64(address);
    }
}
