package org.hvsim.core.cpu;

/**
 * Extra cycles that microcoded system operations cost beyond the one cycle per instruction of
 * the functional core, per CPU preset (each value's source is in the preset file). They make
 * privilege transitions, exception delivery and port I/O cost what they cost on the processor,
 * so the guest's RDTSC-measured nanobenchmarks come out plausible; the timing models of the
 * pipeline issue add per-uop latencies on top.
 *
 * @param exceptionDelivery  delivering an exception or interrupt through the IDT
 * @param softwareInterrupt  INT n / INT3 delivery
 * @param iret               IRETQ
 * @param syscall            SYSCALL (and SYSENTER)
 * @param sysret             SYSRET (and SYSEXIT)
 * @param cpuid              CPUID
 * @param rdtsc              RDTSC / RDTSCP
 * @param rdmsr              RDMSR
 * @param wrmsr              WRMSR
 * @param movToCr0Cr4        MOV to CR0 or CR4, LMSW, CLTS
 * @param movToCr3           MOV to CR3 (the TLB effects are modelled separately by the MMU)
 * @param movToCr8           MOV to CR8 (TPR)
 * @param invlpg             INVLPG / INVPCID
 * @param descriptorLoad     LGDT, LIDT, LLDT, LTR, segment-register loads
 * @param flagsControl       CLI, STI, POPF, SWAPGS
 * @param ioPortNanoseconds  one IN/OUT on a legacy (ISA-class) port, in nanoseconds of wall time:
 *                           a bus cycle, independent of the core clock
 */
public record MicrocodeCosts(int exceptionDelivery, int softwareInterrupt, int iret, int syscall, int sysret,
                             int cpuid, int rdtsc, int rdmsr, int wrmsr, int movToCr0Cr4, int movToCr3,
                             int movToCr8, int invlpg, int descriptorLoad, int flagsControl,
                             int ioPortNanoseconds) {
    /** YAML keys under {@code costs:}, in record order. */
    public static final String[] KEYS = {"exception_delivery", "software_interrupt", "iret", "syscall", "sysret",
        "cpuid", "rdtsc", "rdmsr", "wrmsr", "mov_to_cr0_cr4", "mov_to_cr3", "mov_to_cr8", "invlpg",
        "descriptor_load", "flags_control", "io_port_ns"};

    static MicrocodeCosts of(int[] v) {
        return new MicrocodeCosts(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
                v[13], v[14], v[15]);
    }

    /** Cycles of one port access at {@code frequencyHz}. */
    public int ioPortCycles(long frequencyHz) {
        return (int) Math.min(Integer.MAX_VALUE, ioPortNanoseconds * frequencyHz / 1_000_000_000L);
    }
}
