package org.hvsim.core.timing.branch;

/**
 * The kinds of control transfer the branch unit tells apart. Only {@link #CONDITIONAL} has a
 * direction to predict; every other kind is always taken and only its target is predicted.
 */
public enum BranchKind {
    /** Jcc, LOOP, JRCXZ: direction from the direction predictor, target from the BTB. */
    CONDITIONAL,
    /** JMP rel: target from the BTB. */
    JUMP_DIRECT,
    /** CALL rel: target from the BTB; pushes the return address on the return-address stack. */
    CALL_DIRECT,
    /** JMP r/m: target from the indirect-target predictor, falling back to the BTB. */
    JUMP_INDIRECT,
    /** CALL r/m: as {@link #JUMP_INDIRECT}, and pushes the return address. */
    CALL_INDIRECT,
    /** RET: target from the return-address stack (from the indirect path when it has no entries). */
    RETURN
}
