package org.hvsim.core.exec;

import org.hvsim.core.decode.DecodedInstruction;

/**
 * A predecoded instruction bound to its semantics: decoding happens once, and each execution
 * is one virtual call on an object whose fields already hold the register numbers, immediates
 * and addressing form. Subclasses are specialised per operand form so the per-instruction path
 * neither decodes nor allocates.
 *
 * <p>{@link #execute} must leave {@code rip} alone unless the instruction transfers control; the
 * engine advances RIP past straight-line code at the end of each block.
 */
public abstract class Insn {
    /** The decoded form, kept for tracing, disassembly and the monitor. */
    public final DecodedInstruction decoded;
    /** Position in its block, so the engine can tell the exact instruction count mid-block. */
    int indexInBlock;
    /** Timing profile, built the first time a timing model sees this instruction. */
    org.hvsim.core.timing.InstructionProfile profile;

    /** Position of this object's first guest instruction in its block. */
    public final int indexInBlock() {
        return indexInBlock;
    }

    /** For fusion: the fused object starts where its first instruction did. */
    protected final void placeLike(Insn first) {
        this.indexInBlock = first.indexInBlock;
    }

    protected Insn(DecodedInstruction decoded) {
        this.decoded = decoded;
    }

    public abstract void execute(Interpreter cpu);

    /** True if this instruction may change RIP other than by falling through. */
    public boolean isControlTransfer() {
        return false;
    }

    /** How many guest instructions this object executes: 2 for a fused compare-and-branch. */
    public int instructionCount() {
        return 1;
    }

    public final long address() {
        return decoded.address;
    }

    /** Address after the last guest instruction this object executes. */
    public long nextAddress() {
        return decoded.address + decoded.length;
    }
}
