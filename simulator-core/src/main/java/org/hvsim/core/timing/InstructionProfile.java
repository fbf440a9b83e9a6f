package org.hvsim.core.timing;

import org.hvsim.core.timing.branch.BranchKind;

/**
 * What the timing models need to know about one instruction that does not change between its
 * executions: its execution class, memory uops, register dependences (bits 0-15 the GPRs, bit
 * {@link #FLAGS} the status flags), branch kind and whether it serializes. Built once per decoded
 * instruction by {@link InstructionProfiles}.
 */
public final class InstructionProfile {
    /**
     * Bit of the status flags in {@link #reads} and {@link #writes}. Bit 16 is skipped: it is
     * {@link org.hvsim.core.Registers#ZERO}, the always-zero address slot, which is no dependence.
     */
    public static final int FLAGS = 17;
    /** Size of a scoreboard indexed by register bit (GPRs, the unused ZERO slot, FLAGS). */
    public static final int REGISTER_BITS = FLAGS + 1;

    public final ExecClass exec;
    /** Load uops (static count; string instructions load per element at run time). */
    public final int loads;
    /** Store uops. */
    public final int stores;
    public final long reads;
    public final long writes;
    /** Null unless the instruction transfers control. */
    public final BranchKind branch;
    /** Drains the pipeline before and after it (SDM Vol. 3A 9.3 serializing instructions, and microcode). */
    public final boolean serializing;
    /** Instruction length in bytes, for fetch. */
    public final int length;

    public InstructionProfile(ExecClass exec, int loads, int stores, long reads, long writes, BranchKind branch,
                              boolean serializing, int length) {
        this.exec = exec;
        this.loads = loads;
        this.stores = stores;
        this.reads = reads;
        this.writes = writes;
        this.branch = branch;
        this.serializing = serializing;
        this.length = length;
    }

    public boolean isBranch() {
        return branch != null;
    }
}
