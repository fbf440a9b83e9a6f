package org.hvsim.mmu.cache;

/**
 * Geometry and timing of one cache level. All caches are write-back and write-allocate.
 *
 * @param sizeBytes   capacity in bytes (power of two)
 * @param ways        associativity; {@code sizeBytes / lineBytes / ways} sets (power of two)
 * @param lineBytes   line size in bytes (power of two; 64 on every x86-64 part)
 * @param hitLatency  load-to-use latency in core cycles of a hit in this level, measured from the
 *                    start of the access (not incremental over the previous level), as 7-cpu.com
 *                    reports it
 * @param replacement victim selection policy
 */
public record CacheConfig(int sizeBytes, int ways, int lineBytes, int hitLatency, ReplacementKind replacement) {

    public CacheConfig {
        if (Integer.bitCount(sizeBytes) != 1 || Integer.bitCount(lineBytes) != 1 || ways <= 0) {
            throw new IllegalArgumentException("size and line must be powers of two, ways > 0");
        }
        int sets = sizeBytes / lineBytes / ways;
        if (sets <= 0 || Integer.bitCount(sets) != 1) {
            throw new IllegalArgumentException("sets must be a power of two: " + sets);
        }
        if (hitLatency < 0) {
            throw new IllegalArgumentException("negative latency");
        }
    }

    public int sets() {
        return sizeBytes / lineBytes / ways;
    }

    /** Returns a copy with another replacement policy. */
    public CacheConfig withReplacement(ReplacementKind kind) {
        return new CacheConfig(sizeBytes, ways, lineBytes, hitLatency, kind);
    }

    /** Returns a copy with another hit latency. */
    public CacheConfig withHitLatency(int cycles) {
        return new CacheConfig(sizeBytes, ways, lineBytes, cycles, replacement);
    }
}
