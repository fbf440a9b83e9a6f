package org.hvsim.mmu.cache;

/**
 * Who issued a memory-hierarchy access. Statistics are kept per level and per requester so that
 * the cycles of page walks can be told apart from ordinary data traffic, and the nested (EPT/NPT)
 * dimension of a 2D walk from the guest dimension.
 */
public enum Requester {
    /** Instruction fetch (enters at L1I). */
    INSTRUCTION_FETCH,
    /** Ordinary data load or store (enters at L1D). */
    DATA,
    /** Native page walk, or the guest dimension of a two-dimensional walk. */
    PAGE_WALK,
    /** Nested dimension (EPT or NPT tables) of a two-dimensional walk. */
    PAGE_WALK_NESTED
}
