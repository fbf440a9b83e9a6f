package org.hvsim.mmu;

/** The kind of a memory access being translated (Intel SDM Vol. 3A 4.6: data read, data write, instruction fetch). */
public enum AccessKind {
    READ, WRITE, EXECUTE
}
