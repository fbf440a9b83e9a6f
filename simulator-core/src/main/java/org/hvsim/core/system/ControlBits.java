package org.hvsim.core.system;

/** Bit positions of CR0, CR4, EFER and CR3 (Intel SDM Vol. 3A 2.5 and 2.2.1). */
public final class ControlBits {
    // CR0
    public static final long CR0_PE = 1L;
    public static final long CR0_MP = 1L << 1;
    public static final long CR0_EM = 1L << 2;
    public static final long CR0_TS = 1L << 3;
    public static final long CR0_ET = 1L << 4;
    public static final long CR0_NE = 1L << 5;
    public static final long CR0_WP = 1L << 16;
    public static final long CR0_AM = 1L << 18;
    public static final long CR0_NW = 1L << 29;
    public static final long CR0_CD = 1L << 30;
    public static final long CR0_PG = 1L << 31;
    /** Bits that may be set; others are reserved (writing 1 to bits 63:32 is #GP). */
    public static final long CR0_DEFINED = CR0_PE | CR0_MP | CR0_EM | CR0_TS | CR0_ET | CR0_NE | CR0_WP
            | CR0_AM | CR0_NW | CR0_CD | CR0_PG;

    // CR4
    public static final long CR4_VME = 1L;
    public static final long CR4_PVI = 1L << 1;
    public static final long CR4_TSD = 1L << 2;
    public static final long CR4_DE = 1L << 3;
    public static final long CR4_PSE = 1L << 4;
    public static final long CR4_PAE = 1L << 5;
    public static final long CR4_MCE = 1L << 6;
    public static final long CR4_PGE = 1L << 7;
    public static final long CR4_PCE = 1L << 8;
    public static final long CR4_OSFXSR = 1L << 9;
    public static final long CR4_OSXMMEXCPT = 1L << 10;
    public static final long CR4_UMIP = 1L << 11;
    public static final long CR4_LA57 = 1L << 12;
    public static final long CR4_VMXE = 1L << 13;
    public static final long CR4_SMXE = 1L << 14;
    public static final long CR4_FSGSBASE = 1L << 16;
    public static final long CR4_PCIDE = 1L << 17;
    public static final long CR4_OSXSAVE = 1L << 18;
    public static final long CR4_SMEP = 1L << 20;
    public static final long CR4_SMAP = 1L << 21;
    public static final long CR4_PKE = 1L << 22;
    /**
     * CR4 bits this model accepts; setting any other bit is #GP(0). VMXE is absent until VMX
     * operation is modelled (CPUID reports no VMX, so #GP is the architectural answer).
     */
    public static final long CR4_SUPPORTED = CR4_VME | CR4_PVI | CR4_TSD | CR4_DE | CR4_PSE | CR4_PAE | CR4_MCE
            | CR4_PGE | CR4_PCE | CR4_OSFXSR | CR4_OSXMMEXCPT | CR4_UMIP | CR4_LA57 | CR4_FSGSBASE
            | CR4_PCIDE | CR4_SMEP | CR4_SMAP;

    // IA32_EFER
    public static final long EFER_SCE = 1L;
    public static final long EFER_LME = 1L << 8;
    public static final long EFER_LMA = 1L << 10;
    public static final long EFER_NXE = 1L << 11;
    public static final long EFER_SVME = 1L << 12;
    /** EFER bits this model accepts (SVME is absent until SVM is modelled: CPUID reports none). */
    public static final long EFER_DEFINED = EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE;

    // CR3
    public static final long CR3_PCID_MASK = 0xFFF;
    public static final long CR3_NO_FLUSH = 1L << 63;

    private ControlBits() {
    }
}
