package org.hvsim.core.system;

/**
 * Model-specific registers this processor model implements (addresses: Intel SDM Vol. 4,
 * "Model-Specific Registers"). RDMSR/WRMSR of any other address raise #GP(0).
 */
public enum Msr {
    IA32_TSC(0x10),
    IA32_APIC_BASE(0x1B),
    IA32_FEATURE_CONTROL(0x3A),
    IA32_TSC_ADJUST(0x3B),
    IA32_SYSENTER_CS(0x174),
    IA32_SYSENTER_ESP(0x175),
    IA32_SYSENTER_EIP(0x176),
    IA32_MISC_ENABLE(0x1A0),
    IA32_PAT(0x277),
    IA32_EFER(0xC000_0080),
    IA32_STAR(0xC000_0081),
    IA32_LSTAR(0xC000_0082),
    IA32_CSTAR(0xC000_0083),
    IA32_FMASK(0xC000_0084),
    IA32_FS_BASE(0xC000_0100),
    IA32_GS_BASE(0xC000_0101),
    IA32_KERNEL_GS_BASE(0xC000_0102),
    IA32_TSC_AUX(0xC000_0103);

    private static final Msr[] ALL = values();

    private final int address;

    Msr(int address) {
        this.address = address;
    }

    public int address() {
        return address;
    }

    /** The MSR at {@code address}, or null if this model does not implement it. */
    public static Msr at(long address) {
        for (Msr m : ALL) {
            if (m.address == (int) address && (address >>> 32) == 0) {
                return m;
            }
        }
        return null;
    }
}
