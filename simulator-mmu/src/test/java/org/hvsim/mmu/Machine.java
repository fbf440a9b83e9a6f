package org.hvsim.mmu;

import java.util.ArrayList;
import java.util.List;
import org.hvsim.mmu.cache.CacheHierarchyConfig;
import org.hvsim.mmu.ept.EptEntry;
import org.hvsim.mmu.ept.Eptp;
import org.hvsim.mmu.paging.FrameAllocator;
import org.hvsim.mmu.paging.PageTableBuilder;
import org.hvsim.mmu.paging.X86Pte;
import org.hvsim.mmu.tlb.TlbHierarchyConfig;
import org.hvsim.mmu.walk.NestedMode;
import org.hvsim.mmu.walk.PagingStructureCacheConfig;

/**
 * Test fixture: guest (or native) page tables and, optionally, EPT or NPT tables in one
 * PhysicalMemory, plus an MMU. Layout (all addresses fixed so tests can reason about them):
 * guest tables from gPA 0x100000 (one 2 MiB region), guest data from gPA 0x40000000, guest-physical
 * memory stored at hPA = gPA + 8 GiB under nesting (gPA = hPA natively), nested tables from hPA
 * 0x10000000.
 */
final class Machine {

    static final long HOST_OFFSET = 0x2_0000_0000L;
    static final long GUEST_TABLE_BASE = 0x10_0000L;
    static final long NESTED_TABLE_BASE = 0x1000_0000L;
    static final long DATA_GPA = 0x4000_0000L;
    static final long GUEST_TABLE_BITS = X86Pte.P | X86Pte.RW | X86Pte.US | X86Pte.A;
    static final long GUEST_LEAF_BITS = X86Pte.P | X86Pte.RW | X86Pte.US | X86Pte.A | X86Pte.D;
    static final long EPT_LEAF_BITS = EptEntry.leaf(EptEntry.RWX, EptEntry.WB);
    static final long NPT_LEAF_BITS = X86Pte.P | X86Pte.RW | X86Pte.US | X86Pte.A | X86Pte.D;

    final PhysicalMemory memory = new PhysicalMemory();
    final int guestLevels;
    final NestedMode mode;
    final int nestedLevels;
    final FrameAllocator guestFrames = new FrameAllocator(GUEST_TABLE_BASE);
    final PageTableBuilder guest;
    final List<Long> dataGpas = new ArrayList<>();
    PageTableBuilder nested;
    Mmu mmu;
    boolean eptAccessedDirty;

    Machine(int guestLevels, NestedMode mode, int nestedLevels) {
        this.guestLevels = guestLevels;
        this.mode = mode;
        this.nestedLevels = nestedLevels;
        long offset = mode == NestedMode.NONE ? 0 : HOST_OFFSET;
        this.guest = new PageTableBuilder(memory, guestLevels, GUEST_TABLE_BITS, guestFrames, gpa -> gpa + offset);
    }

    static Machine nativeMachine(int levels) {
        return new Machine(levels, NestedMode.NONE, 0);
    }

    /** No TLBs, no paging-structure caches, no nested accelerators: every translation is a cold walk of the tables. */
    static MmuConfig noCaches() {
        return MmuConfig.skylake().withTlbs(TlbHierarchyConfig.none(9)).withPsc(PagingStructureCacheConfig.NONE);
    }

    /** Paging-structure caches, nested PWC and nested TLB on, but no TLBs (so every access walks). */
    static MmuConfig walkCachesOnly() {
        return MmuConfig.skylake().withTlbs(TlbHierarchyConfig.none(9)).withBhargava2d();
    }

    static MmuConfig skylake() {
        return MmuConfig.skylake();
    }

    static MmuConfig skylakeMemory(int dram) {
        return MmuConfig.skylake().withCaches(CacheHierarchyConfig.skylake().withMemoryLatency(dram));
    }

    /** Maps guest linear {@code la} to guest-physical {@code gpa} with a page of {@code shift}. */
    Machine map(long la, long gpa, int shift, long bits) {
        guest.map(la, gpa, shift, bits);
        long mask = (1L << shift) - 1;
        dataGpas.add((gpa & ~mask) | (la & mask)); // the guest-physical page actually touched
        return this;
    }

    Machine map(long la, long gpa, int shift) {
        return map(la, gpa, shift, GUEST_LEAF_BITS);
    }

    /**
     * Builds the nested tables mapping every guest table frame and every mapped data address
     * (the page containing {@code extra} addresses too) with nested pages of {@code nestedShift},
     * then creates the MMU and loads CR0/CR3/CR4/EFER and the EPTP or nCR3.
     */
    Mmu start(MmuConfig config, int nestedShift, long leafBits, long... extraGpas) {
        memory.frame(0); // nothing special; keeps the first touched frame deterministic
        if (mode != NestedMode.NONE) {
            long tableBits = mode == NestedMode.EPT ? EptEntry.RWX : X86Pte.P | X86Pte.RW | X86Pte.US;
            nested = new PageTableBuilder(memory, nestedLevels, tableBits, new FrameAllocator(NESTED_TABLE_BASE));
            for (long f = GUEST_TABLE_BASE; f < guestFrames.peek(); f += 4096) {
                mapNested(f, nestedShift, leafBits);
            }
            for (long gpa : dataGpas) {
                mapNested(gpa, nestedShift, leafBits);
            }
            for (long gpa : extraGpas) {
                mapNested(gpa, nestedShift, leafBits);
            }
        }
        mmu = new Mmu(config, memory);
        long cr4 = PagingControls.CR4_PGE | (guestLevels == 5 ? PagingControls.CR4_LA57 : 0);
        mmu.setControlRegisters(PagingControls.CR0_PG | PagingControls.CR0_WP, cr4, PagingControls.EFER_NXE);
        mmu.writeCr3(guest.root());
        if (mode == NestedMode.EPT) {
            mmu.enableEpt(eptp());
        } else if (mode == NestedMode.NPT) {
            mmu.enableNpt(nested.root(), nestedLevels, 1);
        }
        return mmu;
    }

    Mmu start(MmuConfig config, int nestedShift) {
        return start(config, nestedShift, mode == NestedMode.NPT ? NPT_LEAF_BITS : EPT_LEAF_BITS);
    }

    Mmu start(MmuConfig config) {
        return start(config, 12);
    }

    long eptp() {
        return Eptp.of(nested.root(), nestedLevels, EptEntry.WB, eptAccessedDirty);
    }

    void mapNested(long gpa, int shift, long leafBits) {
        long page = gpa & ~((1L << shift) - 1);
        nested.map(page, page + HOST_OFFSET, shift, leafBits);
    }

    /** Host-physical address where guest-physical {@code gpa} is stored. */
    long hostOf(long gpa) {
        return mode == NestedMode.NONE ? gpa : gpa + HOST_OFFSET;
    }
}
