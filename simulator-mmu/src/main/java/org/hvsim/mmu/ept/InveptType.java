package org.hvsim.mmu.ept;

/** INVEPT types (Intel SDM Vol. 3C 28.4.3.1 and the INVEPT instruction page). */
public enum InveptType {
    /** Type 1: mappings associated with one EP4TA (bits 51:12 of the given EPTP). */
    SINGLE_CONTEXT(1),
    /** Type 2: mappings associated with all EP4TAs. */
    GLOBAL(2);

    private final int code;

    InveptType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
