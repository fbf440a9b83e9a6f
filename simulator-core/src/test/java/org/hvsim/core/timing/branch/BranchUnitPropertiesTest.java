package org.hvsim.core.timing.branch;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BranchUnitPropertiesTest {

    private static final BranchKind[] KINDS = BranchKind.values();

    /** A random mix of every kind of transfer over a small code footprint, from one seed. */
    private static BranchUnit run(String direction, long seed, int n) {
        BranchUnit u = new BranchUnit(BranchPredictorConfig.defaults(direction));
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            long pc = 0x400000 + r.nextInt(512) * 4L;
            u.resolve(KINDS[r.nextInt(KINDS.length)], pc, pc + 4, r.nextInt(3) > 0, 0x400000 + r.nextInt(512) * 4L);
        }
        return u;
    }

    @Property(tries = 40)
    void sameSeedSameCounts(@ForAll("directions") String direction, @ForAll @LongRange long seed) {
        BranchUnit a = run(direction, seed, 2000);
        BranchUnit b = run(direction, seed, 2000);
        long total = 0;
        for (BranchKind k : KINDS) {
            assertThat(a.lookups(k)).isEqualTo(b.lookups(k));
            assertThat(a.mispredictions(k)).isEqualTo(b.mispredictions(k)).isLessThanOrEqualTo(a.lookups(k));
            assertThat(a.targetMisses(k)).isLessThanOrEqualTo(a.mispredictions(k));
            total += a.lookups(k);
        }
        assertThat(total).isEqualTo(2000);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> directions() {
        return net.jqwik.api.Arbitraries.of(BranchPredictorConfig.DIRECTIONS);
    }

    /** Any call/return sequence that stays within the stack's depth predicts every return. */
    @Property(tries = 100)
    void returnsWithinTheStackDepthAreAlwaysPredicted(@ForAll @LongRange long seed,
                                                      @ForAll @IntRange(min = 1, max = 32) int ras) {
        BranchUnit u = new BranchUnit(BranchPredictorConfig.defaults().withRas(ras));
        SplittableRandom r = new SplittableRandom(seed);
        ArrayDeque<Long> stack = new ArrayDeque<>();
        for (int i = 0; i < 500; i++) {
            if (!stack.isEmpty() && (stack.size() == ras || r.nextBoolean())) {
                long ret = 0x9000 + r.nextInt(64);
                u.resolve(BranchKind.RETURN, ret, ret + 1, true, stack.pop());
            } else {
                long site = 0x400000 + r.nextInt(1 << 20);
                u.resolve(r.nextBoolean() ? BranchKind.CALL_DIRECT : BranchKind.CALL_INDIRECT,
                        site, site + 5, true, 0x9000);
                stack.push(site + 5);
            }
        }
        assertThat(u.mispredictions(BranchKind.RETURN)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"static", "bimodal", "gshare", "tage"})
    void resolveAllocatesNothing(String direction) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        run(direction, 1, 200_000); // warm up and JIT-compile
        BranchUnit u = new BranchUnit(BranchPredictorConfig.defaults(direction));
        long before = threads.getThreadAllocatedBytes(tid);
        long pc = 0x400000;
        for (int i = 0; i < 1_000_000; i++) {
            long p = pc + (i * 37L & 0xFFF);
            u.resolve(KINDS[i % KINDS.length], p, p + 4, (i & 3) != 0, pc + (i * 11L & 0xFFF));
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertThat(allocated).as("bytes allocated by 1M resolves").isLessThan(64 * 1024);
    }
}
