package org.hvsim.core.user;

/**
 * The guest's only source of "random" bytes (AT_RANDOM, getrandom): SplitMix64 from a seed, so
 * a run is reproducible. Never host entropy.
 */
final class DeterministicRandom {
    private long state;

    DeterministicRandom(long seed) {
        this.state = seed;
    }

    long nextLong() {
        long z = (state += 0x9E37_79B9_7F4A_7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    void nextBytes(byte[] dst, int offset, int length) {
        for (int i = 0; i < length; i += 8) {
            long v = nextLong();
            for (int k = 0; k < 8 && i + k < length; k++) {
                dst[offset + i + k] = (byte) (v >>> (8 * k));
            }
        }
    }
}
