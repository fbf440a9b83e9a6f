package org.hvsim.bench.mmu;

import org.hvsim.mmu.Mmu;
import org.hvsim.mmu.MmuConfig;
import org.hvsim.mmu.PagingControls;
import org.hvsim.mmu.PhysicalMemory;
import org.hvsim.mmu.ept.EptEntry;
import org.hvsim.mmu.ept.Eptp;
import org.hvsim.mmu.paging.FrameAllocator;
import org.hvsim.mmu.paging.PageTableBuilder;
import org.hvsim.mmu.paging.X86Pte;

/** Shared set-up: an MMU over {@code pages} consecutive 4 KiB pages, natively or under EPT. */
final class MmuFixtures {

    static final long BASE_LA = 0x0000_7F00_0000_0000L;
    static final long DATA_GPA = 0x4000_0000L;
    static final long HOST_OFFSET = 0x2_0000_0000L;
    static final long TABLE_BITS = X86Pte.P | X86Pte.RW | X86Pte.US | X86Pte.A;
    static final long LEAF_BITS = TABLE_BITS | X86Pte.D;

    private MmuFixtures() {
    }

    static Mmu nativeMmu(MmuConfig config, int pages) {
        PhysicalMemory memory = new PhysicalMemory();
        PageTableBuilder tables = new PageTableBuilder(memory, 4, TABLE_BITS, new FrameAllocator(0x10_0000L));
        for (int i = 0; i < pages; i++) {
            tables.map(BASE_LA + ((long) i << 12), DATA_GPA + ((long) i << 12), 12, LEAF_BITS);
        }
        Mmu mmu = new Mmu(config, memory);
        mmu.setControlRegisters(PagingControls.CR0_PG | PagingControls.CR0_WP, PagingControls.CR4_PGE,
                PagingControls.EFER_NXE);
        mmu.writeCr3(tables.root());
        return mmu;
    }

    static Mmu eptMmu(MmuConfig config, int pages) {
        PhysicalMemory memory = new PhysicalMemory();
        FrameAllocator guestFrames = new FrameAllocator(0x10_0000L);
        PageTableBuilder guest = new PageTableBuilder(memory, 4, TABLE_BITS, guestFrames, gpa -> gpa + HOST_OFFSET);
        for (int i = 0; i < pages; i++) {
            guest.map(BASE_LA + ((long) i << 12), DATA_GPA + ((long) i << 12), 12, LEAF_BITS);
        }
        PageTableBuilder ept = new PageTableBuilder(memory, 4, EptEntry.RWX, new FrameAllocator(0x1000_0000L));
        long leaf = EptEntry.leaf(EptEntry.RWX, EptEntry.WB);
        for (long f = 0x10_0000L; f < guestFrames.peek(); f += 4096) {
            ept.map(f, f + HOST_OFFSET, 12, leaf);
        }
        for (int i = 0; i < pages; i++) {
            long gpa = DATA_GPA + ((long) i << 12);
            ept.map(gpa, gpa + HOST_OFFSET, 12, leaf);
        }
        Mmu mmu = new Mmu(config, memory);
        mmu.setControlRegisters(PagingControls.CR0_PG | PagingControls.CR0_WP, PagingControls.CR4_PGE,
                PagingControls.EFER_NXE);
        mmu.writeCr3(guest.root());
        mmu.enableEpt(Eptp.of(ept.root(), 4, EptEntry.WB, false));
        mmu.setVpid(1);
        return mmu;
    }
}
