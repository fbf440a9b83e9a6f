package org.hvsim.core.exec;

/** Why {@link Interpreter#run} returned. */
public enum StopReason {
    /** The guest asked to end (exit system call in user mode, exit device in system mode). */
    EXITED,
    /** The instruction budget given to {@code run} was used up. */
    INSTRUCTION_LIMIT,
    /** An exception the guest could not handle (user mode: there is no guest kernel). */
    GUEST_FAULT,
    /** A stop requested from outside the instruction stream (e.g. a system call handler error). */
    STOP_REQUESTED
}
