package org.hvsim.core.timing;

import org.hvsim.core.decode.DecodedInstruction;
import org.hvsim.core.mem.AccessLog;

/**
 * One retired instruction as the timing models see it: its static profile and what happened
 * when it ran (the next RIP, its data accesses, microcode cycles it charged). The engine reuses
 * one instance for every instruction, so nothing is allocated per instruction; a model must copy
 * what it wants to keep.
 */
public final class RetiredInstruction {
    /** Position in the retired stream, from 0. */
    public long sequence;
    public long pc;
    /** The RIP after the instruction: the branch target if a branch was taken. */
    public long nextPc;
    public DecodedInstruction decoded;
    public InstructionProfile profile;
    /** For branches: whether control went somewhere other than the next instruction. */
    public boolean taken;
    /** Extra cycles the instruction's microcode charged (privilege transitions, port I/O). */
    public long microcodeCycles;
    /** Whether the instruction ran at CPL 3 (for the user/kernel split of reports). */
    public boolean user;
    /** The data accesses (linear addresses) the instruction made. */
    public AccessLog accesses;

    public long fallThrough() {
        return pc + decoded.length;
    }
}
