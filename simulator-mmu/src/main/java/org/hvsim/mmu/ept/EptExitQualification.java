package org.hvsim.mmu.ept;

/** Exit-qualification bits of an EPT violation (Intel SDM Vol. 3C 28.2.3.2 and Table 28-7). */
public final class EptExitQualification {

    /** Bit 0: the access was a data read. */
    public static final long READ = 1L;
    /** Bit 1: the access was a data write. */
    public static final long WRITE = 1L << 1;
    /** Bit 2: the access was an instruction fetch. */
    public static final long FETCH = 1L << 2;
    /** Bits 5:3: AND of bits 2:0 of the EPT entries used (readable, writable, executable). */
    public static final int PERMISSIONS_SHIFT = 3;
    public static final long READABLE = 1L << 3;
    public static final long WRITABLE = 1L << 4;
    public static final long EXECUTABLE = 1L << 5;
    /** Bit 7: the guest linear-address field is valid. */
    public static final long GLA_VALID = 1L << 7;
    /** Bit 8 (when bit 7 is set): 1 = access to the final translation of the linear address; 0 = to a guest paging-structure entry. */
    public static final long FINAL_TRANSLATION = 1L << 8;

    private EptExitQualification() {
    }
}
