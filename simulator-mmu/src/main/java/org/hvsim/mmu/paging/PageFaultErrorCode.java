package org.hvsim.mmu.paging;

import org.hvsim.mmu.AccessKind;
import org.hvsim.mmu.PagingControls;
import org.hvsim.mmu.Privilege;

/** The page-fault error code pushed by #PF (Intel SDM Vol. 3A 4.7, Figure 4-12). */
public final class PageFaultErrorCode {

    /** 0: not-present page; 1: page-level protection violation (or reserved bit). */
    public static final int P = 1;
    /** 1 if the access was a write. */
    public static final int WR = 1 << 1;
    /** 1 if the access was a user-mode access (CPL 3, not an implicit supervisor access). */
    public static final int US = 1 << 2;
    /** 1 if a reserved bit was set in some paging-structure entry. */
    public static final int RSVD = 1 << 3;
    /** 1 if the access was an instruction fetch and SMEP or (PAE and NXE) is on. */
    public static final int ID = 1 << 4;
    /** 1 for a protection-key violation (not modelled: CR4.PKE is treated as 0). */
    public static final int PK = 1 << 5;

    private PageFaultErrorCode() {
    }

    /**
     * The access-describing bits (W/R, U/S, I/D) of an error code. I/D follows the SDM exactly:
     * set for instruction fetches only when CR4.SMEP = 1 or IA32_EFER.NXE = 1 (PAE is implied by
     * 4/5-level paging).
     */
    public static int accessBits(AccessKind kind, Privilege privilege, PagingControls controls) {
        int code = 0;
        if (kind == AccessKind.WRITE) {
            code |= WR;
        }
        if (privilege == Privilege.USER) {
            code |= US;
        }
        if (kind == AccessKind.EXECUTE && (controls.smep() || controls.nxe())) {
            code |= ID;
        }
        return code;
    }
}
