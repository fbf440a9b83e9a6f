package org.hvsim.mmu.paging;

/** INVPCID types (Intel SDM Vol. 2A INVPCID; Vol. 3A 4.10.4.1). */
public enum InvpcidType {
    /** Type 0: one linear address for one PCID, global translations excepted. */
    INDIVIDUAL_ADDRESS(0),
    /** Type 1: all mappings of one PCID, global translations excepted. */
    SINGLE_CONTEXT(1),
    /** Type 2: all mappings of all PCIDs, global translations included. */
    ALL_CONTEXTS_INCLUDING_GLOBALS(2),
    /** Type 3: all mappings of all PCIDs, global translations excepted. */
    ALL_CONTEXTS_RETAINING_GLOBALS(3);

    private final int code;

    InvpcidType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
