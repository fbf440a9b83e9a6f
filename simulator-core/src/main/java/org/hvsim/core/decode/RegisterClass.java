package org.hvsim.core.decode;

/** Register files an operand can name. */
public enum RegisterClass {
    /** RAX..R15 (at any width; 8-bit numbers 4-7 mean SPL..DIL, reachable only with REX). */
    GPR,
    /** AH, CH, DH, BH: bits 15:8 of RAX..RBX, encodable only without REX. Number 0-3. */
    GPR_HIGH8,
    /** ES, CS, SS, DS, FS, GS (numbers 0-5, SDM Vol. 2A 3.1.1.3 Sreg encoding). */
    SEGMENT,
    /** CR0-CR15. */
    CONTROL,
    /** DR0-DR15. */
    DEBUG
}
