package org.hvsim.mmu.tlb;

/**
 * Which cached translations an invalidation removes, expressed over the tags every entry carries
 * (linear address, PCID, VPID/ASID, whether it is a combined guest+EPT/NPT mapping and its
 * EP4TA, global flag). Built by the factory methods below, one per architectural operation, so the
 * semantics of each instruction are written down in exactly one place.
 *
 * @param addressed    only entries whose page covers {@code address} (otherwise all addresses)
 * @param address      the linear address when {@code addressed}
 * @param pcid         PCID to match or {@link #ANY}; global entries match any PCID unless kept
 * @param vpid         VPID/ASID to match, {@link #ANY}, or {@link #NONZERO_VPID}
 * @param ep4ta        EP4TA (or nCR3) to match or {@link #ANY}; only combined entries carry one
 * @param combinedOnly only combined (guest linear -> host physical through EPT/NPT) mappings
 * @param keepGlobal   global entries survive
 */
public record InvalidationScope(boolean addressed, long address, int pcid, int vpid, long ep4ta, boolean combinedOnly,
                                boolean keepGlobal) {

    public static final int ANY = -1;
    public static final int NONZERO_VPID = -2;

    public static InvalidationScope everything() {
        return new InvalidationScope(false, 0L, ANY, ANY, ANY, false, false);
    }

    /**
     * INVLPG (SDM Vol. 3A 4.10.4.1): entries for the page of {@code la} of the current PCID,
     * global ones included, in the current VPID.
     */
    public static InvalidationScope invlpg(long la, int pcid, int vpid) {
        return new InvalidationScope(true, la, pcid, vpid, ANY, false, false);
    }

    /** MOV to CR3 without no-flush: non-global entries of the (new) PCID in the current VPID. */
    public static InvalidationScope movCr3(int pcid, int vpid) {
        return new InvalidationScope(false, 0L, pcid, vpid, ANY, false, true);
    }

    /** A flush of everything in one VPID, globals included (CR4.PGE toggle, CR0.PG change, INVPCID type 2). */
    public static InvalidationScope vpidAll(int vpid) {
        return new InvalidationScope(false, 0L, ANY, vpid, ANY, false, false);
    }

    /** INVPCID types 0-3 in the current VPID. */
    public static InvalidationScope invpcid(org.hvsim.mmu.paging.InvpcidType type, int pcid, long la, int vpid) {
        return switch (type) {
            case INDIVIDUAL_ADDRESS -> new InvalidationScope(true, la, pcid, vpid, ANY, false, true);
            case SINGLE_CONTEXT -> new InvalidationScope(false, 0L, pcid, vpid, ANY, false, true);
            case ALL_CONTEXTS_INCLUDING_GLOBALS -> new InvalidationScope(false, 0L, ANY, vpid, ANY, false, false);
            case ALL_CONTEXTS_RETAINING_GLOBALS -> new InvalidationScope(false, 0L, ANY, vpid, ANY, false, true);
        };
    }

    /** INVVPID types 0-3 (SDM Vol. 3C 28.4.3.1): linear and combined mappings, all PCIDs and EP4TAs. */
    public static InvalidationScope invvpid(org.hvsim.mmu.ept.InvvpidType type, int vpid, long la) {
        return switch (type) {
            case INDIVIDUAL_ADDRESS -> new InvalidationScope(true, la, ANY, vpid, ANY, false, false);
            case SINGLE_CONTEXT -> new InvalidationScope(false, 0L, ANY, vpid, ANY, false, false);
            case ALL_CONTEXTS -> new InvalidationScope(false, 0L, ANY, NONZERO_VPID, ANY, false, false);
            case SINGLE_CONTEXT_RETAINING_GLOBALS -> new InvalidationScope(false, 0L, ANY, vpid, ANY, false, true);
        };
    }

    /** INVEPT (SDM Vol. 3C 28.4.3.1): combined mappings of one EP4TA (type 1) or of all (type 2), any VPID/PCID. */
    public static InvalidationScope invept(org.hvsim.mmu.ept.InveptType type, long ep4ta) {
        return new InvalidationScope(false, 0L, ANY, ANY,
                type == org.hvsim.mmu.ept.InveptType.SINGLE_CONTEXT ? ep4ta : ANY, true, false);
    }

    public boolean hasAddress() {
        return addressed;
    }

    /** True if an entry with these tags (address coverage is the caller's test) is invalidated. */
    public boolean matches(long context, long entryEp4ta, boolean global) {
        int entryVpid = TranslationTag.vpid(context);
        if (vpid == NONZERO_VPID ? entryVpid == 0 : vpid != ANY && entryVpid != vpid) {
            return false;
        }
        boolean combined = TranslationTag.combined(context);
        if (combinedOnly && !combined) {
            return false;
        }
        if (ep4ta != ANY && (!combined || entryEp4ta != ep4ta)) {
            return false;
        }
        if (global && keepGlobal) {
            return false;
        }
        // A global translation is used whatever the current PCID, so any PCID-scoped flush that
        // does not keep globals must remove it too (INVLPG).
        return pcid == ANY || global || TranslationTag.pcid(context) == pcid;
    }
}
