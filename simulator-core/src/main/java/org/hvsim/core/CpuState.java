package org.hvsim.core;

/**
 * Architectural register state of one logical processor in 64-bit mode.
 *
 * <p>Fields are public and mutable on purpose: instruction semantics read and write them on the
 * per-instruction path, where accessor indirection and defensive copies would cost time. The
 * state holds no references to memory or devices; those belong to the execution engine.
 */
public final class CpuState {
    /**
     * RAX..R15, indexed by {@link Registers}. 32-bit writes zero bits 63:32 (SDM Vol. 1 3.4.1.1).
     * Slot {@link Registers#ZERO} is not a register: it always holds 0 and stands in for an absent
     * base or index, so effective-address arithmetic needs no branches.
     */
    public final long[] gpr = new long[17];
    /** Instruction pointer of the next instruction to execute. */
    public long rip;
    /** The arithmetic flags (lazily evaluated) and the rest of RFLAGS. */
    public final LazyFlags flags = new LazyFlags();
    /** FS.base and GS.base: the only segment bases that matter for linear addresses in 64-bit mode. */
    public long fsBase;
    public long gsBase;

    /** Full RFLAGS value with the lazily computed arithmetic flags materialized. */
    public long rflags() {
        return flags.rflags();
    }

    public void setRflags(long value) {
        flags.setRflags(value);
    }
}
