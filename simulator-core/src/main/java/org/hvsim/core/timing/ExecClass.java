package org.hvsim.core.timing;

/** What execution resource an instruction's computation needs (its latency comes from the preset). */
public enum ExecClass {
    /** No computation beyond moving data (MOV, LEA with simple forms, NOP, PUSH/POP). */
    NONE,
    /** A simple integer ALU operation (add, logic, shifts, compares, SETcc, CMOVcc, LEA). */
    ALU,
    /** Integer multiply. */
    MUL,
    /** Integer divide (unpipelined). */
    DIV,
    /** A control transfer resolved in the branch unit. */
    BRANCH,
    /** A repeated string operation: one memory uop per element. */
    STRING,
    /** A microcoded system instruction: its cost comes from the preset's microcode costs. */
    MICROCODE
}
