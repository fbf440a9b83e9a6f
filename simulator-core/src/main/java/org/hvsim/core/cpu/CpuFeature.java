package org.hvsim.core.cpu;

/**
 * CPUID feature flags, each with its leaf, register and bit (Intel SDM Vol. 2A, CPUID, Tables
 * 3-10, 3-11, 3-18 and the extended leaves; AMD APM Vol. 3 Appendix E for SVM), and whether hvsim
 * executes what the flag announces. A preset lists what the real processor has; CPUID reports
 * the intersection with what hvsim implements, as a VMM masks CPUID for features it cannot offer.
 */
public enum CpuFeature {
    // Leaf 1 EDX
    FPU(1, 'd', 0, false),
    TSC(1, 'd', 4, true),
    MSR(1, 'd', 5, true),
    PAE(1, 'd', 6, true),
    CX8(1, 'd', 8, true),
    APIC(1, 'd', 9, true),
    SEP(1, 'd', 11, true),
    PGE(1, 'd', 13, true),
    CMOV(1, 'd', 15, true),
    PAT(1, 'd', 16, true),
    CLFLUSH(1, 'd', 19, true),
    MMX(1, 'd', 23, false),
    FXSR(1, 'd', 24, false),
    SSE(1, 'd', 25, false),
    SSE2(1, 'd', 26, false),
    // Leaf 1 ECX
    SSE3(1, 'c', 0, false),
    MONITOR(1, 'c', 3, false),
    VMX(1, 'c', 5, false),
    SSSE3(1, 'c', 9, false),
    CX16(1, 'c', 13, true),
    PCID(1, 'c', 17, true),
    SSE4_1(1, 'c', 19, false),
    SSE4_2(1, 'c', 20, false),
    X2APIC(1, 'c', 21, false),
    MOVBE(1, 'c', 22, true),
    POPCNT(1, 'c', 23, true),
    TSC_DEADLINE(1, 'c', 24, false),
    XSAVE(1, 'c', 26, false),
    AVX(1, 'c', 28, false),
    RDRAND(1, 'c', 30, false),
    // Leaf 7 (subleaf 0) EBX / ECX
    FSGSBASE(7, 'b', 0, false),
    BMI1(7, 'b', 3, true),
    AVX2(7, 'b', 5, false),
    SMEP(7, 'b', 7, true),
    BMI2(7, 'b', 8, false),
    INVPCID(7, 'b', 10, true),
    SMAP(7, 'b', 20, true),
    UMIP(7, 'c', 2, true),
    LA57(7, 'c', 16, false),
    // Leaf 0x80000001 ECX / EDX
    LAHF_LM(0x8000_0001, 'c', 0, true),
    SVM(0x8000_0001, 'c', 2, false),
    LZCNT(0x8000_0001, 'c', 5, true),
    SYSCALL(0x8000_0001, 'd', 11, true),
    NX(0x8000_0001, 'd', 20, true),
    PAGE_1GB(0x8000_0001, 'd', 26, true),
    RDTSCP(0x8000_0001, 'd', 27, true),
    LONG_MODE(0x8000_0001, 'd', 29, true);

    private final int leaf;
    private final char register;
    private final int bit;
    private final boolean implemented;

    CpuFeature(int leaf, char register, int bit, boolean implemented) {
        this.leaf = leaf;
        this.register = register;
        this.bit = bit;
        this.implemented = implemented;
    }

    public int leaf() {
        return leaf;
    }

    /** 'a', 'b', 'c' or 'd': the CPUID output register. */
    public char register() {
        return register;
    }

    public int bit() {
        return bit;
    }

    /** Whether hvsim executes what this flag announces (CPUID reports only those). */
    public boolean implemented() {
        return implemented;
    }
}
