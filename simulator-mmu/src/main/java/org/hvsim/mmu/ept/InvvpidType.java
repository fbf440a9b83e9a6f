package org.hvsim.mmu.ept;

/** INVVPID types (Intel SDM Vol. 3C 28.4.3.1 and the INVVPID instruction page). */
public enum InvvpidType {
    /** Type 0: mappings for one linear address tagged with one VPID (including global ones). */
    INDIVIDUAL_ADDRESS(0),
    /** Type 1: all mappings tagged with one VPID. */
    SINGLE_CONTEXT(1),
    /** Type 2: all mappings tagged with any VPID except 0 (the host's). */
    ALL_CONTEXTS(2),
    /** Type 3: all mappings tagged with one VPID except global translations. */
    SINGLE_CONTEXT_RETAINING_GLOBALS(3);

    private final int code;

    InvvpidType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
