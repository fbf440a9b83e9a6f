package org.hvsim.mmu;

import static org.assertj.core.api.Assertions.assertThat;

import org.hvsim.mmu.ept.EptEntry;
import org.hvsim.mmu.ept.Eptp;
import org.hvsim.mmu.ept.InveptType;
import org.hvsim.mmu.ept.InvvpidType;
import org.hvsim.mmu.paging.FrameAllocator;
import org.hvsim.mmu.paging.InvpcidType;
import org.hvsim.mmu.paging.PageTableBuilder;
import org.hvsim.mmu.paging.X86Pte;
import org.hvsim.mmu.walk.NestedMode;
import org.junit.jupiter.api.Test;

/**
 * TLB invalidation semantics of INVLPG, MOV CR3 (with and without the PCID no-flush bit),
 * INVPCID 0-3, INVVPID 0-3, INVEPT 1-2, INVLPGA/ASID flushes and flush-all, and isolation of
 * PCID, VPID, EPTP and ASID tags (Intel SDM Vol. 3A 4.10.4, Vol. 3C 28.4; AMD APM Vol. 2 15.16).
 */
class InvalidationTest {

    static final long A = 0x0000_0000_0040_0000L;
    static final long B = 0x0000_0000_0040_1000L;
    static final long G = 0x0000_7FFF_0000_0000L; // a global page
    static final long CR4_BASE = PagingControls.CR4_PGE;

    final Machine m = Machine.nativeMachine(4)
            .map(A, Machine.DATA_GPA, 12)
            .map(B, Machine.DATA_GPA + 0x1000, 12)
            .map(G, Machine.DATA_GPA + 0x2000, 12, Machine.GUEST_LEAF_BITS | X86Pte.G);
    final Mmu mmu = m.start(Machine.skylake());
    final TranslationResult r = new TranslationResult();

    /** Translates and reports whether the TLB supplied the translation (no walk happened). */
    boolean cached(long la) {
        long walks = mmu.stats().get(MmuEvent.WALKS);
        mmu.translate(la, AccessKind.READ, Privilege.SUPERVISOR, false, r);
        assertThat(r.ok()).as(r.toString()).isTrue();
        return mmu.stats().get(MmuEvent.WALKS) == walks;
    }

    void load(long... las) {
        for (long la : las) {
            cached(la);
        }
    }

    void enablePcid(int pcid) {
        mmu.setControlRegisters(PagingControls.CR0_PG | PagingControls.CR0_WP, CR4_BASE | PagingControls.CR4_PCIDE,
                PagingControls.EFER_NXE);
        mmu.writeCr3(m.guest.root() | pcid);
    }

    @Test
    void translationsAreCachedAfterTheFirstWalk() {
        assertThat(cached(A)).isFalse();
        assertThat(cached(A)).isTrue();
    }

    @Test
    void invlpgRemovesOnePageIncludingGlobal() {
        load(A, B, G);
        mmu.invlpg(A);
        mmu.invlpg(G);
        assertThat(cached(B)).isTrue();
        assertThat(cached(A)).isFalse();
        assertThat(cached(G)).isFalse();
    }

    @Test
    void invlpgAlsoDropsThePagingStructureCacheEntriesOfThePcid() {
        load(A);
        mmu.invlpg(B); // another address
        assertThat(cached(A)).isTrue();
        mmu.translate(B, AccessKind.READ, Privilege.SUPERVISOR, false, r);
        assertThat(mmu.lastWalk().pscHitLevel()).isZero(); // PSC emptied for the PCID by INVLPG
        assertThat(mmu.lastWalk().guestReferences()).isEqualTo(4);
    }

    @Test
    void movCr3WithoutPcidFlushesNonGlobal() {
        load(A, G);
        mmu.writeCr3(m.guest.root());
        assertThat(cached(G)).isTrue();
        assertThat(cached(A)).isFalse();
    }

    @Test
    void togglingCr4PgeFlushesGlobalToo() {
        load(A, G);
        mmu.setControlRegisters(PagingControls.CR0_PG | PagingControls.CR0_WP, 0, PagingControls.EFER_NXE);
        assertThat(cached(G)).isFalse();
    }

    @Test
    void pcidNoFlushBitKeepsEntries() {
        enablePcid(1);
        load(A);
        mmu.writeCr3(m.guest.root() | 2);          // PCID 2, flushes only PCID 2
        assertThat(cached(B)).isFalse();
        mmu.writeCr3(m.guest.root() | 1 | (1L << 63)); // back to PCID 1, no flush
        assertThat(cached(A)).isTrue();
        mmu.writeCr3(m.guest.root() | 1);           // PCID 1 again, bit 63 clear: flush
        assertThat(cached(A)).isFalse();
    }

    @Test
    void pcidIsolationNoLeakAcrossPcids() {
        // A second address space mapping A elsewhere.
        PageTableBuilder other = new PageTableBuilder(m.memory, 4, Machine.GUEST_TABLE_BITS, new FrameAllocator(0x80_0000L));
        other.map(A, 0x5000_0000L, 12, Machine.GUEST_LEAF_BITS);
        enablePcid(1);
        mmu.translate(A, AccessKind.READ, Privilege.SUPERVISOR, false, r);
        assertThat(r.physicalAddress()).isEqualTo(Machine.DATA_GPA);
        mmu.writeCr3(other.root() | 2 | (1L << 63));
        mmu.translate(A, AccessKind.READ, Privilege.SUPERVISOR, false, r);
        assertThat(r.physicalAddress()).isEqualTo(0x5000_0000L);
        mmu.writeCr3(m.guest.root() | 1 | (1L << 63));
        mmu.translate(A, AccessKind.READ, Privilege.SUPERVISOR, false, r);
        assertThat(r.physicalAddress()).isEqualTo(Machine.DATA_GPA);
    }

    @Test
    void invpcidTypes() {
        enablePcid(1);
        load(A, B, G);
        mmu.invpcid(InvpcidType.INDIVIDUAL_ADDRESS, 1, A);
        assertThat(cached(B)).isTrue();
        assertThat(cached(A)).isFalse();

        mmu.invpcid(InvpcidType.INDIVIDUAL_ADDRESS, 1, G); // globals are kept by type 0
        assertThat(cached(G)).isTrue();

        mmu.invpcid(InvpcidType.SINGLE_CONTEXT, 2, 0);    // another PCID: nothing of PCID 1 goes
        assertThat(cached(A)).isTrue();
        mmu.invpcid(InvpcidType.SINGLE_CONTEXT, 1, 0);
        assertThat(cached(G)).isTrue();
        assertThat(cached(A)).isFalse();

        load(A, B);
        mmu.invpcid(InvpcidType.ALL_CONTEXTS_RETAINING_GLOBALS, 0, 0);
        assertThat(cached(G)).isTrue();
        assertThat(cached(B)).isFalse();

        load(A, B);
        mmu.invpcid(InvpcidType.ALL_CONTEXTS_INCLUDING_GLOBALS, 0, 0);
        assertThat(cached(G)).isFalse();
        assertThat(cached(A)).isFalse();
    }

    @Test
    void vpidIsolation() {
        mmu.setVpid(1);
        load(A);
        mmu.setVpid(2);
        assertThat(cached(A)).isFalse(); // VPID 1's entry is not used by VPID 2
        mmu.setVpid(0);
        assertThat(cached(A)).isFalse(); // nor by the host
        mmu.setVpid(1);
        assertThat(cached(A)).isTrue();
    }

    @Test
    void invvpidTypes() {
        mmu.setVpid(1);
        load(A, B, G);
        mmu.setVpid(2);
        load(A, B, G);
        mmu.setVpid(0);
        load(A, B, G);

        mmu.invvpid(InvvpidType.INDIVIDUAL_ADDRESS, 1, G); // includes globals
        mmu.setVpid(1);
        assertThat(cached(G)).isFalse();
        assertThat(cached(A)).isTrue();

        mmu.invvpid(InvvpidType.SINGLE_CONTEXT_RETAINING_GLOBALS, 1, 0);
        assertThat(cached(G)).isTrue();
        assertThat(cached(A)).isFalse();

        mmu.invvpid(InvvpidType.SINGLE_CONTEXT, 1, 0);
        assertThat(cached(G)).isFalse();
        mmu.setVpid(2);
        assertThat(cached(B)).isTrue();                     // other VPIDs untouched

        mmu.invvpid(InvvpidType.ALL_CONTEXTS, 0, 0);         // every VPID except 0
        assertThat(cached(A)).isFalse();
        mmu.setVpid(0);
        assertThat(cached(A)).isTrue();
        assertThat(cached(G)).isTrue();
    }

    @Test
    void flushVpidAndFlushAll() {
        load(A, G);
        mmu.flushVpid(0);
        assertThat(cached(G)).isFalse();
        load(A);
        mmu.flushAll();
        assertThat(cached(A)).isFalse();
        assertThat(mmu.tlbs().occupancy()).isGreaterThan(0);
        mmu.flushAll();
        assertThat(mmu.tlbs().occupancy()).isZero();
        assertThat(mmu.pagingStructureCache().occupancy()).isZero();
    }

    @Test
    void inveptSingleContextAndGlobal() {
        Machine e = new Machine(4, NestedMode.EPT, 4).map(A, Machine.DATA_GPA, 12);
        Mmu mmu2 = e.start(Machine.skylake().withBhargava2d());
        mmu2.setVpid(5);
        TranslationResult res = new TranslationResult();
        mmu2.translate(A, AccessKind.READ, Privilege.USER, false, res);
        long walks = mmu2.stats().get(MmuEvent.WALKS);

        long otherEptp = Eptp.of(0x7000_0000L, 4, EptEntry.WB, false);
        mmu2.invept(InveptType.SINGLE_CONTEXT, otherEptp);
        mmu2.translate(A, AccessKind.READ, Privilege.USER, false, res);
        assertThat(mmu2.stats().get(MmuEvent.WALKS)).isEqualTo(walks);

        mmu2.invept(InveptType.SINGLE_CONTEXT, e.eptp());
        mmu2.translate(A, AccessKind.READ, Privilege.USER, false, res);
        assertThat(mmu2.stats().get(MmuEvent.WALKS)).isEqualTo(walks + 1);
        // INVEPT also empties the nested TLB and the nested PWC: the walk is cold again.
        assertThat(mmu2.lastWalk().nestedTlbHits()).isZero();
        assertThat(mmu2.lastWalk().nestedPwcHits()).isGreaterThan(0); // refilled during the walk itself

        mmu2.invept(InveptType.GLOBAL, 0);
        mmu2.translate(A, AccessKind.READ, Privilege.USER, false, res);
        assertThat(mmu2.stats().get(MmuEvent.WALKS)).isEqualTo(walks + 2);
    }

    @Test
    void inveptLeavesLinearMappingsAlone() {
        Machine e = new Machine(4, NestedMode.EPT, 4).map(A, Machine.DATA_GPA, 12);
        Mmu mmu2 = e.start(Machine.skylake());
        mmu2.disableNestedPaging(); // host context, VPID 0, linear mappings only
        mmu2.writeCr3(0x100_0000L);
        PageTableBuilder host = new PageTableBuilder(e.memory, 4, Machine.GUEST_TABLE_BITS, new FrameAllocator(0x100_0000L));
        host.map(B, 0x6000_0000L, 12, Machine.GUEST_LEAF_BITS);
        TranslationResult res = new TranslationResult();
        mmu2.translate(B, AccessKind.READ, Privilege.SUPERVISOR, false, res);
        assertThat(res.physicalAddress()).isEqualTo(0x6000_0000L);
        long walks = mmu2.stats().get(MmuEvent.WALKS);
        mmu2.invept(InveptType.GLOBAL, 0);
        mmu2.translate(B, AccessKind.READ, Privilege.SUPERVISOR, false, res);
        assertThat(mmu2.stats().get(MmuEvent.WALKS)).isEqualTo(walks);
    }

    @Test
    void eptpIsolation() {
        Machine e = new Machine(4, NestedMode.EPT, 4).map(A, Machine.DATA_GPA, 12);
        Mmu mmu2 = e.start(Machine.skylake());
        TranslationResult res = new TranslationResult();
        mmu2.translate(A, AccessKind.READ, Privilege.USER, false, res);
        // A second EPT hierarchy mapping the same guest-physical memory elsewhere.
        PageTableBuilder ept2 = new PageTableBuilder(e.memory, 4, EptEntry.RWX, new FrameAllocator(0x3000_0000L));
        for (long f = Machine.GUEST_TABLE_BASE; f < e.guestFrames.peek(); f += 4096) {
            ept2.map(f, f + Machine.HOST_OFFSET, 12, Machine.EPT_LEAF_BITS);
        }
        ept2.map(Machine.DATA_GPA, 0x7700_0000L, 12, Machine.EPT_LEAF_BITS);
        mmu2.enableEpt(Eptp.of(ept2.root(), 4, EptEntry.WB, false));
        mmu2.translate(A, AccessKind.READ, Privilege.USER, false, res);
        assertThat(res.physicalAddress()).isEqualTo(0x7700_0000L);
        mmu2.enableEpt(e.eptp());
        mmu2.translate(A, AccessKind.READ, Privilege.USER, false, res);
        assertThat(res.physicalAddress()).isEqualTo(Machine.DATA_GPA + Machine.HOST_OFFSET);
    }

    @Test
    void asidIsolationAndAmdFlushes() {
        Machine n = new Machine(4, NestedMode.NPT, 4).map(A, Machine.DATA_GPA, 12).map(B, Machine.DATA_GPA + 0x1000, 12);
        Mmu mmu2 = n.start(Machine.skylake()); // ASID 1
        TranslationResult res = new TranslationResult();
        mmu2.translate(A, AccessKind.READ, Privilege.USER, false, res);
        mmu2.translate(B, AccessKind.READ, Privilege.USER, false, res);
        long walks = mmu2.stats().get(MmuEvent.WALKS);
        mmu2.enableNpt(n.nested.root(), 4, 2);
        mmu2.translate(A, AccessKind.READ, Privilege.USER, false, res);
        assertThat(mmu2.stats().get(MmuEvent.WALKS)).isEqualTo(walks + 1); // ASID 2 does not see ASID 1
        mmu2.enableNpt(n.nested.root(), 4, 1);
        mmu2.invlpga(A, 1);
        mmu2.translate(B, AccessKind.READ, Privilege.USER, false, res);
        assertThat(mmu2.stats().get(MmuEvent.WALKS)).isEqualTo(walks + 1);
        mmu2.translate(A, AccessKind.READ, Privilege.USER, false, res);
        assertThat(mmu2.stats().get(MmuEvent.WALKS)).isEqualTo(walks + 2);
        mmu2.flushAsid(1);
        mmu2.translate(B, AccessKind.READ, Privilege.USER, false, res);
        assertThat(mmu2.stats().get(MmuEvent.WALKS)).isEqualTo(walks + 3);
    }

    @Test
    void writeToCleanPageWalksToSetDirty() {
        m.guest.modify(A, 1, e -> e & ~X86Pte.D);
        mmu.translate(A, AccessKind.READ, Privilege.SUPERVISOR, false, r);
        assertThat(cached(A)).isTrue();
        long walks = mmu.stats().get(MmuEvent.WALKS);
        mmu.translate(A, AccessKind.WRITE, Privilege.SUPERVISOR, false, r);
        assertThat(mmu.stats().get(MmuEvent.WALKS)).isEqualTo(walks + 1);
        assertThat(m.memory.read64(m.guest.entryAddress(A, 1)) & X86Pte.D).isNotZero();
        mmu.translate(A, AccessKind.WRITE, Privilege.SUPERVISOR, false, r);
        assertThat(mmu.stats().get(MmuEvent.WALKS)).isEqualTo(walks + 1);
    }

    @Test
    void walkerSetsAccessedFlagsAndChargesTheWrites() {
        for (int level = 1; level <= 4; level++) {
            m.guest.modify(A, level, e -> e & ~X86Pte.A);
        }
        mmu.translate(A, AccessKind.READ, Privilege.SUPERVISOR, false, r);
        assertThat(mmu.lastWalk().guestAdWrites()).isEqualTo(4);
        for (int level = 1; level <= 4; level++) {
            assertThat(m.memory.read64(m.guest.entryAddress(A, level)) & X86Pte.A).isNotZero();
        }
        assertThat(m.memory.read64(m.guest.entryAddress(A, 1)) & X86Pte.D).isNotZero(); // D was already set
    }

    @Test
    void faultingWalkChangesNoAccessedFlag() {
        m.guest.modify(B, 1, e -> e & ~X86Pte.A & ~X86Pte.US);
        mmu.translate(B, AccessKind.READ, Privilege.USER, false, r);
        assertThat(r.status()).isEqualTo(TranslationStatus.PAGE_FAULT);
        assertThat(m.memory.read64(m.guest.entryAddress(B, 1)) & X86Pte.A).isZero();
    }
}
