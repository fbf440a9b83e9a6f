package org.hvsim.mmu.ept;

/**
 * EXITINFO1 of an AMD nested page fault (AMD APM Vol. 2 15.25.6): a #PF-style error code in the
 * low bits (P, W/R, U/S, RSVD, I/D) plus bit 32 when the fault occurred translating the guest's
 * final physical address and bit 33 when it occurred translating a guest page-table access.
 * EXITINFO2 is the faulting guest-physical address.
 */
public final class NptExitInfo {

    public static final long FINAL_TRANSLATION = 1L << 32;
    public static final long GUEST_PAGE_TABLE = 1L << 33;

    private NptExitInfo() {
    }
}
