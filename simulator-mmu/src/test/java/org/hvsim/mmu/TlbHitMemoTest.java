package org.hvsim.mmu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.stream.Stream;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The host-side memo of L1 TLB hits ({@link org.hvsim.mmu.tlb.TlbHitMemo}) must never be visible:
 * every invalidation and context switch defeats it, rights are re-decided per privilege/AC and
 * control bits, a write through a clean entry still walks to set D, and the replacement state the
 * model keeps is the one it would keep without the memo.
 *
 * <p>Method for the invalidation cases: warm the memo for page A (three reads: walk, L1 hit that
 * fills the memo, memo hit), remap A to another frame in memory without telling the MMU (the TLB
 * now holds a stale translation, architecturally allowed), run the operation, read A again. If
 * the operation removes or stops matching A's entry the read must see the new frame; if it does not
 * (architecturally kept), the stale frame.
 */
class TlbHitMemoTest {

    static final long A = 0x0000_0000_0040_0000L;
    static final long OLD = Machine.DATA_GPA;
    static final long NEW = Machine.DATA_GPA + 0x10_0000L;
    static final long CR0 = PagingControls.CR0_PG | PagingControls.CR0_WP;
    static final long CR4 = PagingControls.CR4_PGE;
    static final long EFER = PagingControls.EFER_NXE;

    final TranslationResult r = new TranslationResult();

    long read(Mmu mmu, long la) {
        mmu.translate(la, AccessKind.READ, Privilege.SUPERVISOR, false, r);
        assertThat(r.ok()).as(r.toString()).isTrue();
        return r.physicalAddress();
    }

    /** Walk, fill the memo, hit the memo; the last two must not walk. */
    void warm(Mmu mmu, long la) {
        read(mmu, la);
        long walks = mmu.stats().get(MmuEvent.WALKS);
        read(mmu, la);
        read(mmu, la);
        assertThat(mmu.stats().get(MmuEvent.WALKS)).isEqualTo(walks);
    }

    // ------------------------------------------------------------------ native and VPID operations

    /** {@code underPcid}: warmed with CR4.PCIDE = 1 and PCID 1 instead of PCIDE = 0. */
    record Op(String name, Consumer<Mmu> run, boolean fresh, boolean underPcid) {
        Op(String name, Consumer<Mmu> run, boolean fresh) {
            this(name, run, fresh, false);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Op> nativeOps() {
        return Stream.of(
                new Op("INVLPG A", mmu -> mmu.invlpg(A), true),
                new Op("INVLPG of another page", mmu -> mmu.invlpg(A + 0x1000), false),
                new Op("MOV CR3, PCIDE=0", mmu -> mmu.writeCr3(mmu.cr3Root()), true),
                new Op("MOV CR3 no-flush, same PCID", mmu -> mmu.writeCr3(mmu.cr3Root() | 1 | Long.MIN_VALUE), false, true),
                new Op("MOV CR3 no-flush, other PCID", mmu -> mmu.writeCr3(mmu.cr3Root() | 2 | Long.MIN_VALUE), true, true),
                new Op("MOV CR3 with flush, same PCID", mmu -> mmu.writeCr3(mmu.cr3Root() | 1), true, true),
                new Op("CR4.PCIDE 1 -> 0", mmu -> mmu.setControlRegisters(CR0, CR4, EFER), true, true),
                new Op("INVPCID 0 (A)", mmu -> mmu.invpcid(InvpcidType.INDIVIDUAL_ADDRESS, 0, A), true),
                new Op("INVPCID 0 (other PCID)", mmu -> mmu.invpcid(InvpcidType.INDIVIDUAL_ADDRESS, 7, A), false),
                new Op("INVPCID 1", mmu -> mmu.invpcid(InvpcidType.SINGLE_CONTEXT, 0, 0), true),
                new Op("INVPCID 2", mmu -> mmu.invpcid(InvpcidType.ALL_CONTEXTS_INCLUDING_GLOBALS, 0, 0), true),
                new Op("INVPCID 3", mmu -> mmu.invpcid(InvpcidType.ALL_CONTEXTS_RETAINING_GLOBALS, 0, 0), true),
                new Op("INVVPID 0 (A)", mmu -> mmu.invvpid(InvvpidType.INDIVIDUAL_ADDRESS, 0, A), true),
                new Op("INVVPID 1", mmu -> mmu.invvpid(InvvpidType.SINGLE_CONTEXT, 0, 0), true),
                new Op("INVVPID 2 (spares VPID 0)", mmu -> mmu.invvpid(InvvpidType.ALL_CONTEXTS, 0, 0), false),
                new Op("INVVPID 3", mmu -> mmu.invvpid(InvvpidType.SINGLE_CONTEXT_RETAINING_GLOBALS, 0, 0), true),
                new Op("flushVpid(0)", mmu -> mmu.flushVpid(0), true),
                new Op("flushAll", Mmu::flushAll, true),
                new Op("VPID change", mmu -> mmu.setVpid(3), true),
                new Op("VPID change and back", mmu -> {
                    mmu.setVpid(3);
                    mmu.setVpid(0);
                }, false),
                new Op("CR4.PGE toggle", mmu -> {
                    mmu.setControlRegisters(CR0, 0, EFER);
                    mmu.setControlRegisters(CR0, CR4, EFER);
                }, true),
                new Op("CR0.PG off and on", mmu -> {
                    mmu.setControlRegisters(CR0 & ~PagingControls.CR0_PG, CR4, EFER);
                    mmu.setControlRegisters(CR0, CR4, EFER);
                }, true),
                new Op("CR0.WP change (no flush)", mmu -> mmu.setControlRegisters(PagingControls.CR0_PG, CR4, EFER), false),
                new Op("EFER.NXE change (no flush)", mmu -> mmu.setControlRegisters(CR0, CR4, 0), false));
    }


    @ParameterizedTest(name = "{0}")
    @MethodSource("nativeOps")
    void operationDefeatsTheMemoExactlyWhenItDefeatsTheTlb(Op op) {
        Machine m = Machine.nativeMachine(4).map(A, OLD, 12);
        Mmu mmu = m.start(Machine.skylake());
        if (op.underPcid()) {
            mmu.setControlRegisters(CR0, CR4 | PagingControls.CR4_PCIDE, EFER);
            mmu.writeCr3(mmu.cr3Root() | 1);
        }
        warm(mmu, A);
        m.guest.map(A, NEW, 12, Machine.GUEST_LEAF_BITS);
        op.run().accept(mmu);
        assertThat(read(mmu, A)).isEqualTo(op.fresh() ? NEW : OLD);
        assertThat(read(mmu, A)).isEqualTo(op.fresh() ? NEW : OLD); // and the memo, refilled, agrees
    }

    @Test
    void aPageFaultInvalidatesTheMemoisedEntry() {
        Machine m = Machine.nativeMachine(4).map(A, OLD, 12, Machine.GUEST_LEAF_BITS & ~X86Pte.RW);
        Mmu mmu = m.start(Machine.skylake());
        for (int i = 0; i < 3; i++) {
            mmu.translate(A, AccessKind.READ, Privilege.USER, false, r);
            assertThat(r.ok()).isTrue();
        }
        m.guest.modify(A, 1, e -> e & ~X86Pte.P);
        mmu.translate(A, AccessKind.READ, Privilege.USER, false, r); // stale TLB entry: still allowed
        assertThat(r.ok()).isTrue();
        // The cached rights refuse the write, the walk finds P = 0: #PF, which drops A's entries.
        mmu.translate(A, AccessKind.WRITE, Privilege.USER, false, r);
        assertThat(r.status()).isEqualTo(TranslationStatus.PAGE_FAULT);
        assertThat(r.errorCode()).isEqualTo(0x6);
        mmu.translate(A, AccessKind.READ, Privilege.USER, false, r);
        assertThat(r.status()).isEqualTo(TranslationStatus.PAGE_FAULT);
        assertThat(r.errorCode()).isEqualTo(0x4);
    }

    // ------------------------------------------------------------------ rights, privilege, A/D

    @Test
    void writeHitOnCleanEntryStillWalksToSetDirty() {
        Machine m = Machine.nativeMachine(4).map(A, OLD, 12, Machine.GUEST_LEAF_BITS & ~X86Pte.D);
        Mmu mmu = m.start(Machine.skylake());
        warm(mmu, A);
        long walks = mmu.stats().get(MmuEvent.WALKS);
        mmu.translate(A, AccessKind.WRITE, Privilege.SUPERVISOR, false, r);
        assertThat(mmu.stats().get(MmuEvent.WALKS)).isEqualTo(walks + 1);
        assertThat(m.memory.read64(m.guest.entryAddress(A, 1)) & X86Pte.D).isNotZero();
        for (int i = 0; i < 3; i++) {
            mmu.translate(A, AccessKind.WRITE, Privilege.SUPERVISOR, false, r);
            read(mmu, A);
        }
        assertThat(mmu.stats().get(MmuEvent.WALKS)).isEqualTo(walks + 1);
    }

    @Test
    void aHitForOnePrivilegeDoesNotPermitAnother() {
        Machine m = Machine.nativeMachine(4).map(A, OLD, 12, Machine.GUEST_LEAF_BITS & ~X86Pte.US);
        Mmu mmu = m.start(Machine.skylake());
        warm(mmu, A); // supervisor reads of a supervisor page
        mmu.translate(A, AccessKind.READ, Privilege.USER, false, r);
        assertThat(r.status()).isEqualTo(TranslationStatus.PAGE_FAULT);
        assertThat(r.errorCode()).isEqualTo(0x5);
    }

    @Test
    void smapAndRflagsAcAreRedecidedPerAccess() {
        Machine m = Machine.nativeMachine(4).map(A, OLD, 12);
        Mmu mmu = m.start(Machine.skylake());
        mmu.setControlRegisters(CR0, CR4 | PagingControls.CR4_SMAP, EFER);
        for (int i = 0; i < 3; i++) {
            mmu.translate(A, AccessKind.READ, Privilege.SUPERVISOR, true, r); // AC=1: allowed
            assertThat(r.ok()).isTrue();
        }
        mmu.translate(A, AccessKind.READ, Privilege.SUPERVISOR, false, r);
        assertThat(r.status()).isEqualTo(TranslationStatus.PAGE_FAULT);
        for (int i = 0; i < 3; i++) {
            mmu.translate(A, AccessKind.READ, Privilege.IMPLICIT_SUPERVISOR, true, r);
            assertThat(r.status()).isEqualTo(TranslationStatus.PAGE_FAULT);
        }
    }

    @Test
    void controlBitChangesReDecideMemoisedRights() {
        Machine m = Machine.nativeMachine(4).map(A, OLD, 12, Machine.GUEST_LEAF_BITS & ~X86Pte.RW);
        Mmu mmu = m.start(Machine.skylake());
        mmu.setControlRegisters(PagingControls.CR0_PG, CR4, EFER); // WP = 0
        for (int i = 0; i < 3; i++) {
            mmu.translate(A, AccessKind.WRITE, Privilege.SUPERVISOR, false, r);
            assertThat(r.ok()).isTrue();
        }
        mmu.setControlRegisters(CR0, CR4, EFER); // WP = 1: no flush, but the write is now refused
        mmu.translate(A, AccessKind.WRITE, Privilege.SUPERVISOR, false, r);
        assertThat(r.status()).isEqualTo(TranslationStatus.PAGE_FAULT);
        assertThat(r.errorCode()).isEqualTo(0x3);

        mmu.setControlRegisters(CR0, CR4, EFER);
        for (int i = 0; i < 3; i++) {
            mmu.translate(A, AccessKind.EXECUTE, Privilege.SUPERVISOR, false, r);
            assertThat(r.ok()).isTrue();
        }
        mmu.setControlRegisters(CR0, CR4 | PagingControls.CR4_SMEP, EFER); // user page: fetch refused
        mmu.translate(A, AccessKind.EXECUTE, Privilege.SUPERVISOR, false, r);
        assertThat(r.status()).isEqualTo(TranslationStatus.PAGE_FAULT);
    }

    @Test
    void pagingOffIsIdentityEvenAfterMemoisedHits() {
        Machine m = Machine.nativeMachine(4).map(A, OLD, 12);
        Mmu mmu = m.start(Machine.skylake());
        warm(mmu, A);
        mmu.setControlRegisters(0, CR4, EFER);
        assertThat(read(mmu, A)).isEqualTo(A);
    }

    @Test
    void statisticsCountMemoisedHitsAsL1Hits() {
        Machine m = Machine.nativeMachine(4).map(A, OLD, 12);
        Mmu mmu = m.start(Machine.skylake());
        for (int i = 0; i < 10; i++) {
            read(mmu, A + 8 * i);
            assertThat(r.latency()).isEqualTo(i == 0 ? mmu.lastWalk().cycles() + 9 : 0);
            assertThat(r.pageShift()).isEqualTo(12);
            assertThat(r.physicalAddress()).isEqualTo(OLD + 8 * i);
        }
        MmuStats s = mmu.stats();
        assertThat(s.get(MmuEvent.TRANSLATIONS)).isEqualTo(10);
        assertThat(s.get(MmuEvent.WALKS)).isEqualTo(1);
        assertThat(s.get(MmuEvent.L1_TLB_HITS)).isEqualTo(9);
        assertThat(s.get(MmuEvent.STLB_HITS)).isZero();
    }

    @Test
    void largePageHitsGiveTheOffsetWithinTheLargePage() {
        Machine m = Machine.nativeMachine(4).map(0x4000_0000L, 0x8000_0000L, 21);
        Mmu mmu = m.start(Machine.skylake());
        for (int i = 0; i < 4; i++) {
            long la = 0x4000_0000L + 0x1_2345L + 0x1000L * (i % 2);
            assertThat(read(mmu, la)).isEqualTo(0x8000_0000L + (la & 0x1F_FFFFL));
            assertThat(r.pageShift()).isEqualTo(21);
        }
    }

    // ------------------------------------------------------------------ replacement state stays exact

    @Test
    void memoisedHitsKeepLruOrderExact() {
        // Five pages in one DTLB set (64 entries, 4-way: 16 sets, so a stride of 16 pages).
        long stride = 16L << 12;
        Machine m = Machine.nativeMachine(4);
        for (int i = 0; i < 5; i++) {
            m.map(A + i * stride, OLD + ((long) i << 12), 12);
        }
        Mmu mmu = m.start(Machine.skylake());
        for (int i = 0; i < 4; i++) {
            read(mmu, A + i * stride); // p0..p3 walk and fill the set; p0 is LRU
        }
        read(mmu, A);                  // p0 becomes MRU, memoised
        read(mmu, A + stride);         // p1, p2, p3 touched after it: p0 is LRU again
        read(mmu, A + 2 * stride);
        read(mmu, A + 3 * stride);
        read(mmu, A);                  // must touch p0 (a stale memo hit would not): p1 is now LRU
        read(mmu, A);
        read(mmu, A + 4 * stride);     // miss: evicts the LRU way
        read(mmu, A);
        assertThat(r.latency()).as("p0 must still be in the L1 DTLB").isZero();
        read(mmu, A + stride);
        assertThat(r.latency()).as("p1 was the LRU way: STLB hit").isEqualTo(9);
    }

    // ------------------------------------------------------------------ EPT and NPT tags

    @Test
    void eptpChangeAndInveptDefeatTheMemo() {
        Machine e = new Machine(4, NestedMode.EPT, 4).map(A, OLD, 12);
        Mmu mmu = e.start(Machine.skylake());
        mmu.setVpid(1);
        warm(mmu, A);
        assertThat(read(mmu, A)).isEqualTo(OLD + Machine.HOST_OFFSET);
        // Another EPT hierarchy mapping the guest's data page elsewhere.
        PageTableBuilder ept2 = new PageTableBuilder(e.memory, 4, EptEntry.RWX, new FrameAllocator(0x3000_0000L));
        for (long f = Machine.GUEST_TABLE_BASE; f < e.guestFrames.peek(); f += 4096) {
            ept2.map(f, f + Machine.HOST_OFFSET, 12, Machine.EPT_LEAF_BITS);
        }
        ept2.map(OLD, 0x7700_0000L, 12, Machine.EPT_LEAF_BITS);
        mmu.enableEpt(Eptp.of(ept2.root(), 4, EptEntry.WB, false));
        assertThat(read(mmu, A)).isEqualTo(0x7700_0000L);
        mmu.enableEpt(e.eptp());
        assertThat(read(mmu, A)).isEqualTo(OLD + Machine.HOST_OFFSET); // EP4TA-tagged entry kept
        warm(mmu, A);
        e.nested.map(OLD, 0x7800_0000L, 12, Machine.EPT_LEAF_BITS);
        assertThat(read(mmu, A)).isEqualTo(OLD + Machine.HOST_OFFSET); // stale until INVEPT
        mmu.invept(InveptType.SINGLE_CONTEXT, e.eptp());
        assertThat(read(mmu, A)).isEqualTo(0x7800_0000L);
        warm(mmu, A);
        mmu.disableNestedPaging(); // CR3 now names host memory where no tables live: not present
        mmu.translate(A, AccessKind.READ, Privilege.SUPERVISOR, false, r);
        assertThat(r.status()).isEqualTo(TranslationStatus.PAGE_FAULT);
    }

    @Test
    void asidChangeAndAmdFlushesDefeatTheMemo() {
        Machine n = new Machine(4, NestedMode.NPT, 4).map(A, OLD, 12);
        Mmu mmu = n.start(Machine.skylake()); // ASID 1
        warm(mmu, A);
        n.nested.map(OLD, 0x7900_0000L, 12, Machine.NPT_LEAF_BITS);
        assertThat(read(mmu, A)).isEqualTo(OLD + Machine.HOST_OFFSET);
        mmu.enableNpt(n.nested.root(), 4, 2);
        assertThat(read(mmu, A)).isEqualTo(0x7900_0000L);
        mmu.enableNpt(n.nested.root(), 4, 1);
        assertThat(read(mmu, A)).isEqualTo(OLD + Machine.HOST_OFFSET); // ASID 1 entry kept
        warm(mmu, A);
        mmu.invlpga(A, 1);
        assertThat(read(mmu, A)).isEqualTo(0x7900_0000L);
        warm(mmu, A);
        n.nested.map(OLD, 0x7A00_0000L, 12, Machine.NPT_LEAF_BITS);
        mmu.flushAsid(1);
        assertThat(read(mmu, A)).isEqualTo(0x7A00_0000L);
    }
}
