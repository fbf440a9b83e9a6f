package org.hvsim.core.decode;

/**
 * How an instruction matters to a virtual machine monitor (Popek and Goldberg 1974; Robin and
 * Irvine 2000). The decoder classifies every instruction once, so the execution engine can
 * consult an installed monitor for exactly the instructions that need it.
 */
public enum Sensitivity {
    /** Ordinary user-level computation: never reported to a monitor. */
    INNOCUOUS,
    /** Privileged: raises #GP(0) (or #UD) when executed at CPL &gt; 0, so it traps when deprivileged. */
    PRIVILEGED,
    /**
     * Privileged depending on IOPL, the TSS I/O bitmap or a CR4 bit (IN/OUT/INS/OUTS, CLI/STI,
     * RDTSC with CR4.TSD, RDPMC): traps only in some configurations.
     */
    CONDITIONALLY_PRIVILEGED,
    /**
     * Sensitive but not privileged: reveals or changes privileged state without trapping at
     * CPL 3 (SGDT, SIDT, SLDT, SMSW, STR, PUSHF, POPF, LAR, LSL, VERR, VERW, segment-register
     * moves, far transfers) - the instructions that made x86 not classically virtualizable.
     */
    SENSITIVE_UNPRIVILEGED,
    /** A VMX instruction (Intel SDM Vol. 3C ch. 31). */
    VMX,
    /** An SVM instruction (AMD APM Vol. 2 ch. 15). */
    SVM;

    /** True for every class a monitor must see. */
    public boolean isSensitive() {
        return this != INNOCUOUS;
    }
}
