package org.hvsim.mmu;

/** Counters of the MMU, indexed by ordinal into {@link MmuStats}. */
public enum MmuEvent {
    TRANSLATIONS,
    /** Cycles charged for all translations (TLB hits, STLB hits, walks). */
    TRANSLATION_CYCLES,
    L1_TLB_HITS,
    STLB_HITS,
    /** Page walks started (TLB misses, and TLB hits that needed a walk to set D or re-check). */
    WALKS,
    /** Walks that ended in a fault. */
    FAULTING_WALKS,
    WALK_REFERENCES,
    GUEST_REFERENCES,
    NESTED_REFERENCES,
    WALK_CYCLES,
    GUEST_WALK_CYCLES,
    NESTED_WALK_CYCLES,
    GUEST_AD_WRITES,
    NESTED_AD_WRITES,
    PSC_PROBES,
    PSC_HITS,
    NESTED_TLB_HITS,
    NESTED_TLB_MISSES,
    NESTED_PWC_PROBES,
    NESTED_PWC_HITS,
    PAGE_FAULTS,
    EPT_VIOLATIONS,
    EPT_MISCONFIGURATIONS,
    NESTED_PAGE_FAULTS,
    NON_CANONICAL,
    /** TLB and paging-structure-cache entries removed by invalidations. */
    ENTRIES_INVALIDATED
}
