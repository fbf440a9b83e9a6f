package org.hvsim.mmu.cache;

import java.util.SplittableRandom;

/**
 * Random replacement driven by a seeded {@link SplittableRandom}: same seed, same victims, on any
 * host. The host clock is never consulted (docs/architecture.md, Determinism).
 */
public final class RandomPolicy implements ReplacementPolicy {

    private final int ways;
    private final SplittableRandom random;

    public RandomPolicy(int ways, long seed) {
        this.ways = ways;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void touch(int set, int way) {
        // Random replacement keeps no history.
    }

    @Override
    public int victim(int set) {
        return random.nextInt(ways);
    }
}
