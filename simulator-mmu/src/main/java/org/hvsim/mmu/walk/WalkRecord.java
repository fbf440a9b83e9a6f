package org.hvsim.mmu.walk;

/**
 * What the most recent page walk did: references (memory reads of paging-structure entries) in
 * each dimension, their cycles, the A/D writes, and accelerator hits. Reset at the start of each
 * walk and reused (no allocation). Aggregated into {@link org.hvsim.mmu.MmuStats} by the MMU.
 */
public final class WalkRecord {

    int guestReferences;
    int nestedReferences;
    long guestCycles;
    long nestedCycles;
    int guestAdWrites;
    int nestedAdWrites;
    int pscHitLevel;
    int pscProbes;
    int nestedTlbHits;
    int nestedTlbMisses;
    int nestedPwcProbes;
    int nestedPwcHits;

    void reset() {
        guestReferences = 0;
        nestedReferences = 0;
        guestCycles = 0;
        nestedCycles = 0;
        guestAdWrites = 0;
        nestedAdWrites = 0;
        pscHitLevel = 0;
        pscProbes = 0;
        nestedTlbHits = 0;
        nestedTlbMisses = 0;
        nestedPwcProbes = 0;
        nestedPwcHits = 0;
    }

    /** Reads of guest (or native) paging-structure entries. */
    public int guestReferences() {
        return guestReferences;
    }

    /** Reads of nested (EPT/NPT) paging-structure entries. */
    public int nestedReferences() {
        return nestedReferences;
    }

    /** All paging-structure reads: n*m + n + m for a cold 2D walk with 4 KiB pages. */
    public int references() {
        return guestReferences + nestedReferences;
    }

    /** Cycles of the guest dimension: its PSC probe, its references and its A/D writes. */
    public long guestCycles() {
        return guestCycles;
    }

    /** Cycles of the nested dimension: nested-TLB and nested-PWC probes, references, A/D writes. */
    public long nestedCycles() {
        return nestedCycles;
    }

    /** Cycles of the walk proper (after the STLB miss). */
    public long cycles() {
        return guestCycles + nestedCycles;
    }

    public int guestAdWrites() {
        return guestAdWrites;
    }

    public int nestedAdWrites() {
        return nestedAdWrites;
    }

    /** Level of the guest/native paging-structure-cache entry that hit (2..5), or 0. */
    public int pscHitLevel() {
        return pscHitLevel;
    }

    public int pscProbes() {
        return pscProbes;
    }

    public int nestedTlbHits() {
        return nestedTlbHits;
    }

    public int nestedTlbMisses() {
        return nestedTlbMisses;
    }

    public int nestedPwcProbes() {
        return nestedPwcProbes;
    }

    public int nestedPwcHits() {
        return nestedPwcHits;
    }
}
