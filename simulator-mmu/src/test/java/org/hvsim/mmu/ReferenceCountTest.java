package org.hvsim.mmu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hvsim.mmu.walk.NestedMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exact paging-structure reference counts for every combination of guest levels (4, 5), nested
 * levels (none, 4, 5), guest and nested page sizes (4 KiB, 2 MiB, 1 GiB) and walk caches off/on.
 *
 * <p>With n guest levels, m nested levels, a guest page g levels above 4 KiB (0, 1, 2) and a
 * nested page h levels above 4 KiB, a cold walk reads n-g guest entries, each after a nested
 * walk of m-h references, plus a final nested walk: (n-g) + (n-g+1)(m-h). With g = h = 0 this is
 * Bhargava et al.'s n*m + n + m (ASPLOS 2008).
 */
class ReferenceCountTest {

    static final long LA4 = 0x0000_7F12_3456_7ABCL;
    static final long LA5 = 0x00AB_7F12_3456_7ABCL;
    static final int[] SHIFTS = {12, 21, 30};

    static Stream<Arguments> combinations() {
        List<Arguments> list = new ArrayList<>();
        for (int n : new int[] {4, 5}) {
            for (int m : new int[] {0, 4, 5}) {
                for (int g = 0; g < 3; g++) {
                    for (int h = 0; h < (m == 0 ? 1 : 3); h++) {
                        list.add(Arguments.of(n, m, g, h));
                    }
                }
            }
        }
        return list.stream();
    }

    static Machine machine(int n, int m, boolean npt) {
        return m == 0 ? Machine.nativeMachine(n) : new Machine(n, npt ? NestedMode.NPT : NestedMode.EPT, m);
    }

    static long la(int n) {
        return n == 5 ? LA5 : LA4;
    }

    static int coldFormula(int n, int m, int g, int h) {
        int guestRefs = n - g;
        return m == 0 ? guestRefs : guestRefs + (guestRefs + 1) * (m - h);
    }

    @ParameterizedTest(name = "guest {0}-level, nested {1}-level, guest page +{2}, nested page +{3}: caches off")
    @MethodSource("combinations")
    void coldWalkWithoutCachesMatchesFormula(int n, int m, int g, int h) {
        for (boolean npt : m == 0 ? new boolean[] {false} : new boolean[] {false, true}) {
            Machine machine = machine(n, m, npt).map(la(n), Machine.DATA_GPA, SHIFTS[g]);
            Mmu mmu = machine.start(Machine.noCaches(), SHIFTS[h]);
            TranslationResult r = new TranslationResult();
            mmu.translate(la(n), AccessKind.READ, Privilege.USER, false, r);
            assertThat(r.ok()).as(r.toString()).isTrue();
            long offsetMask = (1L << SHIFTS[g]) - 1;
            assertThat(r.physicalAddress()).isEqualTo(machine.hostOf(Machine.DATA_GPA | (la(n) & offsetMask)));
            assertThat(mmu.lastWalk().guestReferences()).isEqualTo(n - g);
            assertThat(mmu.lastWalk().nestedReferences()).isEqualTo(m == 0 ? 0 : (n - g + 1) * (m - h));
            assertThat(mmu.lastWalk().references()).isEqualTo(coldFormula(n, m, g, h));
            // Without caches a second walk is just as long.
            mmu.translate(la(n), AccessKind.READ, Privilege.USER, false, r);
            assertThat(mmu.lastWalk().references()).isEqualTo(coldFormula(n, m, g, h));
        }
    }

    /**
     * Cold walk with the nested page-walk cache on. Guest tables live in one 2 MiB guest-physical
     * region and the data in another 1 GiB region, so: the first nested walk is cold (m-h); each
     * later table's nested walk hits the nested PWC one level above the nested leaf (1 reference);
     * the final nested walk hits the PML4E entry (shared 512 GiB region) and walks levels 3 down to
     * the nested leaf (3-h references).
     */
    @ParameterizedTest(name = "guest {0}-level, nested {1}-level, guest page +{2}, nested page +{3}: caches on, cold")
    @MethodSource("combinations")
    void coldWalkWithWalkCaches(int n, int m, int g, int h) {
        Machine machine = machine(n, m, false).map(la(n), Machine.DATA_GPA, SHIFTS[g]);
        Mmu mmu = machine.start(Machine.walkCachesOnly(), SHIFTS[h]);
        TranslationResult r = new TranslationResult();
        mmu.translate(la(n), AccessKind.READ, Privilege.USER, false, r);
        assertThat(r.ok()).isTrue();
        int guestRefs = n - g;
        int expected = m == 0 ? guestRefs : guestRefs + (m - h) + (guestRefs - 1) + (3 - h);
        assertThat(mmu.lastWalk().references()).isEqualTo(expected);
    }

    /**
     * Warm walk (TLBs off, walk caches on): the paging-structure cache supplies the host-physical
     * address of the guest leaf table, so one guest reference remains, and the nested TLB supplies
     * the final translation: 1 reference in every configuration.
     */
    @ParameterizedTest(name = "guest {0}-level, nested {1}-level, guest page +{2}, nested page +{3}: caches on, warm")
    @MethodSource("combinations")
    void warmWalkWithWalkCachesIsOneReference(int n, int m, int g, int h) {
        Machine machine = machine(n, m, false).map(la(n), Machine.DATA_GPA, SHIFTS[g]);
        Mmu mmu = machine.start(Machine.walkCachesOnly(), SHIFTS[h]);
        TranslationResult r = new TranslationResult();
        mmu.translate(la(n), AccessKind.READ, Privilege.USER, false, r);
        mmu.translate(la(n), AccessKind.READ, Privilege.USER, false, r);
        assertThat(r.ok()).isTrue();
        assertThat(mmu.lastWalk().pscHitLevel()).isEqualTo(g + 2);
        assertThat(mmu.lastWalk().guestReferences()).isEqualTo(1);
        assertThat(mmu.lastWalk().nestedReferences()).isZero();
        assertThat(mmu.lastWalk().nestedTlbHits()).isEqualTo(m == 0 ? 0 : 1);
    }

    @Test
    void fourOverFourWorstCaseIs24References() {
        Machine machine = new Machine(4, NestedMode.EPT, 4).map(LA4, Machine.DATA_GPA, 12);
        Mmu mmu = machine.start(Machine.noCaches());
        TranslationResult r = new TranslationResult();
        mmu.translate(LA4, AccessKind.READ, Privilege.USER, false, r);
        assertThat(mmu.lastWalk().references()).isEqualTo(24);
        assertThat(mmu.lastWalk().guestReferences()).isEqualTo(4);
        assertThat(mmu.lastWalk().nestedReferences()).isEqualTo(20);
        assertThat(mmu.stats().walksWithReferences(24)).isEqualTo(1);
    }

    @Test
    void fiveOverFiveWorstCaseIs35References() {
        Machine machine = new Machine(5, NestedMode.EPT, 5).map(LA5, Machine.DATA_GPA, 12);
        Mmu mmu = machine.start(Machine.noCaches());
        TranslationResult r = new TranslationResult();
        mmu.translate(LA5, AccessKind.READ, Privilege.USER, false, r);
        assertThat(mmu.lastWalk().references()).isEqualTo(35);
    }

    @Test
    void nativeWalkIsFourReferencesAndTwoDimensionalIsSixTimesThat() {
        Machine nat = Machine.nativeMachine(4).map(LA4, Machine.DATA_GPA, 12);
        Mmu mmu = nat.start(Machine.noCaches());
        TranslationResult r = new TranslationResult();
        mmu.translate(LA4, AccessKind.READ, Privilege.USER, false, r);
        assertThat(mmu.lastWalk().references()).isEqualTo(4);
        assertThat(24 / mmu.lastWalk().references()).isEqualTo(6); // "6x a native walk" (Bhargava et al.)
    }

    /** Bhargava's formula as a property over guest and nested depths, page sizes and NPT vs EPT. */
    @Property(tries = 40)
    void bhargavaFormulaHolds(@ForAll @IntRange(min = 4, max = 5) int n, @ForAll @IntRange(min = 4, max = 5) int m,
                              @ForAll @IntRange(min = 0, max = 2) int g, @ForAll @IntRange(min = 0, max = 2) int h,
                              @ForAll boolean npt, @ForAll @IntRange(min = 0, max = 511) int pageIndex) {
        long la = la(n) + ((long) pageIndex << 12);
        Machine machine = machine(n, m, npt).map(la, Machine.DATA_GPA, SHIFTS[g]);
        Mmu mmu = machine.start(Machine.noCaches(), SHIFTS[h]);
        TranslationResult r = new TranslationResult();
        mmu.translate(la, AccessKind.READ, Privilege.USER, false, r);
        assertThat(r.ok()).isTrue();
        assertThat(mmu.lastWalk().references()).isEqualTo((n - g) * (m - h) + (n - g) + (m - h));
    }
}
