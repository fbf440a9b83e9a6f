package org.hvsim.mmu.tlb;

import org.hvsim.mmu.cache.ReplacementKind;

/**
 * Geometry of one set-associative translation structure (a TLB array, a paging-structure cache
 * level or a nested TLB).
 *
 * @param entries     number of entries; 0 means the structure is absent
 * @param ways        associativity; {@code entries / ways} sets, a power of two
 * @param replacement victim selection
 */
public record TlbConfig(int entries, int ways, ReplacementKind replacement) {

    public static final TlbConfig ABSENT = new TlbConfig(0, 1, ReplacementKind.LRU);

    public TlbConfig {
        if (entries < 0 || ways <= 0) {
            throw new IllegalArgumentException("entries >= 0 and ways > 0 required");
        }
        if (entries > 0 && (entries % ways != 0 || Integer.bitCount(entries / ways) != 1)) {
            throw new IllegalArgumentException("entries/ways must be a power of two: " + entries + "/" + ways);
        }
    }

    /** LRU-replaced structure (Intel does not document TLB replacement; LRU is the ASSUMPTION). */
    public static TlbConfig of(int entries, int ways) {
        return new TlbConfig(entries, ways, ReplacementKind.LRU);
    }

    /** A fully associative structure. */
    public static TlbConfig fullyAssociative(int entries) {
        return entries == 0 ? ABSENT : new TlbConfig(entries, entries, ReplacementKind.LRU);
    }

    public boolean present() {
        return entries > 0;
    }

    public int sets() {
        return entries / ways;
    }
}
