package org.hvsim.core;

/** Architectural exception vectors (Intel SDM Vol. 3A, Table 6-1). */
public enum ExceptionVector {
    DE(0, "#DE", "divide error", false),
    DB(1, "#DB", "debug", false),
    NMI(2, "NMI", "non-maskable interrupt", false),
    BP(3, "#BP", "breakpoint", false),
    OF(4, "#OF", "overflow", false),
    BR(5, "#BR", "BOUND range exceeded", false),
    UD(6, "#UD", "invalid opcode", false),
    NM(7, "#NM", "device not available", false),
    DF(8, "#DF", "double fault", true),
    TS(10, "#TS", "invalid TSS", true),
    NP(11, "#NP", "segment not present", true),
    SS(12, "#SS", "stack-segment fault", true),
    GP(13, "#GP", "general protection", true),
    PF(14, "#PF", "page fault", true),
    MF(16, "#MF", "x87 floating-point error", false),
    AC(17, "#AC", "alignment check", true),
    MC(18, "#MC", "machine check", false),
    XM(19, "#XM", "SIMD floating-point exception", false);

    private final int number;
    private final String mnemonic;
    private final String description;
    private final boolean hasErrorCode;

    ExceptionVector(int number, String mnemonic, String description, boolean hasErrorCode) {
        this.number = number;
        this.mnemonic = mnemonic;
        this.description = description;
        this.hasErrorCode = hasErrorCode;
    }

    public int number() {
        return number;
    }

    public String mnemonic() {
        return mnemonic;
    }

    public String description() {
        return description;
    }

    /** Whether delivery pushes an error code (SDM Vol. 3A 6.13). */
    public boolean hasErrorCode() {
        return hasErrorCode;
    }
}
