package org.hvsim.mmu.cache;

/** The levels of the memory hierarchy; MEMORY is DRAM, which always hits. */
public enum CacheLevel {
    L1I, L1D, L2, LLC, MEMORY
}
