package org.hvsim.core.exec;

/**
 * A basic block of predecoded instructions: straight-line code ending at a control transfer,
 * a page boundary or a length cap. Blocks are the unit of the decode cache; successors are
 * chained so that a loop runs without any cache lookup.
 */
final class Block {
    /** Longest block; bounds the work lost when a block is invalidated. */
    static final int MAX_INSTRUCTIONS = 64;

    final long start;
    /** The instructions as executed, with compare-and-branch pairs fused into one object. */
    final Insn[] insns;
    /** One object per guest instruction, for exact stepping when a budget ends inside the block. */
    final Insn[] plain;
    /** Guest instructions in the block (the length of {@link #plain}). */
    final int instructionCount;
    /** Address after the last instruction: where straight-line execution continues. */
    final long end;
    /** Whether the last instruction may transfer control (it then sets RIP itself). */
    final boolean endsWithTransfer;
    /** Physical pages the instruction bytes came from (one, or two if an instruction straddles). */
    final long firstPage;
    final long lastPage;
    boolean valid = true;
    /**
     * Chained successors, checked by start address before use, and trusted only while the
     * interpreter's translation epoch equals {@link #chainEpoch} (a new address space may map
     * the same linear address to other code).
     */
    Block successorA;
    Block successorB;
    long chainEpoch;

    Block(long start, Insn[] insns, Insn[] plain, long firstPage, long lastPage) {
        this.start = start;
        this.insns = insns;
        this.plain = plain;
        this.instructionCount = plain.length;
        Insn last = plain[plain.length - 1];
        this.end = last.nextAddress();
        this.endsWithTransfer = last.isControlTransfer();
        this.firstPage = firstPage;
        this.lastPage = lastPage;
    }
}
