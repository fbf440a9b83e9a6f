package org.hvsim.mmu;

import static org.assertj.core.api.Assertions.assertThat;

import org.hvsim.mmu.paging.X86Pte;
import org.hvsim.mmu.walk.NestedMode;
import org.junit.jupiter.api.Test;

/** AMD nested paging (AMD APM Vol. 2 15.25): x86-format nested tables and #VMEXIT(NPF) EXITINFO1. */
class NptTest {

    static final long LA = 0x0000_0040_0020_3123L;
    static final long GPA = Machine.DATA_GPA | 0x123;

    Machine m = new Machine(4, NestedMode.NPT, 4).map(LA, Machine.DATA_GPA, 12);
    Mmu mmu = m.start(Machine.skylake());
    TranslationResult r = new TranslationResult();

    @Test
    void translatesThroughNestedTables() {
        mmu.translate(LA, AccessKind.WRITE, Privilege.USER, false, r);
        assertThat(r.ok()).isTrue();
        assertThat(r.physicalAddress()).isEqualTo(GPA + Machine.HOST_OFFSET);
    }

    @Test
    void notPresentFinalTranslation() {
        m.nested.modify(Machine.DATA_GPA, 1, e -> e & ~X86Pte.P);
        mmu.translate(LA, AccessKind.READ, Privilege.USER, false, r);
        assertThat(r.status()).isEqualTo(TranslationStatus.NESTED_PAGE_FAULT);
        assertThat(r.exitQualification()).isEqualTo(0x1_0000_0004L); // U/S=1 (nested accesses are user), bit 32
        assertThat(r.guestPhysicalAddress()).isEqualTo(GPA);
    }

    @Test
    void writeToReadOnlyNestedPage() {
        m.nested.modify(Machine.DATA_GPA, 1, e -> e & ~X86Pte.RW);
        mmu.translate(LA, AccessKind.WRITE, Privilege.SUPERVISOR, false, r);
        assertThat(r.exitQualification()).isEqualTo(0x1_0000_0007L);
    }

    @Test
    void fetchFromNoExecuteNestedPage() {
        m.nested.modify(Machine.DATA_GPA, 1, e -> e | X86Pte.XD);
        mmu.translate(LA, AccessKind.EXECUTE, Privilege.USER, false, r);
        assertThat(r.exitQualification()).isEqualTo(0x1_0000_0015L);
    }

    @Test
    void supervisorOnlyNestedPageFaultsBecauseNestedAccessesAreUser() {
        m.nested.modify(Machine.DATA_GPA, 2, e -> e & ~X86Pte.US);
        mmu.translate(LA, AccessKind.READ, Privilege.SUPERVISOR, false, r);
        assertThat(r.exitQualification()).isEqualTo(0x1_0000_0005L);
    }

    @Test
    void faultOnGuestPageTableSetsBit33AndCountsAsUserWrite() {
        long ptGpa = m.guest.entryAddress(LA, 1) - Machine.HOST_OFFSET;
        m.nested.modify(ptGpa, 1, e -> e & ~X86Pte.P);
        mmu.translate(LA, AccessKind.READ, Privilege.USER, false, r);
        assertThat(r.status()).isEqualTo(TranslationStatus.NESTED_PAGE_FAULT);
        assertThat(r.exitQualification()).isEqualTo(0x2_0000_0006L);
        assertThat(r.guestPhysicalAddress()).isEqualTo(ptGpa);
    }

    @Test
    void reservedBitInNestedEntry() {
        m.nested.modify(Machine.DATA_GPA, 4, e -> e | X86Pte.PS);
        mmu.translate(LA, AccessKind.READ, Privilege.USER, false, r);
        assertThat(r.exitQualification()).isEqualTo(PagingBits.RSVD_P_U | (1L << 33));
    }

    @Test
    void nestedAccessedAndDirtyBitsAreSet() {
        m.nested.modify(Machine.DATA_GPA, 1, e -> e & ~(X86Pte.A | X86Pte.D));
        mmu.translate(LA, AccessKind.WRITE, Privilege.USER, false, r);
        assertThat(r.ok()).isTrue();
        assertThat(m.memory.read64(m.nested.entryAddress(Machine.DATA_GPA, 1)) & (X86Pte.A | X86Pte.D))
                .isEqualTo(X86Pte.A | X86Pte.D);
        // The test's nested non-leaf entries are built without A: the walk sets A in the PML4E,
        // PDPTE and PDE above the guest tables (0-1 GiB), in the PDPTE and PDE above the data
        // (1-2 GiB) and A+D in the data leaf with one write: 6 writes.
        assertThat(mmu.lastWalk().nestedAdWrites()).isEqualTo(6);
        mmu.flushAll();
        mmu.translate(LA, AccessKind.WRITE, Privilege.USER, false, r);
        assertThat(mmu.lastWalk().nestedAdWrites()).isZero();
    }

    /** Error-code constants for readability. */
    static final class PagingBits {
        static final long RSVD_P_U = 0x8 | 0x1 | 0x4 | 0x2; // RSVD, P, U/S, and W (guest-table access = user write)
    }
}
