package org.hvsim.core.exec.semantics;

import org.hvsim.core.exec.Interpreter;

/**
 * A readable and writable operand location of a fixed width: a register, a memory operand or an
 * immediate. Generic instruction forms are written once against this interface; hot forms have
 * specialised classes that bypass it.
 *
 * <p>Values are zero-extended to 64 bits on read and truncated to the width on write. For a
 * memory location, {@link #read} resolves the address and {@link #write} reuses it, so a
 * read-modify-write instruction computes its address once.
 */
abstract class Loc {
    /** Width in bytes. */
    final int size;

    Loc(int size) {
        this.size = size;
    }

    abstract long read(Interpreter cpu);

    abstract void write(Interpreter cpu, long value);

    /**
     * Reads the current value of a destination that will be written back: a memory location
     * also checks that it is writable, so a fault happens before any state changes.
     */
    long readForUpdate(Interpreter cpu) {
        return read(cpu);
    }

    boolean isMemory() {
        return false;
    }

    int bits() {
        return size * 8;
    }
}
