package org.hvsim.mmu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hvsim.mmu.AccessKind.EXECUTE;
import static org.hvsim.mmu.AccessKind.READ;
import static org.hvsim.mmu.AccessKind.WRITE;
import static org.hvsim.mmu.Privilege.IMPLICIT_SUPERVISOR;
import static org.hvsim.mmu.Privilege.SUPERVISOR;
import static org.hvsim.mmu.Privilege.USER;

import java.util.stream.Stream;
import org.hvsim.mmu.paging.X86Pte;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access-rights matrix of Intel SDM Vol. 3A 4.6 and the error codes of 4.7 (P=1, W/R=2,
 * U/S=4, RSVD=8, I/D=16), case by case. OK means the access is allowed.
 */
class PermissionFaultTest {

    static final long LA = 0x0000_0040_0020_3000L;
    static final long P = X86Pte.P;
    static final long RW = X86Pte.RW;
    static final long US = X86Pte.US;
    static final long XD = X86Pte.XD;
    static final long AD = X86Pte.A | X86Pte.D;
    static final int OK = -1;
    // control sets
    static final int WP = 1;
    static final int SMEP = 2;
    static final int SMAP = 4;
    static final int NXE = 8;
    static final int STD = WP | NXE;

    record Case(String name, long leaf, int controls, AccessKind kind, Privilege privilege, boolean ac, int expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("user read of supervisor page", P | RW | AD, STD, READ, USER, false, 0x5),
                new Case("user write to supervisor page", P | RW | AD, STD, WRITE, USER, false, 0x7),
                new Case("user write to read-only user page", P | US | AD, STD, WRITE, USER, false, 0x7),
                new Case("user read of read-only user page", P | US | AD, STD, READ, USER, false, OK),
                new Case("user write to writable user page", P | RW | US | AD, STD, WRITE, USER, false, OK),
                new Case("user write ignores CR0.WP=0", P | US | AD, NXE, WRITE, USER, false, 0x7),
                new Case("user fetch from XD user page", P | US | XD | AD, STD, EXECUTE, USER, false, 0x15),
                new Case("user fetch from user page", P | US | AD, STD, EXECUTE, USER, false, OK),
                new Case("user fetch from supervisor page", P | AD, STD, EXECUTE, USER, false, 0x15),
                new Case("supervisor write to read-only page, WP=1", P | AD, STD, WRITE, SUPERVISOR, false, 0x3),
                new Case("supervisor write to read-only page, WP=0", P | AD, NXE, WRITE, SUPERVISOR, false, OK),
                new Case("supervisor write to read-only user page, WP=0", P | US | AD, NXE, WRITE, SUPERVISOR, false, OK),
                new Case("supervisor write to read-only user page, WP=1", P | US | AD, STD, WRITE, SUPERVISOR, false, 0x3),
                new Case("supervisor read of user page, SMAP=0", P | US | AD, STD, READ, SUPERVISOR, false, OK),
                new Case("supervisor read of user page, SMAP=1 AC=0", P | US | AD, STD | SMAP, READ, SUPERVISOR, false, 0x1),
                new Case("supervisor read of user page, SMAP=1 AC=1", P | US | AD, STD | SMAP, READ, SUPERVISOR, true, OK),
                new Case("implicit supervisor read of user page, SMAP=1 AC=1", P | US | AD, STD | SMAP, READ,
                        IMPLICIT_SUPERVISOR, true, 0x1),
                new Case("implicit supervisor read of user page, SMAP=0", P | US | AD, STD, READ, IMPLICIT_SUPERVISOR, false, OK),
                new Case("supervisor write to user page, SMAP=1 AC=1", P | RW | US | AD, STD | SMAP, WRITE, SUPERVISOR, true, OK),
                new Case("supervisor write to user page, SMAP=1 AC=0", P | RW | US | AD, STD | SMAP, WRITE, SUPERVISOR, false, 0x3),
                new Case("implicit supervisor write to user page, SMAP=1 AC=1", P | RW | US | AD, STD | SMAP, WRITE,
                        IMPLICIT_SUPERVISOR, true, 0x3),
                new Case("SMAP does not affect supervisor pages", P | RW | AD, STD | SMAP, WRITE, SUPERVISOR, false, OK),
                new Case("supervisor fetch from user page, SMEP=1", P | US | AD, STD | SMEP, EXECUTE, SUPERVISOR, false, 0x11),
                new Case("supervisor fetch from user page, SMEP=0", P | US | AD, STD, EXECUTE, SUPERVISOR, false, OK),
                new Case("supervisor fetch from XD supervisor page", P | XD | AD, STD, EXECUTE, SUPERVISOR, false, 0x11),
                new Case("SMEP does not affect user fetches", P | US | AD, STD | SMEP, EXECUTE, USER, false, OK),
                new Case("XD with NXE=0 is a reserved bit (I/D clear without SMEP)", P | XD | AD, WP, EXECUTE, SUPERVISOR,
                        false, 0x9),
                new Case("XD with NXE=0 is a reserved bit for reads too", P | US | XD | AD, WP, READ, USER, false, 0xD),
                new Case("I/D set with SMEP even when NXE=0", P | XD | AD, WP | SMEP, EXECUTE, SUPERVISOR, false, 0x19),
                new Case("not present, user read", 0, STD, READ, USER, false, 0x4),
                new Case("not present, supervisor write", 0, STD, WRITE, SUPERVISOR, false, 0x2),
                new Case("not present, user fetch with NXE", 0, STD, EXECUTE, USER, false, 0x14),
                new Case("not present, supervisor fetch, NXE=0 SMEP=0", 0, WP, EXECUTE, SUPERVISOR, false, 0x0),
                new Case("not-present entry ignores reserved bits", 1L << 45, STD, READ, USER, false, 0x4),
                new Case("address bit above MAXPHYADDR (39) is reserved", P | US | AD | (1L << 40), STD, READ, USER, false, 0xD),
                new Case("bit 51 is reserved too", P | US | RW | AD | (1L << 51), STD, WRITE, USER, false, 0xF),
                new Case("protection-key bits 62:59 are ignored without CR4.PKE", P | US | AD | (0xFL << 59), STD, READ,
                        USER, false, OK));
    }

    static Mmu machine(long leaf, int controls) {
        Machine m = Machine.nativeMachine(4);
        m.guest.map(LA, Machine.DATA_GPA, 12, 0);
        m.guest.modify(LA, 1, e -> e | leaf); // frame address from map(), flags exactly as given
        Mmu mmu = m.start(Machine.skylake());
        apply(mmu, controls);
        return mmu;
    }

    static void apply(Mmu mmu, int controls) {
        long cr0 = PagingControls.CR0_PG | ((controls & WP) != 0 ? PagingControls.CR0_WP : 0);
        long cr4 = PagingControls.CR4_PGE | ((controls & SMEP) != 0 ? PagingControls.CR4_SMEP : 0)
                | ((controls & SMAP) != 0 ? PagingControls.CR4_SMAP : 0);
        mmu.setControlRegisters(cr0, cr4, (controls & NXE) != 0 ? PagingControls.EFER_NXE : 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void accessRightsMatrix(Case c) {
        Mmu mmu = machine(c.leaf(), c.controls());
        TranslationResult r = new TranslationResult();
        // Twice: the first walks, the second may hit the TLB; both must give the SDM answer.
        for (int i = 0; i < 2; i++) {
            mmu.translate(LA, c.kind(), c.privilege(), c.ac(), r);
            if (c.expected() == OK) {
                assertThat(r.ok()).as(r.toString()).isTrue();
                assertThat(r.physicalAddress()).isEqualTo(Machine.DATA_GPA);
            } else {
                assertThat(r.status()).as(r.toString()).isEqualTo(TranslationStatus.PAGE_FAULT);
                assertThat(r.errorCode()).isEqualTo(c.expected());
                assertThat(r.faultAddress()).isEqualTo(LA);
            }
        }
    }

    /** Rights are combined over levels: R/W and U/S ANDed, XD ORed (SDM 4.6.1). */
    @Test
    void upperLevelRightsCombine() {
        Machine m = Machine.nativeMachine(4).map(LA, Machine.DATA_GPA, 12);
        Mmu mmu = m.start(Machine.skylake());
        m.guest.modify(LA, 3, e -> e & ~X86Pte.US);
        TranslationResult r = new TranslationResult();
        mmu.translate(LA, READ, USER, false, r);
        assertThat(r.errorCode()).isEqualTo(0x5);

        m.guest.modify(LA, 3, e -> (e | X86Pte.US) & ~X86Pte.RW);
        mmu.flushAll();
        mmu.translate(LA, WRITE, USER, false, r);
        assertThat(r.errorCode()).isEqualTo(0x7);
        mmu.translate(LA, READ, USER, false, r);
        assertThat(r.ok()).isTrue();

        m.guest.modify(LA, 4, e -> e | X86Pte.XD);
        mmu.flushAll();
        mmu.translate(LA, EXECUTE, USER, false, r);
        assertThat(r.errorCode()).isEqualTo(0x15);
    }

    @Test
    void psInPml4eAndReservedBitsOfLargePagesAreRsvdFaults() {
        Machine m = Machine.nativeMachine(4).map(LA, Machine.DATA_GPA, 21);
        Mmu mmu = m.start(Machine.skylake());
        TranslationResult r = new TranslationResult();
        mmu.translate(LA, READ, SUPERVISOR, false, r);
        assertThat(r.ok()).isTrue();

        m.guest.modify(LA, 2, e -> e | (1L << 13)); // bits 20:13 of a 2 MiB PDE are reserved
        mmu.flushAll();
        mmu.translate(LA, READ, SUPERVISOR, false, r);
        assertThat(r.errorCode()).isEqualTo(0x9);

        m.guest.modify(LA, 2, e -> e & ~(1L << 13));
        m.guest.modify(LA, 4, e -> e | X86Pte.PS); // PS in a PML4E is reserved
        mmu.flushAll();
        mmu.translate(LA, WRITE, USER, false, r);
        assertThat(r.errorCode()).isEqualTo(0xF);
    }

    @Test
    void oneGigabytePageReservedBits() {
        Machine m = Machine.nativeMachine(4).map(LA, Machine.DATA_GPA, 30);
        Mmu mmu = m.start(Machine.skylake());
        m.guest.modify(LA, 3, e -> e | (1L << 29));
        TranslationResult r = new TranslationResult();
        mmu.translate(LA, READ, USER, false, r);
        assertThat(r.errorCode()).isEqualTo(0xD);
    }

    @Test
    void nonCanonicalAddressIsNotAPageFault() {
        Mmu mmu = Machine.nativeMachine(4).map(LA, Machine.DATA_GPA, 12).start(Machine.skylake());
        TranslationResult r = new TranslationResult();
        mmu.translate(0x0000_8000_0000_0000L, READ, USER, false, r);
        assertThat(r.status()).isEqualTo(TranslationStatus.NON_CANONICAL);
        mmu.translate(0xFFFF_8000_0000_0000L, READ, USER, false, r);
        assertThat(r.status()).isEqualTo(TranslationStatus.PAGE_FAULT); // canonical, just unmapped
        assertThat(r.errorCode()).isEqualTo(0x4);
    }

    @Test
    void changingWpTakesEffectWithoutFlushBecauseTlbHoldsRights() {
        Mmu mmu = machine(P | AD, STD);
        TranslationResult r = new TranslationResult();
        mmu.translate(LA, READ, SUPERVISOR, false, r); // fills the TLB
        apply(mmu, NXE); // WP=0
        mmu.translate(LA, WRITE, SUPERVISOR, false, r);
        assertThat(r.ok()).isTrue();
        apply(mmu, STD); // WP=1
        mmu.translate(LA, WRITE, SUPERVISOR, false, r);
        assertThat(r.errorCode()).isEqualTo(0x3);
    }
}
