package org.hvsim.mmu.cache;

/**
 * Chooses which way of a set to evict. The narrow interface is deliberate (ChampSim style): a
 * policy only sees (set, way) events, never addresses, so it can be swapped without touching the
 * structure that owns it. Shared by caches, TLBs and paging-structure caches.
 *
 * <p>The owner always fills an invalid way first; {@link #victim(int)} is only asked when the set
 * is full.
 */
public interface ReplacementPolicy {

    /** The way {@code way} of set {@code set} was hit or filled: it becomes most recently used. */
    void touch(int set, int way);

    /** Returns the way to evict from a full set. Must be deterministic for a given history. */
    int victim(int set);
}
