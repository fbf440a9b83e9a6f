package org.hvsim.mmu;

/**
 * Caller-owned, reusable result of {@link Mmu#translate}: the MMU fills it in place so the TLB-hit
 * path allocates nothing. Only the fields relevant to {@link #status()} are meaningful.
 */
public final class TranslationResult {

    private TranslationStatus status = TranslationStatus.OK;
    private long physicalAddress;
    private int latency;
    private int pageShift;
    private long faultAddress;
    private int errorCode;
    private long guestPhysicalAddress;
    private long exitQualification;

    public TranslationStatus status() {
        return status;
    }

    public boolean ok() {
        return status == TranslationStatus.OK;
    }

    /** Host-physical address of the access (valid when {@link #ok()}). */
    public long physicalAddress() {
        return physicalAddress;
    }

    /** Cycles spent translating (TLB lookup, page walk, A/D updates); also set for faults. */
    public int latency() {
        return latency;
    }

    /** log2 of the size of the page the TLB holds for this translation (12, 21 or 30). */
    public int pageShift() {
        return pageShift;
    }

    /** Linear address that faulted (goes to CR2 for a #PF; the guest-linear address of an EPT violation). */
    public long faultAddress() {
        return faultAddress;
    }

    /** Page-fault error code (Intel SDM Vol. 3A 4.7); see {@link org.hvsim.mmu.paging.PageFaultErrorCode}. */
    public int errorCode() {
        return errorCode;
    }

    /** Guest-physical address of an EPT violation/misconfiguration or NPF (EXITINFO2). */
    public long guestPhysicalAddress() {
        return guestPhysicalAddress;
    }

    /** EPT-violation exit qualification, or NPF EXITINFO1. */
    public long exitQualification() {
        return exitQualification;
    }

    // ---- writers used by the MMU ----

    public void setOk(long physicalAddress, int pageShift) {
        if (status != TranslationStatus.OK) {
            status = TranslationStatus.OK; // skip the reference store's GC barrier on the usual OK-after-OK
        }
        this.physicalAddress = physicalAddress;
        this.pageShift = pageShift;
    }

    public void setLatency(int cycles) {
        this.latency = cycles;
    }

    public void setPageFault(long linearAddress, int errorCode) {
        this.status = TranslationStatus.PAGE_FAULT;
        this.faultAddress = linearAddress;
        this.errorCode = errorCode;
    }

    public void setEptViolation(long guestPhysical, long guestLinear, long qualification) {
        this.status = TranslationStatus.EPT_VIOLATION;
        this.guestPhysicalAddress = guestPhysical;
        this.faultAddress = guestLinear;
        this.exitQualification = qualification;
    }

    public void setEptMisconfiguration(long guestPhysical) {
        this.status = TranslationStatus.EPT_MISCONFIGURATION;
        this.guestPhysicalAddress = guestPhysical;
        this.exitQualification = 0;
    }

    public void setNestedPageFault(long guestPhysical, long exitInfo1) {
        this.status = TranslationStatus.NESTED_PAGE_FAULT;
        this.guestPhysicalAddress = guestPhysical;
        this.exitQualification = exitInfo1;
    }

    public void setNonCanonical(long linearAddress) {
        this.status = TranslationStatus.NON_CANONICAL;
        this.faultAddress = linearAddress;
    }

    @Override
    public String toString() {
        return switch (status) {
            case OK -> "OK pa=0x" + Long.toHexString(physicalAddress) + " latency=" + latency;
            case PAGE_FAULT -> "#PF la=0x" + Long.toHexString(faultAddress) + " ec=0x" + Integer.toHexString(errorCode);
            case EPT_VIOLATION -> "EPT violation gpa=0x" + Long.toHexString(guestPhysicalAddress)
                    + " qual=0x" + Long.toHexString(exitQualification);
            case EPT_MISCONFIGURATION -> "EPT misconfiguration gpa=0x" + Long.toHexString(guestPhysicalAddress);
            case NESTED_PAGE_FAULT -> "NPF gpa=0x" + Long.toHexString(guestPhysicalAddress)
                    + " exitinfo1=0x" + Long.toHexString(exitQualification);
            case NON_CANONICAL -> "non-canonical 0x" + Long.toHexString(faultAddress);
        };
    }
}
