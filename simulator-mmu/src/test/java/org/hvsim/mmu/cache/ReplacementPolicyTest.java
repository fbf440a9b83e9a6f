package org.hvsim.mmu.cache;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReplacementPolicyTest {

    @Test
    void lruEvictsLeastRecentlyUsed() {
        LruPolicy p = new LruPolicy(1, 4);
        for (int w = 0; w < 4; w++) {
            p.touch(0, w);
        }
        p.touch(0, 0);
        assertThat(p.victim(0)).isEqualTo(1);
    }

    @Test
    void treePlruFollowsTheTreeBits() {
        TreePlruPolicy p = new TreePlruPolicy(1, 4);
        for (int w = 0; w < 4; w++) {
            p.touch(0, w);
        }
        assertThat(p.victim(0)).isEqualTo(0);
        p.touch(0, 0);
        // root now points right (0 was left), right node points at 2 (3 was touched last)
        assertThat(p.victim(0)).isEqualTo(2);
    }

    @Property(tries = 50)
    void treePlruNeverEvictsTheMostRecentWay(@ForAll @IntRange(min = 0, max = 15) int way,
                                             @ForAll @IntRange(min = 1, max = 4) int log2Ways) {
        int ways = 1 << log2Ways;
        TreePlruPolicy p = new TreePlruPolicy(2, ways);
        p.touch(1, way % ways);
        if (ways > 1) {
            assertThat(p.victim(1)).isNotEqualTo(way % ways);
        }
    }

    @Property(tries = 50)
    void lruVictimIsNeverTheLastTouched(@ForAll @IntRange(min = 2, max = 16) int ways, @ForAll long seed) {
        LruPolicy p = new LruPolicy(1, ways);
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int last = 0;
        for (int i = 0; i < 40; i++) {
            last = r.nextInt(ways);
            p.touch(0, last);
        }
        assertThat(p.victim(0)).isNotEqualTo(last);
    }

    @Test
    void randomIsSeededAndInRange() {
        RandomPolicy a = new RandomPolicy(12, 99);
        RandomPolicy b = new RandomPolicy(12, 99);
        for (int i = 0; i < 100; i++) {
            int v = a.victim(0);
            assertThat(v).isEqualTo(b.victim(0)).isBetween(0, 11);
        }
    }

    @Test
    void nonPowerOfTwoPlruStaysInRange() {
        TreePlruPolicy p = new TreePlruPolicy(1, 12);
        for (int i = 0; i < 100; i++) {
            int v = p.victim(0);
            assertThat(v).isBetween(0, 11);
            p.touch(0, v);
        }
    }
}
