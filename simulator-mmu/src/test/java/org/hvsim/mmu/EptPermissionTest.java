package org.hvsim.mmu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.hvsim.mmu.ept.EptEntry;
import org.hvsim.mmu.ept.Eptp;
import org.hvsim.mmu.paging.X86Pte;
import org.hvsim.mmu.walk.NestedMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EPT permission matrix (Intel SDM Vol. 3C 28.2.3): the data page's EPT leaf with each permission
 * combination, accessed by a read, a write and a fetch. Exit qualification (Table 28-7): bits 2:0
 * access, bits 5:3 R/W/X of the translation, bit 7 GLA valid, bit 8 final translation.
 */
class EptPermissionTest {

    static final long LA = 0x0000_0040_0020_3123L;
    static final long GPA = Machine.DATA_GPA | 0x123;
    static final int OK = -1;
    static final int MISCONFIG = -2;

    static Stream<Arguments> matrix() {
        return Stream.of(
                // perms, read, write, fetch
                Arguments.of("not present", 0, 0x181, 0x182, 0x184),
                Arguments.of("R", 1, OK, 0x18A, 0x18C),
                Arguments.of("RW", 3, OK, OK, 0x19C),
                Arguments.of("X only", 4, 0x1A1, 0x1A2, OK),
                Arguments.of("RX", 5, OK, 0x1AA, OK),
                Arguments.of("RWX", 7, OK, OK, OK),
                Arguments.of("W without R", 2, MISCONFIG, MISCONFIG, MISCONFIG),
                Arguments.of("WX without R", 6, MISCONFIG, MISCONFIG, MISCONFIG));
    }

    static Machine machine() {
        return new Machine(4, NestedMode.EPT, 4).map(LA, Machine.DATA_GPA, 12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void eptPermissionMatrix(String name, int perms, int read, int write, int fetch) {
        int[] expected = {read, write, fetch};
        AccessKind[] kinds = {AccessKind.READ, AccessKind.WRITE, AccessKind.EXECUTE};
        for (int k = 0; k < 3; k++) {
            Machine m = machine();
            Mmu mmu = m.start(Machine.skylake());
            m.nested.modify(Machine.DATA_GPA, 1, e -> (e & ~EptEntry.RWX) | perms);
            TranslationResult r = new TranslationResult();
            mmu.translate(LA, kinds[k], Privilege.USER, false, r);
            if (expected[k] == OK) {
                assertThat(r.ok()).as(name + " " + kinds[k] + ": " + r).isTrue();
                assertThat(r.physicalAddress()).isEqualTo(GPA + Machine.HOST_OFFSET);
            } else if (expected[k] == MISCONFIG) {
                assertThat(r.status()).as(name + " " + kinds[k]).isEqualTo(TranslationStatus.EPT_MISCONFIGURATION);
                assertThat(r.guestPhysicalAddress()).isEqualTo(GPA);
            } else {
                assertThat(r.status()).as(name + " " + kinds[k]).isEqualTo(TranslationStatus.EPT_VIOLATION);
                assertThat(r.exitQualification()).as(name + " " + kinds[k]).isEqualTo(expected[k]);
                assertThat(r.guestPhysicalAddress()).isEqualTo(GPA);
                assertThat(r.faultAddress()).isEqualTo(LA);
            }
        }
    }

    @Test
    void permissionBitsAreTheAndOverAllLevels() {
        Machine m = machine();
        Mmu mmu = m.start(Machine.skylake());
        m.nested.modify(Machine.DATA_GPA, 2, e -> (e & ~EptEntry.RWX) | EptEntry.READ | EptEntry.EXECUTE);
        TranslationResult r = new TranslationResult();
        mmu.translate(LA, AccessKind.WRITE, Privilege.USER, false, r);
        assertThat(r.exitQualification()).isEqualTo(0x2 | 0x28 | 0x180);
    }

    @Test
    void violationDuringGuestWalkClearsBit8() {
        Machine m = machine();
        Mmu mmu = m.start(Machine.skylake());
        long ptGpa = m.guest.entryAddress(LA, 1) - Machine.HOST_OFFSET; // gPA of the guest PTE
        m.nested.modify(ptGpa, 1, e -> e & ~EptEntry.RWX);
        TranslationResult r = new TranslationResult();
        mmu.translate(LA, AccessKind.WRITE, Privilege.USER, false, r);
        assertThat(r.status()).isEqualTo(TranslationStatus.EPT_VIOLATION);
        assertThat(r.exitQualification()).isEqualTo(0x1 | 0x80); // a read of a paging structure, bit 8 clear
        assertThat(r.guestPhysicalAddress()).isEqualTo(ptGpa);
    }

    @Test
    void withEptAccessedDirtyGuestTableAccessesAreWrites() {
        Machine m = machine();
        m.eptAccessedDirty = true;
        Mmu mmu = m.start(Machine.skylake());
        long ptGpa = m.guest.entryAddress(LA, 1) - Machine.HOST_OFFSET;
        m.nested.modify(ptGpa, 1, e -> (e & ~EptEntry.RWX) | EptEntry.READ);
        TranslationResult r = new TranslationResult();
        mmu.translate(LA, AccessKind.READ, Privilege.USER, false, r);
        assertThat(r.status()).isEqualTo(TranslationStatus.EPT_VIOLATION);
        // bits 0 and 1 both set (SDM 28.2.3.2), permissions R, GLA valid, paging-structure access
        assertThat(r.exitQualification()).isEqualTo(0x3 | 0x8 | 0x80);
    }

    @Test
    void guestAccessedFlagUpdateNeedsEptWritePermission() {
        Machine m = machine();
        Mmu mmu = m.start(Machine.skylake());
        m.guest.modify(LA, 1, e -> e & ~X86Pte.A);
        long ptGpa = m.guest.entryAddress(LA, 1) - Machine.HOST_OFFSET;
        m.nested.modify(ptGpa, 1, e -> (e & ~EptEntry.RWX) | EptEntry.READ);
        TranslationResult r = new TranslationResult();
        mmu.translate(LA, AccessKind.READ, Privilege.USER, false, r);
        assertThat(r.status()).isEqualTo(TranslationStatus.EPT_VIOLATION);
        assertThat(r.exitQualification()).isEqualTo(0x2 | 0x8 | 0x80);
        assertThat(r.guestPhysicalAddress()).isEqualTo(ptGpa); // the guest PTE whose A flag could not be written
    }

    @Test
    void eptAccessedAndDirtyFlagsAreSet() {
        Machine m = machine();
        m.eptAccessedDirty = true;
        Mmu mmu = m.start(Machine.skylake());
        TranslationResult r = new TranslationResult();
        mmu.translate(LA, AccessKind.WRITE, Privilege.USER, false, r);
        assertThat(r.ok()).isTrue();
        long leaf = m.memory.read64(m.nested.entryAddress(Machine.DATA_GPA, 1));
        long pml4e = m.memory.read64(m.nested.entryAddress(Machine.DATA_GPA, 4));
        assertThat(leaf & (EptEntry.ACCESSED | EptEntry.DIRTY)).isEqualTo(EptEntry.ACCESSED | EptEntry.DIRTY);
        assertThat(pml4e & EptEntry.ACCESSED).isNotZero();
        long ptGpa = m.guest.entryAddress(LA, 1) - Machine.HOST_OFFSET;
        // guest paging-structure accesses count as writes: the table page is dirty in EPT
        assertThat(m.memory.read64(m.nested.entryAddress(ptGpa, 1)) & EptEntry.DIRTY).isNotZero();
    }

    @Test
    void guestPageFaultTakesPriorityOverFinalEptViolation() {
        Machine m = machine();
        Mmu mmu = m.start(Machine.skylake());
        m.guest.modify(LA, 1, e -> e & ~X86Pte.P);
        m.nested.modify(Machine.DATA_GPA, 1, e -> 0);
        TranslationResult r = new TranslationResult();
        mmu.translate(LA, AccessKind.READ, Privilege.USER, false, r);
        assertThat(r.status()).isEqualTo(TranslationStatus.PAGE_FAULT);
        assertThat(r.errorCode()).isEqualTo(0x4);
    }

    @Test
    void misconfigurations() {
        long[][] cases = {
            {1, EptEntry.leaf(EptEntry.RWX, 2)},                 // reserved memory type 2
            {1, EptEntry.leaf(EptEntry.RWX, 3)},                 // reserved memory type 3
            {1, EptEntry.leaf(EptEntry.RWX, 7)},                 // reserved memory type 7
            {1, EptEntry.leaf(EptEntry.RWX, EptEntry.WB) | (1L << 40)}, // above MAXPHYADDR 39
            {4, EptEntry.RWX | EptEntry.LARGE},                  // bit 7 reserved in a PML4E
            {3, EptEntry.RWX | (1L << 3)},                       // bits 6:3 reserved in a non-leaf PDPTE
        };
        for (long[] c : cases) {
            Machine m = machine();
            Mmu mmu = m.start(Machine.skylake());
            int level = (int) c[0];
            long bits = c[1];
            m.nested.modify(Machine.DATA_GPA, level, e -> (e & X86Pte.addressMask(39)) | bits);
            TranslationResult r = new TranslationResult();
            mmu.translate(LA, AccessKind.READ, Privilege.USER, false, r);
            assertThat(r.status()).as("level %d bits %x", level, bits).isEqualTo(TranslationStatus.EPT_MISCONFIGURATION);
        }
    }

    @Test
    void executeOnlyIsAMisconfigurationWhenUnsupported() {
        Machine m = machine();
        Mmu mmu = m.start(Machine.skylake().withEptExecuteOnly(false));
        m.nested.modify(Machine.DATA_GPA, 1, e -> (e & ~EptEntry.RWX) | EptEntry.EXECUTE);
        TranslationResult r = new TranslationResult();
        mmu.translate(LA, AccessKind.EXECUTE, Privilege.USER, false, r);
        assertThat(r.status()).isEqualTo(TranslationStatus.EPT_MISCONFIGURATION);
    }

    @Test
    void eptpFields() {
        long eptp = Eptp.of(0x1234_5000L, 4, EptEntry.WB, true);
        assertThat(eptp).isEqualTo(0x1234_5000L | 6 | (3 << 3) | (1 << 6));
        assertThat(Eptp.levels(eptp)).isEqualTo(4);
        assertThat(Eptp.memoryType(eptp)).isEqualTo(6);
        assertThat(Eptp.accessedDirtyEnabled(eptp)).isTrue();
        assertThat(Eptp.isValid(eptp, 39, false)).isTrue();
        assertThat(Eptp.isValid(Eptp.of(0x1000, 4, 1, false), 39, false)).isFalse(); // WC not allowed
        assertThat(Eptp.isValid(Eptp.of(0x1000, 5, 6, false), 39, false)).isFalse();
        assertThat(Eptp.isValid(Eptp.of(0x1000, 5, 6, false), 39, true)).isTrue();
    }
}
