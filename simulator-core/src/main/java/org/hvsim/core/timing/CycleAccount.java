package org.hvsim.core.timing;

/**
 * The accounts of a CPI stack: every simulated cycle lands in exactly one (the design's "cycle
 * accounts"). The timing models use the first group; the virtualization techniques of later
 * issues charge the second, so charts can say where a VM's extra cycles went.
 */
public enum CycleAccount {
    /** Cycles the pipeline needs with perfect caches, TLBs and prediction (dispatch-width bound, dependences). */
    BASE("base"),
    /** Lost to branch mispredictions (front-end refill and, out of order, window drain). */
    BRANCH("branch"),
    /** Instruction-cache misses stalling fetch. */
    ICACHE("icache"),
    /** Data-cache misses served by L2. */
    DCACHE_L2("dcache-L2"),
    /** Data-cache misses served by the last-level cache. */
    DCACHE_LLC("dcache-LLC"),
    /** Data-cache misses served by memory. */
    DCACHE_DRAM("dcache-DRAM"),
    /** TLB misses and page walks (native dimension). */
    TLB("tlb/walk"),
    /** The nested (EPT/NPT) dimension of two-dimensional walks. */
    TLB_NESTED("tlb/walk-nested"),
    /** Serializing instructions draining the pipeline, and microcoded system operations. */
    SERIALIZATION("serialization"),
    /** Exception and interrupt delivery. */
    EXCEPTION("exception"),
    /** A halted processor waiting for an interrupt. */
    IDLE("idle"),
    // --- accounts of the virtualization techniques (later issues) ---
    VM_EXIT("vm-exit"),
    VM_ENTRY("vm-entry"),
    VMM_HANDLER("vmm-handler"),
    TRANSLATION("bt-translation"),
    HYPERCALL("hypercall");

    private final String label;

    CycleAccount(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
